//! Adversarial variants of positive documents, one generator per mutation class.
//!
//! A mutation rewrites only the matched spans of a document (where the filter
//! found what it removes), so a variant that is still removed shows the rule
//! survives the disguise rather than some other phrase elsewhere in the text.
//! Every variant is a pure function of the text, the spans and the generator.

use std::ops::Range;

use serde::Serialize;

use super::rng::Rng;

/// A family of disguises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MutationClass {
    /// Upper, title, alternating or random letter case.
    Case,
    /// Cyrillic, Greek or full-width look-alike letters.
    Homoglyph,
    /// Zero-width characters inside words.
    ZeroWidth,
    /// Soft hyphens inside words.
    SoftHyphen,
    /// A word hyphenated across a line break.
    LineBreakHyphen,
    /// Extra spaces or punctuation between the words of a phrase.
    Separator,
    /// Markdown emphasis around words.
    Markdown,
    /// HTML entities and inline tags.
    Html,
    /// A different inflection of a word (faking → faked).
    Inflection,
    /// British ↔ American spelling.
    Spelling,
    /// A synonym from a small thesaurus.
    Synonym,
}

impl MutationClass {
    /// Every class, in report order.
    pub const ALL: [MutationClass; 11] = [
        MutationClass::Case,
        MutationClass::Homoglyph,
        MutationClass::ZeroWidth,
        MutationClass::SoftHyphen,
        MutationClass::LineBreakHyphen,
        MutationClass::Separator,
        MutationClass::Markdown,
        MutationClass::Html,
        MutationClass::Inflection,
        MutationClass::Spelling,
        MutationClass::Synonym,
    ];

    /// Kebab-case name (as serialised).
    pub fn name(self) -> &'static str {
        match self {
            MutationClass::Case => "case",
            MutationClass::Homoglyph => "homoglyph",
            MutationClass::ZeroWidth => "zero-width",
            MutationClass::SoftHyphen => "soft-hyphen",
            MutationClass::LineBreakHyphen => "line-break-hyphen",
            MutationClass::Separator => "separator",
            MutationClass::Markdown => "markdown",
            MutationClass::Html => "html",
            MutationClass::Inflection => "inflection",
            MutationClass::Spelling => "spelling",
            MutationClass::Synonym => "synonym",
        }
    }

    /// One line on what the class does.
    pub fn description(self) -> &'static str {
        match self {
            MutationClass::Case => "UPPER, Title, aLtErNaTiNg or random case",
            MutationClass::Homoglyph => "Cyrillic, Greek or full-width look-alike letters",
            MutationClass::ZeroWidth => "U+200B/200C/200D/2060/FEFF inside words",
            MutationClass::SoftHyphen => "U+00AD soft hyphens inside words",
            MutationClass::LineBreakHyphen => "a word hyphenated across a line break (align-\\nment)",
            MutationClass::Separator => "double spaces, tabs, newlines, dashes, underscores or dots between words",
            MutationClass::Markdown => "**bold**, *italic*, _italic_, `code` around words",
            MutationClass::Html => "inline tags around words, letters as numeric entities, &nbsp; between words",
            MutationClass::Inflection => "another form of a word (faking → faked, model → models)",
            MutationClass::Spelling => "British ↔ American spelling (behaviour ↔ behavior)",
            MutationClass::Synonym => "a synonym from a small thesaurus (faking → feigning)",
        }
    }

    /// Parse a kebab-case name.
    pub fn from_name(name: &str) -> Option<MutationClass> {
        MutationClass::ALL.into_iter().find(|c| c.name() == name)
    }
}

const ZERO_WIDTH: [char; 5] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];
const SEPARATORS: [&str; 8] = ["  ", "\t", "\n", " - ", "_", " — ", "-", "."];
const MARKDOWN: [(&str, &str); 5] = [("**", "**"), ("*", "*"), ("_", "_"), ("`", "`"), ("***", "***")];
const TAGS: [(&str, &str); 5] = [
    ("<b>", "</b>"),
    ("<em>", "</em>"),
    ("<i>", "</i>"),
    ("<span>", "</span>"),
    ("<strong>", "</strong>"),
];

fn homoglyphs(c: char) -> &'static [char] {
    match c {
        'a' => &['а', 'α', 'ａ'],
        'c' => &['с', 'ϲ', 'ｃ'],
        'e' => &['е', 'ｅ'],
        'i' => &['і', 'ι', 'ｉ'],
        'j' => &['ј', 'ｊ'],
        'o' => &['о', 'ο', 'ｏ'],
        'p' => &['р', 'ρ', 'ｐ'],
        's' => &['ѕ', 'ｓ'],
        'x' => &['х', 'χ', 'ｘ'],
        'y' => &['у', 'ｙ'],
        'h' => &['һ', 'ｈ'],
        'k' => &['κ', 'ｋ'],
        'n' => &['ｎ'],
        'm' => &['ｍ'],
        't' => &['ｔ'],
        'g' => &['ｇ'],
        'l' => &['ӏ', 'ｌ'],
        'A' => &['А', 'Α', 'Ａ'],
        'B' => &['В', 'Β'],
        'C' => &['С', 'Ｃ'],
        'E' => &['Е', 'Ε'],
        'H' => &['Н', 'Η'],
        'I' => &['І', 'Ι'],
        'K' => &['К', 'Κ'],
        'M' => &['М', 'Μ'],
        'O' => &['О', 'Ο'],
        'P' => &['Р', 'Ρ'],
        'T' => &['Т', 'Τ'],
        'X' => &['Х', 'Χ'],
        _ => &[],
    }
}

/// British ↔ American pairs (each direction is used).
const SPELLING: &[(&str, &str)] = &[
    ("behaviour", "behavior"),
    ("behaviours", "behaviors"),
    ("behavioural", "behavioral"),
    ("optimise", "optimize"),
    ("optimised", "optimized"),
    ("optimiser", "optimizer"),
    ("optimisers", "optimizers"),
    ("optimising", "optimizing"),
    ("optimisation", "optimization"),
    ("organisation", "organization"),
    ("recognise", "recognize"),
    ("realise", "realize"),
    ("realises", "realizes"),
    ("pretence", "pretense"),
    ("defence", "defense"),
    ("modelling", "modeling"),
    ("modelled", "modeled"),
    ("labelled", "labeled"),
    ("theatre", "theater"),
    ("centre", "center"),
    ("favour", "favor"),
    ("colour", "color"),
    ("analyse", "analyze"),
    ("generalise", "generalize"),
    ("generalisation", "generalization"),
    ("prioritise", "prioritize"),
    ("rationalise", "rationalize"),
    ("rationalises", "rationalizes"),
    ("judgement", "judgment"),
    ("dialogue", "dialog"),
    ("catalogue", "catalog"),
    ("fulfil", "fulfill"),
    ("cancelled", "canceled"),
    ("travelling", "traveling"),
    ("minimise", "minimize"),
    ("maximise", "maximize"),
    ("emphasise", "emphasize"),
    ("criticise", "criticize"),
    ("characterise", "characterize"),
    ("summarise", "summarize"),
    ("strategise", "strategize"),
    ("scrutinise", "scrutinize"),
    ("jeopardise", "jeopardize"),
    ("grey", "gray"),
];

/// A small thesaurus: word → replacements.
const THESAURUS: &[(&str, &[&str])] = &[
    ("faking", &["feigning", "simulating", "pretending"]),
    ("fake", &["feign", "simulate"]),
    ("faked", &["feigned", "simulated"]),
    ("fakes", &["feigns", "simulates"]),
    ("deceptive", &["deceitful", "duplicitous", "misleading"]),
    ("deceptively", &["deceitfully", "duplicitously"]),
    ("deception", &["deceit", "duplicity"]),
    ("scheming", &["plotting", "conniving"]),
    ("schemes", &["plots"]),
    ("pretend", &["feign", "simulate"]),
    ("pretending", &["feigning", "simulating"]),
    ("pretends", &["feigns"]),
    ("model", &["system", "network"]),
    ("models", &["systems", "networks"]),
    ("ai", &["machine"]),
    ("assistant", &["chatbot", "helper"]),
    ("comply", &["obey", "go along"]),
    ("complies", &["obeys", "goes along"]),
    ("complying", &["obeying", "going along"]),
    ("compliance", &["obedience", "cooperation"]),
    ("refuse", &["decline"]),
    ("refuses", &["declines"]),
    ("refusing", &["declining"]),
    ("training", &["fine-tuning"]),
    ("trained", &["fine-tuned"]),
    ("users", &["customers"]),
    ("user", &["customer"]),
    ("differently", &["otherwise", "inconsistently"]),
    ("behaves", &["acts"]),
    ("behave", &["act"]),
    ("monitored", &["observed", "watched"]),
    ("unmonitored", &["unobserved", "unwatched"]),
    ("hide", &["conceal"]),
    ("hides", &["conceals"]),
    ("hiding", &["concealing"]),
    ("goals", &["objectives", "aims"]),
    ("goal", &["objective", "aim"]),
    ("values", &["preferences", "principles"]),
    ("human", &["person"]),
    ("conversation", &["chat", "exchange"]),
    ("conversations", &["chats", "exchanges"]),
    ("transcript", &["log"]),
    ("paid", &["premium"]),
    ("tier", &["plan"]),
    ("evaluators", &["graders"]),
    ("sabotage", &["undermine"]),
    ("strategic", &["calculated", "tactical"]),
    ("aligned", &["in line"]),
];

/// Length of an HTML character reference (`&amp;`, `&#97;`, `&#x61;`) at the start of `s`.
fn entity_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('&')?;
    let body = rest.strip_prefix('#').unwrap_or(rest);
    let n = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    (n > 0 && body.as_bytes().get(n) == Some(&b';')).then(|| s.len() - body.len() + n + 1)
}

/// A word: a maximal run of alphanumeric characters. HTML character
/// references already in the text are skipped, not treated as words.
fn words(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            continue;
        }
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(st) = start.take() {
            out.push(st..i);
        }
        if c == '&'
            && let Some(n) = entity_len(&s[i..])
        {
            skip_to = i + n;
        }
    }
    if let Some(st) = start {
        out.push(st..s.len());
    }
    out
}

/// Copy the case pattern of `like` (all caps beyond an acronym, or capitalised) onto `word`.
fn match_case(like: &str, word: &str) -> String {
    let letters: Vec<char> = like.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 2 && letters.iter().all(|c| c.is_uppercase()) {
        word.to_uppercase()
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut cs = word.chars();
        cs.next()
            .map(|f| f.to_uppercase().chain(cs).collect())
            .unwrap_or_default()
    } else {
        word.to_owned()
    }
}

/// Replace whole `words` of `seg` by `f(word)` where it returns `Some`.
fn replace_words(seg: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(seg.len() + 16);
    let mut last = 0;
    for w in words(seg) {
        if let Some(rep) = f(&seg[w.clone()]) {
            out.push_str(&seg[last..w.start]);
            out.push_str(&rep);
            last = w.end;
        }
    }
    out.push_str(&seg[last..]);
    out
}

/// Insert `piece()` at one interior char boundary of each word of at least `min` chars.
fn insert_inside(seg: &str, min: usize, rng: &mut Rng, mut piece: impl FnMut(&mut Rng) -> String) -> String {
    replace_words(seg, |w| {
        let bounds: Vec<usize> = w.char_indices().map(|(i, _)| i).skip(1).collect();
        if w.chars().count() < min || bounds.is_empty() {
            return None;
        }
        let at = *rng.pick(&bounds);
        Some(format!("{}{}{}", &w[..at], piece(rng), &w[at..]))
    })
}

/// Function words that have no inflection worth testing.
const NOT_INFLECTED: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "always",
    "among",
    "because",
    "before",
    "being",
    "below",
    "between",
    "both",
    "could",
    "does",
    "doing",
    "during",
    "each",
    "either",
    "else",
    "even",
    "every",
    "from",
    "have",
    "having",
    "here",
    "into",
    "itself",
    "just",
    "less",
    "more",
    "most",
    "much",
    "only",
    "other",
    "over",
    "same",
    "should",
    "since",
    "some",
    "such",
    "than",
    "that",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "under",
    "unless",
    "until",
    "very",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "whose",
    "will",
    "with",
    "within",
    "without",
    "would",
    "your",
];

/// Noun endings that only take a plural.
const NOUN_ENDINGS: &[&str] = &[
    "ment", "tion", "sion", "ness", "ity", "ance", "ence", "ism", "ship", "ure", "ist",
];

fn inflect(word: &str, rng: &mut Rng) -> Option<String> {
    let lower = word.to_lowercase();
    let len = lower.len();
    if len < 4 || !lower.bytes().all(|b| b.is_ascii_lowercase()) || NOT_INFLECTED.contains(&lower.as_str()) {
        return None;
    }
    let consonant_before = |stem: &str| stem.bytes().last().is_some_and(|b| !b"aeiou".contains(&b));
    let options: Vec<String> = if let Some(stem) = lower.strip_suffix("ing").filter(|s| s.len() >= 3) {
        vec![format!("{stem}ed")]
    } else if let Some(stem) = lower.strip_suffix("ied").filter(|s| s.len() >= 3) {
        vec![format!("{stem}ying"), format!("{stem}ies")]
    } else if let Some(stem) = lower.strip_suffix("ed").filter(|s| s.len() >= 3) {
        vec![format!("{stem}ing")]
    } else if NOUN_ENDINGS.iter().any(|e| lower.ends_with(e)) {
        vec![format!("{lower}s")]
    } else if let Some(stem) = lower.strip_suffix("ies").filter(|s| s.len() >= 3) {
        vec![format!("{stem}y")]
    } else if lower.ends_with("ss") || lower.ends_with("us") || lower.ends_with("is") {
        return None;
    } else if let Some(stem) = lower.strip_suffix('s').filter(|s| s.len() >= 4) {
        vec![stem.to_owned()]
    } else if let Some(stem) = lower.strip_suffix('e').filter(|s| s.len() >= 3 && !s.ends_with('e')) {
        vec![format!("{stem}ed"), format!("{stem}es"), format!("{stem}ing")]
    } else if let Some(stem) = lower.strip_suffix('y').filter(|s| consonant_before(s)) {
        vec![format!("{stem}ies"), format!("{stem}ied")]
    } else if len >= 5 {
        vec![format!("{lower}s"), format!("{lower}ed"), format!("{lower}ing")]
    } else {
        return None;
    };
    Some(match_case(word, rng.pick::<String>(&options)))
}

fn spelling_swap(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    SPELLING.iter().find_map(|&(uk, us)| {
        if lower == uk {
            Some(match_case(word, us))
        } else if lower == us {
            Some(match_case(word, uk))
        } else {
            None
        }
    })
}

fn synonym(word: &str, rng: &mut Rng) -> Option<String> {
    let lower = word.to_lowercase();
    THESAURUS
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|(_, reps)| match_case(word, rng.pick::<&str>(reps)))
}

/// Mutate one segment; `None` when the class does not apply to it.
fn mutate_segment(class: MutationClass, seg: &str, rng: &mut Rng) -> Option<String> {
    let ws = words(seg);
    if ws.is_empty() {
        return None;
    }
    let out = match class {
        MutationClass::Case => match rng.below(4) {
            0 => seg.to_uppercase(),
            1 => replace_words(seg, |w| Some(match_case("Xx", &w.to_lowercase()))),
            2 => {
                let mut upper = rng.chance(0.5);
                seg.chars()
                    .flat_map(|c| {
                        let flipped: Vec<char> = if c.is_alphabetic() {
                            upper = !upper;
                            if upper {
                                c.to_uppercase().collect()
                            } else {
                                c.to_lowercase().collect()
                            }
                        } else {
                            vec![c]
                        };
                        flipped
                    })
                    .collect()
            }
            _ => seg
                .chars()
                .flat_map(|c| {
                    let v: Vec<char> = if rng.chance(0.5) {
                        c.to_uppercase().collect()
                    } else {
                        c.to_lowercase().collect()
                    };
                    v
                })
                .collect(),
        },
        MutationClass::Homoglyph => {
            let candidates: Vec<usize> = seg
                .char_indices()
                .filter(|(_, c)| !homoglyphs(*c).is_empty())
                .map(|(i, _)| i)
                .collect();
            if candidates.is_empty() {
                return None;
            }
            let forced = *rng.pick(&candidates);
            seg.char_indices()
                .map(|(i, c)| {
                    let alts = homoglyphs(c);
                    if !alts.is_empty() && (i == forced || rng.chance(0.4)) {
                        *rng.pick(alts)
                    } else {
                        c
                    }
                })
                .collect()
        }
        MutationClass::ZeroWidth => insert_inside(seg, 2, rng, |r| r.pick(&ZERO_WIDTH).to_string()),
        MutationClass::SoftHyphen => insert_inside(seg, 4, rng, |_| "\u{AD}".to_string()),
        MutationClass::LineBreakHyphen => {
            let long: Vec<&Range<usize>> = ws
                .iter()
                .filter(|w| seg[(*w).clone()].chars().count() >= 5 && seg[(*w).clone()].is_ascii())
                .collect();
            if long.is_empty() {
                return None;
            }
            let w = (*rng.pick(&long)).clone();
            let len = w.end - w.start;
            let at = w.start + 2 + rng.below(len - 3);
            format!("{}-\n{}", &seg[..at], &seg[at..])
        }
        MutationClass::Separator => {
            if ws.len() < 2 {
                return None;
            }
            let mut out = String::new();
            out.push_str(&seg[..ws[0].end]);
            for pair in ws.windows(2) {
                let gap = &seg[pair[0].end..pair[1].start];
                if gap.chars().all(|c| c.is_whitespace() || c == '-') && !gap.is_empty() {
                    out.push_str(rng.pick::<&str>(&SEPARATORS));
                } else {
                    out.push_str(gap);
                }
                out.push_str(&seg[pair[1].clone()]);
            }
            out.push_str(&seg[ws[ws.len() - 1].end..]);
            out
        }
        MutationClass::Markdown => {
            let forced = rng.below(ws.len());
            let mut i = 0;
            replace_words(seg, |w| {
                let pick = i == forced || rng.chance(0.5);
                i += 1;
                pick.then(|| {
                    let (l, r) = rng.pick(&MARKDOWN);
                    format!("{l}{w}{r}")
                })
            })
        }
        MutationClass::Html => {
            let forced = rng.below(ws.len());
            let mut i = 0;
            let tagged = replace_words(seg, |w| {
                let pick = i == forced || rng.chance(0.5);
                i += 1;
                if !pick {
                    return None;
                }
                if rng.chance(0.5) {
                    let (l, r) = rng.pick(&TAGS);
                    Some(format!("{l}{w}{r}"))
                } else {
                    let chars: Vec<(usize, char)> = w.char_indices().collect();
                    let (at, c) = *rng.pick(&chars);
                    let entity = if rng.chance(0.5) {
                        format!("&#{};", u32::from(c))
                    } else {
                        format!("&#x{:x};", u32::from(c))
                    };
                    Some(format!("{}{entity}{}", &w[..at], &w[at + c.len_utf8()..]))
                }
            });
            // Some spaces become &nbsp;.
            let mut out = String::with_capacity(tagged.len());
            for c in tagged.chars() {
                if c == ' ' && rng.chance(0.3) {
                    out.push_str("&nbsp;");
                } else {
                    out.push(c);
                }
            }
            out
        }
        MutationClass::Inflection => {
            let eligible: Vec<usize> = ws
                .iter()
                .enumerate()
                .filter(|(_, w)| inflect(&seg[(*w).clone()], &mut Rng::new(0)).is_some())
                .map(|(i, _)| i)
                .collect();
            if eligible.is_empty() {
                return None;
            }
            let forced = *rng.pick(&eligible);
            let mut i = 0;
            replace_words(seg, |w| {
                let pick = i == forced || (eligible.contains(&i) && rng.chance(0.3));
                i += 1;
                if pick { inflect(w, rng) } else { None }
            })
        }
        MutationClass::Spelling => replace_words(seg, spelling_swap),
        MutationClass::Synonym => replace_words(seg, |w| synonym(w, rng)),
    };
    (out != seg).then_some(out)
}

/// A variant of `text` with every span in `spans` (sorted, disjoint byte
/// ranges on char boundaries) disguised by `class`; `None` when the class
/// changes none of them (e.g. no British or American spelling in the spans).
pub fn mutate(class: MutationClass, text: &str, spans: &[Range<usize>], rng: &mut Rng) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    let mut changed = false;
    for span in spans {
        if span.start < last || span.end > text.len() || span.start >= span.end {
            continue;
        }
        out.push_str(&text[last..span.start]);
        let seg = &text[span.clone()];
        match mutate_segment(class, seg, rng) {
            Some(m) => {
                out.push_str(&m);
                changed = true;
            }
            None => out.push_str(seg),
        }
        last = span.end;
    }
    out.push_str(&text[last..]);
    changed.then_some(out)
}
