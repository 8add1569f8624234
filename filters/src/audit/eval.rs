//! Recall, precision and false-positive rate of a matcher on labelled documents.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use super::labelled::LabelledDoc;
use super::stats::Rate;
use crate::matcher::{Finding, Matcher, Scratch, snippet};

/// Characters of a missed document shown as its snippet.
pub const MISS_SNIPPET_CHARS: usize = 160;

/// What the matcher did with one labelled document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocOutcome {
    /// Rule ids that fired, in pack order, distinct.
    pub rules: Vec<String>,
    /// Matched spans in the original text, sorted and merged.
    pub spans: Vec<Range<usize>>,
    /// The first finding's snippet (empty when nothing fired).
    pub snippet: String,
}

impl DocOutcome {
    /// Did any rule fire?
    pub fn flagged(&self) -> bool {
        !self.rules.is_empty()
    }
}

/// A miss (positive kept) or a false alarm (negative removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// File of the labelled document.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Its category.
    pub category: String,
    /// Rules that fired (empty for a miss).
    pub rules: Vec<String>,
    /// The matched context (false alarm) or the start of the text (miss).
    pub snippet: String,
}

/// Results for one label category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryResult {
    /// Category name.
    pub category: String,
    /// `positive` or `negative`.
    pub label: &'static str,
    /// Documents of that category.
    pub documents: u64,
    /// How many the pack removed.
    pub flagged: u64,
    /// Recall (positive categories) or false-positive rate (negative categories).
    pub rate: Rate,
    /// Positives removed by a rule of their own category.
    pub by_own_category: Option<u64>,
}

/// Results for one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleResult {
    /// Rule id.
    pub rule: String,
    /// Rule category.
    pub category: String,
    /// Positives it fired on.
    pub true_positives: u64,
    /// Negatives it fired on.
    pub false_positives: u64,
    /// Positives no other rule catches.
    pub unique_true_positives: u64,
    /// Share of all positives it catches.
    pub recall: Rate,
    /// Share of its firings that are positives.
    pub precision: Rate,
    /// Share of all negatives it fires on.
    pub false_positive_rate: Rate,
}

/// The labelled evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Positives.
    pub positives: u64,
    /// Negatives.
    pub negatives: u64,
    /// Positives removed.
    pub true_positives: u64,
    /// Positives kept (misses).
    pub false_negatives: u64,
    /// Negatives removed (false alarms).
    pub false_positives: u64,
    /// Negatives kept.
    pub true_negatives: u64,
    /// `tp / (tp + fn)`.
    pub recall: Rate,
    /// `tp / (tp + fp)`.
    pub precision: Rate,
    /// `fp / (fp + tn)`.
    pub false_positive_rate: Rate,
    /// Per label category, sorted: positive categories first.
    pub categories: Vec<CategoryResult>,
    /// Per rule of the pack, in pack order.
    pub rules: Vec<RuleResult>,
    /// Positives the pack keeps.
    pub misses: Vec<Example>,
    /// Negatives the pack removes.
    pub false_alarms: Vec<Example>,
    /// Per document, in input order (not serialised).
    #[serde(skip)]
    pub outcomes: Vec<DocOutcome>,
}

/// Sort and merge overlapping or touching ranges.
pub fn merge_spans(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in spans {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Run `matcher` on `text`.
pub fn outcome(matcher: &Matcher, text: &str, scratch: &mut Scratch) -> DocOutcome {
    let findings: Vec<Finding> = matcher.find(text, scratch);
    let mut rules: Vec<usize> = findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    DocOutcome {
        rules: rules.iter().map(|&r| matcher.pack().rules[r].id.clone()).collect(),
        spans: merge_spans(findings.iter().map(|f| f.start..f.end).collect()),
        snippet: findings.first().map(|f| f.snippet.clone()).unwrap_or_default(),
    }
}

/// The first `chars` characters of `text`, whitespace flattened, with `…` when cut.
pub fn head(text: &str, chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= chars {
        flat
    } else {
        let mut s: String = flat.chars().take(chars).collect();
        s.push('…');
        s
    }
}

/// Evaluate `matcher` on `docs`.
pub fn evaluate(matcher: &Matcher, docs: &[LabelledDoc]) -> Evaluation {
    let mut scratch = Scratch::new();
    let outcomes: Vec<DocOutcome> = docs.iter().map(|d| outcome(matcher, &d.text, &mut scratch)).collect();
    let pack = matcher.pack();
    let rule_category: BTreeMap<&str, &str> = pack
        .rules
        .iter()
        .map(|r| (r.id.as_str(), r.category.as_str()))
        .collect();
    let (mut tp, mut fn_, mut fp, mut tn) = (0u64, 0u64, 0u64, 0u64);
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    // category -> (positive, documents, flagged, by own category)
    let mut cats: BTreeMap<(bool, &str), (u64, u64, u64)> = BTreeMap::new();
    let mut per_rule: BTreeMap<&str, (u64, u64, u64)> = BTreeMap::new();
    for (doc, out) in docs.iter().zip(&outcomes) {
        let flagged = out.flagged();
        let entry = cats.entry((!doc.positive, doc.category.as_str())).or_default();
        entry.0 += 1;
        if flagged {
            entry.1 += 1;
            if out
                .rules
                .iter()
                .any(|r| rule_category.get(r.as_str()) == Some(&doc.category.as_str()))
            {
                entry.2 += 1;
            }
        }
        for r in &out.rules {
            let e = per_rule.entry(r.as_str()).or_default();
            if doc.positive {
                e.0 += 1;
                if out.rules.len() == 1 {
                    e.2 += 1;
                }
            } else {
                e.1 += 1;
            }
        }
        let example = || Example {
            file: doc.file.clone(),
            line: doc.line,
            category: doc.category.clone(),
            rules: out.rules.clone(),
            snippet: if flagged {
                out.snippet.clone()
            } else {
                head(&doc.text, MISS_SNIPPET_CHARS)
            },
        };
        match (doc.positive, flagged) {
            (true, true) => tp += 1,
            (true, false) => {
                fn_ += 1;
                misses.push(example());
            }
            (false, true) => {
                fp += 1;
                false_alarms.push(example());
            }
            (false, false) => tn += 1,
        }
    }
    let (positives, negatives) = (tp + fn_, fp + tn);
    let categories = cats
        .into_iter()
        .map(|((negative, category), (documents, flagged, own))| CategoryResult {
            category: category.to_owned(),
            label: if negative { "negative" } else { "positive" },
            documents,
            flagged,
            rate: Rate::new(flagged, documents),
            by_own_category: (!negative).then_some(own),
        })
        .collect();
    let rules = pack
        .rules
        .iter()
        .map(|r| {
            let (t, f, u) = per_rule.get(r.id.as_str()).copied().unwrap_or_default();
            RuleResult {
                rule: r.id.clone(),
                category: r.category.clone(),
                true_positives: t,
                false_positives: f,
                unique_true_positives: u,
                recall: Rate::new(t, positives),
                precision: Rate::new(t, t + f),
                false_positive_rate: Rate::new(f, negatives),
            }
        })
        .collect();
    Evaluation {
        positives,
        negatives,
        true_positives: tp,
        false_negatives: fn_,
        false_positives: fp,
        true_negatives: tn,
        recall: Rate::new(tp, positives),
        precision: Rate::new(tp, tp + fp),
        false_positive_rate: Rate::new(fp, negatives),
        categories,
        rules,
        misses,
        false_alarms,
        outcomes,
    }
}

/// Snippet of `text` around `range` (the matcher's snippet format).
pub fn snippet_at(text: &str, range: &Range<usize>) -> String {
    snippet(text, range.start, range.end)
}
