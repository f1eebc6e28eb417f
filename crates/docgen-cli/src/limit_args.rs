//! `--max-...` flags: the reading limits of [`docgen_read::Limits`] on the command line, for
//! `parse`, `model`, `generate`, `check` and `drift`. Defaults are the library's, so a run without
//! flags reads exactly as the library does.

use clap::Args;
use docgen_read::Limits;

#[derive(Args, Clone, Debug)]
#[command(next_help_heading = "Limits (pages are untrusted input)")]
pub struct LimitArgs {
    /// Largest page read, in bytes; a larger page is skipped (`page-too-large`).
    #[arg(long, value_name = "BYTES", default_value_t = Limits::DEFAULT_MAX_PAGE_BYTES)]
    max_page_bytes: usize,
    /// Rows kept per table; later rows are dropped (`table-truncated`).
    #[arg(long, value_name = "ROWS", default_value_t = Limits::DEFAULT_MAX_TABLE_ROWS)]
    max_table_rows: usize,
    /// Deepest `[`/`{` nesting of an example body, annotation or front matter; a deeper one
    /// is not read (`json-too-deep`, `front-matter-too-deep`). Above 128 changes nothing:
    /// the JSON parser stops there itself.
    #[arg(long, value_name = "LEVELS", default_value_t = Limits::DEFAULT_MAX_JSON_DEPTH)]
    max_json_depth: usize,
    /// Deepest HTML element nesting read as structure; deeper content is read as plain text
    /// (`html-too-deep`).
    #[arg(long, value_name = "LEVELS", default_value_t = Limits::DEFAULT_MAX_NESTING)]
    max_nesting: usize,
    /// Most files read from the paths given; the rest are skipped (`too-many-files`).
    #[arg(long, value_name = "FILES", default_value_t = Limits::DEFAULT_MAX_FILES)]
    max_files: usize,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_page_bytes: self.max_page_bytes,
            max_table_rows: self.max_table_rows,
            max_json_depth: self.max_json_depth,
            max_nesting: self.max_nesting,
            max_files: self.max_files,
        }
    }
}
