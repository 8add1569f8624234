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
