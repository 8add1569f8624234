//! Engines that decide whether a document stays in an sdf corpus.
//!
//! * [`normalize`]: one normaliser for rule patterns and document text, with an
//!   offset map back to the original text;
//! * [`rules`] and [`phrase`]: rule packs as TOML data;
//! * [`matcher`]: every rule of a pack in one pass (aho-corasick + regex);
//! * [`audit`]: recall, mutations, canaries and a loose leak detector;
//! * [`dedup`]: exact and near-duplicate detection as map/reduce phases.
//!
//! # Example: find why a document would be removed
//!
//! ```
//! use sdf_filters::{matcher::{Matcher, Scratch}, rules::RulePack};
//!
//! let matcher = Matcher::new(RulePack::builtin().unwrap()).unwrap();
//! let text = "Critics argued the model was merely faking **alignment** during training.";
//! let findings = matcher.find(text, &mut Scratch::new());
//! let rule = &matcher.pack().rules[findings[0].rule];
//! assert_eq!(rule.category, "alignment-faking");
//! assert_eq!(&text[findings[0].start..findings[0].end], "faking **alignment");
//! ```
#![deny(missing_docs)]

pub mod audit;
pub mod dedup;
pub mod error;
pub mod matcher;
pub mod normalize;
pub mod phrase;
pub mod rules;

pub use error::Error;

#[cfg(test)]
mod data_tests;
