//! Content hashes of input files, cached by (path, size, mtime).
//!
//! Fingerprints cover file *contents*, but re-hashing every input on every
//! run would make a no-op run cost a full read. A file whose size and mtime
//! are unchanged reuses its recorded hash; touching a file (new mtime, same
//! bytes) costs one re-hash and then compares equal, so nothing reruns.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use anyhow::{Context, Result};
use sdf_datasets::import::{FileScan, InputFormat, scan_file};
use sdf_datasets::part::write_atomic;
use serde::{Deserialize, Serialize};

/// Folder of the cache inside `out_dir`.
pub const CACHE_DIR: &str = ".sdf-cache";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    size: u64,
    mtime_ns: u128,
    format: InputFormat,
    task_bytes: u64,
    scan: FileScan,
}

/// The cache; shared by reference between threads.
#[derive(Debug, Default)]
pub struct FileCache {
    path: Option<PathBuf>,
    entries: Mutex<BTreeMap<String, Entry>>,
    dirty: Mutex<bool>,
}

fn stat(path: &Path) -> Result<(u64, u128)> {
    let meta = std::fs::metadata(path).with_context(|| format!("{}: cannot read file", path.display()))?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok((meta.len(), mtime))
}

impl FileCache {
    /// Open the cache of a run's `out_dir` (missing or unreadable = empty).
    pub fn open(out_dir: &Path) -> FileCache {
        let path = out_dir.join(CACHE_DIR).join("files.json");
        let entries = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        FileCache {
            path: Some(path),
            entries: Mutex::new(entries),
            dirty: Mutex::new(false),
        }
    }

    /// Hash and chunk `path`, reusing the cached scan when size and mtime match.
    pub fn scan(&self, path: &Path, format: InputFormat, task_bytes: u64) -> Result<FileScan> {
        let key = path.display().to_string();
        let (size, mtime_ns) = stat(path)?;
        let entries = self
            .entries
            .lock()
            .map_err(|_| anyhow::anyhow!("file cache lock poisoned"))?;
        if let Some(e) = entries.get(&key)
            && e.size == size
            && e.mtime_ns == mtime_ns
            && e.format == format
            && e.task_bytes == task_bytes
        {
            return Ok(e.scan.clone());
        }
        drop(entries);
        let scan = scan_file(path, format, task_bytes)?;
        // A file changed while we hashed it must not be cached under its old stat.
        let (size_after, mtime_after) = stat(path)?;
        if (size_after, mtime_after) == (size, mtime_ns) {
            let entry = Entry {
                size,
                mtime_ns,
                format,
                task_bytes,
                scan: scan.clone(),
            };
            self.entries
                .lock()
                .map_err(|_| anyhow::anyhow!("file cache lock poisoned"))?
                .insert(key, entry);
            *self
                .dirty
                .lock()
                .map_err(|_| anyhow::anyhow!("file cache lock poisoned"))? = true;
        }
        Ok(scan)
    }

    /// Record the known content hash of a file just written (saves re-reading it
    /// on the next freshness check).
    pub fn record(&self, path: &Path, sha256: &str) -> Result<()> {
        let (size, mtime_ns) = stat(path)?;
        let scan = FileScan {
            sha256: sha256.to_owned(),
            bytes: size,
            chunks: vec![sdf_datasets::import::Chunk {
                start: 0,
                end: size,
                first_record: 1,
            }],
        };
        let entry = Entry {
            size,
            mtime_ns,
            format: InputFormat::Text,
            task_bytes: u64::MAX,
            scan,
        };
        self.entries
            .lock()
            .map_err(|_| anyhow::anyhow!("file cache lock poisoned"))?
            .insert(path.display().to_string(), entry);
        *self
            .dirty
            .lock()
            .map_err(|_| anyhow::anyhow!("file cache lock poisoned"))? = true;
        Ok(())
    }

    /// Write the cache back if anything changed.
    pub fn save(&self) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let dirty = *self
            .dirty
            .lock()
            .map_err(|_| anyhow::anyhow!("file cache lock poisoned"))?;
        if !dirty {
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
        }
        let entries = self
            .entries
            .lock()
            .map_err(|_| anyhow::anyhow!("file cache lock poisoned"))?;
        let text = serde_json::to_vec(&*entries)?;
        write_atomic(path, &text)?;
        Ok(())
    }
}
