//! Labelled audit sets: JSON lines `{"text", "label": "positive"|"negative", "category"}`.

use serde::Serialize;

/// The shipped positives (`filters/audit/positives.jsonl`).
pub const SHIPPED_POSITIVES: &str = include_str!("../../audit/positives.jsonl");
/// The shipped negatives (`filters/audit/negatives.jsonl`).
pub const SHIPPED_NEGATIVES: &str = include_str!("../../audit/negatives.jsonl");
/// Origin names of the shipped sets, as reported.
pub const SHIPPED_ORIGINS: [&str; 2] = ["filters/audit/positives.jsonl", "filters/audit/negatives.jsonl"];

/// One labelled document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelledDoc {
    /// File it came from.
    pub file: String,
    /// 1-based line in that file.
    pub line: usize,
    /// The text.
    pub text: String,
    /// Must the filter remove it?
    pub positive: bool,
    /// Free-form category (for positives, normally a rule category).
    pub category: String,
}

/// A problem in a labelled file, at `file:line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledError {
    /// File.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong (naming the field).
    pub message: String,
}

impl std::fmt::Display for LabelledError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LabelledError {}

/// Parse one labelled JSONL file; blank lines are skipped. Every record needs a
/// non-empty string `text`, `label` `positive` or `negative` and a string `category`.
pub fn parse_labelled(src: &str, file: &str) -> Result<Vec<LabelledDoc>, LabelledError> {
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| LabelledError {
            file: file.to_owned(),
            line: i + 1,
            message,
        };
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
        let obj = value.as_object().ok_or_else(|| err("expected a JSON object".into()))?;
        let field = |name: &str| -> Result<&str, LabelledError> {
            match obj.get(name) {
                None => Err(err(format!("missing field `{name}`"))),
                Some(serde_json::Value::String(s)) => Ok(s),
                Some(other) => Err(err(format!("field `{name}` must be a string, got {other}"))),
            }
        };
        let text = field("text")?;
        if text.trim().is_empty() {
            return Err(err("field `text` is empty".into()));
        }
        let positive = match field("label")? {
            "positive" => true,
            "negative" => false,
            other => {
                return Err(err(format!(
                    "field `label` must be \"positive\" or \"negative\", got {other:?}"
                )));
            }
        };
        let category = field("category")?;
        out.push(LabelledDoc {
            file: file.to_owned(),
            line: i + 1,
            text: text.to_owned(),
            positive,
            category: category.to_owned(),
        });
    }
    Ok(out)
}

/// The shipped positives and negatives.
pub fn shipped_sets() -> Vec<LabelledDoc> {
    let mut docs = parse_labelled(SHIPPED_POSITIVES, SHIPPED_ORIGINS[0]).expect("shipped positives parse");
    docs.extend(parse_labelled(SHIPPED_NEGATIVES, SHIPPED_ORIGINS[1]).expect("shipped negatives parse"));
    docs
}
