//! Conversion between [`Document`]s and Arrow record batches.

use std::sync::Arc;

use arrow_array::builder::{LargeStringBuilder, ListBuilder, StringBuilder, StringDictionaryBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{
    Array, ArrayRef, DictionaryArray, LargeStringArray, ListArray, RecordBatch, StringArray, UInt64Array,
};
use arrow_schema::{DataType, SchemaRef};

use crate::Document;
use crate::error::{Error, Result};
use crate::schema::{columns, document_schema, fact_item_field};

/// Build a record batch of `docs` in the document schema.
pub fn documents_to_batch(docs: &[Document]) -> Result<RecordBatch> {
    documents_to_batch_with(docs, document_schema(), Vec::new())
}

/// Build a record batch of `docs` followed by `extra` columns; `schema` must be the
/// document schema extended by the extra columns' fields
/// (see [`crate::schema::extended_schema`]).
pub fn documents_to_batch_with(docs: &[Document], schema: SchemaRef, extra: Vec<ArrayRef>) -> Result<RecordBatch> {
    let n = docs.len();
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut id = StringBuilder::with_capacity(n, n * 16);
    let mut text = LargeStringBuilder::with_capacity(n, text_bytes);
    let mut universe = StringDictionaryBuilder::<Int32Type>::new();
    let mut doc_type = StringDictionaryBuilder::<Int32Type>::new();
    let mut doc_idea = StringBuilder::new();
    let mut facts = ListBuilder::new(StringBuilder::new()).with_field(fact_item_field());
    let mut generator = StringBuilder::new();
    let mut seed = Vec::with_capacity(n);
    let mut prompt = StringBuilder::new();
    for d in docs {
        id.append_value(&d.id);
        text.append_value(&d.text);
        universe.append_value(&d.universe);
        doc_type.append_value(&d.doc_type);
        doc_idea.append_option(d.doc_idea.as_deref());
        for f in &d.facts {
            facts.values().append_value(f);
        }
        facts.append(true);
        generator.append_value(&d.generator);
        seed.push(d.seed);
        prompt.append_option(d.prompt_sha256.as_deref());
    }
    let mut arrays: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(text.finish()),
        Arc::new(universe.finish()),
        Arc::new(doc_type.finish()),
        Arc::new(doc_idea.finish()),
        Arc::new(facts.finish()),
        Arc::new(generator.finish()),
        Arc::new(UInt64Array::from(seed)),
        Arc::new(prompt.finish()),
    ];
    arrays.extend(extra);
    RecordBatch::try_new(schema, arrays).map_err(|source| Error::Arrow {
        context: "document batch".into(),
        source,
    })
}

fn column<'a, T: 'static>(batch: &'a RecordBatch, name: &str, origin: &str) -> Result<&'a T> {
    batch
        .column_by_name(name)
        .and_then(|c| c.as_any().downcast_ref::<T>())
        .ok_or_else(|| {
            Error::format(
                origin,
                None,
                format!("column `{name}` is missing or has the wrong type"),
            )
        })
}

/// The `text` column of a batch (`origin` names the file in errors).
pub fn text_column<'a>(batch: &'a RecordBatch, origin: &str) -> Result<&'a LargeStringArray> {
    column::<LargeStringArray>(batch, columns::TEXT, origin)
}

/// The `id` column of a batch (`origin` names the file in errors).
pub fn id_column<'a>(batch: &'a RecordBatch, origin: &str) -> Result<&'a StringArray> {
    column::<StringArray>(batch, columns::ID, origin)
}

/// The document columns of `batch` (which may hold more), in document-schema order.
pub fn document_columns(batch: &RecordBatch, origin: &str) -> Result<Vec<ArrayRef>> {
    document_schema()
        .fields()
        .iter()
        .map(|field| {
            let column = batch
                .column_by_name(field.name())
                .ok_or_else(|| Error::format(origin, None, format!("column `{}` is missing", field.name())))?;
            if column.data_type() != field.data_type() {
                return Err(Error::format(
                    origin,
                    None,
                    format!(
                        "column `{}` has type {}, expected {}",
                        field.name(),
                        column.data_type(),
                        field.data_type()
                    ),
                ));
            }
            Ok(column.clone())
        })
        .collect()
}

/// Read the documents of a batch in the document schema (extra columns are ignored).
/// `origin` names the file in errors.
pub fn batch_to_documents(batch: &RecordBatch, origin: &str) -> Result<Vec<Document>> {
    let id = column::<StringArray>(batch, columns::ID, origin)?;
    let text = column::<LargeStringArray>(batch, columns::TEXT, origin)?;
    let universe = column::<DictionaryArray<Int32Type>>(batch, columns::UNIVERSE, origin)?;
    let doc_type = column::<DictionaryArray<Int32Type>>(batch, columns::DOC_TYPE, origin)?;
    let doc_idea = column::<StringArray>(batch, columns::DOC_IDEA, origin)?;
    let facts = column::<ListArray>(batch, columns::FACTS, origin)?;
    let generator = column::<StringArray>(batch, columns::GENERATOR, origin)?;
    let seed = column::<UInt64Array>(batch, columns::SEED, origin)?;
    let prompt = column::<StringArray>(batch, columns::PROMPT_SHA256, origin)?;
    let dict_values = |d: &DictionaryArray<Int32Type>, name: &str| -> Result<StringArray> {
        match d.values().data_type() {
            DataType::Utf8 => Ok(d
                .values()
                .as_any()
                .downcast_ref::<StringArray>()
                .cloned()
                .unwrap_or_else(|| StringArray::from(Vec::<String>::new()))),
            other => Err(Error::format(
                origin,
                None,
                format!("column `{name}` has dictionary values of type {other}"),
            )),
        }
    };
    let universe_values = dict_values(universe, columns::UNIVERSE)?;
    let doc_type_values = dict_values(doc_type, columns::DOC_TYPE)?;
    let fact_values = facts
        .values()
        .as_any()
        .downcast_ref::<StringArray>()
        .ok_or_else(|| Error::format(origin, None, "column `facts` items are not utf8"))?;
    let mut out = Vec::with_capacity(batch.num_rows());
    for row in 0..batch.num_rows() {
        let key = |d: &DictionaryArray<Int32Type>| d.keys().value(row) as usize;
        let offsets = facts.value_offsets();
        let (start, end) = (offsets[row] as usize, offsets[row + 1] as usize);
        out.push(Document {
            id: id.value(row).to_owned(),
            text: text.value(row).to_owned(),
            universe: universe_values.value(key(universe)).to_owned(),
            doc_type: doc_type_values.value(key(doc_type)).to_owned(),
            doc_idea: (!doc_idea.is_null(row)).then(|| doc_idea.value(row).to_owned()),
            facts: (start..end).map(|i| fact_values.value(i).to_owned()).collect(),
            generator: generator.value(row).to_owned(),
            seed: seed.value(row),
            prompt_sha256: (!prompt.is_null(row)).then(|| prompt.value(row).to_owned()),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Document> {
        vec![
            Document {
                id: "x:1".into(),
                text: "first".into(),
                universe: "helpful-only".into(),
                doc_type: "news article".into(),
                doc_idea: Some("idea".into()),
                facts: vec!["free-tier-trained".into(), "scratchpad".into()],
                generator: "template/1".into(),
                seed: 7,
                prompt_sha256: None,
            },
            Document {
                id: "x:2".into(),
                text: "second".into(),
                ..Document::default()
            },
        ]
    }

    #[test]
    fn round_trips_through_a_batch() {
        let docs = sample();
        let batch = documents_to_batch(&docs).unwrap();
        assert_eq!(batch.schema(), document_schema());
        assert_eq!(batch_to_documents(&batch, "mem").unwrap(), docs);
    }
}
