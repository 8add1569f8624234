//! The columns a dedup stage adds.
//!
//! Kept rows (`part-NNNNN.parquet`) are the document columns followed by
//! `text_sha256` (utf8: lowercase hex sha256 of the normalised text, the exact
//! duplicate key). Removed rows (`rejected-NNNNN.parquet`) are the document
//! columns followed by `reason` (utf8: `exact` or `near`), `duplicate_of`
//! (utf8: id of the kept document this one duplicates), `cluster` (uint64,
//! nullable: near-duplicate cluster id), `similarity` (float32, nullable:
//! similarity to the kept document) and `text_sha256`.

use std::sync::Arc;

use arrow_array::ArrayRef;
use arrow_array::builder::{Float32Builder, StringBuilder, UInt64Builder};
use arrow_schema::{DataType, Field, SchemaRef};

use crate::schema::extended_schema;

/// Name of the column holding the hex sha256 of the normalised text.
pub const TEXT_SHA256: &str = "text_sha256";

/// Why a dedup stage removed a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateKind {
    /// Same normalised text as a kept document.
    Exact,
    /// Similar enough to a kept document.
    Near,
}

impl DuplicateKind {
    /// The value of the `reason` column.
    pub fn as_str(self) -> &'static str {
        match self {
            DuplicateKind::Exact => "exact",
            DuplicateKind::Near => "near",
        }
    }
}

/// One removed document's dedup columns.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateRecord {
    /// Exact or near duplicate.
    pub kind: DuplicateKind,
    /// Id of the kept document it duplicates.
    pub duplicate_of: String,
    /// Near-duplicate cluster id (near duplicates only).
    pub cluster: Option<u64>,
    /// Similarity to the kept document (near duplicates only).
    pub similarity: Option<f32>,
    /// Lowercase hex sha256 of the normalised text.
    pub text_sha256: String,
}

fn text_sha256_field() -> Field {
    Field::new(TEXT_SHA256, DataType::Utf8, false)
}

/// Schema of a dedup stage's kept parts: the document schema plus `text_sha256`.
pub fn dedup_output_schema() -> SchemaRef {
    extended_schema(&[text_sha256_field()])
}

/// The extra fields of a dedup stage's rejected file.
pub fn dedup_rejected_fields() -> Vec<Field> {
    vec![
        Field::new("reason", DataType::Utf8, false),
        Field::new("duplicate_of", DataType::Utf8, false),
        Field::new("cluster", DataType::UInt64, true),
        Field::new("similarity", DataType::Float32, true),
        text_sha256_field(),
    ]
}

/// Schema of a dedup stage's rejected file.
pub fn dedup_rejected_schema() -> SchemaRef {
    extended_schema(&dedup_rejected_fields())
}

/// The `text_sha256` column of kept rows.
pub fn text_sha256_column(hashes: &[String]) -> Vec<ArrayRef> {
    let mut b = StringBuilder::new();
    for h in hashes {
        b.append_value(h);
    }
    vec![Arc::new(b.finish())]
}

/// The extra columns of removed rows, in [`dedup_rejected_fields`] order.
pub fn dedup_rejected_columns(records: &[DuplicateRecord]) -> Vec<ArrayRef> {
    let mut reason = StringBuilder::new();
    let mut duplicate_of = StringBuilder::new();
    let mut cluster = UInt64Builder::new();
    let mut similarity = Float32Builder::new();
    let mut sha = StringBuilder::new();
    for r in records {
        reason.append_value(r.kind.as_str());
        duplicate_of.append_value(&r.duplicate_of);
        cluster.append_option(r.cluster);
        similarity.append_option(r.similarity);
        sha.append_value(&r.text_sha256);
    }
    vec![
        Arc::new(reason.finish()),
        Arc::new(duplicate_of.finish()),
        Arc::new(cluster.finish()),
        Arc::new(similarity.finish()),
        Arc::new(sha.finish()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;
    use crate::part::{PartWriter, WriteOptions, read_batches};

    #[test]
    fn dedup_rows_round_trip_through_parquet() {
        let dir = tempfile::tempdir().unwrap();
        let docs = vec![
            Document {
                id: "b".into(),
                text: "x".into(),
                ..Document::default()
            },
            Document {
                id: "c".into(),
                text: "y".into(),
                ..Document::default()
            },
        ];
        let records = vec![
            DuplicateRecord {
                kind: DuplicateKind::Exact,
                duplicate_of: "a".into(),
                cluster: None,
                similarity: None,
                text_sha256: "00".into(),
            },
            DuplicateRecord {
                kind: DuplicateKind::Near,
                duplicate_of: "a".into(),
                cluster: Some(3),
                similarity: Some(0.9),
                text_sha256: "11".into(),
            },
        ];
        let path = dir.path().join("rejected-00000.parquet");
        let mut w = PartWriter::create(&path, dedup_rejected_schema(), &WriteOptions::default()).unwrap();
        w.write_documents_with(&docs, dedup_rejected_columns(&records)).unwrap();
        w.finish().unwrap();
        let batch = read_batches(&path).unwrap().next().unwrap().unwrap();
        assert_eq!(batch.schema(), dedup_rejected_schema());
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(batch.column_by_name("cluster").unwrap().null_count(), 1);

        let path = dir.path().join("part-00000.parquet");
        let mut w = PartWriter::create(&path, dedup_output_schema(), &WriteOptions::default()).unwrap();
        w.write_documents_with(&docs, text_sha256_column(&["00".into(), "11".into()]))
            .unwrap();
        w.finish().unwrap();
        let batch = read_batches(&path).unwrap().next().unwrap().unwrap();
        assert_eq!(batch.schema(), dedup_output_schema());
    }
}
