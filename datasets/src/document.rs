//! The document record every stage reads and writes.

/// One document of a corpus: the row type behind [`crate::schema::document_schema`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Stable identifier: derived from run seed + universe + spec index (generation)
    /// or from source file + line (import).
    pub id: String,
    /// The document text.
    pub text: String,
    /// Universe id, e.g. `helpful-only`; empty for imported documents without one.
    pub universe: String,
    /// Genre, e.g. `news article`.
    pub doc_type: String,
    /// One-line idea the document follows.
    pub doc_idea: Option<String>,
    /// Ids of the key facts the document states.
    pub facts: Vec<String>,
    /// `template/<version>`, `openai/<model>` or `import`.
    pub generator: String,
    /// Generation seed of this document.
    pub seed: u64,
    /// sha256 of the exact LLM request (LLM backend only).
    pub prompt_sha256: Option<String>,
}
