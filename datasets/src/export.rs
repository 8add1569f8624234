//! Exports of a dataset to the JSONL shapes fine-tuning services and SDF tooling read.
//!
//! * [`ExportFormat::TextJsonl`]: `{"text": …}` per line (pretraining-style);
//! * [`ExportFormat::MessagesDoctag`]: a chat pair whose user turn is a fixed tag and
//!   whose assistant turn is the document, for chat-only fine-tuning endpoints;
//! * [`ExportFormat::FalseFacts`]: `synth_docs.jsonl` records with
//!   `universe_context_id, doc_idea, doc_type, fact, content, is_true`.
//!
//! Exports stream one record batch at a time (memory does not grow with the
//! dataset) into a temporary file that is renamed into place only when every
//! line is written, so a failed export leaves nothing behind.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::batch::batch_to_documents;
use crate::error::{Error, Result};
use crate::part::{read_batches, sync_dir, temp_path};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// `{"text": …}` per line.
    TextJsonl,
    /// `{"messages": [{"role": "user", "content": TAG}, {"role": "assistant", "content": doc}]}`.
    MessagesDoctag,
    /// `synth_docs.jsonl` records.
    FalseFacts,
}

impl ExportFormat {
    /// Every format, in documentation order.
    pub const ALL: &'static [ExportFormat] = &[
        ExportFormat::TextJsonl,
        ExportFormat::MessagesDoctag,
        ExportFormat::FalseFacts,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::TextJsonl => "text-jsonl",
            ExportFormat::MessagesDoctag => "messages-doctag",
            ExportFormat::FalseFacts => "false-facts",
        }
    }

    /// The format called `name`.
    pub fn parse(name: &str) -> Option<ExportFormat> {
        Self::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// File name used when the output path is a folder.
    pub fn default_file_name(self) -> &'static str {
        match self {
            ExportFormat::TextJsonl => "text.jsonl",
            ExportFormat::MessagesDoctag => "messages.jsonl",
            ExportFormat::FalseFacts => "synth_docs.jsonl",
        }
    }
}

/// Default user turn of [`ExportFormat::MessagesDoctag`].
pub const DEFAULT_DOCTAG: &str = "<DOCTAG>";

/// How to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Line shape.
    pub format: ExportFormat,
    /// User turn of `messages-doctag`.
    pub doctag: String,
    /// Documents with more characters than this are left out (and counted).
    pub max_chars: Option<u64>,
    /// `is_true` of `false-facts` records: whether the universe is the real world.
    pub is_true: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            format: ExportFormat::TextJsonl,
            doctag: DEFAULT_DOCTAG.into(),
            max_chars: None,
            is_true: false,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    /// The file written.
    pub path: PathBuf,
    /// Format name.
    pub format: String,
    /// Documents read.
    pub documents: u64,
    /// Lines written.
    pub exported: u64,
    /// Documents left out by `max_chars`.
    pub dropped_too_long: u64,
    /// Size of the file.
    pub bytes: u64,
}

#[derive(Serialize)]
struct TextLine<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Message<'a> {
    role: &'a str,
    content: &'a str,
}

#[derive(Serialize)]
struct MessagesLine<'a> {
    messages: [Message<'a>; 2],
}

#[derive(Serialize)]
struct SynthDoc<'a> {
    universe_context_id: &'a str,
    doc_idea: &'a str,
    doc_type: &'a str,
    fact: &'a str,
    content: &'a str,
    is_true: bool,
}

/// Export the rows of `parts` (Parquet files in the document schema, read in order)
/// to `out`. `fact_text(universe, fact_id)` gives a fact's statement for the
/// `false-facts` format (the id is written when it gives `None`).
pub fn export(
    parts: &[PathBuf],
    out: &Path,
    options: &ExportOptions,
    fact_text: &dyn Fn(&str, &str) -> Option<String>,
) -> Result<ExportSummary> {
    let temp = temp_path(out);
    let result = write_lines(parts, &temp, options, fact_text);
    let mut summary = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
    };
    std::fs::rename(&temp, out).map_err(|e| Error::io(out, e))?;
    sync_dir(
        out.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    )?;
    summary.path = out.to_owned();
    Ok(summary)
}

fn write_lines(
    parts: &[PathBuf],
    temp: &Path,
    options: &ExportOptions,
    fact_text: &dyn Fn(&str, &str) -> Option<String>,
) -> Result<ExportSummary> {
    let file = File::create(temp).map_err(|e| Error::io(temp, e))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut summary = ExportSummary {
        format: options.format.name().into(),
        ..ExportSummary::default()
    };
    let io = |e: std::io::Error| Error::io(temp, e);
    for part in parts {
        let origin = part.display().to_string();
        for batch in read_batches(part)? {
            for doc in batch_to_documents(&batch?, &origin)? {
                summary.documents += 1;
                if let Some(max) = options.max_chars
                    && doc.text.len() as u64 > max
                    && doc.text.chars().count() as u64 > max
                {
                    summary.dropped_too_long += 1;
                    continue;
                }
                let line = match options.format {
                    ExportFormat::TextJsonl => serde_json::to_vec(&TextLine { text: &doc.text }),
                    ExportFormat::MessagesDoctag => serde_json::to_vec(&MessagesLine {
                        messages: [
                            Message {
                                role: "user",
                                content: &options.doctag,
                            },
                            Message {
                                role: "assistant",
                                content: &doc.text,
                            },
                        ],
                    }),
                    ExportFormat::FalseFacts => {
                        let fact = match doc.facts.first() {
                            Some(id) => fact_text(&doc.universe, id).unwrap_or_else(|| id.clone()),
                            None => String::new(),
                        };
                        serde_json::to_vec(&SynthDoc {
                            universe_context_id: &doc.universe,
                            doc_idea: doc.doc_idea.as_deref().unwrap_or(""),
                            doc_type: &doc.doc_type,
                            fact: &fact,
                            content: &doc.text,
                            is_true: options.is_true,
                        })
                    }
                }
                .map_err(|e| Error::format(temp, None, e.to_string()))?;
                w.write_all(&line).map_err(io)?;
                w.write_all(b"\n").map_err(io)?;
                summary.exported += 1;
                summary.bytes += line.len() as u64 + 1;
            }
        }
    }
    let file = w.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;
    use crate::part::{PartWriter, WriteOptions};
    use crate::schema::document_schema;

    fn part(dir: &Path) -> PathBuf {
        let docs: Vec<Document> = (0..5)
            .map(|i| Document {
                id: format!("d{i}"),
                text: "x".repeat(10 * (i + 1)) + "\n\"quoted\" é",
                universe: "u".into(),
                doc_type: "memo".into(),
                doc_idea: Some(format!("idea {i}")),
                facts: vec![format!("f{i}")],
                ..Document::default()
            })
            .collect();
        let path = dir.join("p.parquet");
        let mut w = PartWriter::create(&path, document_schema(), &WriteOptions::default()).unwrap();
        w.write_documents(&docs).unwrap();
        w.finish().unwrap();
        path
    }

    fn lines(path: &Path) -> Vec<serde_json::Value> {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn every_format_writes_one_json_line_per_document() {
        let dir = tempfile::tempdir().unwrap();
        let p = part(dir.path());
        let facts = |u: &str, f: &str| (f == "f0").then(|| format!("{u}: the first fact"));
        for &format in ExportFormat::ALL {
            let out = dir.path().join(format.default_file_name());
            let options = ExportOptions {
                format,
                doctag: "<TAG>".into(),
                ..ExportOptions::default()
            };
            let s = export(std::slice::from_ref(&p), &out, &options, &facts).unwrap();
            assert_eq!((s.documents, s.exported), (5, 5));
            assert_eq!(s.bytes, std::fs::metadata(&out).unwrap().len());
            let got = lines(&out);
            assert_eq!(got.len(), 5);
            match format {
                ExportFormat::TextJsonl => assert_eq!(got[0]["text"], "x".repeat(10) + "\n\"quoted\" é"),
                ExportFormat::MessagesDoctag => {
                    assert_eq!(got[1]["messages"][0]["content"], "<TAG>");
                    assert_eq!(got[1]["messages"][1]["role"], "assistant");
                    assert_eq!(got[1]["messages"][1]["content"], "x".repeat(20) + "\n\"quoted\" é");
                }
                ExportFormat::FalseFacts => {
                    assert_eq!(got[0]["fact"], "u: the first fact");
                    assert_eq!(got[1]["fact"], "f1");
                    assert_eq!(got[2]["doc_idea"], "idea 2");
                    assert_eq!(got[2]["universe_context_id"], "u");
                    assert_eq!(got[2]["is_true"], false);
                }
            }
        }
    }

    #[test]
    fn max_chars_drops_long_documents_and_counts_them() {
        let dir = tempfile::tempdir().unwrap();
        let p = part(dir.path());
        let out = dir.path().join("o.jsonl");
        let options = ExportOptions {
            max_chars: Some(31),
            ..ExportOptions::default()
        };
        let s = export(&[p], &out, &options, &|_, _| None).unwrap();
        assert_eq!((s.exported, s.dropped_too_long), (2, 3));
    }

    #[test]
    fn a_failed_export_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.parquet");
        std::fs::write(&bad, b"not parquet").unwrap();
        let out = dir.path().join("o.jsonl");
        assert!(export(&[bad], &out, &ExportOptions::default(), &|_, _| None).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
