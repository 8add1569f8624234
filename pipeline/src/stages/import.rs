//! `kind = "import"`: read JSONL, plain-text and Parquet corpora into the document record.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use sdf_datasets::import::{DEFAULT_TASK_BYTES, FileScan, InputFormat, import_chunk};
use sdf_datasets::schema::document_schema;
use serde::{Deserialize, Serialize};

use super::{StageEnv, StageRunner, TaskOutput, part_name, resolve, write_part};
use crate::cache::FileCache;
use crate::plan::Plan;

/// What to do with a record that cannot be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnError {
    /// Stop with an error naming the file and line (default).
    #[default]
    Fail,
    /// Skip it, counting it (and listing where) in the manifest stats.
    Skip,
}

/// Settings of an `import` stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportConfig {
    /// Files or folders to read, relative to the config file. Folders are read
    /// recursively (files with a known extension, in name order). Formats by
    /// extension: `.jsonl`/`.ndjson`/`.json`, `.txt`/`.md`, `.parquet`.
    pub paths: Vec<PathBuf>,
    /// `fail` (default) or `skip` invalid records.
    #[serde(default)]
    pub on_error: OnError,
    /// Large files are split into tasks of about this many bytes (default 64 MiB).
    #[serde(default = "default_task_bytes")]
    pub task_bytes: u64,
}

fn default_task_bytes() -> u64 {
    DEFAULT_TASK_BYTES
}

/// Maximum number of skipped records listed by location in the stats.
pub const MAX_LISTED_SKIPS: usize = 100;

impl ImportConfig {
    pub(crate) fn validate(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.paths.is_empty() {
            out.push("`paths` must list at least one file or folder".into());
        }
        if self.task_bytes == 0 {
            out.push("`task_bytes` must be at least 1".into());
        }
        out
    }

    /// The input files, resolved and expanded, with their display names.
    fn files(&self, base: &Path) -> Result<Vec<(PathBuf, String, InputFormat)>> {
        let mut out = Vec::new();
        for p in &self.paths {
            let full = resolve(base, p);
            let meta = std::fs::metadata(&full).with_context(|| format!("import: {}: cannot read", full.display()))?;
            if meta.is_dir() {
                let mut found = Vec::new();
                walk(&full, &mut found)?;
                found.sort();
                for f in found {
                    if let Some(fmt) = InputFormat::from_path(&f) {
                        let name = display_name(base, &f);
                        out.push((f, name, fmt));
                    }
                }
            } else {
                let Some(fmt) = InputFormat::from_path(&full) else {
                    bail!(
                        "import: {}: unknown file type (expected .jsonl, .ndjson, .json, .txt, .md or .parquet)",
                        full.display()
                    );
                };
                out.push((full.clone(), display_name(base, &full), fmt));
            }
        }
        Ok(out)
    }

    pub(crate) fn config_files(&self, plan: &Plan, cache: &FileCache) -> Result<Vec<(String, String)>> {
        self.files(&plan.base_dir)?
            .into_iter()
            .map(|(path, name, fmt)| Ok((name, cache.scan(&path, fmt, self.task_bytes)?.sha256)))
            .collect()
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("import: {}: cannot list", dir.display()))? {
        let path = entry
            .with_context(|| format!("import: {}: cannot list", dir.display()))?
            .path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// The name used in ids: the path relative to the config folder when inside it.
fn display_name(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

struct Task {
    path: PathBuf,
    name: String,
    format: InputFormat,
    scan_index: usize,
    chunk: usize,
}

/// Runs an import: one task per chunk of an input file.
pub struct ImportRunner<'a> {
    env: &'a StageEnv<'a>,
    skip: bool,
    scans: Vec<FileScan>,
    tasks: Vec<Task>,
}

impl<'a> ImportRunner<'a> {
    /// Plan the chunks of every input file.
    pub fn new(config: &ImportConfig, env: &'a StageEnv<'a>) -> Result<Self> {
        let mut scans = Vec::new();
        let mut tasks = Vec::new();
        for (path, name, format) in config.files(&env.plan.base_dir)? {
            let scan = env.cache.scan(&path, format, config.task_bytes)?;
            for chunk in 0..scan.chunks.len() {
                tasks.push(Task {
                    path: path.clone(),
                    name: name.clone(),
                    format,
                    scan_index: scans.len(),
                    chunk,
                });
            }
            scans.push(scan);
        }
        Ok(ImportRunner {
            env,
            skip: config.on_error == OnError::Skip,
            scans,
            tasks,
        })
    }
}

impl StageRunner for ImportRunner<'_> {
    fn task_count(&self) -> usize {
        self.tasks.len()
    }

    fn run_task(&self, index: usize) -> Result<TaskOutput> {
        let task = &self.tasks[index];
        let chunk = &self.scans[task.scan_index].chunks[task.chunk];
        let got = import_chunk(&task.path, &task.name, task.format, chunk, self.skip)?;
        let part = write_part(
            self.env,
            part_name(index),
            "output",
            document_schema(),
            &got.documents,
            Vec::new(),
        )?;
        let listed: Vec<serde_json::Value> = got
            .skipped
            .iter()
            .take(MAX_LISTED_SKIPS)
            .map(|s| serde_json::json!({"at": s.at, "reason": s.reason}))
            .collect();
        let read = got.documents.len() as u64 + got.skipped.len() as u64;
        let rows_out = part.rows;
        Ok(TaskOutput {
            parts: vec![part],
            rows_in: read,
            rows_out,
            stats: serde_json::json!({
                "records_read": read,
                "documents": rows_out,
                "skipped": got.skipped.len(),
                "skipped_records": listed,
                "blank_lines": got.blank_lines,
            }),
        })
    }

    fn finish(&self, outputs: &[TaskOutput]) -> Result<serde_json::Value> {
        let mut stats = super::merged_stats(outputs);
        if let Some(list) = stats.get_mut("skipped_records").and_then(|v| v.as_array_mut()) {
            list.truncate(MAX_LISTED_SKIPS);
        }
        if let Some(obj) = stats.as_object_mut() {
            obj.insert("files".into(), serde_json::Value::from(self.scans.len()));
        }
        Ok(stats)
    }
}
