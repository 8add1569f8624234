//! The one error type of this crate.

use std::path::PathBuf;

/// Everything that can go wrong while loading universes, genre grammars or weights.
///
/// Messages are lowercase, name the file (or origin) and, where known, the line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A universe definition is invalid; `origin` names the file and line when known.
    #[error("{origin}: {message}")]
    Universe {
        /// File (and line) the problem was found in.
        origin: String,
        /// What is wrong.
        message: String,
    },
    /// A template grammar (genre file, universe text) is invalid.
    #[error("{origin}:{line}: {message}")]
    Grammar {
        /// File or universe field the text comes from.
        origin: String,
        /// 1-based line in that file (0 when the origin is not a file).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A false-facts JSONL line is invalid.
    #[error("{path}:{line}: {message}")]
    FalseFacts {
        /// The JSONL file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// No builtin universe has this id.
    #[error("unknown builtin universe `{id}` (known: {known})")]
    UnknownUniverse {
        /// The id asked for.
        id: String,
        /// Comma-separated builtin ids.
        known: String,
    },
    /// Genre weights are invalid (unknown genre, negative or all zero).
    #[error("genre weights: {message}")]
    Weights {
        /// What is wrong.
        message: String,
    },
}
