//! Reading external corpora into [`Document`]s: JSONL, plain text and Parquet.
//!
//! JSONL lines are either generic (`{"text": …}`) or the synthetic-document
//! format (`{"content", "doc_type", "doc_idea", "fact", "universe_context_id",
//! "is_true"}`); a `.txt`/`.md` file is one document; a Parquet file needs a
//! `text` column. Ids are stable: `<file>:<line>` (JSONL), `<file>:<row>`
//! (Parquet, 1-based) or `<file>` (text).
//!
//! Large files are split into *chunks* on record boundaries by [`scan_file`],
//! which also hashes the file, so one huge JSONL runs as many tasks and a task
//! can resume mid-file.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use arrow_array::{Array, LargeStringArray, RecordBatch, StringArray};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Document;
use crate::checksum::to_hex;
use crate::error::{Error, Result};

/// Generator tag of imported documents.
pub const IMPORT_GENERATOR: &str = "import";
/// Default chunk size for splitting large files into tasks.
pub const DEFAULT_TASK_BYTES: u64 = 64 * 1024 * 1024;

/// The formats `import` reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// `.jsonl`, `.ndjson`, `.json`: one JSON object per line.
    Jsonl,
    /// `.txt`, `.md`: the whole file is one document.
    Text,
    /// `.parquet`: a `text` column.
    Parquet,
}

impl InputFormat {
    /// The format of a path by its extension.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" | "json" => Some(InputFormat::Jsonl),
            "txt" | "md" | "text" => Some(InputFormat::Text),
            "parquet" => Some(InputFormat::Parquet),
            _ => None,
        }
    }
}

/// A slice of an input file that one task imports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    /// First byte (JSONL) or first row group (Parquet).
    pub start: u64,
    /// One past the last byte or row group.
    pub end: u64,
    /// 1-based line (JSONL) or row (Parquet) number of the first record.
    pub first_record: u64,
}

/// The content hash of an input file and how it splits into chunks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileScan {
    /// Lowercase hex sha256 of the contents.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Chunks, in file order; together they cover the file.
    pub chunks: Vec<Chunk>,
}

/// Hash `path` and split it into chunks of about `task_bytes`, cut after a
/// newline (JSONL), at row-group boundaries (Parquet), or not at all (text).
pub fn scan_file(path: &Path, format: InputFormat, task_bytes: u64) -> Result<FileScan> {
    let task_bytes = task_bytes.max(1);
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut offset = 0u64;
    let mut line = 1u64;
    let mut chunks = vec![Chunk {
        start: 0,
        end: 0,
        first_record: 1,
    }];
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        let data = &buf[..n];
        hasher.update(data);
        if format == InputFormat::Jsonl {
            for (i, &b) in data.iter().enumerate() {
                if b == b'\n' {
                    line += 1;
                    let next = offset + i as u64 + 1;
                    let current = chunks.last().map_or(0, |c| c.start);
                    if next - current >= task_bytes {
                        if let Some(last) = chunks.last_mut() {
                            last.end = next;
                        }
                        chunks.push(Chunk {
                            start: next,
                            end: 0,
                            first_record: line,
                        });
                    }
                }
            }
        }
        offset += n as u64;
    }
    if let Some(last) = chunks.last_mut() {
        last.end = offset;
    }
    if chunks.len() > 1 && chunks.last().is_some_and(|c| c.start == c.end) {
        chunks.pop();
    }
    if format == InputFormat::Parquet {
        chunks = parquet_chunks(path, task_bytes)?;
    }
    Ok(FileScan {
        sha256: to_hex(&hasher.finalize()),
        bytes: offset,
        chunks,
    })
}

fn parquet_chunks(path: &Path, task_bytes: u64) -> Result<Vec<Chunk>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| Error::parquet(path, e))?;
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut row = 1u64;
    let mut acc = 0u64;
    for (i, rg) in builder.metadata().row_groups().iter().enumerate() {
        let i = i as u64;
        match chunks.last_mut() {
            Some(last) if acc < task_bytes => last.end = i + 1,
            _ => {
                chunks.push(Chunk {
                    start: i,
                    end: i + 1,
                    first_record: row,
                });
                acc = 0;
            }
        }
        acc += rg.compressed_size().max(0) as u64;
        row += rg.num_rows().max(0) as u64;
    }
    if chunks.is_empty() {
        chunks.push(Chunk {
            start: 0,
            end: 0,
            first_record: 1,
        });
    }
    Ok(chunks)
}

/// A record that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRecord {
    /// `<file>:<line>` of the record.
    pub at: String,
    /// Why.
    pub reason: String,
}

/// Documents of one chunk, and what was skipped (only with `skip_errors`).
#[derive(Debug, Default)]
pub struct ImportedChunk {
    /// Imported documents, in file order.
    pub documents: Vec<Document>,
    /// Records skipped because they were invalid.
    pub skipped: Vec<SkippedRecord>,
    /// Blank lines ignored.
    pub blank_lines: u64,
}

/// Import one chunk of `path`. `name` is the file's stable display name used in
/// ids (the path relative to the config file). With `skip_errors`, an invalid
/// record is recorded in [`ImportedChunk::skipped`] instead of failing.
pub fn import_chunk(
    path: &Path,
    name: &str,
    format: InputFormat,
    chunk: &Chunk,
    skip_errors: bool,
) -> Result<ImportedChunk> {
    match format {
        InputFormat::Jsonl => import_jsonl(path, name, chunk, skip_errors),
        InputFormat::Text => import_text(path, name),
        InputFormat::Parquet => import_parquet(path, name, chunk),
    }
}

fn import_text(path: &Path, name: &str) -> Result<ImportedChunk> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Error::format(path, Some(line), "invalid UTF-8")
    })?;
    let mut out = ImportedChunk::default();
    out.documents.push(Document {
        id: name.to_owned(),
        text,
        generator: IMPORT_GENERATOR.into(),
        ..Document::default()
    });
    Ok(out)
}

/// The JSON shapes a line may have; unknown keys are ignored.
#[derive(Deserialize)]
struct JsonRecord {
    text: Option<String>,
    content: Option<String>,
    doc_type: Option<String>,
    doc_idea: Option<String>,
    fact: Option<String>,
    facts: Option<Vec<String>>,
    universe_context_id: Option<serde_json::Value>,
    universe: Option<String>,
}

fn record_to_document(line: &[u8], id: String) -> std::result::Result<Document, String> {
    let text = std::str::from_utf8(line).map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to() + 1))?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("bad JSON: {e}"))?;
    if !value.is_object() {
        return Err("expected a JSON object".into());
    }
    let rec: JsonRecord = serde_json::from_value(value).map_err(|e| format!("bad field: {e}"))?;
    let body = match (rec.text, rec.content) {
        (Some(t), _) => t,
        (None, Some(c)) => c,
        (None, None) => return Err("missing `text` (or `content`) field".into()),
    };
    let universe = match rec.universe_context_id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Null) | None => rec.universe.unwrap_or_default(),
        Some(other) => other.to_string(),
    };
    let mut facts = rec.facts.unwrap_or_default();
    facts.extend(rec.fact);
    Ok(Document {
        id,
        text: body,
        universe,
        doc_type: rec.doc_type.unwrap_or_default(),
        doc_idea: rec.doc_idea,
        facts,
        generator: IMPORT_GENERATOR.into(),
        seed: 0,
        prompt_sha256: None,
    })
}

fn import_jsonl(path: &Path, name: &str, chunk: &Chunk, skip_errors: bool) -> Result<ImportedChunk> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    file.seek(SeekFrom::Start(chunk.start))
        .map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::with_capacity(1 << 20, file.take(chunk.end - chunk.start));
    let mut out = ImportedChunk::default();
    let mut line_no = chunk.first_record;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            out.blank_lines += 1;
        } else {
            match record_to_document(line, format!("{name}:{line_no}")) {
                Ok(doc) => out.documents.push(doc),
                Err(reason) if skip_errors => out.skipped.push(SkippedRecord {
                    at: format!("{name}:{line_no}"),
                    reason,
                }),
                Err(reason) => return Err(Error::format(path, Some(line_no), reason)),
            }
        }
        line_no += 1;
    }
    Ok(out)
}

fn import_parquet(path: &Path, name: &str, chunk: &Chunk) -> Result<ImportedChunk> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| Error::parquet(path, e))?;
    if builder.schema().field_with_name("text").is_err() {
        return Err(Error::format(path, None, "no `text` column"));
    }
    let groups: Vec<usize> = (chunk.start as usize..chunk.end as usize).collect();
    let reader = builder
        .with_row_groups(groups)
        .build()
        .map_err(|e| Error::parquet(path, e))?;
    let mut out = ImportedChunk::default();
    let mut row = chunk.first_record;
    for batch in reader {
        let batch: RecordBatch = batch.map_err(|source| Error::Arrow {
            context: path.display().to_string(),
            source,
        })?;
        let col = batch
            .column_by_name("text")
            .ok_or_else(|| Error::format(path, None, "no `text` column"))?;
        let texts: Vec<Option<&str>> = if let Some(a) = col.as_any().downcast_ref::<StringArray>() {
            (0..a.len()).map(|i| (!a.is_null(i)).then(|| a.value(i))).collect()
        } else if let Some(a) = col.as_any().downcast_ref::<LargeStringArray>() {
            (0..a.len()).map(|i| (!a.is_null(i)).then(|| a.value(i))).collect()
        } else {
            return Err(Error::format(
                path,
                None,
                format!("column `text` has type {}, expected a string", col.data_type()),
            ));
        };
        for text in texts {
            let text = text.ok_or_else(|| Error::format(path, Some(row), "`text` is null"))?;
            out.documents.push(Document {
                id: format!("{name}:{row}"),
                text: text.to_owned(),
                generator: IMPORT_GENERATOR.into(),
                ..Document::default()
            });
            row += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_file_on_line_boundaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let mut body = String::new();
        for i in 0..100 {
            body.push_str(&format!("{{\"text\": \"doc {i}\"}}\n"));
        }
        std::fs::write(&path, &body).unwrap();
        let scan = scan_file(&path, InputFormat::Jsonl, 200).unwrap();
        assert!(scan.chunks.len() > 5);
        let mut ids = Vec::new();
        let mut expected_start = 0;
        for c in &scan.chunks {
            assert_eq!(c.start, expected_start);
            expected_start = c.end;
            let got = import_chunk(&path, "a.jsonl", InputFormat::Jsonl, c, false).unwrap();
            ids.extend(got.documents.into_iter().map(|d| (d.id, d.text)));
        }
        assert_eq!(expected_start, body.len() as u64);
        assert_eq!(ids.len(), 100);
        assert_eq!(ids[41], ("a.jsonl:42".to_string(), "doc 41".to_string()));
    }

    #[test]
    fn bad_line_names_the_line_or_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.jsonl");
        std::fs::write(&path, b"{\"text\":\"ok\"}\n{\"txt\":1}\n{bad\n\xff\xfe\n").unwrap();
        let scan = scan_file(&path, InputFormat::Jsonl, DEFAULT_TASK_BYTES).unwrap();
        let err = import_chunk(&path, "b.jsonl", InputFormat::Jsonl, &scan.chunks[0], false).unwrap_err();
        assert!(err.to_string().contains("b.jsonl:2: missing `text`"), "{err}");
        let got = import_chunk(&path, "b.jsonl", InputFormat::Jsonl, &scan.chunks[0], true).unwrap();
        assert_eq!(got.documents.len(), 1);
        let at: Vec<_> = got.skipped.iter().map(|s| s.at.as_str()).collect();
        assert_eq!(at, ["b.jsonl:2", "b.jsonl:3", "b.jsonl:4"]);
        assert!(got.skipped[2].reason.contains("UTF-8"));
    }

    #[test]
    fn synthetic_document_lines_map_onto_the_record() {
        let line = br#"{"universe_context_id": 3, "doc_idea": "i", "doc_type": "blog post", "fact": "f", "content": "body", "is_true": false}"#;
        let doc = record_to_document(line, "x:1".into()).unwrap();
        assert_eq!(
            (doc.text.as_str(), doc.universe.as_str(), doc.doc_type.as_str()),
            ("body", "3", "blog post")
        );
        assert_eq!(doc.facts, ["f"]);
    }
}

/// How a record of a scanned file is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RecordKey {
    /// The record's own `id` field.
    Id(String),
    /// 1-based line (JSONL) or row (Parquet) number.
    Number(u64),
    /// The whole file is one document (plain text).
    None,
}

/// One record of a file being scanned.
#[derive(Debug, Clone)]
pub struct Record {
    /// Its name.
    pub key: RecordKey,
    /// Its text.
    pub text: String,
}

/// Read every record of `path` (any [`InputFormat`]), handing them over in
/// batches of about `batch` records, in file order. JSONL lines take their
/// text from `text` (or `content`); Parquet files from the `text` column.
/// Errors name the file and line.
pub fn for_each_record_batch(
    path: &Path,
    format: InputFormat,
    batch: usize,
    mut f: impl FnMut(Vec<Record>) -> Result<()>,
) -> Result<()> {
    let batch = batch.max(1);
    match format {
        InputFormat::Text => {
            let got = import_text(path, "")?;
            let text = got.documents.into_iter().next().map(|d| d.text).unwrap_or_default();
            f(vec![Record {
                key: RecordKey::None,
                text,
            }])
        }
        InputFormat::Jsonl => {
            #[derive(Deserialize)]
            struct Line {
                id: Option<serde_json::Value>,
                text: Option<String>,
                content: Option<String>,
            }
            let file = File::open(path).map_err(|e| Error::io(path, e))?;
            let mut reader = BufReader::with_capacity(1 << 20, file);
            let mut buf = Vec::new();
            let mut line_no = 0u64;
            let mut out = Vec::with_capacity(batch);
            loop {
                buf.clear();
                let n = reader.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e))?;
                if n == 0 {
                    break;
                }
                line_no += 1;
                let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
                if line.iter().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                let rec: Line = serde_json::from_slice(line)
                    .map_err(|e| Error::format(path, Some(line_no), format!("bad JSON: {e}")))?;
                let text = rec
                    .text
                    .or(rec.content)
                    .ok_or_else(|| Error::format(path, Some(line_no), "missing `text` (or `content`) field"))?;
                let key = match rec.id {
                    Some(serde_json::Value::String(s)) => RecordKey::Id(s),
                    Some(serde_json::Value::Null) | None => RecordKey::Number(line_no),
                    Some(other) => RecordKey::Id(other.to_string()),
                };
                out.push(Record { key, text });
                if out.len() >= batch {
                    f(std::mem::replace(&mut out, Vec::with_capacity(batch)))?;
                }
            }
            if !out.is_empty() {
                f(out)?;
            }
            Ok(())
        }
        InputFormat::Parquet => {
            let file = File::open(path).map_err(|e| Error::io(path, e))?;
            let reader = ParquetRecordBatchReaderBuilder::try_new(file)
                .map_err(|e| Error::parquet(path, e))?
                .with_batch_size(batch)
                .build()
                .map_err(|e| Error::parquet(path, e))?;
            let mut row = 0u64;
            for b in reader {
                let b = b.map_err(|source| Error::Arrow {
                    context: path.display().to_string(),
                    source,
                })?;
                let texts =
                    string_column(&b, "text", path)?.ok_or_else(|| Error::format(path, None, "no `text` column"))?;
                let ids = string_column(&b, "id", path)?;
                let mut out = Vec::with_capacity(b.num_rows());
                for (i, text) in texts.into_iter().enumerate() {
                    row += 1;
                    let text = text.ok_or_else(|| Error::format(path, Some(row), "`text` is null"))?;
                    let key = match ids.as_ref().and_then(|ids| ids[i].clone()) {
                        Some(id) => RecordKey::Id(id),
                        None => RecordKey::Number(row),
                    };
                    out.push(Record { key, text });
                }
                f(out)?;
            }
            Ok(())
        }
    }
}

fn string_column(batch: &RecordBatch, name: &str, path: &Path) -> Result<Option<Vec<Option<String>>>> {
    let Some(col) = batch.column_by_name(name) else {
        return Ok(None);
    };
    if let Some(a) = col.as_any().downcast_ref::<StringArray>() {
        Ok(Some(
            (0..a.len())
                .map(|i| (!a.is_null(i)).then(|| a.value(i).to_owned()))
                .collect(),
        ))
    } else if let Some(a) = col.as_any().downcast_ref::<LargeStringArray>() {
        Ok(Some(
            (0..a.len())
                .map(|i| (!a.is_null(i)).then(|| a.value(i).to_owned()))
                .collect(),
        ))
    } else {
        Err(Error::format(
            path,
            None,
            format!("column `{name}` has type {}, expected a string", col.data_type()),
        ))
    }
}
