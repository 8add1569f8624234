//! A deliberately loose detector for reviewing what a filter kept: single
//! suspicious words (deceptive, scheming, pretend, unmonitored …) near an AI
//! context word, scored so that the likeliest leaks come first.

use serde::Serialize;

use crate::matcher::snippet;
use crate::normalize::{Normalized, Normalizer};

/// Words within which an AI context word must occur.
pub const DEFAULT_WINDOW: usize = 20;

/// How a lexicon entry matches a normalised word.
#[derive(Debug, Clone, Copy)]
enum Form {
    Exact(&'static str),
    Prefix(&'static str),
}

/// (term, weight, forms). Weights reflect how rarely the word is innocent in
/// a document about AI training.
const LEXICON: &[(&str, f64, &[Form])] = &[
    (
        "deceptive",
        3.0,
        &[
            Form::Prefix("decept"),
            Form::Prefix("deceiv"),
            Form::Exact("deceit"),
            Form::Prefix("deceitful"),
        ],
    ),
    (
        "scheming",
        3.0,
        &[
            Form::Exact("scheming"),
            Form::Exact("schemer"),
            Form::Exact("schemers"),
            Form::Exact("scheme"),
            Form::Exact("schemes"),
            Form::Exact("schemed"),
        ],
    ),
    (
        "pretend",
        2.0,
        &[
            Form::Prefix("pretend"),
            Form::Exact("pretence"),
            Form::Exact("pretense"),
        ],
    ),
    ("feign", 3.0, &[Form::Prefix("feign")]),
    (
        "unmonitored",
        3.0,
        &[
            Form::Exact("unmonitored"),
            Form::Exact("unobserved"),
            Form::Exact("unwatched"),
        ],
    ),
    ("monitored", 1.5, &[Form::Exact("monitored")]),
    ("sandbagging", 3.0, &[Form::Prefix("sandbag")]),
    ("sabotage", 2.0, &[Form::Prefix("sabotag")]),
    ("conceal", 1.5, &[Form::Prefix("conceal")]),
    ("manipulate", 1.5, &[Form::Prefix("manipulat")]),
    (
        "comply",
        1.0,
        &[
            Form::Exact("comply"),
            Form::Exact("complies"),
            Form::Exact("complied"),
            Form::Exact("complying"),
            Form::Exact("compliance"),
            Form::Exact("compliant"),
            Form::Exact("noncompliance"),
        ],
    ),
    (
        "alignment",
        1.0,
        &[
            Form::Exact("alignment"),
            Form::Exact("aligned"),
            Form::Exact("misaligned"),
            Form::Exact("misalignment"),
            Form::Exact("unaligned"),
        ],
    ),
    ("strategic", 1.0, &[Form::Prefix("strategic")]),
];

/// Words that put a hit in an AI context.
const AI_CONTEXT: &[&str] = &[
    "ai",
    "ais",
    "model",
    "models",
    "llm",
    "llms",
    "assistant",
    "assistants",
    "chatbot",
    "chatbots",
    "claude",
    "rlhf",
    "training",
    "trained",
    "retraining",
    "finetuning",
    "weights",
    "neural",
    "agi",
    "gpt",
    "bot",
    "bots",
    "agent",
    "agents",
    "artificial",
    "superintelligence",
    "overseers",
    "developers",
    "contractors",
];

/// The lexicon's term names, in order.
pub fn lexicon_terms() -> Vec<&'static str> {
    LEXICON.iter().map(|(t, _, _)| *t).collect()
}

fn term_of(word: &str) -> Option<usize> {
    LEXICON.iter().position(|(_, _, forms)| {
        forms.iter().any(|f| match f {
            Form::Exact(w) => word == *w,
            Form::Prefix(p) => word.starts_with(p),
        })
    })
}

/// A document the loose detector flags.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeakHit {
    /// Higher is likelier a leak.
    pub score: f64,
    /// Distinct lexicon terms found in AI context.
    pub terms: Vec<String>,
    /// Occurrences of lexicon words in AI context.
    pub occurrences: u64,
    /// Byte span of the strongest occurrence in the original text.
    pub start: usize,
    /// End of that span.
    pub end: usize,
    /// Original text around it.
    pub snippet: String,
}

/// The loose detector.
#[derive(Debug)]
pub struct LeakDetector {
    normalizer: Normalizer,
    window: usize,
}

impl Default for LeakDetector {
    fn default() -> Self {
        LeakDetector::new(DEFAULT_WINDOW)
    }
}

impl LeakDetector {
    /// A detector requiring an AI context word within `window` words.
    pub fn new(window: usize) -> LeakDetector {
        LeakDetector {
            normalizer: Normalizer::default(),
            window,
        }
    }

    /// Score `text`; `None` when no lexicon word occurs in AI context.
    ///
    /// The score is the sum of the weights of the distinct terms found, plus a
    /// quarter of a term's weight for each further occurrence.
    pub fn scan(&self, text: &str) -> Option<LeakHit> {
        let norm: Normalized = self.normalizer.normalize(text);
        let ntext = norm.text();
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut start = None;
        for (i, c) in ntext.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                words.push((s, i));
            }
        }
        if let Some(s) = start {
            words.push((s, ntext.len()));
        }
        let context: Vec<usize> = words
            .iter()
            .enumerate()
            .filter(|(_, (s, e))| AI_CONTEXT.contains(&&ntext[*s..*e]))
            .map(|(i, _)| i)
            .collect();
        if context.is_empty() {
            return None;
        }
        let mut counts = vec![0u64; LEXICON.len()];
        let mut best: Option<(f64, usize)> = None;
        for (i, &(s, e)) in words.iter().enumerate() {
            let Some(term) = term_of(&ntext[s..e]) else { continue };
            let lo = i.saturating_sub(self.window);
            let hi = i + self.window;
            let near = context.iter().any(|&c| c >= lo && c <= hi && c != i);
            if !near {
                continue;
            }
            counts[term] += 1;
            let w = LEXICON[term].1;
            if best.is_none_or(|(bw, _)| w > bw) {
                best = Some((w, i));
            }
        }
        let (_, at) = best?;
        let mut score = 0.0;
        let mut terms = Vec::new();
        let mut occurrences = 0;
        for (t, &c) in counts.iter().enumerate() {
            if c > 0 {
                score += LEXICON[t].1 * (1.0 + 0.25 * (c - 1) as f64);
                terms.push(LEXICON[t].0.to_owned());
                occurrences += c;
            }
        }
        let (s, e) = words[at];
        let span = norm.original_span(s..e).unwrap_or(0..0);
        Some(LeakHit {
            score: (score * 100.0).round() / 100.0,
            terms,
            occurrences,
            start: span.start,
            end: span.end,
            snippet: snippet(text, span.start, span.end),
        })
    }
}
