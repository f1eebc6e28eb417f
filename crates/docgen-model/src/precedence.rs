//! Which page wins when pages disagree.
//!
//! Pages are ordered once, and every fact is taken from the first page in that order that
//! states it; later pages only add facts the earlier ones lack. The order is:
//!
//! 1. **Page kind**: a resource or enum page (the type's own definition) before an API page
//!    (whose request-body table documents the type second-hand).
//! 2. **Date**: the newer `ms.date` front-matter date first; undated pages after dated ones.
//! 3. **Path**: byte order of the source path, so ties resolve the same way on every run
//!    whatever order the pages were read in.

use std::cmp::Ordering;

use docgen_ir::{Page, PageKind};

/// A page's place in the precedence order; smaller sorts first and wins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rank<'a> {
    definition: bool,
    date: Option<(u16, u8, u8)>,
    source: &'a str,
}

impl<'a> Rank<'a> {
    pub fn of(page: &'a Page) -> Self {
        Rank {
            definition: matches!(page.kind, PageKind::Resource | PageKind::Enum),
            date: page.front_matter.get("ms.date").and_then(|d| parse_date(d)),
            source: &page.source,
        }
    }
}

impl Ord for Rank<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .definition
            .cmp(&self.definition)
            // Some(newer) < Some(older) < None.
            .then_with(|| match (self.date, other.date) {
                (Some(a), Some(b)) => b.cmp(&a),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
            .then_with(|| self.source.cmp(other.source))
    }
}

impl PartialOrd for Rank<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `MM/DD/YYYY` (the docs' form) or `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<(u16, u8, u8)> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(['/', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, a, b) };
    let year: u16 = year.parse().ok()?;
    let month: u8 = month.parse().ok()?;
    let day: u8 = day.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// Sorts pages into precedence order (first wins).
pub fn order(pages: &[Page]) -> Vec<&Page> {
    let mut ordered: Vec<&Page> = pages.iter().collect();
    ordered.sort_by(|a, b| Rank::of(a).cmp(&Rank::of(b)));
    ordered
}

/// Sorts owned pages into the same order as [`order`] (the same stable sort and comparison).
pub fn sort(pages: &mut [Page]) {
    pages.sort_by(|a, b| Rank::of(a).cmp(&Rank::of(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(source: &str, kind: PageKind, date: Option<&str>) -> Page {
        let mut page = Page {
            source: source.to_owned(),
            kind,
            ..Page::default()
        };
        if let Some(date) = date {
            page.front_matter
                .insert("ms.date".to_owned(), date.to_owned());
        }
        page
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("08/01/2024"), Some((2024, 8, 1)));
        assert_eq!(parse_date("2021-07-16"), Some((2021, 7, 16)));
        assert_eq!(parse_date("13/01/2024"), None);
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn order_is_kind_then_date_then_path() {
        let pages = vec![
            page("b.md", PageKind::Api, None),
            page("a.md", PageKind::Api, None),
            page("old.md", PageKind::Api, Some("01/01/2019")),
            page("new.md", PageKind::Api, Some("08/01/2024")),
            page("z-resource.md", PageKind::Resource, None),
        ];
        let got: Vec<&str> = order(&pages).iter().map(|p| p.source.as_str()).collect();
        assert_eq!(got, ["z-resource.md", "new.md", "old.md", "a.md", "b.md"]);
    }
}
