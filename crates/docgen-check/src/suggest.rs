//! "Did you mean `x`?": the closest known name to a misspelt one.

/// The candidate closest to `wrong`, when it is close enough to be a likely misspelling: the
/// same name in another case, else the smallest Damerau-Levenshtein distance (case-insensitive)
/// within a budget that grows with the name's length, ties broken by name so the suggestion is
/// stable.
pub fn closest<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = wrong.to_lowercase();
    // Short names are all close to each other; longer ones tolerate a transposition or two,
    // but not a whole word more (`webApplication` is not a misspelt `application`).
    let budget = match lower.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        8..=15 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == wrong {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&lower, &candidate.to_lowercase());
        if distance > budget {
            continue;
        }
        let better = match best {
            None => true,
            Some((d, name)) => distance < d || (distance == d && candidate < name),
        };
        if better {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, name)| name)
}

/// `"; did you mean `x`?"` or nothing.
pub fn did_you_mean<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    closest(wrong, candidates)
        .map(|name| format!("; did you mean `{name}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = [
            "devicePlatformType",
            "deviceType",
            "String",
            "keyUsages",
            "certificateStatus",
        ];
        assert_eq!(
            closest("devicePlatfromType", names),
            Some("devicePlatformType")
        );
        assert_eq!(closest("devicetype", names), Some("deviceType"));
        assert_eq!(closest("Strng", names), Some("String"));
        assert_eq!(closest("keyUsage", names), Some("keyUsages"));
        assert_eq!(closest("somethingElse", names), None);
        assert_eq!(closest("webApplication", ["application"]), None);
        assert_eq!(
            closest("abc", ["abd"]),
            None,
            "short names need an exact case fold"
        );
        assert_eq!(closest("", names), None);
        assert_eq!(did_you_mean("Strng", names), "; did you mean `String`?");
        assert_eq!(did_you_mean("zzz", names), "");
    }

    #[test]
    fn ties_are_broken_by_name() {
        assert_eq!(closest("abcdx", ["abcdz", "abcdy"]), Some("abcdy"));
    }
}
