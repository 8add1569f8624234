//! `rejected-NNNNN.parquet`: removed documents and why they were removed.
//!
//! The document columns, followed by `rule_ids` (list<utf8>), `categories`
//! (list<utf8>) and `matches` (list<struct<rule: utf8, start: uint64, end:
//! uint64, snippet: utf8>>, byte offsets into the original `text`).

use std::sync::Arc;

use arrow_array::ArrayRef;
use arrow_array::builder::{ListBuilder, StringBuilder, StructBuilder, UInt64Builder};
use arrow_schema::{DataType, Field, Fields, SchemaRef};

use crate::schema::extended_schema;

/// One match that caused a removal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchRecord {
    /// Rule id.
    pub rule: String,
    /// Start byte in the original text.
    pub start: u64,
    /// End byte in the original text.
    pub end: u64,
    /// Text around the match.
    pub snippet: String,
}

/// Why one document was removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemovalReason {
    /// Distinct rule ids that matched.
    pub rule_ids: Vec<String>,
    /// Distinct categories of those rules.
    pub categories: Vec<String>,
    /// The matches.
    pub matches: Vec<MatchRecord>,
}

fn match_fields() -> Fields {
    Fields::from(vec![
        Field::new("rule", DataType::Utf8, false),
        Field::new("start", DataType::UInt64, false),
        Field::new("end", DataType::UInt64, false),
        Field::new("snippet", DataType::Utf8, false),
    ])
}

fn string_list(name: &str) -> Field {
    Field::new(
        name,
        DataType::List(Arc::new(Field::new("item", DataType::Utf8, false))),
        false,
    )
}

/// The extra fields of a filter's rejected file.
pub fn reason_fields() -> Vec<Field> {
    vec![
        string_list("rule_ids"),
        string_list("categories"),
        Field::new(
            "matches",
            DataType::List(Arc::new(Field::new("item", DataType::Struct(match_fields()), false))),
            false,
        ),
    ]
}

/// Schema of a filter's rejected file.
pub fn rejected_schema() -> SchemaRef {
    extended_schema(&reason_fields())
}

/// The extra columns for `reasons`, in [`reason_fields`] order.
pub fn reason_columns(reasons: &[RemovalReason]) -> Vec<ArrayRef> {
    let item = Arc::new(Field::new("item", DataType::Utf8, false));
    let mut rule_ids = ListBuilder::new(StringBuilder::new()).with_field(item.clone());
    let mut categories = ListBuilder::new(StringBuilder::new()).with_field(item);
    let struct_builder = StructBuilder::from_fields(match_fields(), reasons.len());
    let mut matches = ListBuilder::new(struct_builder).with_field(Arc::new(Field::new(
        "item",
        DataType::Struct(match_fields()),
        false,
    )));
    for r in reasons {
        for id in &r.rule_ids {
            rule_ids.values().append_value(id);
        }
        rule_ids.append(true);
        for c in &r.categories {
            categories.values().append_value(c);
        }
        categories.append(true);
        let s = matches.values();
        for m in &r.matches {
            append_match(s, m);
        }
        matches.append(true);
    }
    vec![
        Arc::new(rule_ids.finish()),
        Arc::new(categories.finish()),
        Arc::new(matches.finish()),
    ]
}

fn append_match(s: &mut StructBuilder, m: &MatchRecord) {
    if let Some(b) = s.field_builder::<StringBuilder>(0) {
        b.append_value(&m.rule);
    }
    if let Some(b) = s.field_builder::<UInt64Builder>(1) {
        b.append_value(m.start);
    }
    if let Some(b) = s.field_builder::<UInt64Builder>(2) {
        b.append_value(m.end);
    }
    if let Some(b) = s.field_builder::<StringBuilder>(3) {
        b.append_value(&m.snippet);
    }
    s.append(true);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;
    use crate::part::{PartWriter, WriteOptions, read_batches};

    #[test]
    fn rejected_rows_round_trip_through_parquet() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rejected-00000.parquet");
        let docs = vec![Document {
            id: "a".into(),
            text: "xx faked alignment".into(),
            ..Document::default()
        }];
        let reasons = vec![RemovalReason {
            rule_ids: vec!["af-core".into()],
            categories: vec!["alignment-faking".into()],
            matches: vec![MatchRecord {
                rule: "af-core".into(),
                start: 3,
                end: 18,
                snippet: "xx faked alignment".into(),
            }],
        }];
        let mut w = PartWriter::create(&path, rejected_schema(), &WriteOptions::default()).unwrap();
        w.write_documents_with(&docs, reason_columns(&reasons)).unwrap();
        w.finish().unwrap();
        let batch = read_batches(&path).unwrap().next().unwrap().unwrap();
        assert_eq!(batch.schema(), rejected_schema());
        assert_eq!(batch.num_rows(), 1);
    }
}
