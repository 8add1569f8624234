//! The one error type of the dedup engine.

use super::DocRef;

/// An error from building or running the dedup engine.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DedupError {
    /// The configuration is invalid; every problem found is listed.
    #[error("invalid dedup config: {}", problems.join("; "))]
    InvalidConfig {
        /// One message per invalid setting.
        problems: Vec<String>,
    },
    /// The text fetcher had no text for a document that an edge refers to.
    #[error("no text for document {doc}")]
    MissingText {
        /// The document whose text was asked for.
        doc: DocRef,
    },
    /// The same document was given twice.
    #[error("document {doc} given more than once")]
    DuplicateDoc {
        /// The repeated document.
        doc: DocRef,
    },
    /// A byte buffer does not hold a whole number of fixed-size records.
    #[error("record data of {actual} bytes is not a multiple of the record size {expected}")]
    RecordLength {
        /// The size of one record.
        expected: usize,
        /// The size of the data.
        actual: usize,
    },
    /// A record's bytes do not decode.
    #[error("invalid record: {reason}")]
    InvalidRecord {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A removal given to [`apply`](super::apply) belongs to another part.
    #[error("removal of document {doc} given for part {part}")]
    WrongPart {
        /// The removed document.
        doc: DocRef,
        /// The part being applied.
        part: u32,
    },
    /// A removal refers to a row past the end of its part.
    #[error("removal of document {doc} is past the end of its part ({rows} rows)")]
    RowOutOfRange {
        /// The removed document.
        doc: DocRef,
        /// The number of rows in the part.
        rows: usize,
    },
}
