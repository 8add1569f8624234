//! Engines that decide whether a document stays in an sdf corpus.
#![deny(missing_docs)]

pub mod normalize;
