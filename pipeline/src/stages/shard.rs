//! `kind = "shard"`: the dataset a fine-tuning run consumes.
//!
//! Writes a Hugging Face–style folder: `data/<split>-NNNNN-of-MMMMM.parquet` for the
//! training split (and a validation split when `validation_fraction > 0`), a
//! `README.md` dataset card, and the stage's `manifest.json` (lineage, schema, and
//! rows/bytes/sha256 of every shard and of the card).
//!
//! Rows are put in output order by one seeded permutation of all input rows (when
//! `shuffle` is on, the default); the validation split takes the permutation's first
//! `round(rows × validation_fraction)` rows. Each task gathers the rows of one shard
//! from the input parts (reading only parts that hold some of them), interleaves them
//! into output order and writes the shard, so a worker holds about one shard of rows.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use arrow_array::cast::AsArray;
use arrow_array::types::Int32Type;
use arrow_array::{Array, ArrayRef, RecordBatch, UInt32Array};
use arrow_schema::DataType;
use sdf_datasets::card::{CardInput, render_card};
use sdf_datasets::manifest::{PartEntry, StageManifest};
use sdf_datasets::part::{DEFAULT_BATCH_ROWS, DEFAULT_ROW_GROUP_BYTES, DEFAULT_ZSTD_LEVEL, PartWriter, WriteOptions};
use sdf_datasets::schema::columns;
use serde::{Deserialize, Serialize};

use super::{StageEnv, StageRunner, TaskOutput, part_entry};

/// Default target size of one shard.
pub const DEFAULT_SHARD_BYTES: u64 = 256 * 1024 * 1024;
/// Folder of the shards inside the stage folder.
pub const DATA_DIR: &str = "data";
/// File name of the dataset card.
pub const CARD_FILE: &str = "README.md";

/// Settings of a `shard` stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardConfig {
    /// Target size of one shard in bytes (default 256 MiB); a split is cut into
    /// `ceil(split bytes / shard_bytes)` shards of equal row counts.
    #[serde(default = "default_shard_bytes")]
    pub shard_bytes: u64,
    /// zstd level of the shards (default 3).
    #[serde(default = "default_zstd_level")]
    pub zstd_level: i32,
    /// Cap on a row group's encoded size (default 128 MiB).
    #[serde(default = "default_row_group_bytes")]
    pub row_group_bytes: u64,
    /// Name of the training split in shard file names (default `train`).
    #[serde(default = "default_split")]
    pub split: String,
    /// Put rows in an order drawn from the run seed (default on); off keeps input order.
    #[serde(default = "default_shuffle")]
    pub shuffle: bool,
    /// Share of rows, drawn by the run seed, that go to the validation split (default 0: none).
    #[serde(default)]
    pub validation_fraction: f64,
    /// Name of the validation split (default `validation`).
    #[serde(default = "default_validation_split")]
    pub validation_split: String,
}

impl Default for ShardConfig {
    fn default() -> Self {
        ShardConfig {
            shard_bytes: DEFAULT_SHARD_BYTES,
            zstd_level: DEFAULT_ZSTD_LEVEL,
            row_group_bytes: DEFAULT_ROW_GROUP_BYTES as u64,
            split: default_split(),
            shuffle: true,
            validation_fraction: 0.0,
            validation_split: default_validation_split(),
        }
    }
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
fn default_shuffle() -> bool {
    true
}
fn default_validation_split() -> String {
    "validation".into()
}

fn check_split_name(key: &str, name: &str, out: &mut Vec<String>) {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        out.push(format!(
            "`{key}` must be a non-empty name of letters, digits and `_`, got `{name}`"
        ));
    }
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
        check_split_name("split", &self.split, &mut out);
        check_split_name("validation_split", &self.validation_split, &mut out);
        if self.split == self.validation_split {
            out.push(format!(
                "`split` and `validation_split` must differ, both are `{}`",
                self.split
            ));
        }
        if !(0.0..1.0).contains(&self.validation_fraction) {
            out.push(format!(
                "`validation_fraction` must be at least 0 and below 1, got {}",
                self.validation_fraction
            ));
        }
        out
    }

    /// Whether the output depends on the run seed.
    pub fn uses_seed(&self) -> bool {
        self.shuffle || self.validation_fraction > 0.0
    }
}

/// One shard to write: its file name and the positions of its rows in the split's order.
struct ShardTask {
    name: String,
    split: String,
    range: (usize, usize),
    order: Arc<Vec<u64>>,
}

/// A shard's rows: compact batches, and `(batch, row)` of every output row in order.
type Gathered = (Vec<RecordBatch>, Vec<(usize, usize)>);

/// An input part: its path and the global row range it holds.
struct InputPart {
    path: PathBuf,
    start: u64,
    end: u64,
}

/// Writes the shards; task `i` writes shard `i` (training shards first).
pub struct ShardRunner<'a> {
    env: &'a StageEnv<'a>,
    inputs: Vec<InputPart>,
    tasks: Vec<ShardTask>,
    options: WriteOptions,
    schema: arrow_schema::SchemaRef,
}

/// Row order of each split: `(train, validation)`, as global input row numbers.
fn split_orders(rows: u64, config: &ShardConfig, seed: u64) -> (Vec<u64>, Vec<u64>) {
    let order = if config.uses_seed() {
        sdf_datasets::rng::permutation(rows, seed)
    } else {
        (0..rows).collect()
    };
    let mut held_out = if config.validation_fraction > 0.0 && rows >= 2 {
        ((rows as f64 * config.validation_fraction).round() as u64).clamp(1, rows - 1) as usize
    } else {
        0
    };
    held_out = held_out.min(order.len());
    let mut validation = order[..held_out].to_vec();
    let mut train = order[held_out..].to_vec();
    if !config.shuffle {
        validation.sort_unstable();
        train.sort_unstable();
    }
    (train, validation)
}

impl<'a> ShardRunner<'a> {
    /// Plan the splits and shard boundaries from the input manifest.
    pub fn new(config: &ShardConfig, env: &'a StageEnv<'a>) -> Result<Self> {
        let input = env.input.as_ref().context("shard: no input dataset")?;
        let mut inputs = Vec::new();
        let mut offset = 0u64;
        let mut bytes = 0u64;
        for p in input.manifest.output_parts() {
            inputs.push(InputPart {
                path: input.dir.join(&p.name),
                start: offset,
                end: offset + p.rows,
            });
            offset += p.rows;
            bytes += p.bytes;
        }
        let rows = offset;
        let schema = match inputs.first() {
            Some(p) => sdf_datasets::part::read_schema(&p.path)?,
            None => sdf_datasets::schema::document_schema(),
        };
        let (train, validation) = split_orders(rows, config, env.plan.seed);
        let mut tasks = Vec::new();
        for (split, order) in [(&config.split, train), (&config.validation_split, validation)] {
            // The training split always has a shard (possibly empty); validation only when asked for.
            if order.is_empty() && *split == config.validation_split {
                continue;
            }
            let n = order.len() as u64;
            let split_bytes = (u128::from(bytes) * u128::from(n))
                .checked_div(u128::from(rows))
                .unwrap_or(0) as u64;
            let shards = split_bytes.div_ceil(config.shard_bytes).clamp(1, n.max(1)) as usize;
            let order = Arc::new(order);
            for i in 0..shards {
                let range = (order.len() * i / shards, order.len() * (i + 1) / shards);
                tasks.push(ShardTask {
                    name: format!("{DATA_DIR}/{split}-{i:05}-of-{shards:05}.parquet"),
                    split: split.clone(),
                    range,
                    order: order.clone(),
                });
            }
        }
        std::fs::create_dir_all(env.dir.join(DATA_DIR))
            .with_context(|| format!("{}: cannot create", env.dir.display()))?;
        sdf_datasets::part::remove_stale_temps(&env.dir.join(DATA_DIR))?;
        Ok(ShardRunner {
            env,
            inputs,
            tasks,
            options: WriteOptions {
                zstd_level: config.zstd_level,
                row_group_bytes: config.row_group_bytes as usize,
            },
            schema,
        })
    }

    /// The rows of `task`, read from the input parts, as compact batches and, for
    /// every output row in order, `(batch, row)` in those batches.
    fn gather(&self, task: &ShardTask) -> Result<Gathered> {
        let wanted = &task.order[task.range.0..task.range.1];
        // (global row, output position), sorted by global row so the input is read once, in order.
        let mut by_row: Vec<(u64, usize)> = wanted.iter().enumerate().map(|(pos, &row)| (row, pos)).collect();
        by_row.sort_unstable();
        let mut batches = Vec::new();
        let mut slots = vec![(0usize, 0usize); wanted.len()];
        let mut next = 0usize;
        for part in &self.inputs {
            if next >= by_row.len() {
                break;
            }
            if by_row[next].0 >= part.end {
                continue;
            }
            let mut row = part.start;
            for batch in sdf_datasets::part::read_batches(&part.path)? {
                let batch = batch?;
                let end = row + batch.num_rows() as u64;
                let mut take = Vec::new();
                while next < by_row.len() && by_row[next].0 < end {
                    let (global, pos) = by_row[next];
                    slots[pos] = (batches.len(), take.len());
                    take.push((global - row) as u32);
                    next += 1;
                }
                row = end;
                if !take.is_empty() {
                    let indices = UInt32Array::from(take);
                    batches.push(arrow_select::take::take_record_batch(&batch, &indices)?);
                }
                if next >= by_row.len() || by_row[next].0 >= part.end {
                    break;
                }
            }
            if row != part.end && next < by_row.len() && by_row[next].0 < part.end {
                bail!(
                    "{}: holds {} rows, the input manifest says {}",
                    part.path.display(),
                    row - part.start,
                    part.end - part.start
                );
            }
        }
        if next != by_row.len() {
            bail!("shard input ended after {next} of {} rows", by_row.len());
        }
        Ok((batches, slots))
    }
}

/// Counters of one shard: documents, text bytes and characters, and distributions.
#[derive(Default)]
struct ShardCounts {
    text_bytes: u64,
    chars: u64,
    doc_types: BTreeMap<String, u64>,
    universes: BTreeMap<String, u64>,
    facts: BTreeMap<String, u64>,
    lengths: BTreeMap<&'static str, u64>,
}

/// Length buckets of the card's histogram (characters of text).
pub const LENGTH_BUCKETS: &[(u64, &str)] = &[
    (500, "0000-0499"),
    (1000, "0500-0999"),
    (2000, "1000-1999"),
    (4000, "2000-3999"),
    (8000, "4000-7999"),
    (16000, "8000-15999"),
    (u64::MAX, "16000+"),
];

fn length_bucket(chars: u64) -> &'static str {
    LENGTH_BUCKETS
        .iter()
        .find(|(limit, _)| chars < *limit)
        .map_or("16000+", |(_, name)| name)
}

/// Calls `f` with each row's string value of a utf8 or dictionary<int32, utf8> column.
fn for_each_str(col: &ArrayRef, mut f: impl FnMut(&str)) {
    match col.data_type() {
        DataType::Dictionary(_, _) => {
            let dict = col.as_dictionary::<Int32Type>();
            let values = dict.values().as_string::<i32>();
            for key in dict.keys().iter() {
                f(key.map_or("", |k| values.value(k as usize)));
            }
        }
        DataType::Utf8 => col.as_string::<i32>().iter().for_each(|v| f(v.unwrap_or(""))),
        DataType::LargeUtf8 => col.as_string::<i64>().iter().for_each(|v| f(v.unwrap_or(""))),
        _ => {}
    }
}

impl ShardCounts {
    fn add(&mut self, batch: &RecordBatch) {
        if let Some(text) = batch.column_by_name(columns::TEXT) {
            for_each_str(text, |t| {
                let chars = t.chars().count() as u64;
                self.text_bytes += t.len() as u64;
                self.chars += chars;
                *self.lengths.entry(length_bucket(chars)).or_default() += 1;
            });
        }
        for (name, map) in [
            (columns::DOC_TYPE, &mut self.doc_types),
            (columns::UNIVERSE, &mut self.universes),
        ] {
            if let Some(col) = batch.column_by_name(name) {
                for_each_str(col, |v| *map.entry(v.to_owned()).or_default() += 1);
            }
        }
        if let Some(facts) = batch.column_by_name(columns::FACTS)
            && let Some(list) = facts.as_list_opt::<i32>()
        {
            for i in 0..list.len() {
                let items = list.value(i);
                for_each_str(&items, |v| *self.facts.entry(v.to_owned()).or_default() += 1);
            }
        }
    }

    fn to_json(&self, split: &str, rows: u64, bytes: u64) -> serde_json::Value {
        serde_json::json!({
            "documents": rows,
            "text_bytes": self.text_bytes,
            "chars": self.chars,
            "splits": { split: { "documents": rows, "shards": 1, "bytes": bytes, "chars": self.chars } },
            "doc_types": self.doc_types,
            "universes": self.universes,
            "facts": self.facts,
            "length_chars": self.lengths,
        })
    }
}

impl StageRunner for ShardRunner<'_> {
    fn task_count(&self) -> usize {
        self.tasks.len()
    }

    fn run_task(&self, index: usize) -> Result<TaskOutput> {
        let task = &self.tasks[index];
        let (batches, slots) = self.gather(task)?;
        let mut writer = PartWriter::create(&self.env.dir.join(&task.name), self.schema.clone(), &self.options)?;
        let mut counts = ShardCounts::default();
        let sources: Vec<&RecordBatch> = batches.iter().collect();
        for chunk in slots.chunks(DEFAULT_BATCH_ROWS) {
            let batch = arrow_select::interleave::interleave_record_batch(&sources, chunk)?;
            counts.add(&batch);
            writer.write_batch(&batch)?;
        }
        crate::faults::point("mid-part");
        let part = writer.finish()?;
        Ok(TaskOutput {
            stats: counts.to_json(&task.split, part.rows, part.bytes),
            parts: vec![part_entry(task.name.clone(), &part, "output")],
            rows_in: part.rows,
            rows_out: part.rows,
        })
    }

    /// The dataset card, rendered from the drafted manifest and the upstream manifests.
    fn extra_files(&self, manifest: &StageManifest) -> Result<Vec<PartEntry>> {
        let mut upstream = Vec::new();
        for entry in &manifest.lineage {
            if entry.stage == manifest.stage {
                continue;
            }
            if let Some(j) = self.env.plan.index_of(&entry.stage)
                && let Some(m) = StageManifest::load(&self.env.plan.stage_dir(j))?
            {
                upstream.push(m);
            }
        }
        let universe_names = manifest
            .stats
            .get("universes")
            .and_then(|u| u.as_object())
            .map(|u| {
                u.keys()
                    .filter_map(|id| {
                        sdf_corpora::Universe::builtin(id)
                            .ok()
                            .map(|v| (id.clone(), v.name.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let text = render_card(&CardInput {
            manifest,
            upstream: &upstream,
            universe_names,
        });
        let path = self.env.dir.join(CARD_FILE);
        sdf_datasets::part::write_atomic(&path, text.as_bytes())?;
        Ok(vec![PartEntry {
            name: CARD_FILE.into(),
            rows: 0,
            bytes: text.len() as u64,
            sha256: sdf_datasets::checksum::to_hex(&sdf_datasets::checksum::sha256_bytes(text.as_bytes())),
            role: "card".into(),
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_partition_the_rows_and_follow_the_seed() {
        let config = ShardConfig {
            validation_fraction: 0.1,
            ..ShardConfig::default()
        };
        let (train, val) = split_orders(1000, &config, 7);
        assert_eq!((train.len(), val.len()), (900, 100));
        let mut all: Vec<u64> = train.iter().chain(&val).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..1000).collect::<Vec<_>>());
        assert_eq!(split_orders(1000, &config, 7), (train.clone(), val));
        assert_ne!(split_orders(1000, &config, 8).0, train);

        let ordered = ShardConfig {
            shuffle: false,
            validation_fraction: 0.25,
            ..ShardConfig::default()
        };
        let (train, val) = split_orders(8, &ordered, 1);
        assert_eq!((train.len(), val.len()), (6, 2));
        assert!(train.is_sorted() && val.is_sorted());
        let plain = ShardConfig {
            shuffle: false,
            ..ShardConfig::default()
        };
        assert!(!plain.uses_seed());
        assert_eq!(split_orders(5, &plain, 1), (vec![0, 1, 2, 3, 4], vec![]));
        // A tiny fraction still holds out one row; a large one leaves one for training.
        let tiny = ShardConfig {
            validation_fraction: 0.0001,
            ..ShardConfig::default()
        };
        assert_eq!(split_orders(10, &tiny, 1).1.len(), 1);
    }

    #[test]
    fn bad_settings_are_named() {
        let bad = ShardConfig {
            validation_fraction: 1.0,
            split: "a b".into(),
            validation_split: "a b".into(),
            ..ShardConfig::default()
        };
        let errors = bad.validate();
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("validation_fraction")));
    }

    #[test]
    fn length_buckets_cover_every_length() {
        assert_eq!(length_bucket(0), "0000-0499");
        assert_eq!(length_bucket(999), "0500-0999");
        assert_eq!(length_bucket(1_000_000), "16000+");
    }
}
