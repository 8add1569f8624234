//! Parquet parts: atomic, reproducible writes and streaming reads.
//!
//! A part is written under a temporary name in its final folder
//! (`.<name>.tmp`), fsynced, then renamed into place and the folder fsynced, so
//! a reader (or a crashed run's successor) only ever sees complete parts.
//! Writer metadata is pinned (`created_by`, explicit compression and row-group
//! limits) so the same rows always give the same bytes.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::SchemaRef;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::{ArrowWriter, ProjectionMask};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use sha2::{Digest, Sha256};

use crate::batch::{batch_to_documents, documents_to_batch_with};
use crate::checksum::Sha256Digest;
use crate::error::{Error, Result};
use crate::{Document, TOOL_VERSION};

/// Default zstd level of parts.
pub const DEFAULT_ZSTD_LEVEL: i32 = 3;
/// zstd level of the parts stages pass to each other (not the final shards): writing them is
/// most of a filter or dedup stage's time, and level 1 takes about a third less CPU than level
/// 3 for files about a fifth larger.
pub const INTERMEDIATE_ZSTD_LEVEL: i32 = 1;
/// Row-group cap of intermediate parts: a reader holds a whole column chunk of a row group and
/// a writer buffers one row group, so smaller row groups bound a stage's memory per worker.
pub const INTERMEDIATE_ROW_GROUP_BYTES: usize = 16 * 1024 * 1024;
/// Default cap on a row group's encoded size.
pub const DEFAULT_ROW_GROUP_BYTES: usize = 128 * 1024 * 1024;
/// Default number of documents per written batch.
pub const DEFAULT_BATCH_ROWS: usize = 4096;
/// Suffix of temporary files; anything ending in it is a crashed write.
pub const TEMP_SUFFIX: &str = ".tmp";

/// How parts are encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOptions {
    /// zstd compression level (1–22).
    pub zstd_level: i32,
    /// Row groups are cut when their encoded size exceeds this many bytes.
    pub row_group_bytes: usize,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            zstd_level: DEFAULT_ZSTD_LEVEL,
            row_group_bytes: DEFAULT_ROW_GROUP_BYTES,
        }
    }
}

impl WriteOptions {
    /// The options of intermediate parts ([`INTERMEDIATE_ZSTD_LEVEL`], row groups of at most
    /// [`INTERMEDIATE_ROW_GROUP_BYTES`]).
    pub fn intermediate() -> Self {
        WriteOptions {
            zstd_level: INTERMEDIATE_ZSTD_LEVEL,
            row_group_bytes: INTERMEDIATE_ROW_GROUP_BYTES,
        }
    }

    fn properties(&self, path: &Path) -> Result<WriterProperties> {
        let level = ZstdLevel::try_new(self.zstd_level).map_err(|e| Error::parquet(path, e))?;
        Ok(WriterProperties::builder()
            .set_compression(Compression::ZSTD(level))
            .set_created_by(format!("sdf version {TOOL_VERSION}"))
            .set_max_row_group_bytes(Some(self.row_group_bytes.max(1)))
            .set_max_row_group_row_count(None)
            .set_statistics_enabled(EnabledStatistics::Chunk)
            .build())
    }
}

/// What a finished part holds, for the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenPart {
    /// Final path.
    pub path: PathBuf,
    /// Rows written.
    pub rows: u64,
    /// File size in bytes.
    pub bytes: u64,
    /// sha256 of the file.
    pub sha256: Sha256Digest,
}

/// The temporary name a part is written under before its rename.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{TEMP_SUFFIX}"))
}

/// A writer that hashes what passes through it, so a part's sha256 costs no second read.
struct HashingWriter {
    inner: BufWriter<File>,
    hasher: Sha256,
    bytes: u64,
}

impl Write for HashingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes one Parquet part atomically. Dropping it unfinished removes the temp file.
pub struct PartWriter {
    path: PathBuf,
    temp: PathBuf,
    schema: SchemaRef,
    writer: Option<ArrowWriter<HashingWriter>>,
    rows: u64,
}

impl PartWriter {
    /// Start writing `path` with `schema`. The folder must exist.
    pub fn create(path: &Path, schema: SchemaRef, options: &WriteOptions) -> Result<Self> {
        let temp = temp_path(path);
        let file = File::create(&temp).map_err(|e| Error::io(&temp, e))?;
        let sink = HashingWriter {
            inner: BufWriter::with_capacity(1 << 20, file),
            hasher: Sha256::new(),
            bytes: 0,
        };
        let writer = ArrowWriter::try_new(sink, schema.clone(), Some(options.properties(path)?))
            .map_err(|e| Error::parquet(path, e))?;
        Ok(PartWriter {
            path: path.to_owned(),
            temp,
            schema,
            writer: Some(writer),
            rows: 0,
        })
    }

    /// The schema rows must have.
    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    /// Append a record batch.
    pub fn write_batch(&mut self, batch: &RecordBatch) -> Result<()> {
        let writer = self
            .writer
            .as_mut()
            .ok_or_else(|| Error::format(&self.path, None, "part already finished"))?;
        writer.write(batch).map_err(|e| Error::parquet(&self.path, e))?;
        self.rows += batch.num_rows() as u64;
        Ok(())
    }

    /// Append documents in the document schema (the writer's schema must be it).
    pub fn write_documents(&mut self, docs: &[Document]) -> Result<()> {
        self.write_documents_with(docs, Vec::new())
    }

    /// Append documents plus extra columns (the writer's schema must be the
    /// document schema extended by them).
    pub fn write_documents_with(&mut self, docs: &[Document], extra: Vec<ArrayRef>) -> Result<()> {
        for (i, chunk) in docs.chunks(DEFAULT_BATCH_ROWS).enumerate() {
            let start = i * DEFAULT_BATCH_ROWS;
            let extra_slice = extra.iter().map(|a| a.slice(start, chunk.len())).collect();
            let batch = documents_to_batch_with(chunk, self.schema.clone(), extra_slice)?;
            self.write_batch(&batch)?;
        }
        Ok(())
    }

    /// Finish the file: close, fsync, rename into place, fsync the folder.
    pub fn finish(mut self) -> Result<WrittenPart> {
        let writer = self
            .writer
            .take()
            .ok_or_else(|| Error::format(&self.path, None, "part already finished"))?;
        let sink = writer.into_inner().map_err(|e| Error::parquet(&self.path, e))?;
        let HashingWriter { inner, hasher, bytes } = sink;
        let file = inner.into_inner().map_err(|e| Error::io(&self.temp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&self.temp, e))?;
        drop(file);
        fs::rename(&self.temp, &self.path).map_err(|e| Error::io(&self.path, e))?;
        sync_dir(self.path.parent().unwrap_or(Path::new(".")))?;
        Ok(WrittenPart {
            path: self.path.clone(),
            rows: self.rows,
            bytes,
            sha256: hasher.finalize().into(),
        })
    }
}

impl Drop for PartWriter {
    fn drop(&mut self) {
        if self.writer.is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// fsync a folder so a rename inside it is durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))
}

/// Write `bytes` to `path` atomically (temp name, fsync, rename, fsync folder).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let temp = temp_path(path);
    let mut file = File::create(&temp).map_err(|e| Error::io(&temp, e))?;
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(|e| Error::io(&temp, e))?;
    drop(file);
    fs::rename(&temp, path).map_err(|e| Error::io(path, e))?;
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

/// Remove temp files left by a crashed write in `dir` (not recursive). Returns how many.
pub fn remove_stale_temps(dir: &Path) -> Result<usize> {
    let mut removed = 0;
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(TEMP_SUFFIX) {
            fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Stream the record batches of a Parquet file.
pub fn read_batches(path: &Path) -> Result<impl Iterator<Item = Result<RecordBatch>> + use<>> {
    stream_batches(path, None)
}

/// Stream the record batches of a Parquet file holding only the columns `names` (in file
/// order); a missing column is an error naming the file.
pub fn read_column_batches(path: &Path, names: &[&str]) -> Result<impl Iterator<Item = Result<RecordBatch>> + use<>> {
    stream_batches(path, Some(names))
}

/// The batches of `path`, all columns or only `names`.
fn stream_batches(path: &Path, names: Option<&[&str]>) -> Result<impl Iterator<Item = Result<RecordBatch>> + use<>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| Error::parquet(path, e))?;
    if let Some(names) = names {
        for name in names {
            if builder.schema().field_with_name(name).is_err() {
                return Err(Error::format(path, None, format!("column `{name}` is missing")));
            }
        }
        let mask = ProjectionMask::columns(builder.parquet_schema(), names.iter().copied());
        builder = builder.with_projection(mask);
    }
    let reader = builder
        .with_batch_size(DEFAULT_BATCH_ROWS)
        .build()
        .map_err(|e| Error::parquet(path, e))?;
    let owned = path.to_owned();
    Ok(reader.map(move |b| {
        b.map_err(|source| Error::Arrow {
            context: owned.display().to_string(),
            source,
        })
    }))
}

/// Read all documents of a part (document schema; extra columns ignored).
pub fn read_documents(path: &Path) -> Result<Vec<Document>> {
    let origin = path.display().to_string();
    let mut out = Vec::new();
    for batch in read_batches(path)? {
        out.extend(batch_to_documents(&batch?, &origin)?);
    }
    Ok(out)
}

/// The Arrow schema of a Parquet file, from its footer.
pub fn read_schema(path: &Path) -> Result<SchemaRef> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| Error::parquet(path, e))?;
    Ok(builder.schema().clone())
}

/// Number of rows of a Parquet file, from its footer.
pub fn row_count(path: &Path) -> Result<u64> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| Error::parquet(path, e))?;
    Ok(builder.metadata().file_metadata().num_rows() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checksum::sha256_file;
    use crate::schema::document_schema;

    fn docs(n: usize) -> Vec<Document> {
        (0..n)
            .map(|i| Document {
                id: format!("d{i}"),
                text: format!("document number {i} "),
                universe: "u".into(),
                doc_type: if i % 2 == 0 {
                    "blog post".into()
                } else {
                    "news article".into()
                },
                facts: vec![format!("f{}", i % 3)],
                generator: "import".into(),
                seed: i as u64,
                ..Document::default()
            })
            .collect()
    }

    fn write(path: &Path, docs: &[Document]) -> WrittenPart {
        let mut w = PartWriter::create(path, document_schema(), &WriteOptions::default()).unwrap();
        w.write_documents(docs).unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn column_batches_hold_only_the_named_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("part-00000.parquet");
        let all = docs(5000);
        write(&path, &all);
        let mut ids = Vec::new();
        for batch in read_column_batches(&path, &["id", "text"]).unwrap() {
            let batch = batch.unwrap();
            assert_eq!(batch.num_columns(), 2);
            let texts = crate::batch::text_column(&batch, "t").unwrap();
            let id = crate::batch::id_column(&batch, "t").unwrap();
            for row in 0..batch.num_rows() {
                ids.push(id.value(row).to_owned());
                assert_eq!(texts.value(row), all[ids.len() - 1].text);
            }
        }
        assert_eq!(ids, all.iter().map(|d| d.id.clone()).collect::<Vec<_>>());
        let err = read_column_batches(&path, &["id", "nope"]).err().unwrap().to_string();
        assert!(err.contains("nope") && err.contains("part-00000.parquet"), "{err}");
    }

    #[test]
    fn same_rows_same_bytes_and_hash_matches_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(&dir.path().join("a.parquet"), &docs(10_000));
        let b = write(&dir.path().join("b.parquet"), &docs(10_000));
        assert_eq!(a.sha256, b.sha256);
        assert_eq!(sha256_file(&a.path).unwrap(), (a.sha256, a.bytes));
        assert_eq!(row_count(&a.path).unwrap(), 10_000);
        assert_eq!(read_documents(&a.path).unwrap(), docs(10_000));
        assert!(!temp_path(&a.path).exists());
    }

    #[test]
    fn dropped_writer_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.parquet");
        {
            let mut w = PartWriter::create(&path, document_schema(), &WriteOptions::default()).unwrap();
            w.write_documents(&docs(3)).unwrap();
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn stale_temps_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".part-00001.parquet.tmp"), b"x").unwrap();
        fs::write(dir.path().join("part-00000.parquet"), b"x").unwrap();
        assert_eq!(remove_stale_temps(dir.path()).unwrap(), 1);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
