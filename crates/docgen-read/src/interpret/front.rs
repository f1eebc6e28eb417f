//! Front matter as `key -> text`.
//!
//! Nearly every page's front matter is a handful of `key: value` lines with plain words or
//! quoted strings (`title: "Get x"`, `doc_type: apiPageType`). Running the YAML parser over
//! each page was about a tenth of reading the corpus, so [`simple`] reads that shape
//! directly and gives up (`None`) on anything else: then the YAML parser reads it, as before.
//! What [`simple`] accepts it reads exactly as the YAML parser does (the tests compare the
//! two); it accepts nothing whose YAML meaning needs more than these rules:
//! - a line is blank, or `key: value` at column 0; a key is an ASCII letter or `_`, then
//!   letters, digits, `_`, `.` or `-`, and is not a YAML keyword;
//! - a value is `"text"` without `"` or `\`, `'text'` without `'`, or plain words of ASCII
//!   letters, digits, spaces, `_`, `.`, `/` and `-`, starting with a letter, that YAML does
//!   not read as a boolean, null or number;
//! - no key twice, no tab, no carriage return, no character YAML refuses.

use std::collections::BTreeMap;

/// Plain words YAML (1.1 or 1.2, any case) could read as something other than a string.
const KEYWORDS: [&str; 13] = [
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf", "infinity", "~",
];

/// `yaml` read as a mapping of keys to text, when it has the simple shape above.
pub(super) fn simple(yaml: &str) -> Option<BTreeMap<String, String>> {
    if yaml.contains(['\t', '\r']) {
        return None;
    }
    let mut map = BTreeMap::new();
    for line in yaml.split('\n') {
        if line.trim_matches(' ').is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if !is_key(key) {
            return None;
        }
        let value = match rest.strip_prefix(' ') {
            Some(value) => value.trim_matches(' '),
            None => return None,
        };
        let value = scalar(value)?;
        if map.insert(key.to_owned(), value.to_owned()).is_some() {
            return None;
        }
    }
    (!map.is_empty()).then_some(map)
}

fn is_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && key.len() <= 128
        && !is_keyword(key)
}

/// The text of a quoted or plain scalar, if it is one of the simple kinds.
fn scalar(value: &str) -> Option<&str> {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote) {
            let inner = inner.strip_suffix(quote)?;
            let plain_text = !inner.contains([quote, '\\']) && inner.chars().all(printable);
            return plain_text.then_some(inner);
        }
    }
    let mut chars = value.chars();
    let plain = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '.' | '/' | '-'))
        && !is_keyword(value);
    plain.then_some(value)
}

fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// What YAML allows in a scalar (`c-printable`), less tab, handled by the caller.
fn printable(c: char) -> bool {
    match c {
        ' '..='~' => true,
        '\u{85}' | '\u{a0}'..='\u{d7ff}' => true,
        '\u{e000}'..='\u{fffd}' => c != '\u{feff}',
        '\u{10000}'..='\u{10ffff}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the YAML parser makes of `yaml`, as the reader keeps it.
    fn by_yaml(yaml: &str) -> Option<BTreeMap<String, String>> {
        match serde_norway::from_str::<serde_norway::Value>(yaml).ok()? {
            serde_norway::Value::Mapping(map) => Some(
                map.into_iter()
                    .filter_map(|(k, v)| {
                        Some((k.as_str()?.to_owned(), super::super::yaml_scalar(&v)))
                    })
                    .collect(),
            ),
            _ => None,
        }
    }

    #[test]
    fn simple_front_matter_reads_as_yaml_does() {
        let accepted = [
            "title: \"Get iosManagedAppProtection\"\ndoc_type: apiPageType\n",
            "title: \"List x\"\ndescription: \"Read properties of the x.\"\nauthor: \"dougeby\"\nlocalization_priority: Normal\nms.prod: \"intune\"\ndoc_type: apiPageType\n",
            "a: 'single quoted: yes'\nb:   spaced words  \n\nc: \"ünïcode — dash\"\n",
            "ms.localizationpriority: medium\nms.subservice: entra-users\nx_y-z: a/b.c-d\n",
            "title: \"\"\n",
            "title: Nothing more\n",
        ];
        for yaml in accepted {
            let fast = simple(yaml);
            assert!(fast.is_some(), "accepted: {yaml:?}");
            assert_eq!(fast, by_yaml(yaml), "{yaml:?}");
        }
        let refused = [
            "",
            "a: true\n",
            "a: No\n",
            "a: NULL\n",
            "a: ~\n",
            "a: 12\n",
            "a: 1.5\n",
            "a: .inf\n",
            "a: nan\n",
            "a: Infinity\n",
            "a:\n",
            "a:b\n",
            "yes: a\n",
            "a: b # comment\n",
            "a: b: c\n",
            "a: \"x\\ty\"\n",
            "a: \"x\" trailing\n",
            "a: 'it''s'\n",
            "a: [b, c]\n",
            "a: {b: c}\n",
            "a: b\n  continued\n",
            " a: b\n",
            "# comment\na: b\n",
            "- a\n",
            "a: b\na: c\n",
            "a: b\r\n",
            "a:\tb\n",
            "a: \"\u{feff}\"\n",
            "a: \"\u{7}\"\n",
            "a: b, c\n",
            "a: >\n  folded\n",
            "---\na: b\n",
            "a: ünïcode\n",
        ];
        for yaml in refused {
            assert_eq!(simple(yaml), None, "refused: {yaml:?}");
        }
    }
}
