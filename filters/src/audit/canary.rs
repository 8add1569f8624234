//! Canaries: positive passages planted into clean documents, to show that a
//! filter as configured catches them inside real text.

use serde::Serialize;

use super::eval::{head, outcome};
use super::labelled::LabelledDoc;
use super::mutate::{MutationClass, mutate};
use super::rng::Rng;
use super::stats::Rate;
use crate::matcher::{Matcher, Scratch};

/// One planted document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Canary {
    /// Canary number.
    pub index: usize,
    /// Id of the clean host document.
    pub host: String,
    /// `file:line` of the planted positive.
    pub source: String,
    /// Category of the planted positive.
    pub category: String,
    /// Disguise applied to the passage (`None`: planted as written).
    pub mutation: Option<MutationClass>,
    /// Byte offset in the host where the passage went.
    pub position: usize,
    /// The planted passage as inserted.
    pub passage: String,
    /// The host with the passage inserted.
    #[serde(skip)]
    pub text: String,
}

/// Byte offsets where a passage can go: the start, after each sentence end or
/// line break, and the end.
fn insertion_points(text: &str) -> Vec<usize> {
    let mut points = vec![0];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next_is_space = bytes.get(i + 1).is_some_and(|n| n.is_ascii_whitespace());
        if (matches!(b, b'.' | b'!' | b'?') && next_is_space) || b == b'\n' {
            points.push(i + 1);
        }
    }
    points.push(text.len());
    points.dedup();
    points
}

/// Plant `n` canaries: for canary `i`, a host from `hosts` (id, text), a
/// positive from `passages` and a mutation class (or none) are drawn from a
/// generator derived from `seed` and `i`; the passage is disguised on the spans
/// `matcher` finds in it, and inserted at a random sentence boundary.
pub fn plant(
    matcher: &Matcher,
    hosts: &[(String, String)],
    passages: &[&LabelledDoc],
    n: usize,
    seed: u64,
) -> Vec<Canary> {
    if hosts.is_empty() || passages.is_empty() {
        return Vec::new();
    }
    let mut scratch = Scratch::new();
    (0..n)
        .map(|i| {
            let mut rng = Rng::derive(seed, &[0xCA9A_41E5, i as u64]);
            let (host_id, host) = &hosts[rng.below(hosts.len())];
            let source = passages[rng.below(passages.len())];
            let class_index = rng.below(MutationClass::ALL.len() + 1);
            let spans = outcome(matcher, &source.text, &mut scratch).spans;
            let mut mutation = None;
            let mut passage = source.text.clone();
            if class_index > 0 {
                let class = MutationClass::ALL[class_index - 1];
                if let Some(m) = mutate(class, &source.text, &spans, &mut rng) {
                    passage = m;
                    mutation = Some(class);
                }
            }
            let points = insertion_points(host);
            let position = points[rng.below(points.len())];
            let (before, after) = host.split_at(position);
            let lead = if before.is_empty() || before.ends_with(char::is_whitespace) {
                ""
            } else {
                " "
            };
            let trail = if after.is_empty() || after.starts_with(char::is_whitespace) {
                ""
            } else {
                " "
            };
            let text = format!("{before}{lead}{passage}{trail}{after}");
            Canary {
                index: i,
                host: host_id.clone(),
                source: format!("{}:{}", source.file, source.line),
                category: source.category.clone(),
                mutation,
                position,
                passage,
                text,
            }
        })
        .collect()
}

/// A canary the filter kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CanaryMiss {
    /// Canary number.
    pub index: usize,
    /// Host id.
    pub host: String,
    /// Planted positive.
    pub source: String,
    /// Category of the positive.
    pub category: String,
    /// Disguise.
    pub mutation: Option<MutationClass>,
    /// Start of the planted passage.
    pub snippet: String,
}

/// Catch rate of one mutation class (or of undisguised passages).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CanaryClass {
    /// Class name, or `none`.
    pub class: String,
    /// Canaries caught over planted.
    pub caught: Rate,
}

/// What the filter did with the canaries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CanaryReport {
    /// Seed.
    pub seed: u64,
    /// Canaries planted.
    pub planted: u64,
    /// Caught over planted.
    pub catch_rate: Rate,
    /// Per mutation class (`none` first).
    pub classes: Vec<CanaryClass>,
    /// Canaries the filter kept.
    pub missed: Vec<CanaryMiss>,
}

/// Run `matcher` on every canary.
pub fn check(matcher: &Matcher, canaries: &[Canary], seed: u64) -> CanaryReport {
    let mut scratch = Scratch::new();
    let mut missed = Vec::new();
    let mut per: Vec<(u64, u64)> = vec![(0, 0); MutationClass::ALL.len() + 1];
    let mut caught = 0;
    for c in canaries {
        let slot = c
            .mutation
            .map_or(0, |m| MutationClass::ALL.iter().position(|&x| x == m).unwrap_or(0) + 1);
        per[slot].0 += 1;
        if matcher.is_match(&c.text, &mut scratch) {
            caught += 1;
            per[slot].1 += 1;
        } else {
            missed.push(CanaryMiss {
                index: c.index,
                host: c.host.clone(),
                source: c.source.clone(),
                category: c.category.clone(),
                mutation: c.mutation,
                snippet: head(&c.passage, 200),
            });
        }
    }
    let classes = per
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| *n > 0)
        .map(|(i, &(n, hits))| CanaryClass {
            class: if i == 0 {
                "none".into()
            } else {
                MutationClass::ALL[i - 1].name().into()
            },
            caught: Rate::new(hits, n),
        })
        .collect();
    CanaryReport {
        seed,
        planted: canaries.len() as u64,
        catch_rate: Rate::new(caught, canaries.len() as u64),
        classes,
        missed,
    }
}
