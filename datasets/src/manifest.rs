//! The stage manifest: `manifest.json` in every dataset folder.
//!
//! It is written last, atomically, after every part is in place; a folder
//! without one is an unfinished stage. Parts are listed with their row count,
//! size and sha256, so [`StageManifest::verify`] can prove the folder holds
//! exactly what the stage wrote.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::checksum::{sha256_file, to_hex};
use crate::error::{Error, Result};
use crate::part::write_atomic;

/// File name of the manifest inside a dataset folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Current manifest format version.
pub const MANIFEST_FORMAT: u32 = 1;

/// One file a stage wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartEntry {
    /// Path relative to the dataset folder, `/`-separated.
    pub name: String,
    /// Rows in the file.
    pub rows: u64,
    /// Size in bytes.
    pub bytes: u64,
    /// Lowercase hex sha256 of the file.
    pub sha256: String,
    /// What the file holds: `output` (the stage's kept rows) or e.g. `rejected`.
    #[serde(default = "default_role")]
    pub role: String,
}

fn default_role() -> String {
    "output".into()
}

/// An upstream stage this one read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputEntry {
    /// Stage name.
    pub stage: String,
    /// Its fingerprint when this stage ran.
    pub fingerprint: String,
}

/// One stage of the chain that produced a dataset, from the first stage to this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineageEntry {
    /// Stage name.
    pub stage: String,
    /// Stage kind.
    pub kind: String,
    /// Its fingerprint in this run.
    pub fingerprint: String,
}

/// One column of the output schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnInfo {
    /// Column name.
    pub name: String,
    /// Arrow type, as Arrow prints it (`Utf8`, `LargeUtf8`, `List(Utf8)` …).
    #[serde(rename = "type")]
    pub data_type: String,
    /// Whether the column may hold nulls.
    pub nullable: bool,
    /// What the column holds.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// How long a stage took.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    /// Wall-clock seconds of the stage's run (tasks redone after a crash only).
    pub seconds: f64,
    /// Tasks run in this invocation.
    pub tasks_run: u64,
    /// Tasks found complete from an earlier, interrupted invocation.
    pub tasks_resumed: u64,
}

/// `manifest.json` of one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageManifest {
    /// Manifest format version.
    pub format: u32,
    /// Version of sdf that wrote it.
    pub sdf_version: String,
    /// Stage name.
    pub stage: String,
    /// Stage kind.
    pub kind: String,
    /// Lowercase hex sha256 fingerprint of config, config files, inputs and tool version.
    pub fingerprint: String,
    /// The resolved stage config the fingerprint covers.
    pub config: serde_json::Value,
    /// Upstream stages.
    pub inputs: Vec<InputEntry>,
    /// Every stage this output descends from, first stage first, this stage last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lineage: Vec<LineageEntry>,
    /// Schema of the `output` parts (absent when the stage wrote no output part).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schema: Vec<ColumnInfo>,
    /// Files written, in task order.
    pub parts: Vec<PartEntry>,
    /// Rows read from the input.
    pub rows_in: u64,
    /// Rows in the `output` parts.
    pub rows_out: u64,
    /// Stage-specific statistics.
    pub stats: serde_json::Value,
    /// Timings.
    pub timings: Timings,
}

/// Rows, files and bytes of one split of a dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SplitSummary {
    /// Split name (`all` for output parts not named like shards).
    pub name: String,
    /// Rows in its files.
    pub documents: u64,
    /// Its files.
    pub shards: u64,
    /// Their size in bytes.
    pub bytes: u64,
}

/// The split of a shard file `…/<split>-NNNNN-of-MMMMM.parquet`; `None` for other names.
pub fn split_of(name: &str) -> Option<&str> {
    let file = name.rsplit('/').next().unwrap_or(name);
    let (split, rest) = file.split_once('-')?;
    rest.contains("-of-").then_some(split)
}

/// A file whose contents do not match the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The file.
    pub path: PathBuf,
    /// What differs.
    pub problem: String,
}

impl StageManifest {
    /// Read `<dir>/manifest.json`; `Ok(None)` when there is none.
    pub fn load(dir: &Path) -> Result<Option<StageManifest>> {
        let path = dir.join(MANIFEST_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| Error::format(&path, Some(e.line() as u64), e.to_string()))
    }

    /// Write `<dir>/manifest.json` atomically.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let path = dir.join(MANIFEST_FILE);
        let mut text = serde_json::to_string_pretty(self).map_err(|e| Error::format(&path, None, e.to_string()))?;
        text.push('\n');
        write_atomic(&path, text.as_bytes())
    }

    /// The parts holding the stage's output rows, in order.
    pub fn output_parts(&self) -> impl Iterator<Item = &PartEntry> {
        self.parts.iter().filter(|p| p.role == "output")
    }

    /// The splits of the `output` parts, in file order (see [`split_of`]).
    pub fn splits(&self) -> Vec<SplitSummary> {
        let mut out: Vec<SplitSummary> = Vec::new();
        for p in self.output_parts() {
            let name = split_of(&p.name).unwrap_or("all");
            match out.iter_mut().find(|s| s.name == name) {
                Some(s) => {
                    s.documents += p.rows;
                    s.shards += 1;
                    s.bytes += p.bytes;
                }
                None => out.push(SplitSummary {
                    name: name.to_owned(),
                    documents: p.rows,
                    shards: 1,
                    bytes: p.bytes,
                }),
            }
        }
        out
    }

    /// Re-hash every listed file under `dir`; returns every mismatch (empty = verified).
    pub fn verify(&self, dir: &Path) -> Vec<Mismatch> {
        self.parts.iter().filter_map(|p| verify_entry(dir, p)).collect()
    }

    /// Cheap check: every listed file exists with the recorded size.
    pub fn sizes_match(&self, dir: &Path) -> bool {
        self.parts.iter().all(|p| {
            std::fs::metadata(dir.join(&p.name))
                .map(|m| m.len() == p.bytes)
                .unwrap_or(false)
        })
    }
}

/// Re-hash one listed file; `None` when it matches.
pub fn verify_entry(dir: &Path, entry: &PartEntry) -> Option<Mismatch> {
    let path = dir.join(&entry.name);
    match sha256_file(&path) {
        Err(e) => Some(Mismatch {
            path,
            problem: e.to_string(),
        }),
        Ok((_, bytes)) if bytes != entry.bytes => Some(Mismatch {
            path,
            problem: format!("size {bytes} bytes, manifest says {}", entry.bytes),
        }),
        Ok((digest, _)) if to_hex(&digest) != entry.sha256 => Some(Mismatch {
            path,
            problem: format!("sha256 {} , manifest says {}", to_hex(&digest), entry.sha256),
        }),
        Ok(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_come_from_shard_file_names() {
        assert_eq!(split_of("data/train-00000-of-00002.parquet"), Some("train"));
        assert_eq!(split_of("validation-00001-of-00003.parquet"), Some("validation"));
        assert_eq!(split_of("part-00000.parquet"), None);
        assert_eq!(split_of("README.md"), None);
    }
}
