//! Compiling `pattern` keywords. Simple anchored patterns (classes, literals, repetitions,
//! alternations of literals) become a [`Matcher`] that the emitter turns into plain code with
//! no regex engine; everything else falls back to the `regex` crate at run time, and patterns
//! with look-around or back-references (which `regex` lacks) to `fancy-regex`.
//!
//! The compiled form is matched greedily without backtracking, which is exact only when no
//! variable-length piece could give characters back to a following piece; `compile` checks
//! that and falls back otherwise.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// How a pattern is checked in generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// `^piece piece ...$`, each piece an ASCII byte class repeated `min..=max` times.
    Sequence(Vec<Piece>),
    /// `^(a|b|c)$`: the whole value is one of these strings.
    Literals(Vec<String>),
    /// Anything else, checked by the `regex` crate (unanchored search, as JSON Schema says),
    /// with this source (ECMA-262 shorthands already made ASCII).
    Regex(String),
    /// Look-around or back-references, checked by the `fancy-regex` crate (a backtracking
    /// engine, needed only for these) with this source, as for [`Matcher::Regex`].
    FancyRegex(String),
}

/// A byte class repeated between `min` and `max` times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Inclusive ASCII byte ranges, sorted and non-overlapping.
    pub ranges: Vec<(u8, u8)>,
    pub min: u32,
    /// `None` for unbounded.
    pub max: Option<u32>,
}

impl Piece {
    fn matches_byte(&self, byte: u8) -> bool {
        self.ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&byte))
    }

    fn overlaps(&self, other: &Piece) -> bool {
        self.ranges.iter().any(|&(a_lo, a_hi)| other.ranges.iter().any(|&(b_lo, b_hi)| a_lo <= b_hi && b_lo <= a_hi))
    }

    /// A single byte matched exactly once: part of a literal run.
    pub fn literal_byte(&self) -> Option<u8> {
        match (self.ranges.as_slice(), self.min, self.max) {
            ([(lo, hi)], 1, Some(1)) if lo == hi => Some(*lo),
            _ => None,
        }
    }
}

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// Not a regular expression at all.
    Invalid(String),
    /// Valid ECMA-262 but beyond both the `regex` crate and `fancy-regex` (look-around or
    /// back-references that `fancy-regex` cannot compile either).
    Unsupported(String),
}

/// Rewrites the ECMA-262 class shorthands that mean less there than in the `regex` crate:
/// `\d` and `\w` are ASCII in JSON Schema patterns but Unicode-aware in `regex`.
pub fn ecma_to_rust(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 8);
    let mut chars = source.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') if in_class => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some('w') if in_class => out.push_str("A-Za-z0-9_"),
                Some('w') => out.push_str("[A-Za-z0-9_]"),
                Some('D') if !in_class => out.push_str("[^0-9]"),
                Some('W') if !in_class => out.push_str("[^A-Za-z0-9_]"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` right after `[` or `[^` is a literal in ECMA-262 only when escaped,
                // so nothing special is needed here.
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Compiles a pattern source.
pub fn compile(source: &str) -> Result<Matcher, PatternError> {
    let rust_source = ecma_to_rust(source);
    let hir = match regex_syntax::ParserBuilder::new().build().parse(&rust_source) {
        Ok(hir) => hir,
        Err(regex_syntax::Error::Parse(parse))
            if matches!(
                parse.kind(),
                regex_syntax::ast::ErrorKind::UnsupportedLookAround
                    | regex_syntax::ast::ErrorKind::UnsupportedBackreference
            ) =>
        {
            // Compiled here as the generated code will compile it, so that code never meets a
            // pattern that fails.
            return match fancy_regex::Regex::new(&rust_source) {
                Ok(_) => Ok(Matcher::FancyRegex(rust_source)),
                Err(fancy) => Err(PatternError::Unsupported(format!("{parse}; fancy-regex: {fancy}"))),
            };
        }
        Err(error) => return Err(PatternError::Invalid(error.to_string())),
    };
    Ok(compile_hir(&hir).unwrap_or(Matcher::Regex(rust_source)))
}

fn compile_hir(hir: &Hir) -> Option<Matcher> {
    let items: Vec<&Hir> = match unwrap_capture(hir).kind() {
        HirKind::Concat(items) => items.iter().collect(),
        _ => return None,
    };
    let (first, rest) = items.split_first()?;
    let (last, middle) = rest.split_last()?;
    if !matches!(first.kind(), HirKind::Look(Look::Start)) || !matches!(last.kind(), HirKind::Look(Look::End)) {
        return None;
    }
    if let [only] = middle {
        if let HirKind::Alternation(branches) = unwrap_capture(only).kind() {
            return literal_alternatives(branches).map(Matcher::Literals);
        }
    }
    let mut pieces = Vec::new();
    for item in middle {
        push_pieces(unwrap_capture(item), &mut pieces)?;
    }
    greedy_is_exact(&pieces).then_some(Matcher::Sequence(pieces))
}

fn unwrap_capture(mut hir: &Hir) -> &Hir {
    while let HirKind::Capture(capture) = hir.kind() {
        hir = &capture.sub;
    }
    hir
}

fn literal_alternatives(branches: &[Hir]) -> Option<Vec<String>> {
    branches
        .iter()
        .map(|branch| match unwrap_capture(branch).kind() {
            HirKind::Literal(literal) => String::from_utf8(literal.0.to_vec()).ok(),
            HirKind::Empty => Some(String::new()),
            _ => None,
        })
        .collect()
}

fn push_pieces(hir: &Hir, pieces: &mut Vec<Piece>) -> Option<()> {
    match hir.kind() {
        HirKind::Literal(literal) => {
            for &byte in literal.0.iter() {
                if !byte.is_ascii() {
                    return None;
                }
                pieces.push(Piece { ranges: vec![(byte, byte)], min: 1, max: Some(1) });
            }
            Some(())
        }
        HirKind::Class(class) => {
            pieces.push(Piece { ranges: ascii_ranges(class)?, min: 1, max: Some(1) });
            Some(())
        }
        HirKind::Repetition(repetition) if repetition.greedy => {
            let ranges = match unwrap_capture(&repetition.sub).kind() {
                HirKind::Class(class) => ascii_ranges(class)?,
                HirKind::Literal(literal) if literal.0.len() == 1 && literal.0[0].is_ascii() => {
                    vec![(literal.0[0], literal.0[0])]
                }
                _ => return None,
            };
            pieces.push(Piece { ranges, min: repetition.min, max: repetition.max });
            Some(())
        }
        _ => None,
    }
}

fn ascii_ranges(class: &Class) -> Option<Vec<(u8, u8)>> {
    match class {
        Class::Unicode(unicode) => unicode
            .ranges()
            .iter()
            .map(|range| {
                let (lo, hi) = (range.start(), range.end());
                (hi.is_ascii()).then_some((lo as u8, hi as u8))
            })
            .collect(),
        Class::Bytes(bytes) => bytes
            .ranges()
            .iter()
            .map(|range| (range.end().is_ascii()).then_some((range.start(), range.end())))
            .collect(),
    }
}

/// Greedy matching equals backtracking matching when every variable-length piece is disjoint
/// from each piece that could follow it directly: those up to and including the next piece
/// that must match at least once.
fn greedy_is_exact(pieces: &[Piece]) -> bool {
    pieces.iter().enumerate().all(|(index, piece)| {
        if Some(piece.min) == piece.max {
            return true;
        }
        for next in &pieces[index + 1..] {
            if piece.overlaps(next) {
                return false;
            }
            if next.min > 0 {
                break;
            }
        }
        true
    })
}

impl Matcher {
    /// Evaluates a compiled matcher the way the emitted code does; `None` for [`Matcher::Regex`].
    /// Used to prove the compiled form agrees with the `regex` crate.
    pub fn is_match(&self, value: &str) -> Option<bool> {
        match self {
            Matcher::Literals(options) => Some(options.iter().any(|option| option == value)),
            Matcher::Regex(_) | Matcher::FancyRegex(_) => None,
            Matcher::Sequence(pieces) => {
                let bytes = value.as_bytes();
                let mut at = 0;
                for piece in pieces {
                    let start = at;
                    while at < bytes.len()
                        && piece.max.is_none_or(|max| at - start < max as usize)
                        && piece.matches_byte(bytes[at])
                    {
                        at += 1;
                    }
                    if at - start < piece.min as usize {
                        return Some(false);
                    }
                }
                Some(at == bytes.len())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_ids_compile_to_one_piece() {
        assert_eq!(
            compile("^([a-f0-9]{24})$").unwrap(),
            Matcher::Sequence(vec![Piece { ranges: vec![(b'0', b'9'), (b'a', b'f')], min: 24, max: Some(24) }])
        );
    }

    #[test]
    fn cluster_names_compile() {
        let matcher = compile("^[a-zA-Z0-9][a-zA-Z0-9-]*$").unwrap();
        assert!(matches!(matcher, Matcher::Sequence(ref pieces) if pieces.len() == 2));
        assert_eq!(matcher.is_match("Cluster0"), Some(true));
        assert_eq!(matcher.is_match("-bad"), Some(false));
        assert_eq!(matcher.is_match(""), Some(false));
    }

    #[test]
    fn literal_alternations_compile() {
        assert_eq!(compile("^(DAILY|WEEKLY)$").unwrap(), Matcher::Literals(vec!["DAILY".into(), "WEEKLY".into()]));
    }

    #[test]
    fn ambiguous_or_unanchored_patterns_fall_back() {
        assert!(matches!(compile("^[a-z]*a$").unwrap(), Matcher::Regex(_)));
        assert!(matches!(compile("[a-z]+").unwrap(), Matcher::Regex(_)));
        assert!(matches!(compile(r"^\p{L}+$").unwrap(), Matcher::Regex(_)));
        assert!(matches!(compile("^(ab)+$").unwrap(), Matcher::Regex(_)));
    }

    #[test]
    fn ecma_shorthands_are_ascii() {
        assert_eq!(ecma_to_rust(r"^\d{4}-\w+[\d.]$"), r"^[0-9]{4}-[A-Za-z0-9_]+[0-9.]$");
        assert_eq!(ecma_to_rust(r"\\d\D"), r"\\d[^0-9]");
        let matcher = compile(r"^\d{4}-\d{2}-\d{2}$").unwrap();
        assert_eq!(matcher.is_match("2024-01-31"), Some(true));
        assert_eq!(matcher.is_match("２024-01-31"), Some(false));
    }

    #[test]
    fn bad_patterns_are_classified() {
        assert!(matches!(compile("^[a-z$"), Err(PatternError::Invalid(_))));
        // A back-reference to a group that does not exist: beyond `regex`, refused by fancy-regex.
        let Err(PatternError::Unsupported(message)) = compile(r"^(a)\2$") else { panic!("should be unsupported") };
        assert!(message.contains("fancy-regex"), "{message}");
    }

    #[test]
    fn look_around_and_back_references_go_to_fancy_regex() {
        assert_eq!(compile("^(?!x).*$").unwrap(), Matcher::FancyRegex("^(?!x).*$".into()));
        assert_eq!(compile(r"^(?=.*\d)\w{8,}$").unwrap(), Matcher::FancyRegex(r"^(?=.*[0-9])[A-Za-z0-9_]{8,}$".into()));
        assert_eq!(compile(r"^(a+)-\1$").unwrap(), Matcher::FancyRegex(r"^(a+)-\1$".into()));
    }

    #[test]
    fn disjoint_variable_pieces_stay_compiled() {
        let matcher = compile("^vpce-[0-9a-f]{17}$").unwrap();
        assert!(matches!(matcher, Matcher::Sequence(_)));
        assert_eq!(matcher.is_match("vpce-3bf78b0ddee411ba1"), Some(true));
        assert_eq!(matcher.is_match("vpce-3bf78b0ddee411ba"), Some(false));
        let matcher = compile("^[a-z]+-?[0-9]{1,3}$").unwrap();
        assert!(matches!(matcher, Matcher::Sequence(_)));
        assert_eq!(matcher.is_match("abc-12"), Some(true));
        assert_eq!(matcher.is_match("abc12"), Some(true));
        assert_eq!(matcher.is_match("abc-1234"), Some(false));
    }
}
