//! Identifier sanitising: the one place a documentation name becomes a Rust identifier.
//!
//! Every identifier the generator emits comes from [`sanitize`], so each is valid by
//! construction: ASCII letters, digits and single underscores, never starting with a digit,
//! keywords made raw (`r#type`) or suffixed (`self_`) where raw identifiers are not allowed.
//! A [`Scope`] holds the names already used in one namespace (a struct's fields, an enum's
//! variants, a module's functions); a name that is taken gets a deterministic suffix (`_2`,
//! `_3`... in the order names are requested), so the output never depends on hashing.

use std::collections::BTreeSet;
use std::fmt;

use proc_macro2::{Ident, Span, TokenStream};
use quote::ToTokens;

use crate::text::is_invisible;

/// The case a caller wants an identifier in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Case {
    /// `snake_case`: fields, functions, parameters.
    Snake,
    /// `UpperCamelCase`: types and enum variants.
    UpperCamel,
    /// `SCREAMING_SNAKE_CASE`: constants.
    ScreamingSnake,
}

/// The identifiers already used in one namespace.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope in which `names` (hand-written items of the generated module, locals of a
    /// generated function) are already taken, so generated names steer around them.
    pub fn with_reserved(names: &[&str]) -> Self {
        Self {
            taken: names.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Whether `name` (without any `r#`) is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

/// A valid Rust identifier produced by [`sanitize`].
///
/// The only way to make one is [`sanitize`], which is what makes [`RustName::ident`] safe:
/// `proc_macro2::Ident::new` panics on invalid input and never sees any.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustName {
    text: String,
    raw: bool,
}

impl RustName {
    /// The identifier without any `r#` prefix.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the identifier is a keyword written raw (`r#type`).
    pub fn is_raw(&self) -> bool {
        self.raw
    }

    pub fn ident(&self) -> Ident {
        if self.raw {
            Ident::new_raw(&self.text, Span::call_site())
        } else {
            Ident::new(&self.text, Span::call_site())
        }
    }
}

impl fmt::Display for RustName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.text)
    }
}

impl ToTokens for RustName {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.ident().to_tokens(tokens);
    }
}

/// Keywords of edition 2021 (strict and reserved) plus `gen` (reserved from 2024): all
/// valid as raw identifiers. Weak keywords (`union`, `raw`, `safe`, `macro_rules`) are
/// ordinary identifiers where the generator uses names.
const RAW_KEYWORDS: [&str; 48] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: these get a trailing `_` instead.
const NON_RAW_KEYWORDS: [&str; 4] = ["self", "Self", "super", "crate"];

/// Whether `name` is a Rust keyword (strict, reserved, or `gen`).
pub fn is_keyword(name: &str) -> bool {
    RAW_KEYWORDS.contains(&name) || NON_RAW_KEYWORDS.contains(&name)
}

/// The library name of a package called `crate_name` (`graph-models` -> `graph_models`), as
/// an identifier; `None` unless it is one (ASCII letters, digits, `_` and `-`, starting
/// with a letter, not a keyword). Cargo rejects other names, and `Options` are validated
/// before anything is generated.
pub fn crate_ident(crate_name: &str) -> Option<RustName> {
    let text = crate_name.replace('-', "_");
    let valid = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_keyword(&text);
    valid.then_some(RustName { text, raw: false })
}

/// Turns any documentation name into a valid Rust identifier in `case`, unique in `scope`.
///
/// Words are split at separators (anything not a letter or digit), at lower-to-upper case
/// changes, and before the last capital of an acronym followed by a lower-case word
/// (`IMEIAnd` -> `IMEI`, `And`). Digits stay with the word before them (`windowsPhone81` ->
/// `WindowsPhone81`). A leading lone lower-case letter joins the next word, which is how the
/// docs write brand prefixes (`iOS` -> `Ios`, `eSIM` -> `Esim`); an acronym keeps a lone
/// trailing lower-case letter before a digit, a capital or the end (`IPv4`, `IDs`). Latin
/// letters with diacritics are folded to ASCII; other characters separate words. Empty or
/// all-symbol names become `unnamed`; a leading digit gets an `n` word in front (`3d` ->
/// `n_3d`).
pub fn sanitize(name: &str, case: Case, scope: &mut Scope) -> RustName {
    let words = split_words(name);
    let mut text = join(&words, case);
    if text.is_empty() {
        text = join(&["unnamed".to_owned()], case);
    } else if text.starts_with(|c: char| c.is_ascii_digit()) {
        let mut prefixed = vec!["n".to_owned()];
        prefixed.extend(words);
        text = join(&prefixed, case);
    }
    let mut raw = false;
    if NON_RAW_KEYWORDS.contains(&text.as_str()) {
        text.push('_');
    } else if RAW_KEYWORDS.contains(&text.as_str()) {
        raw = true;
    }
    if scope.taken.insert(text.clone()) {
        return RustName { text, raw };
    }
    // The stem drops the keyword suffix so `self_` taken twice gives `self_2`, not `self__2`
    // (a double underscore breaks the case lints).
    let stem = text.trim_end_matches('_');
    let separator = match case {
        // `Other_2` would break `non_camel_case_types`; an underscore between digits does not.
        Case::UpperCamel if !stem.ends_with(|c: char| c.is_ascii_digit()) => "",
        _ => "_",
    };
    let mut n = 2u64;
    loop {
        let candidate = format!("{stem}{separator}{n}");
        if scope.taken.insert(candidate.clone()) {
            return RustName {
                text: candidate,
                raw: false,
            };
        }
        n += 1;
    }
}

/// The ASCII spelling of a Latin letter with a diacritic, if it has an obvious one.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' => "A",
        'à'..='å' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' => "C",
        'ç' => "c",
        'È'..='Ë' => "E",
        'è'..='ë' => "e",
        'Ì'..='Ï' => "I",
        'ì'..='ï' => "i",
        'Ñ' => "N",
        'ñ' => "n",
        'Ò'..='Ö' | 'Ø' => "O",
        'ò'..='ö' | 'ø' => "o",
        'Ù'..='Ü' => "U",
        'ù'..='ü' => "u",
        'Ý' => "Y",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        _ => return None,
    })
}

/// Splits a name into words of ASCII letters and digits (case kept).
fn split_words(name: &str) -> Vec<String> {
    let mut chunks: Vec<Vec<char>> = Vec::new();
    let mut current = Vec::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            current.push(c);
        } else if let Some(ascii) = fold(c) {
            current.extend(ascii.chars());
        } else if is_invisible(c) {
            // Zero-width and bidi characters are invisible in the docs: they join, not split.
        } else if !current.is_empty() {
            chunks.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    let mut words = Vec::new();
    for chunk in chunks {
        split_chunk(&chunk, &mut words);
    }
    words
}

/// Splits one run of ASCII letters and digits at case changes.
fn split_chunk(chars: &[char], words: &mut Vec<String>) {
    let first = words.len();
    let mut start = 0;
    for (i, pair) in chars.windows(2).enumerate() {
        let [prev, c] = *pair else {
            continue;
        };
        // `c` is at `i + 1`: a new word starts there.
        let i = i + 1;
        if !c.is_ascii_uppercase() {
            continue;
        }
        let boundary = prev.is_ascii_lowercase()
            || prev.is_ascii_digit()
            || (prev.is_ascii_uppercase()
                && chars.get(i + 1).is_some_and(char::is_ascii_lowercase)
                && !lone_lower_tail(chars, i + 1));
        if boundary {
            words.push(chars.get(start..i).unwrap_or_default().iter().collect());
            start = i;
        }
    }
    words.push(chars.get(start..).unwrap_or_default().iter().collect());
    // `iOS`, `iPad`, `eSIM`: a brand prefix, not a word of its own.
    let brand = words
        .get(first)
        .is_some_and(|lead| lead.len() == 1 && lead.starts_with(|c: char| c.is_ascii_lowercase()));
    if brand && words.len() >= first + 2 {
        let next = words.remove(first + 1);
        if let Some(lead) = words.get_mut(first) {
            lead.push_str(&next);
        }
    }
}

/// Whether the lower-case run starting at `at` is one letter before a non-lower-case
/// character or the end: the plural or version tail of an acronym (`IDs`, `IPv4`).
fn lone_lower_tail(chars: &[char], at: usize) -> bool {
    !chars.get(at + 1).is_some_and(char::is_ascii_lowercase)
}

fn join(words: &[String], case: Case) -> String {
    let mut out = String::new();
    for word in words {
        match case {
            Case::Snake | Case::ScreamingSnake => {
                if !out.is_empty() {
                    out.push('_');
                }
                if case == Case::Snake {
                    out.push_str(&word.to_ascii_lowercase());
                } else {
                    out.push_str(&word.to_ascii_uppercase());
                }
            }
            Case::UpperCamel => {
                // `1` `2` must not run together into `12`; `_` between digits is still camel.
                if out.ends_with(|c: char| c.is_ascii_digit())
                    && word.starts_with(|c: char| c.is_ascii_digit())
                {
                    out.push('_');
                }
                let mut chars = word.chars();
                if let Some(head) = chars.next() {
                    out.push(head.to_ascii_uppercase());
                    out.extend(chars.map(|c| c.to_ascii_lowercase()));
                }
            }
        }
    }
    // Single-letter words (`a.b.c`) would give `ABC`, which `clippy::upper_case_acronyms`
    // rejects; keep only the first capital.
    if case == Case::UpperCamel && out.len() > 2 && out.bytes().all(|b| b.is_ascii_uppercase()) {
        if let Some(tail) = out.get_mut(1..) {
            tail.make_ascii_lowercase();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str, case: Case) -> String {
        sanitize(name, case, &mut Scope::new()).to_string()
    }

    #[test]
    fn snake_and_camel_table() {
        // (doc name, snake_case, UpperCamelCase)
        let table = [
            ("displayName", "display_name", "DisplayName"),
            ("id", "id", "Id"),
            ("@odata.type", "odata_type", "OdataType"),
            ("iOS", "ios", "Ios"),
            ("macOS", "mac_os", "MacOs"),
            ("iOSVersion", "ios_version", "IosVersion"),
            (
                "windows81AndLater",
                "windows81_and_later",
                "Windows81AndLater",
            ),
            ("windowsPhone81", "windows_phone81", "WindowsPhone81"),
            ("androidForWork", "android_for_work", "AndroidForWork"),
            ("IMEI", "imei", "Imei"),
            ("IMEIAndMEID", "imei_and_meid", "ImeiAndMeid"),
            ("deviceIDs", "device_ids", "DeviceIds"),
            ("IPv4Address", "ipv4_address", "Ipv4Address"),
            ("eSIM", "esim", "Esim"),
            ("windows10x", "windows10x", "Windows10x"),
            ("user-id", "user_id", "UserId"),
            (
                "unknownFutureValue",
                "unknown_future_value",
                "UnknownFutureValue",
            ),
            ("HTTPStatusCode", "http_status_code", "HttpStatusCode"),
            ("version1.2", "version1_2", "Version1_2"),
            ("3dPrinter", "n_3d_printer", "N3dPrinter"),
            ("", "unnamed", "Unnamed"),
            ("@#$%", "unnamed", "Unnamed"),
            ("café", "cafe", "Cafe"),
            ("naïveÜber", "naive_uber", "NaiveUber"),
            ("日本語", "unnamed", "Unnamed"),
            ("a日b", "a_b", "AB"),
            ("zero\u{200b}width", "zerowidth", "Zerowidth"),
            ("bidi\u{202e}Name", "bidi_name", "BidiName"),
            ("__private__", "private", "Private"),
            ("type", "r#type", "Type"),
            ("match", "r#match", "Match"),
            ("self", "self_", "Self_"),
            ("Self", "self_", "Self_"),
            ("super", "super_", "Super"),
            ("crate", "crate_", "Crate"),
            ("gen", "r#gen", "Gen"),
            ("union", "union", "Union"),
            ("a.b.c", "a_b_c", "Abc"),
        ];
        for (name, snake, camel) in table {
            assert_eq!(one(name, Case::Snake), snake, "snake {name:?}");
            assert_eq!(one(name, Case::UpperCamel), camel, "camel {name:?}");
        }
    }

    #[test]
    fn screaming_table() {
        let table = [
            ("iOS", "IOS"),
            ("windows81AndLater", "WINDOWS81_AND_LATER"),
            ("2fa", "N_2FA"),
            ("", "UNNAMED"),
        ];
        for (name, want) in table {
            assert_eq!(one(name, Case::ScreamingSnake), want, "{name:?}");
        }
    }

    #[test]
    fn collisions_get_ordered_suffixes() {
        // (case, names requested in order, identifiers given)
        let table: [(Case, &[&str], &[&str]); 5] = [
            (
                Case::Snake,
                &["userId", "user_id", "UserID", "user-id"],
                &["user_id", "user_id_2", "user_id_3", "user_id_4"],
            ),
            (
                Case::UpperCamel,
                &["other", "Other", "OTHER"],
                &["Other", "Other2", "Other3"],
            ),
            (
                Case::UpperCamel,
                &["windows81", "Windows81"],
                &["Windows81", "Windows81_2"],
            ),
            (
                Case::Snake,
                &["type", "type", "self", "self"],
                &["r#type", "type_2", "self_", "self_2"],
            ),
            (Case::Snake, &["a_2", "a", "a"], &["a_2", "a", "a_3"]),
        ];
        for (case, names, want) in table {
            let mut scope = Scope::new();
            let got: Vec<String> = names
                .iter()
                .map(|name| sanitize(name, case, &mut scope).to_string())
                .collect();
            assert_eq!(got, want, "{names:?}");
        }
    }

    #[test]
    fn reserved_names_are_avoided() {
        let mut scope = Scope::with_reserved(&["encode_path", "out"]);
        assert_eq!(
            sanitize("encodePath", Case::Snake, &mut scope).to_string(),
            "encode_path_2"
        );
        assert_eq!(
            sanitize("out", Case::Snake, &mut scope).to_string(),
            "out_2"
        );
        assert!(scope.contains("out_2"));
    }

    #[test]
    fn every_output_parses_as_an_identifier() {
        let odd = [
            "",
            " ",
            "_",
            "__",
            "0",
            "9lives",
            "r#type",
            "a b c",
            "\u{feff}",
            "ÀÉÎÕÜ",
            "x\u{0301}",
            "🎉party",
            "Self",
            "SELF",
            "self_",
            "--",
            "a__b",
            "A_",
            "_a",
            "AB12cd",
            "é",
        ];
        for case in [Case::Snake, Case::UpperCamel, Case::ScreamingSnake] {
            let mut scope = Scope::new();
            for name in odd {
                let ident = sanitize(name, case, &mut scope);
                let text = ident.to_string();
                assert!(
                    syn::parse_str::<syn::Ident>(&text).is_ok(),
                    "{name:?} -> {text}"
                );
                assert!(!text.contains("__"), "{name:?} -> {text}");
            }
        }
    }
}
