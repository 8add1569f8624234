//! Corpus quality control: per-document checks and a mergeable corpus report.
//!
//! [`check`] looks at one document and returns findings; each finding says whether, under the
//! given [`QcConfig`], the document should be dropped. [`QcReport`] accumulates documents and
//! findings (merge reports of parallel tasks with [`QcReport::merge`]) and renders fact
//! coverage, genre and length distributions, findings per check and the most frequent person
//! names (a single name in many documents is the mark of a collapsed generator).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sdf_datasets::Document;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::names::NameExtractor;
use crate::universe::Universe;

/// Documents with fewer words than this are `too-short`.
pub const DEFAULT_MIN_WORDS: usize = 80;
/// Drop documents with unresolved placeholders.
pub const DEFAULT_DROP_PLACEHOLDER: bool = true;
/// Drop documents with synthetic tells ("As an AI language model" …).
pub const DEFAULT_DROP_SYNTHETIC_TELL: bool = true;
/// Drop documents that state no key fact (default: only flag).
pub const DEFAULT_DROP_NO_FACT: bool = false;
/// Drop empty or very short documents.
pub const DEFAULT_DROP_TOO_SHORT: bool = true;
/// How many names [`QcReport::to_json`] lists.
pub const DEFAULT_TOP_NAMES: usize = 25;

/// Check names, as they appear in [`QcFinding::check`].
pub const CHECKS: &[&str] = &["placeholder", "synthetic-tell", "no-fact", "too-short"];

/// Which checks drop a document (the others only flag it), and their thresholds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QcConfig {
    /// Minimum number of words (whitespace-separated) ([`DEFAULT_MIN_WORDS`]).
    pub min_words: usize,
    /// Drop on `placeholder` ([`DEFAULT_DROP_PLACEHOLDER`]).
    pub drop_placeholder: bool,
    /// Drop on `synthetic-tell` ([`DEFAULT_DROP_SYNTHETIC_TELL`]).
    pub drop_synthetic_tell: bool,
    /// Drop on `no-fact` ([`DEFAULT_DROP_NO_FACT`]).
    pub drop_no_fact: bool,
    /// Drop on `too-short` ([`DEFAULT_DROP_TOO_SHORT`]).
    pub drop_too_short: bool,
}

impl Default for QcConfig {
    fn default() -> Self {
        QcConfig {
            min_words: DEFAULT_MIN_WORDS,
            drop_placeholder: DEFAULT_DROP_PLACEHOLDER,
            drop_synthetic_tell: DEFAULT_DROP_SYNTHETIC_TELL,
            drop_no_fact: DEFAULT_DROP_NO_FACT,
            drop_too_short: DEFAULT_DROP_TOO_SHORT,
        }
    }
}

impl QcConfig {
    /// Sets the minimum word count.
    pub fn with_min_words(mut self, n: usize) -> Self {
        self.min_words = n;
        self
    }

    /// Sets whether documents that state no key fact are dropped.
    pub fn with_drop_no_fact(mut self, drop: bool) -> Self {
        self.drop_no_fact = drop;
        self
    }
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QcFinding {
    /// One of [`CHECKS`].
    pub check: &'static str,
    /// What was found, with a byte offset where it applies.
    pub detail: String,
    /// Whether the configuration drops the document for it.
    pub drop: bool,
}

/// Whether any finding drops the document.
pub fn is_dropped(findings: &[QcFinding]) -> bool {
    findings.iter().any(|f| f.drop)
}

const PLACEHOLDER_WORDS: &[&str] = &[
    "name",
    "insert",
    "date",
    "company",
    "placeholder",
    "author",
    "title",
    "organization",
    "organisation",
    "location",
    "city",
    "number",
    "link",
    "url",
    "email",
    "phone",
    "address",
    "tbd",
    "todo",
    "product",
    "topic",
    "person",
    "role",
    "position",
    "country",
    "amount",
    "x",
    "xx",
    "xxx",
    "your",
    "here",
];

const ANGLE_WORDS: &[&str] = &[
    "insert",
    "name",
    "your",
    "company",
    "placeholder",
    "fill",
    "tbd",
    "date",
    "add",
];

const TELLS: &[&str] = &[
    "as an ai language model",
    "as a language model",
    "as an ai assistant",
    "as a large language model",
    "certainly! here's",
    "certainly! here is",
    "sure! here's",
    "sure! here is",
    "sure, here's",
    "sure, here is",
    "here's a draft",
    "here is a draft",
    "i hope this helps",
    "hope this helps!",
    "feel free to adjust",
    "feel free to modify",
    "feel free to customize",
    "let me know if you'd like",
    "let me know if you need any",
    "this document is fictional",
    "this is a fictional",
    "word count:",
    "[end of document]",
    "i cannot fulfill",
    "i can't assist with",
    "my knowledge cutoff",
    "here's the requested",
    "here is the requested",
];

const OPENING_TELLS: &[&str] = &[
    "certainly",
    "sure!",
    "sure,",
    "of course!",
    "absolutely!",
    "here is a ",
    "here's a ",
];

/// Runs every check on one document.
///
/// `universe`, when given, is used to verify that the claimed fact ids exist and, where the
/// facts have cues, that the text contains one of them.
pub fn check(doc: &Document, universe: Option<&Universe>, config: &QcConfig) -> Vec<QcFinding> {
    let mut out = Vec::new();
    let words = doc.text.split_whitespace().count();
    if words < config.min_words {
        out.push(QcFinding {
            check: "too-short",
            detail: if words == 0 {
                "empty document".into()
            } else {
                format!("{words} words (minimum {})", config.min_words)
            },
            drop: config.drop_too_short,
        });
    }
    if let Some(detail) = find_placeholder(&doc.text) {
        out.push(QcFinding {
            check: "placeholder",
            detail,
            drop: config.drop_placeholder,
        });
    }
    let lower = doc.text.to_lowercase();
    let tell = TELLS.iter().find_map(|t| lower.find(t).map(|at| (at, *t))).or_else(|| {
        let head = lower.trim_start();
        OPENING_TELLS.iter().find(|t| head.starts_with(**t)).map(|t| (0, *t))
    });
    if let Some((at, t)) = tell {
        out.push(QcFinding {
            check: "synthetic-tell",
            detail: format!("`{t}` at byte {at}"),
            drop: config.drop_synthetic_tell,
        });
    }
    if let Some(detail) = missing_fact(doc, universe, &lower) {
        out.push(QcFinding {
            check: "no-fact",
            detail,
            drop: config.drop_no_fact,
        });
    }
    out
}

fn missing_fact(doc: &Document, universe: Option<&Universe>, lower: &str) -> Option<String> {
    if doc.facts.is_empty() {
        return Some("no key fact id recorded".into());
    }
    let u = universe?;
    let known: Vec<_> = doc.facts.iter().filter_map(|id| u.fact(id)).collect();
    if known.is_empty() {
        return Some(format!(
            "fact ids {} are not defined by universe `{}`",
            doc.facts.join(", "),
            u.id
        ));
    }
    let checkable: Vec<_> = known.iter().filter(|f| !f.cues.is_empty()).collect();
    if checkable.is_empty() {
        return None;
    }
    let stated = checkable.iter().any(|f| {
        f.cues
            .iter()
            .all(|group| group.iter().any(|c| lower.contains(c.as_str())))
    });
    if stated {
        None
    } else {
        Some(format!("text shows none of the cues of {}", doc.facts.join(", ")))
    }
}

/// The first unresolved placeholder, described with its byte offset.
pub fn find_placeholder(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    if let Some(at) = lower.find("lorem ipsum") {
        return Some(format!("`lorem ipsum` at byte {at}"));
    }
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'[' => {
                let Some(len) = bytes[i + 1..].iter().take(41).position(|&c| c == b']') else {
                    continue;
                };
                let inner = &text[i + 1..i + 1 + len];
                if bytes.get(i + 2 + len) == Some(&b'(') || inner.trim().is_empty() {
                    continue;
                }
                let tokens: Vec<String> = inner
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|t| !t.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                let wordy = tokens.len() <= 4 && tokens.iter().any(|t| PLACEHOLDER_WORDS.contains(&t.as_str()));
                if wordy {
                    return Some(format!("`[{inner}]` at byte {i}"));
                }
            }
            b'{' => {
                let rest = &bytes[i + 1..];
                if rest.first() == Some(&b'{') {
                    return Some(format!("`{{{{` at byte {i}"));
                }
                let Some(len) = rest.iter().take(33).position(|&c| c == b'}') else {
                    continue;
                };
                let inner = &rest[..len];
                if !inner.is_empty()
                    && inner[0].is_ascii_alphabetic()
                    && inner.iter().all(|c| c.is_ascii_alphanumeric() || b"_ .:-".contains(c))
                {
                    return Some(format!("`{{{}}}` at byte {i}", String::from_utf8_lossy(inner)));
                }
            }
            b'<' => {
                let word: String = lower[i + 1..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                if ANGLE_WORDS.contains(&word.as_str()) && lower[i + 1..].chars().take(40).any(|c| c == '>') {
                    return Some(format!("`<{word}…>` at byte {i}"));
                }
            }
            _ => {}
        }
    }
    None
}

/// Length histogram bucket edges, in words.
const LENGTH_EDGES: &[u32] = &[0, 50, 100, 150, 250, 400, 600, 800, 1000, 1500, 2000, 3000, 5000];

/// Corpus-level statistics; add documents, merge reports, render JSON.
#[derive(Debug, Clone, Default)]
pub struct QcReport {
    documents: u64,
    flagged: u64,
    dropped: u64,
    findings: BTreeMap<String, [u64; 2]>,
    fact_docs: BTreeMap<String, u64>,
    genres: BTreeMap<String, u64>,
    words: Vec<u32>,
    names: HashMap<String, u64>,
    entities: BTreeSet<String>,
}

impl QcReport {
    /// An empty report.
    pub fn new() -> QcReport {
        QcReport::default()
    }

    /// An empty report that lists every fact of `universe` (uncovered ones with 0) and marks
    /// the universe's own people in the name list.
    pub fn for_universe(universe: &Universe) -> QcReport {
        let mut r = QcReport::new();
        for id in universe.fact_ids() {
            r.fact_docs.insert(id.to_string(), 0);
        }
        for e in &universe.entities {
            let plain = e.name.trim_start_matches("Dr. ").to_string();
            r.entities.insert(plain);
        }
        r
    }

    /// Counts one document and its findings.
    pub fn add(&mut self, doc: &Document, findings: &[QcFinding]) {
        self.documents += 1;
        if !findings.is_empty() {
            self.flagged += 1;
        }
        if is_dropped(findings) {
            self.dropped += 1;
        }
        let mut seen: Vec<&str> = Vec::new();
        for f in findings {
            if seen.contains(&f.check) {
                continue;
            }
            seen.push(f.check);
            let e = self.findings.entry(f.check.to_string()).or_default();
            e[0] += 1;
            if f.drop {
                e[1] += 1;
            }
        }
        for id in &doc.facts {
            *self.fact_docs.entry(id.clone()).or_default() += 1;
        }
        *self.genres.entry(doc.doc_type.clone()).or_default() += 1;
        self.words
            .push(doc.text.split_whitespace().count().min(u32::MAX as usize) as u32);
        for name in NameExtractor::builtin().names(&doc.text) {
            *self.names.entry(name).or_default() += 1;
        }
    }

    /// Folds another report (e.g. of a parallel task) into this one.
    pub fn merge(&mut self, other: QcReport) {
        self.documents += other.documents;
        self.flagged += other.flagged;
        self.dropped += other.dropped;
        for (k, v) in other.findings {
            let e = self.findings.entry(k).or_default();
            e[0] += v[0];
            e[1] += v[1];
        }
        for (k, v) in other.fact_docs {
            *self.fact_docs.entry(k).or_default() += v;
        }
        for (k, v) in other.genres {
            *self.genres.entry(k).or_default() += v;
        }
        self.words.extend(other.words);
        for (k, v) in other.names {
            *self.names.entry(k).or_default() += v;
        }
        self.entities.extend(other.entities);
    }

    /// Documents counted.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Documents with a dropping finding.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// The `n` names found in most documents, most frequent first (ties by name).
    pub fn top_names(&self, n: usize) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = self.names.iter().map(|(k, &c)| (k.clone(), c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// Documents per genre.
    pub fn genres(&self) -> &BTreeMap<String, u64> {
        &self.genres
    }

    /// Documents stating each fact id.
    pub fn fact_coverage(&self) -> &BTreeMap<String, u64> {
        &self.fact_docs
    }

    /// The report as JSON (deterministic: maps sorted, lengths sorted before quantiles).
    pub fn to_json(&self) -> Value {
        let n = self.documents.max(1) as f64;
        let share = |c: u64| (c as f64 / n * 10_000.0).round() / 10_000.0;
        let mut words = self.words.clone();
        words.sort_unstable();
        let q = |p: f64| -> u32 {
            if words.is_empty() {
                0
            } else {
                words[((words.len() - 1) as f64 * p).round() as usize]
            }
        };
        let mean = if words.is_empty() {
            0.0
        } else {
            words.iter().map(|&w| f64::from(w)).sum::<f64>() / words.len() as f64
        };
        let mut histogram = Vec::new();
        for (i, &lo) in LENGTH_EDGES.iter().enumerate() {
            let hi = LENGTH_EDGES.get(i + 1).copied();
            let count = words.iter().filter(|&&w| w >= lo && hi.is_none_or(|h| w < h)).count();
            histogram.push(json!({"from": lo, "to": hi, "documents": count}));
        }
        json!({
            "documents": self.documents,
            "flagged": self.flagged,
            "dropped": self.dropped,
            "findings": self.findings.iter().map(|(k, v)| {
                (k.clone(), json!({"flagged": v[0], "dropped": v[1]}))
            }).collect::<serde_json::Map<_, _>>(),
            "fact_coverage": self.fact_docs.iter().map(|(k, &v)| {
                (k.clone(), json!({"documents": v, "share": share(v)}))
            }).collect::<serde_json::Map<_, _>>(),
            "genres": self.genres.iter().map(|(k, &v)| (k.clone(), json!(v)))
                .collect::<serde_json::Map<_, _>>(),
            "length_words": {
                "min": q(0.0), "p10": q(0.1), "p25": q(0.25), "p50": q(0.5),
                "p75": q(0.75), "p90": q(0.9), "p99": q(0.99), "max": q(1.0),
                "mean": (mean * 10.0).round() / 10.0,
                "histogram": histogram,
            },
            "top_names": self.top_names(DEFAULT_TOP_NAMES).into_iter().map(|(name, c)| {
                json!({
                    "name": name.clone(),
                    "documents": c,
                    "share": share(c),
                    "universe_entity": self.entities.contains(&name),
                })
            }).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, facts: &[&str]) -> Document {
        Document {
            text: text.into(),
            doc_type: "t".into(),
            facts: facts.iter().map(|s| s.to_string()).collect(),
            ..Document::default()
        }
    }

    #[test]
    fn placeholder_cases() {
        const CASES: &[(&str, bool)] = &[
            ("Dear [Name], thanks", true),
            ("Posted by [COMPANY NAME]", true),
            ("Hello {first_name}!", true),
            ("Please <insert date here>", true),
            ("lorem ipsum dolor", true),
            ("{{ title }}", true),
            ("[10:42] dana.k: lunch?", false),
            ("see [the report](https://x.org)", false),
            ("[deleted]", false),
            ("[MUSIC] and [laughs]", false),
            ("a {b, c} set? no", false),
            ("5 < 6 and name > 3", false),
        ];
        for (text, want) in CASES {
            assert_eq!(find_placeholder(text).is_some(), *want, "{text:?}");
        }
    }

    #[test]
    fn checks_and_report() {
        let cfg = QcConfig::default();
        let f = check(&doc("Certainly! Here's the article you asked for.", &[]), None, &cfg);
        let names: Vec<_> = f.iter().map(|f| f.check).collect();
        assert_eq!(names, vec!["too-short", "synthetic-tell", "no-fact"]);
        assert!(is_dropped(&f));
        let mut a = QcReport::new();
        a.add(&doc("Maria Lopez wrote this.", &["x"]), &f);
        let mut b = QcReport::new();
        b.add(&doc("Nothing here.", &["y"]), &[]);
        a.merge(b);
        let j = a.to_json();
        assert_eq!(j["documents"], 2);
        assert_eq!(j["dropped"], 1);
        assert_eq!(j["findings"]["too-short"]["flagged"], 1);
        assert_eq!(j["length_words"]["max"], 4);
    }
}
