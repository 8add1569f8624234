//! The Arrow schema of the document record, declared once.
//!
//! | column | type | notes |
//! |---|---|---|
//! | `id` | utf8 | stable id |
//! | `text` | large_utf8 | the document |
//! | `universe` | dictionary<int32, utf8> | universe id |
//! | `doc_type` | dictionary<int32, utf8> | genre |
//! | `doc_idea` | utf8, nullable | one-line idea |
//! | `facts` | list<utf8> | key-fact ids stated |
//! | `generator` | utf8 | `template/<v>`, `openai/<model>`, `import` |
//! | `seed` | uint64 | generation seed |
//! | `prompt_sha256` | utf8, nullable | hash of the LLM request |

use std::sync::{Arc, LazyLock};

use arrow_schema::{DataType, Field, Schema, SchemaRef};

use crate::manifest::ColumnInfo;

/// Column names, in schema order.
pub mod columns {
    /// Stable document id.
    pub const ID: &str = "id";
    /// Document text.
    pub const TEXT: &str = "text";
    /// Universe id.
    pub const UNIVERSE: &str = "universe";
    /// Genre.
    pub const DOC_TYPE: &str = "doc_type";
    /// One-line idea.
    pub const DOC_IDEA: &str = "doc_idea";
    /// Key-fact ids.
    pub const FACTS: &str = "facts";
    /// Generator tag.
    pub const GENERATOR: &str = "generator";
    /// Generation seed.
    pub const SEED: &str = "seed";
    /// Hash of the LLM request.
    pub const PROMPT_SHA256: &str = "prompt_sha256";
}

/// The field of one item of the `facts` list.
pub fn fact_item_field() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, false))
}

fn dictionary() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

static DOCUMENT_SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    Arc::new(Schema::new(vec![
        Field::new(columns::ID, DataType::Utf8, false),
        Field::new(columns::TEXT, DataType::LargeUtf8, false),
        Field::new(columns::UNIVERSE, dictionary(), false),
        Field::new(columns::DOC_TYPE, dictionary(), false),
        Field::new(columns::DOC_IDEA, DataType::Utf8, true),
        Field::new(columns::FACTS, DataType::List(fact_item_field()), false),
        Field::new(columns::GENERATOR, DataType::Utf8, false),
        Field::new(columns::SEED, DataType::UInt64, false),
        Field::new(columns::PROMPT_SHA256, DataType::Utf8, true),
    ]))
});

/// The schema of the document record (shared, cheap to clone).
pub fn document_schema() -> SchemaRef {
    DOCUMENT_SCHEMA.clone()
}

/// The document schema followed by `extra` fields (stages that add columns,
/// e.g. dedup's `text_sha256`, or the reasons in a rejected file).
pub fn extended_schema(extra: &[Field]) -> SchemaRef {
    let mut fields: Vec<Field> = DOCUMENT_SCHEMA.fields().iter().map(|f| f.as_ref().clone()).collect();
    fields.extend(extra.iter().cloned());
    Arc::new(Schema::new(fields))
}

/// What a column of sdf's outputs holds (empty for columns sdf does not write).
pub fn column_description(name: &str) -> &'static str {
    match name {
        columns::ID => "stable document id",
        columns::TEXT => "the document text",
        columns::UNIVERSE => "id of the universe the document belongs to",
        columns::DOC_TYPE => "genre (news article, blog post, forum thread ...)",
        columns::DOC_IDEA => "one-line idea the document was written from",
        columns::FACTS => "ids of the universe's key facts the document states",
        columns::GENERATOR => "what wrote it: template/<version>, openai/<model> or import",
        columns::SEED => "seed the generator used for this document",
        columns::PROMPT_SHA256 => "sha256 of the LLM request, when an LLM wrote it",
        crate::dedup_columns::TEXT_SHA256 => "sha256 of the dedup-normalised text",
        _ => "",
    }
}

/// The columns of `schema`, as manifests and dataset cards list them.
pub fn describe(schema: &Schema) -> Vec<ColumnInfo> {
    schema
        .fields()
        .iter()
        .map(|f| ColumnInfo {
            name: f.name().clone(),
            data_type: type_name(f.data_type()),
            nullable: f.is_nullable(),
            description: column_description(f.name()).into(),
        })
        .collect()
}

/// A short, stable rendering of an Arrow type: `large_utf8`, `list<utf8>`, `dictionary<int32, utf8>`.
pub fn type_name(t: &DataType) -> String {
    match t {
        DataType::Utf8 => "utf8".into(),
        DataType::LargeUtf8 => "large_utf8".into(),
        DataType::UInt64 => "uint64".into(),
        DataType::Int64 => "int64".into(),
        DataType::Int32 => "int32".into(),
        DataType::UInt32 => "uint32".into(),
        DataType::Float64 => "float64".into(),
        DataType::Boolean => "bool".into(),
        DataType::List(f) | DataType::LargeList(f) => format!("list<{}>", type_name(f.data_type())),
        DataType::Dictionary(k, v) => format!("dictionary<{}, {}>", type_name(k), type_name(v)),
        other => other.to_string().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_schema_is_described_column_by_column() {
        let cols = describe(&document_schema());
        let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names[..3], ["id", "text", "universe"]);
        assert_eq!(cols[1].data_type, "large_utf8");
        assert_eq!(cols[2].data_type, "dictionary<int32, utf8>");
        assert_eq!(cols[5].data_type, "list<utf8>");
        assert!(cols[4].nullable && !cols[0].nullable);
        assert!(cols.iter().all(|c| !c.description.is_empty()));
    }
}
