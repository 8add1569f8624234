//! `kind = "shard"`: the final Parquet shards, `data/<split>-NNNNN-of-MMMMM.parquet`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use sdf_datasets::part::{DEFAULT_ROW_GROUP_BYTES, DEFAULT_ZSTD_LEVEL, PartWriter, WriteOptions, read_batches};
use serde::{Deserialize, Serialize};

use super::{StageEnv, StageRunner, TaskOutput, part_entry};

/// Default target size of one shard.
pub const DEFAULT_SHARD_BYTES: u64 = 256 * 1024 * 1024;
/// Folder of the shards inside the stage folder.
pub const DATA_DIR: &str = "data";

/// Settings of a `shard` stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardConfig {
    /// Target size of one shard in bytes (default 256 MiB); the input is cut
    /// into `ceil(input bytes / shard_bytes)` shards of equal row counts.
    #[serde(default = "default_shard_bytes")]
    pub shard_bytes: u64,
    /// zstd level of the shards (default 3).
    #[serde(default = "default_zstd_level")]
    pub zstd_level: i32,
    /// Cap on a row group's encoded size (default 128 MiB).
    #[serde(default = "default_row_group_bytes")]
    pub row_group_bytes: u64,
    /// Split name used in shard file names (default `train`).
    #[serde(default = "default_split")]
    pub split: String,
}

fn default_shard_bytes() -> u64 {
    DEFAULT_SHARD_BYTES
}
fn default_zstd_level() -> i32 {
    DEFAULT_ZSTD_LEVEL
}
fn default_row_group_bytes() -> u64 {
    DEFAULT_ROW_GROUP_BYTES as u64
}
fn default_split() -> String {
    "train".into()
}

impl ShardConfig {
    pub(crate) fn validate(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.shard_bytes == 0 {
            out.push("`shard_bytes` must be at least 1".into());
        }
        if !(1..=22).contains(&self.zstd_level) {
            out.push(format!(
                "`zstd_level` must be between 1 and 22, got {}",
                self.zstd_level
            ));
        }
        if self.row_group_bytes == 0 {
            out.push("`row_group_bytes` must be at least 1".into());
        }
        if self.split.is_empty() || !self.split.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push(format!(
                "`split` must be a non-empty name of letters, digits and `_`, got `{}`",
                self.split
            ));
        }
        out
    }
}

/// Writes shards: task `i` copies rows `[start_i, end_i)` of the input, in input order.
pub struct ShardRunner<'a> {
    env: &'a StageEnv<'a>,
    inputs: Vec<(PathBuf, u64)>,
    bounds: Vec<(u64, u64)>,
    options: WriteOptions,
    split: String,
}

impl<'a> ShardRunner<'a> {
    /// Plan shard boundaries from the input manifest.
    pub fn new(config: &ShardConfig, env: &'a StageEnv<'a>) -> Result<Self> {
        let input = env.input.as_ref().context("shard: no input dataset")?;
        let parts: Vec<_> = input.manifest.output_parts().collect();
        let rows: u64 = parts.iter().map(|p| p.rows).sum();
        let bytes: u64 = parts.iter().map(|p| p.bytes).sum();
        let shards = bytes.div_ceil(config.shard_bytes).clamp(1, rows.max(1));
        let bounds = (0..shards)
            .map(|i| (rows * i / shards, rows * (i + 1) / shards))
            .collect();
        let inputs = parts.iter().map(|p| (input.dir.join(&p.name), p.rows)).collect();
        std::fs::create_dir_all(env.dir.join(DATA_DIR))
            .with_context(|| format!("{}: cannot create", env.dir.display()))?;
        sdf_datasets::part::remove_stale_temps(&env.dir.join(DATA_DIR))?;
        Ok(ShardRunner {
            env,
            inputs,
            bounds,
            options: WriteOptions {
                zstd_level: config.zstd_level,
                row_group_bytes: config.row_group_bytes as usize,
            },
            split: config.split.clone(),
        })
    }
}

impl StageRunner for ShardRunner<'_> {
    fn task_count(&self) -> usize {
        self.bounds.len()
    }

    fn run_task(&self, index: usize) -> Result<TaskOutput> {
        let (start, end) = self.bounds[index];
        let name = format!(
            "{DATA_DIR}/{}-{index:05}-of-{:05}.parquet",
            self.split,
            self.bounds.len()
        );
        let mut writer: Option<PartWriter> = None;
        let mut offset = 0u64;
        for (path, rows) in &self.inputs {
            let (part_start, part_end) = (offset, offset + rows);
            offset = part_end;
            if part_end <= start || part_start >= end {
                continue;
            }
            let mut row = part_start;
            for batch in read_batches(path)? {
                let batch = batch?;
                let (b_start, b_end) = (row, row + batch.num_rows() as u64);
                row = b_end;
                let lo = start.max(b_start);
                let hi = end.min(b_end);
                if lo >= hi {
                    continue;
                }
                let slice = batch.slice((lo - b_start) as usize, (hi - lo) as usize);
                if writer.is_none() {
                    writer = Some(PartWriter::create(
                        &self.env.dir.join(&name),
                        slice.schema(),
                        &self.options,
                    )?);
                }
                if let Some(w) = writer.as_mut() {
                    w.write_batch(&slice)?;
                }
            }
        }
        let writer = match writer {
            Some(w) => w,
            // An empty input still yields one valid (empty) shard with the document schema.
            None => PartWriter::create(
                &self.env.dir.join(&name),
                sdf_datasets::schema::document_schema(),
                &self.options,
            )?,
        };
        crate::faults::point("mid-part");
        let part = writer.finish()?;
        Ok(TaskOutput {
            parts: vec![part_entry(name, &part, "output")],
            rows_in: end - start,
            rows_out: part.rows,
            stats: serde_json::json!({ "shards": 1 }),
        })
    }
}
