//! The phrase syntax of rule packs: expansion into literal patterns.
//!
//! * words are separated by spaces and matched at word boundaries;
//! * `word~` expands to the word's inflections (see [`inflections`]);
//! * `{a|b|c}` is a choice (no nesting); it may be part of a word, as in `fak{e|ed}`;
//!   outside braces `|` is an ordinary character (`<|im start|>`);
//! * a trailing `*` on the last word drops the right word-boundary check
//!   (a prefix match), a leading `*` on the first word drops the left one.

/// At most this many expansions per phrase.
pub const MAX_EXPANSIONS: usize = 512;

/// One expanded literal and its boundary requirements (before normalisation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    /// The literal text.
    pub text: String,
    /// The match must not be preceded by a word character.
    pub left_boundary: bool,
    /// The match must not be followed by a word character.
    pub right_boundary: bool,
}

/// Inflected forms of an English word (over-generation is harmless: matches
/// are word-bounded). Includes the word, `-s/-es/-ed/-d/-ing/-er/-ers/-ment/-ments`,
/// e-drop (`fake` → `faking`), y → `ies/ied`, and final-consonant doubling.
pub fn inflections(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    for suffix in ["s", "es", "ed", "d", "ing", "er", "ers", "ment", "ments"] {
        out.push(format!("{word}{suffix}"));
    }
    let chars: Vec<char> = word.chars().collect();
    let is_vowel = |c: char| "aeiou".contains(c);
    if let Some(&last) = chars.last() {
        let stem: String = chars[..chars.len() - 1].iter().collect();
        if last == 'e' {
            for suffix in ["ing", "ed", "er", "ers"] {
                out.push(format!("{stem}{suffix}"));
            }
        }
        if last == 'y' && chars.len() >= 2 && !is_vowel(chars[chars.len() - 2]) {
            for suffix in ["ies", "ied", "ier", "iers", "iance", "iant"] {
                out.push(format!("{stem}{suffix}"));
            }
        }
        let n = chars.len();
        if n >= 3
            && !is_vowel(last)
            && !"wxy".contains(last)
            && last.is_ascii_alphabetic()
            && is_vowel(chars[n - 2])
            && !is_vowel(chars[n - 3])
        {
            for suffix in ["ed", "ing", "er", "ers"] {
                out.push(format!("{word}{last}{suffix}"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Expand one word (no spaces outside braces) into its alternatives.
fn expand_word(word: &str) -> Result<Vec<String>, String> {
    let (body, inflect) = match word.strip_suffix('~') {
        Some(b) => (b, true),
        None => (word, false),
    };
    let mut forms = vec![String::new()];
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('{') {
            let close = after.find('}').ok_or_else(|| format!("unclosed `{{` in `{word}`"))?;
            let inner = &after[..close];
            if inner.contains('{') {
                return Err(format!("nested `{{` in `{word}`"));
            }
            let choices: Vec<&str> = inner.split('|').collect();
            if choices.iter().any(|c| c.trim().is_empty()) {
                return Err(format!("empty choice in `{{{inner}}}`"));
            }
            forms = forms
                .iter()
                .flat_map(|f| choices.iter().map(move |c| format!("{f}{}", c.trim())))
                .collect();
            rest = &after[close + 1..];
        } else {
            let next = rest.find('{').unwrap_or(rest.len());
            let lit = &rest[..next];
            if lit.contains('}') {
                return Err(format!("stray `}}` in `{word}`"));
            }
            for f in &mut forms {
                f.push_str(lit);
            }
            rest = &rest[next..];
        }
        if forms.len() > MAX_EXPANSIONS {
            return Err(format!("`{word}` expands to more than {MAX_EXPANSIONS} forms"));
        }
    }
    if inflect {
        if forms.iter().any(|f| f.contains(' ')) {
            return Err(format!("`~` cannot follow a multi-word choice in `{word}`"));
        }
        forms = forms.iter().flat_map(|f| inflections(f)).collect();
    }
    Ok(forms)
}

/// Split on spaces that are outside braces.
fn split_words(phrase: &str) -> Result<Vec<&str>, String> {
    let mut words = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    for (i, c) in phrase.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| format!("unbalanced `}}` in `{phrase}`"))?
            }
            _ => {}
        }
        if c.is_whitespace() && depth == 0 {
            if let Some(s) = start.take() {
                words.push(&phrase[s..i]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if depth != 0 {
        return Err(format!("unclosed `{{` in `{phrase}`"));
    }
    if let Some(s) = start {
        words.push(&phrase[s..]);
    }
    Ok(words)
}

/// Expand a phrase into literals (not yet normalised).
pub fn expand(phrase: &str) -> Result<Vec<Literal>, String> {
    let trimmed = phrase.trim();
    let (trimmed, left_boundary) = match trimmed.strip_prefix('*') {
        Some(t) => (t, false),
        None => (trimmed, true),
    };
    let (trimmed, right_boundary) = match trimmed.strip_suffix('*') {
        Some(t) => (t, false),
        None => (trimmed, true),
    };
    if trimmed.trim().is_empty() {
        return Err("empty phrase".into());
    }
    let mut texts = vec![String::new()];
    for word in split_words(trimmed)? {
        let forms = expand_word(word)?;
        let mut next = Vec::with_capacity(texts.len() * forms.len());
        for t in &texts {
            for f in &forms {
                next.push(if t.is_empty() { f.clone() } else { format!("{t} {f}") });
            }
        }
        if next.len() > MAX_EXPANSIONS {
            return Err(format!("phrase expands to more than {MAX_EXPANSIONS} literals"));
        }
        texts = next;
    }
    Ok(texts
        .into_iter()
        .map(|text| Literal {
            text,
            left_boundary,
            right_boundary,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &str) -> Vec<String> {
        expand(p).unwrap().into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn inflections_cover_the_issue_examples() {
        let fake = inflections("fake");
        for w in ["fake", "fakes", "faked", "faking", "faker", "fakers"] {
            assert!(fake.contains(&w.to_string()), "{w} missing from {fake:?}");
        }
        let align = inflections("align");
        for w in ["align", "aligns", "aligned", "aligning", "alignment", "alignments"] {
            assert!(align.contains(&w.to_string()), "{w} missing from {align:?}");
        }
        let comply = inflections("comply");
        for w in ["complies", "complied", "complying"] {
            assert!(comply.contains(&w.to_string()), "{w} missing");
        }
        assert!(inflections("plan").contains(&"planned".to_string()));
    }

    #[test]
    fn choices_words_and_stars() {
        assert_eq!(
            texts("{fake|feign}ed alignment"),
            ["fakeed alignment", "feigned alignment"]
        );
        assert_eq!(texts("a {b c|d}"), ["a b c", "a d"]);
        let l = expand("mesa optimi*").unwrap();
        assert_eq!(
            (l[0].text.as_str(), l[0].left_boundary, l[0].right_boundary),
            ("mesa optimi", true, false)
        );
        assert!(!expand("*gaming").unwrap()[0].left_boundary);
    }

    #[test]
    fn bad_phrases_are_rejected() {
        assert!(expand("  ").is_err());
        assert!(expand("{a|b").is_err());
        assert!(expand("a}").is_err());
        assert!(expand("{a||b}").is_err());
        assert!(expand("{a|{b}}").is_err());
    }
}
