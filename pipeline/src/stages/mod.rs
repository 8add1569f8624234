//! Stage kinds: their config, their fingerprinted config files, and the
//! runners that do their tasks. One file per kind; this one is the registry.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::Result;
use sdf_datasets::manifest::{PartEntry, StageManifest};
use sdf_datasets::part::WriteOptions;
use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::DeValue;

use crate::cache::FileCache;
use crate::config::Collector;
use crate::plan::{Plan, PlannedStage};

pub mod dedup;
pub mod filter;
pub mod generate;
pub mod import;
pub mod qc;
pub mod shard;

/// The kinds of stage a `stages.toml` can declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StageKind {
    /// Read external corpora.
    Import,
    /// Generate documents of a universe.
    Generate,
    /// Flag and drop documents with placeholders, synthetic tells, no fact, too few words.
    Qc,
    /// Remove documents that match a rule pack.
    Filter,
    /// Remove exact and near duplicates.
    Dedup,
    /// Write the final Parquet shards.
    Shard,
}

impl StageKind {
    /// Every kind, in documentation order.
    pub const ALL: &'static [StageKind] = &[
        StageKind::Import,
        StageKind::Generate,
        StageKind::Qc,
        StageKind::Filter,
        StageKind::Dedup,
        StageKind::Shard,
    ];

    /// The kind's name in `stages.toml`.
    pub fn name(self) -> &'static str {
        match self {
            StageKind::Import => "import",
            StageKind::Generate => "generate",
            StageKind::Qc => "qc",
            StageKind::Filter => "filter",
            StageKind::Dedup => "dedup",
            StageKind::Shard => "shard",
        }
    }

    /// All kind names.
    pub fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|k| k.name()).collect()
    }

    /// Whether a stage of this kind reads an upstream stage (`input`).
    pub fn takes_input(self) -> bool {
        !matches!(self, StageKind::Import | StageKind::Generate)
    }
}

impl FromStr for StageKind {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.iter().copied().find(|k| k.name() == s).ok_or(())
    }
}

/// A stage's kind-specific settings, as written (defaults filled in).
#[derive(Debug, Clone, PartialEq)]
pub enum StageSettings {
    /// `kind = "import"`.
    Import(import::ImportConfig),
    /// `kind = "generate"`.
    Generate(generate::GenerateConfig),
    /// `kind = "qc"`.
    Qc(qc::QcStageConfig),
    /// `kind = "filter"`.
    Filter(filter::FilterConfig),
    /// `kind = "dedup"`.
    Dedup(dedup::DedupConfig),
    /// `kind = "shard"`.
    Shard(shard::ShardConfig),
}

impl StageSettings {
    pub(crate) fn parse(
        kind: StageKind,
        c: &mut Collector<'_>,
        value: Spanned<DeValue<'_>>,
        stage: Option<&str>,
    ) -> Option<Self> {
        Some(match kind {
            StageKind::Import => StageSettings::Import(c.deserialize(value, stage)?),
            StageKind::Generate => StageSettings::Generate(c.deserialize(value, stage)?),
            StageKind::Qc => StageSettings::Qc(c.deserialize(value, stage)?),
            StageKind::Filter => StageSettings::Filter(c.deserialize(value, stage)?),
            StageKind::Dedup => StageSettings::Dedup(c.deserialize(value, stage)?),
            StageKind::Shard => StageSettings::Shard(c.deserialize(value, stage)?),
        })
    }

    /// The settings as JSON (what the fingerprint and manifest record).
    pub fn to_json(&self) -> serde_json::Value {
        let v = match self {
            StageSettings::Import(c) => serde_json::to_value(c),
            StageSettings::Generate(c) => serde_json::to_value(c),
            StageSettings::Qc(c) => serde_json::to_value(c),
            StageSettings::Filter(c) => serde_json::to_value(c),
            StageSettings::Dedup(c) => serde_json::to_value(c),
            StageSettings::Shard(c) => serde_json::to_value(c),
        };
        v.unwrap_or(serde_json::Value::Null)
    }

    /// Whether the run seed affects the output (then it is part of the fingerprint).
    pub fn uses_seed(&self) -> bool {
        match self {
            StageSettings::Generate(_) => true,
            StageSettings::Shard(c) => c.uses_seed(),
            _ => false,
        }
    }

    /// Semantic checks beyond types; messages name the offending key.
    pub fn validate(&self) -> Vec<String> {
        match self {
            StageSettings::Import(c) => c.validate(),
            StageSettings::Generate(c) => c.validate(),
            StageSettings::Qc(c) => c.validate(),
            StageSettings::Filter(c) => c.validate(),
            StageSettings::Dedup(c) => c.validate(),
            StageSettings::Shard(c) => c.validate(),
        }
    }
}

/// A finished upstream dataset a stage reads.
#[derive(Debug, Clone)]
pub struct InputDataset {
    /// Its folder.
    pub dir: PathBuf,
    /// Its manifest.
    pub manifest: StageManifest,
}

impl InputDataset {
    /// Paths of the parts holding its output rows, in order.
    pub fn output_paths(&self) -> Vec<PathBuf> {
        self.manifest.output_parts().map(|p| self.dir.join(&p.name)).collect()
    }
}

/// What one task produced; also stored as the task's completion record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskOutput {
    /// Files written (names relative to the stage folder).
    pub parts: Vec<PartEntry>,
    /// Rows read.
    pub rows_in: u64,
    /// Rows written to `output` parts.
    pub rows_out: u64,
    /// Stage-specific counters; merged across tasks by [`merge_stats`].
    pub stats: serde_json::Value,
}

/// Everything a stage sees while it runs.
pub struct StageEnv<'a> {
    /// The whole plan.
    pub plan: &'a Plan,
    /// This stage.
    pub stage: &'a PlannedStage,
    /// Content-hash cache of files.
    pub cache: &'a FileCache,
    /// The folder the stage writes.
    pub dir: PathBuf,
    /// The upstream dataset, if the kind takes one.
    pub input: Option<InputDataset>,
    /// Part encoding.
    pub write: WriteOptions,
    /// Print notes for the user on stderr before long phases (on a terminal, without
    /// `--quiet`).
    pub notes: bool,
}

/// The work of one stage run, split into independent tasks.
pub trait StageRunner: Send + Sync {
    /// How many tasks; task `i` writes `part-{i:05}` (or its own names).
    fn task_count(&self) -> usize;
    /// Run task `index`; must be deterministic and write only its own files.
    fn run_task(&self, index: usize) -> Result<TaskOutput>;
    /// After all tasks: merge statistics and apply stage-level guards.
    fn finish(&self, outputs: &[TaskOutput]) -> Result<serde_json::Value> {
        Ok(outputs
            .iter()
            .fold(serde_json::Value::Null, |acc, o| merge_stats(acc, &o.stats)))
    }
    /// Given the drafted manifest (parts, stats, lineage, schema), write files derived
    /// from it (e.g. a dataset card); their entries are appended to the manifest.
    fn extra_files(&self, _manifest: &StageManifest) -> Result<Vec<PartEntry>> {
        Ok(Vec::new())
    }
}

/// Files (other than the input dataset) whose *contents* a stage depends on:
/// `(display name, lowercase hex sha256)`, part of the fingerprint.
pub fn config_files(stage: &PlannedStage, plan: &Plan, cache: &FileCache) -> Result<Vec<(String, String)>> {
    match &stage.settings {
        StageSettings::Import(c) => c.config_files(plan, cache),
        StageSettings::Generate(c) => c.config_files(plan),
        StageSettings::Qc(c) => c.config_files(plan),
        StageSettings::Filter(c) => c.config_files(plan),
        StageSettings::Dedup(_) => Ok(Vec::new()),
        StageSettings::Shard(_) => Ok(Vec::new()),
    }
}

/// Build the runner of a stage.
pub fn build_runner<'a>(env: &'a StageEnv<'a>) -> Result<Box<dyn StageRunner + 'a>> {
    Ok(match &env.stage.settings {
        StageSettings::Import(c) => Box::new(import::ImportRunner::new(c, env)?),
        StageSettings::Generate(c) => Box::new(generate::GenerateRunner::new(c, env)?),
        StageSettings::Qc(c) => Box::new(qc::QcRunner::new(c, env)?),
        StageSettings::Filter(c) => Box::new(filter::FilterRunner::new(c, env)?),
        StageSettings::Dedup(c) => Box::new(dedup::DedupRunner::new(c, env)?),
        StageSettings::Shard(c) => Box::new(shard::ShardRunner::new(c, env)?),
    })
}

/// The stats of all tasks, merged by [`merge_stats`].
pub fn merged_stats(outputs: &[TaskOutput]) -> serde_json::Value {
    outputs
        .iter()
        .fold(serde_json::Value::Null, |acc, o| merge_stats(acc, &o.stats))
}

/// Rows read, rows removed and the share removed, over all tasks.
pub fn removal(outputs: &[TaskOutput]) -> (u64, u64, f64) {
    let docs_in: u64 = outputs.iter().map(|o| o.rows_in).sum();
    let removed = docs_in - outputs.iter().map(|o| o.rows_out).sum::<u64>();
    let rate = if docs_in == 0 {
        0.0
    } else {
        removed as f64 / docs_in as f64
    };
    (docs_in, removed, rate)
}

/// Merge two stats values: numbers add up, objects merge key by key, arrays
/// concatenate, anything else keeps the first non-null value.
pub fn merge_stats(acc: serde_json::Value, next: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match (acc, next) {
        (Value::Null, n) => n.clone(),
        (a, Value::Null) => a,
        (Value::Number(a), Value::Number(b)) => match (a.as_u64(), b.as_u64()) {
            (Some(x), Some(y)) => Value::from(x + y),
            _ => serde_json::Number::from_f64(a.as_f64().unwrap_or(0.0) + b.as_f64().unwrap_or(0.0))
                .map_or(Value::Null, Value::Number),
        },
        (Value::Object(mut a), Value::Object(b)) => {
            for (k, v) in b {
                let prev = a.remove(k).unwrap_or(Value::Null);
                a.insert(k.clone(), merge_stats(prev, v));
            }
            Value::Object(a)
        }
        (Value::Array(mut a), Value::Array(b)) => {
            a.extend(b.iter().cloned());
            Value::Array(a)
        }
        (a, _) => a,
    }
}

/// Write `docs` (followed by `extra` columns, matching `schema`) as file `name` of the
/// stage folder, atomically; returns its manifest entry. Output parts pass the
/// `mid-part` crash point between writing and renaming.
pub fn write_part(
    env: &StageEnv<'_>,
    name: String,
    role: &str,
    schema: arrow_schema::SchemaRef,
    docs: &[sdf_datasets::Document],
    extra: Vec<arrow_array::ArrayRef>,
) -> Result<PartEntry> {
    let mut writer = sdf_datasets::part::PartWriter::create(&env.dir.join(&name), schema, &env.write)?;
    writer.write_documents_with(docs, extra)?;
    if role == "output" {
        crate::faults::point("mid-part");
    }
    Ok(part_entry(name, &writer.finish()?, role))
}

/// Writes task `index`'s kept documents (`part-NNNNN.parquet`, document schema) and removed
/// ones with their reasons (`rejected-NNNNN.parquet`): the two parts of a stage that drops
/// documents.
pub fn write_kept_and_rejected(
    env: &StageEnv<'_>,
    index: usize,
    kept: &[sdf_datasets::Document],
    removed: &[sdf_datasets::Document],
    reasons: &[sdf_datasets::rejected::RemovalReason],
) -> Result<(PartEntry, PartEntry)> {
    let out = write_part(
        env,
        part_name(index),
        "output",
        sdf_datasets::schema::document_schema(),
        kept,
        Vec::new(),
    )?;
    let rej = write_part(
        env,
        rejected_name(index),
        "rejected",
        sdf_datasets::rejected::rejected_schema(),
        removed,
        sdf_datasets::rejected::reason_columns(reasons),
    )?;
    Ok((out, rej))
}

/// The manifest entry of a written file.
pub fn part_entry(name: String, part: &sdf_datasets::part::WrittenPart, role: &str) -> PartEntry {
    PartEntry {
        name,
        rows: part.rows,
        bytes: part.bytes,
        sha256: sdf_datasets::checksum::to_hex(&part.sha256),
        role: role.into(),
    }
}

/// Name of task `index`'s rejected part.
pub fn rejected_name(index: usize) -> String {
    format!("rejected-{index:05}.parquet")
}

/// Name of task `index`'s output part.
pub fn part_name(index: usize) -> String {
    format!("part-{index:05}.parquet")
}

/// Resolve `path` against the config file's folder.
pub fn resolve(base: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_owned()
    } else {
        base.join(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn stats_merge_adds_counters_and_merges_maps() {
        let a = json!({"removed": 2, "per_rule": {"x": 1}, "skipped": ["a:1"]});
        let b = json!({"removed": 3, "per_rule": {"x": 2, "y": 1}, "skipped": ["b:2"]});
        assert_eq!(
            merge_stats(a, &b),
            json!({"removed": 5, "per_rule": {"x": 3, "y": 1}, "skipped": ["a:1", "b:2"]})
        );
    }
}
