//! Measuring a rule pack: labelled recall and precision with Wilson intervals,
//! recall under adversarial mutations, planted canaries, and a loose detector
//! for reviewing what a filter kept.
//!
//! * [`labelled`]: the labelled JSONL sets (the shipped ones are embedded);
//! * [`stats`]: proportions with 95 % Wilson score intervals;
//! * [`eval`]: recall, precision and false-positive rate, per category and rule;
//! * [`mutate`] and [`robustness`]: seeded disguises of the matched spans and
//!   recall per mutation class;
//! * [`canary`]: positive passages planted into clean documents;
//! * [`leak`]: single suspicious words in AI context, ranked for human review;
//! * [`rng`]: the seeded generator behind every random choice.
//!
//! # Example
//!
//! ```
//! use sdf_filters::audit::{eval::evaluate, labelled::shipped_sets};
//! use sdf_filters::{matcher::Matcher, rules::RulePack};
//!
//! let matcher = Matcher::new(RulePack::builtin().unwrap()).unwrap();
//! let result = evaluate(&matcher, &shipped_sets());
//! assert!(result.recall.value.unwrap() > 0.9);
//! assert!(result.recall.low.unwrap() < result.recall.value.unwrap());
//! ```

pub mod canary;
pub mod eval;
pub mod labelled;
pub mod leak;
pub mod mutate;
pub mod rng;
pub mod robustness;
pub mod stats;

#[cfg(test)]
mod tests;
