//! Recall of a matcher on adversarial variants of the positives it catches.

use serde::Serialize;

use super::eval::{DocOutcome, head};
use super::labelled::LabelledDoc;
use super::mutate::{MutationClass, mutate};
use super::rng::Rng;
use super::stats::Rate;
use crate::matcher::{Matcher, Scratch};

/// Misses kept per class in the report.
pub const MAX_EXAMPLES_PER_CLASS: usize = 12;

/// A variant the matcher no longer catches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariantMiss {
    /// File of the positive.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Variant number.
    pub variant: u32,
    /// Rules that caught the original.
    pub original_rules: Vec<String>,
    /// The mutated text around the first disguised span.
    pub snippet: String,
}

/// Results for one mutation class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassResult {
    /// The class.
    pub class: MutationClass,
    /// What it does.
    pub description: &'static str,
    /// Variants generated (the class applied and changed the text).
    pub variants: u64,
    /// Positives for which the class did not apply.
    pub not_applicable: u64,
    /// Variants still removed, over `variants`.
    pub recall: Rate,
    /// The first few misses.
    pub misses: Vec<VariantMiss>,
}

/// The mutation audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Robustness {
    /// Seed of every variant.
    pub seed: u64,
    /// Variants per positive and class.
    pub variants_per_class: u32,
    /// Positives the matcher catches unmutated (the base of every class).
    pub base_positives: u64,
    /// Per class, in [`MutationClass::ALL`] order.
    pub classes: Vec<ClassResult>,
    /// All variants together.
    pub overall: Rate,
}

/// Generate `variants` variants per class of every positive in `docs` that
/// `outcomes` (same order) says is caught, and count how many stay caught.
pub fn evaluate_mutations(
    matcher: &Matcher,
    docs: &[LabelledDoc],
    outcomes: &[DocOutcome],
    seed: u64,
    variants: u32,
) -> Robustness {
    let mut scratch = Scratch::new();
    let mut base = 0u64;
    let mut per_class: Vec<(u64, u64, u64, Vec<VariantMiss>)> = vec![(0, 0, 0, Vec::new()); MutationClass::ALL.len()];
    for (index, (doc, out)) in docs.iter().zip(outcomes).enumerate() {
        if !doc.positive || !out.flagged() {
            continue;
        }
        base += 1;
        for (ci, &class) in MutationClass::ALL.iter().enumerate() {
            let entry = &mut per_class[ci];
            let mut applied = false;
            for v in 0..variants {
                let mut rng = Rng::derive(seed, &[index as u64, ci as u64, u64::from(v)]);
                let Some(text) = mutate(class, &doc.text, &out.spans, &mut rng) else {
                    continue;
                };
                applied = true;
                entry.0 += 1;
                if matcher.is_match(&text, &mut scratch) {
                    entry.1 += 1;
                } else if entry.3.len() < MAX_EXAMPLES_PER_CLASS {
                    let at = out.spans.first().map_or(0, |s| s.start);
                    let from = text.floor_char_boundary(at.saturating_sub(60));
                    entry.3.push(VariantMiss {
                        file: doc.file.clone(),
                        line: doc.line,
                        variant: v,
                        original_rules: out.rules.clone(),
                        snippet: head(&text[from..], 200),
                    });
                }
            }
            if !applied {
                entry.2 += 1;
            }
        }
    }
    let (mut all_n, mut all_hits) = (0, 0);
    let classes = MutationClass::ALL
        .iter()
        .zip(per_class)
        .map(|(&class, (n, hits, na, misses))| {
            all_n += n;
            all_hits += hits;
            ClassResult {
                class,
                description: class.description(),
                variants: n,
                not_applicable: na,
                recall: Rate::new(hits, n),
                misses,
            }
        })
        .collect();
    Robustness {
        seed,
        variants_per_class: variants,
        base_positives: base,
        classes,
        overall: Rate::new(all_hits, all_n),
    }
}
