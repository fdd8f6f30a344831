//! Casing: a spec's words as Rust identifiers (`snake_case`, `UpperCamelCase`,
//! `SHOUTY_CASE`), symbols spelled out, keywords escaped.

/// Keywords of every edition that can be escaped as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "super", "Self", "_"];

/// A Rust identifier, already escaped: `r#type`, `self_` or a plain name.
pub fn escape_keyword(name: String) -> String {
    if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Keeps only characters that can appear in an identifier, turning the rest into word breaks,
/// so `@odata.type` and `x-rate-limit` split into words heck can case.
fn identifier_words(raw: &str) -> String {
    raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// The words of `text` once [`identifier_words`] has cleaned it, as heck splits them for its case conversions:
/// at anything but an ASCII letter or digit, after a lower-case letter followed by an
/// upper-case one, and before the last upper-case letter of a run followed by a lower-case one
/// (`HTTPServer` is `HTTP`, `Server`). For ASCII letters and digits this is heck's own rule;
/// heck writes every character through `fmt` (`to_lowercase()` of each `char`), which was a
/// third of lowering's time, and ASCII needs none of that.
fn ascii_words(text: &str, mut word: impl FnMut(&str)) {
    for part in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = part.as_bytes();
        let mut start = 0;
        // The case of the last cased letter since the word began: `Some(true)` upper case.
        let mut upper: Option<bool> = None;
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(&part[start..]);
                break;
            };
            let next_upper = if c.is_ascii_lowercase() {
                Some(false)
            } else if c.is_ascii_uppercase() {
                Some(true)
            } else {
                upper
            };
            if next_upper == Some(false) && next.is_ascii_uppercase() {
                word(&part[start..=i]);
                start = i + 1;
                upper = None;
            } else if upper == Some(true) && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&part[start..i]);
                start = i;
                upper = None;
            } else {
                upper = next_upper;
            }
        }
    }
}

/// Names for values made only of symbols (`>=` becomes `GreaterEqual`), so that enum values
/// such as comparison operators get telling variant names.
fn spell_symbols(raw: &str) -> String {
    raw.chars()
        .map(|c| match c {
            '>' => "Greater".to_owned(),
            '<' => "Less".to_owned(),
            '=' => "Equal".to_owned(),
            '!' => "Not".to_owned(),
            '+' => "Plus".to_owned(),
            '-' => "Minus".to_owned(),
            '*' => "Star".to_owned(),
            '/' => "Slash".to_owned(),
            '.' => "Dot".to_owned(),
            '_' => "Underscore".to_owned(),
            ' ' => "Space".to_owned(),
            other => format!("U{:04X}", other as u32),
        })
        .collect()
}

/// The words of `raw` in lower case joined by `_`: heck's `to_snake_case` of
/// [`identifier_words`], for ASCII.
fn snake_words(raw: &str) -> String {
    let mut name = String::with_capacity(raw.len() + 4);
    ascii_words(raw, |word| {
        if !name.is_empty() {
            name.push('_');
        }
        name.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    });
    name
}

/// The words of `raw` capitalised and joined: heck's `to_upper_camel_case` of
/// [`identifier_words`], for ASCII.
pub(super) fn camel_words(raw: &str) -> String {
    let mut name = String::with_capacity(raw.len());
    ascii_words(raw, |word| {
        let mut chars = word.chars();
        name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        name.extend(chars.map(|c| c.to_ascii_lowercase()));
    });
    name
}

/// `snake_case` form of a spec name for fields, parameters, functions and modules.
/// Always returns a valid identifier (escaped if it is a keyword).
pub fn snake_ident(raw: &str) -> String {
    let mut name = snake_words(raw);
    if name.is_empty() {
        name = "value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
        name.insert(0, 'n');
    }
    escape_keyword(name)
}

/// `UpperCamelCase` form of a spec name for types and variants; never a keyword, never empty.
pub fn camel_ident(raw: &str) -> String {
    let mut name = camel_words(raw);
    if name.is_empty() {
        name = if raw.is_empty() { "Empty".to_owned() } else { spell_symbols(raw) };
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push('_');
    }
    name
}

/// `SCREAMING_SNAKE_CASE` form of an identifier, for constants.
pub fn const_ident(raw: &str) -> String {
    heck::ToShoutySnakeCase::to_shouty_snake_case(identifier_words(raw).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_cased_as_heck_cases_them() {
        use heck::{ToSnakeCase, ToUpperCamelCase};
        let fixed = [
            "",
            " ",
            "a",
            "A",
            "getBackupRestoreJob",
            "HTTPServer",
            "x-rate-limit",
            "@odata.type",
            "ABCdef",
            "aBC",
            "AbC",
            "abc123Def",
            "123abc",
            "ABC123def",
            "a1B2c3",
            "IPv6Address",
            "SSLCert",
            "mongoDBUser",
            "A B",
            "  lead  trail  ",
            "UPPER_CASE_NAME",
            "v2024_01_01",
            "Σσ",
            "ÄpfelBaum",
            "dataLakeS3Bucket",
            "self",
            "Self",
            "type",
            "_",
            "a_b",
            "__",
            "9lives",
        ];
        let mut inputs: Vec<String> = fixed.iter().map(|s| (*s).to_owned()).collect();
        // Every string of up to four characters over an alphabet covering each case rule.
        let alphabet = ['a', 'B', '1', ' ', '-'];
        let mut current = vec![String::new()];
        for _ in 0..4 {
            current = current.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            inputs.extend(current.iter().cloned());
        }
        // The identifiers are made from these words as they were when heck cased them.
        for raw in &inputs {
            let words = identifier_words(raw);
            assert_eq!(camel_words(raw), words.to_upper_camel_case(), "{raw:?}");
            assert_eq!(snake_words(raw), words.to_snake_case(), "{raw:?}");
        }
    }

    #[test]
    fn snake_names_are_valid_identifiers() {
        assert_eq!(snake_ident("groupId"), "group_id");
        assert_eq!(snake_ident("pointInTimeUTCSeconds"), "point_in_time_utc_seconds");
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("crate"), "crate_");
        assert_eq!(snake_ident("@odata.type"), "odata_type");
        assert_eq!(snake_ident("1stPlace"), "n_1st_place");
        assert_eq!(snake_ident("$"), "value");
        assert_eq!(snake_ident("x-rate-limit"), "x_rate_limit");
    }

    #[test]
    fn camel_names_are_valid_identifiers() {
        assert_eq!(camel_ident("pointInTime"), "PointInTime");
        assert_eq!(camel_ident("DiskBackupSnapshotRestoreJob"), "DiskBackupSnapshotRestoreJob");
        assert_eq!(camel_ident("M10"), "M10");
        assert_eq!(camel_ident("2023-01-01"), "V20230101");
        assert_eq!(camel_ident(""), "Empty");
        assert_eq!(camel_ident(">="), "GreaterEqual");
        assert_eq!(camel_ident("<"), "Less");
        assert_eq!(camel_ident("self"), "Self_");
        assert_eq!(camel_ident("not_found"), "NotFound");
    }

    #[test]
    fn const_names_are_shouty() {
        assert_eq!(const_ident("application/vnd.atlas.2023-01-01+json"), "APPLICATION_VND_ATLAS_2023_01_01_JSON");
    }
}
