//! Finding person names in text, for the mode-collapse report of [`crate::qc::QcReport`].
//!
//! A name is two adjacent capitalised words where the first is a known first name (from the
//! generator's `first_name` bank) or follows an honorific (`Dr.`, `Mr.`, `Ms.`, `Mrs.`,
//! `Prof.`), and the second is not a common capitalised word (months, weekdays, articles …).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::genre::GenreLibrary;

const HONORIFICS: &[&str] = &["Dr", "Mr", "Ms", "Mrs", "Prof", "Professor", "Sen", "Senator", "Rep"];

const NOT_SURNAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "And",
    "Or",
    "But",
    "In",
    "On",
    "At",
    "Of",
    "To",
    "For",
    "From",
    "With",
    "I",
    "We",
    "You",
    "He",
    "She",
    "They",
    "It",
    "This",
    "That",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Street",
    "Avenue",
    "Road",
    "University",
    "College",
    "Inc",
    "LLC",
    "Foods",
    "Motors",
    "AI",
    "Labs",
];

/// Extracts person names from text.
#[derive(Debug, Clone)]
pub struct NameExtractor {
    first_names: HashSet<String>,
}

impl NameExtractor {
    /// Uses the `first_name` bank of a genre library.
    pub fn from_library(lib: &GenreLibrary) -> NameExtractor {
        NameExtractor {
            first_names: lib.bank("first_name").into_iter().collect(),
        }
    }

    /// The extractor over the built-in name banks (built once).
    pub fn builtin() -> &'static NameExtractor {
        static CELL: OnceLock<NameExtractor> = OnceLock::new();
        CELL.get_or_init(|| NameExtractor::from_library(&GenreLibrary::builtin()))
    }

    /// Distinct names in `text`, in order of first appearance.
    pub fn names(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let words = words(text);
        for i in 0..words.len().saturating_sub(1) {
            let (a_start, a) = words[i];
            let (b_start, b) = words[i + 1];
            // Adjacent: separated by exactly one space.
            if b_start != a_start + a.len() + 1 || text.as_bytes().get(a_start + a.len()) != Some(&b' ') {
                continue;
            }
            if !capitalised(a) || !capitalised(b) || NOT_SURNAMES.contains(&b) || b.len() < 2 {
                continue;
            }
            let after_honorific = i > 0 && {
                let (p_start, p) = words[i - 1];
                HONORIFICS.contains(&p) && text[p_start + p.len()..a_start].trim() == "."
                    || HONORIFICS.contains(&p) && text[p_start + p.len()..a_start] == *" "
            };
            if (self.first_names.contains(a) || after_honorific) && !NOT_SURNAMES.contains(&a) {
                let name = format!("{a} {b}");
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }
}

fn capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Words (letters, inner apostrophes and hyphens) with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let inner = (c == '\'' || c == '-' || c == '’') && start.is_some();
        if c.is_alphabetic() || inner {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s, text[s..i].trim_end_matches(['\'', '-', '’'])));
        }
    }
    if let Some(s) = start {
        out.push((s, text[s..].trim_end_matches(['\'', '-', '’'])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bank_names_and_honorifics() {
        let x = NameExtractor {
            first_names: ["Maria".to_string(), "Tomás".to_string()].into_iter().collect(),
        };
        let names =
            x.names("Maria Okafor met Dr. Quill Vance. Later, Tomás Reyes-Ortiz and Maria Okafor left. Maria The");
        assert_eq!(names, vec!["Maria Okafor", "Quill Vance", "Tomás Reyes-Ortiz"]);
    }
}
