//! `kind = "dedup"`: remove exact and near duplicates, keeping the first occurrence.
//!
//! The decisions are global, so they are made once when the runner is built, as map/reduce
//! phases of the dedup engine:
//!
//! 1. **map**, one job per input part (in parallel): stream the part's `text` column one batch
//!    at a time, normalise each text, encode its exact entry (40 bytes) and its LSH band
//!    entries into their hash buckets, and spill each bucket to `<stage>/.spill/` (one file
//!    per kind, bucket and part);
//! 2. **reduce**, one job per bucket, as many at a time as threads: read the bucket's files
//!    back and turn them into exact decisions and candidate edges. A job holds one part's or
//!    one bucket's entries, never the whole input's, so `buckets` bounds the memory;
//! 3. **verify** and **cluster**: the normalised texts of the candidates' documents and the
//!    ids of kept documents that removals point at are read back from their parts (only the
//!    `id` and `text` columns), candidate pairs are confirmed, clusters formed;
//! 4. **apply**, one stage task per input part, streaming its batches: kept rows go to
//!    `part-NNNNN.parquet` (with a `text_sha256` column, the key computed again), removed rows
//!    to `rejected-NNNNN.parquet` with the reason and the id of the kept document.
//!
//! Every reduce sorts its input and every tie is broken by the document's position, so the
//! output does not depend on the number of threads nor on the number of buckets.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use arrow_array::{ArrayRef, BooleanArray, RecordBatch};
use arrow_select::filter::filter_record_batch;
use rayon::prelude::*;
use sdf_datasets::batch::{document_columns, id_column, text_column};
use sdf_datasets::checksum::to_hex;
use sdf_datasets::dedup_columns::{
    DuplicateKind, DuplicateRecord, dedup_output_schema, dedup_rejected_columns, dedup_rejected_schema,
    text_sha256_column,
};
use sdf_datasets::part::{PartWriter, read_batches, read_column_batches, row_count};
use sdf_datasets::schema::{columns, document_schema};
use sdf_filters::dedup::{
    self as engine, CandidateEdge, Dedup, DedupStats, DocRef, ExactDecision, ExactEntry, MapOutput, NearEntry, Record,
    Removal, RemovalReason,
};
use sdf_filters::normalize::{NormalizeOptions, Normalized, Normalizer};
use serde::{Deserialize, Serialize};

use super::{StageEnv, StageRunner, TaskOutput, part_entry, part_name, rejected_name};

/// Default ceiling on the share of documents dedup may remove.
pub const DEFAULT_MAX_REMOVAL_RATE: f64 = 0.5;
/// Default ceiling on the engine's estimated memory: 8 GiB.
pub const DEFAULT_MAX_MEMORY_BYTES: u64 = 8 << 30;

/// Settings of a `dedup` stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DedupConfig {
    /// Remove documents whose normalised text equals an earlier one (default true).
    #[serde(default = "yes")]
    pub exact: bool,
    /// Remove documents whose word n-gram Jaccard similarity to an earlier one reaches
    /// `threshold` (default true).
    #[serde(default = "yes")]
    pub near: bool,
    /// Jaccard similarity at or above which two documents are near duplicates, in (0, 1]
    /// (default 0.8).
    #[serde(default = "default_threshold")]
    pub threshold: f64,
    /// Shingle length in words (default 5).
    #[serde(default = "default_ngram")]
    pub ngram: usize,
    /// Number of MinHash functions (default 128).
    #[serde(default = "default_num_perm")]
    pub num_perm: usize,
    /// Number of reduce buckets (default 16); a reduce job holds one bucket's entries, so more
    /// buckets mean less memory. Never changes the output.
    #[serde(default = "default_buckets")]
    pub buckets: u32,
    /// Confirm candidate pairs with their true Jaccard similarity (default true) rather than
    /// the MinHash estimate.
    #[serde(default = "yes")]
    pub verify: bool,
    /// Fail the stage when it removes more than this share of documents (default 0.5).
    #[serde(default = "default_max_removal_rate")]
    pub max_removal_rate: f64,
    /// Fail before running when the engine's estimated memory for the input is above this
    /// many bytes (default 8 GiB).
    #[serde(default = "default_max_memory_bytes")]
    pub max_memory_bytes: u64,
}

fn yes() -> bool {
    true
}

fn default_threshold() -> f64 {
    engine::DEFAULT_THRESHOLD
}

fn default_ngram() -> usize {
    engine::DEFAULT_NGRAM
}

fn default_num_perm() -> usize {
    engine::DEFAULT_NUM_PERM
}

fn default_buckets() -> u32 {
    engine::DEFAULT_BUCKETS
}

fn default_max_removal_rate() -> f64 {
    DEFAULT_MAX_REMOVAL_RATE
}

fn default_max_memory_bytes() -> u64 {
    DEFAULT_MAX_MEMORY_BYTES
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            exact: true,
            near: true,
            threshold: default_threshold(),
            ngram: default_ngram(),
            num_perm: default_num_perm(),
            buckets: default_buckets(),
            verify: true,
            max_removal_rate: DEFAULT_MAX_REMOVAL_RATE,
            max_memory_bytes: DEFAULT_MAX_MEMORY_BYTES,
        }
    }
}

impl DedupConfig {
    pub(crate) fn validate(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            out.push(format!(
                "`threshold` must be above 0 and at most 1, got {}",
                self.threshold
            ));
        }
        if self.ngram == 0 {
            out.push("`ngram` must be at least 1".into());
        }
        if !(1..=engine::MAX_NUM_PERM).contains(&self.num_perm) {
            out.push(format!(
                "`num_perm` must be between 1 and {}, got {}",
                engine::MAX_NUM_PERM,
                self.num_perm
            ));
        }
        if self.buckets == 0 {
            out.push("`buckets` must be at least 1".into());
        }
        if !(0.0..=1.0).contains(&self.max_removal_rate) {
            out.push(format!(
                "`max_removal_rate` must be between 0 and 1, got {}",
                self.max_removal_rate
            ));
        }
        if !self.exact && !self.near {
            out.push("at least one of `exact` and `near` must be true".into());
        }
        out
    }

    /// The validated engine for these settings.
    pub fn engine(&self) -> Result<Dedup> {
        Ok(engine::DedupConfig::default()
            .with_ngram(self.ngram)
            .with_threshold(self.threshold)
            .with_num_perm(self.num_perm)
            .with_buckets(self.buckets)
            .with_verify(self.verify)
            .build()?)
    }

    /// Bytes of map/reduce state per document: an exact entry, and one band entry per LSH
    /// band with `near`.
    pub fn bytes_per_document(&self, dedup: &Dedup) -> u64 {
        let near = if self.near { dedup.estimate_near_memory(1) } else { 0 };
        engine::estimate_exact_memory(1).saturating_add(near)
    }

    /// Estimated peak bytes of the map/reduce state for `docs` documents in parts of at most
    /// `largest_part` rows, with `jobs` threads: each map job holds the entries of one part,
    /// each reduce job those of one bucket (entries are spilled to disk in between).
    pub fn estimate_memory(&self, dedup: &Dedup, docs: u64, largest_part: u64, jobs: u64) -> u64 {
        let per_doc = self.bytes_per_document(dedup);
        let buckets = u64::from(self.buckets.max(1));
        let map = largest_part.saturating_mul(per_doc).saturating_mul(jobs);
        let reduce = docs
            .div_ceil(buckets)
            .saturating_mul(per_doc)
            .saturating_mul(jobs.min(buckets));
        map.max(reduce)
    }
}

/// What mapping one input part leaves in memory; its entries are in spill files.
struct PartMap {
    rows: usize,
    stats: DedupStats,
}

/// The folder where map jobs spill their entries, one file per kind, bucket and part
/// (fixed-size little-endian records), read back one bucket at a time by the reduce. Removed
/// when dropped; a stale one (from a killed run) is cleared when the next run starts.
struct Spill {
    dir: PathBuf,
}

impl Spill {
    fn new(stage_dir: &std::path::Path) -> Result<Spill> {
        let dir = stage_dir.join(".spill");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("dedup: removing {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("dedup: creating {}", dir.display()))?;
        Ok(Spill { dir })
    }

    fn path(&self, kind: &str, bucket: usize, part: usize) -> PathBuf {
        self.dir.join(format!("{kind}-{bucket:05}-{part:05}.bin"))
    }

    /// Writes the non-empty buckets of one part.
    fn write(&self, kind: &str, part: usize, buckets: &[Vec<u8>]) -> Result<()> {
        for (b, bytes) in buckets.iter().enumerate() {
            if !bytes.is_empty() {
                let path = self.path(kind, b, part);
                std::fs::write(&path, bytes).with_context(|| format!("dedup: writing {}", path.display()))?;
            }
        }
        Ok(())
    }

    /// All records of `bucket`, from every part, each file removed once read.
    fn read<R: Record>(&self, kind: &str, bucket: usize, parts: usize) -> Result<Vec<R>> {
        let paths: Vec<PathBuf> = (0..parts)
            .map(|p| self.path(kind, bucket, p))
            .filter(|p| p.exists())
            .collect();
        let mut len = 0u64;
        for path in &paths {
            len += std::fs::metadata(path)
                .with_context(|| format!("dedup: reading {}", path.display()))?
                .len();
        }
        let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0) / R::ENCODED_LEN);
        for path in &paths {
            let bytes = std::fs::read(path).with_context(|| format!("dedup: reading {}", path.display()))?;
            if !bytes.len().is_multiple_of(R::ENCODED_LEN) {
                bail!("dedup: {} is cut short", path.display());
            }
            for record in bytes.chunks_exact(R::ENCODED_LEN) {
                out.push(R::decode(record)?);
            }
            std::fs::remove_file(path).with_context(|| format!("dedup: removing {}", path.display()))?;
        }
        Ok(out)
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The global decisions, made once.
struct Decisions {
    /// Removals of every part, sorted by document.
    removals: Vec<Removal>,
    /// Rows of every input part when it was mapped.
    rows: Vec<usize>,
    /// Ids of the kept documents that removals point at.
    kept_ids: HashMap<DocRef, String>,
    /// Counters of the whole run.
    stats: DedupStats,
}

/// Decides the duplicates of the whole input, then writes one kept and one rejected part per
/// input part.
pub struct DedupRunner<'a> {
    env: &'a StageEnv<'a>,
    inputs: Vec<PathBuf>,
    decisions: Decisions,
    memory_estimate: u64,
    max_removal_rate: f64,
}

fn part_index(p: usize) -> Result<u32> {
    u32::try_from(p).context("dedup: more than 2^32 input parts")
}

fn row_index(r: usize, path: &std::path::Path) -> Result<u32> {
    u32::try_from(r).with_context(|| format!("dedup: {}: more than 2^32 rows in one part", path.display()))
}

impl<'a> DedupRunner<'a> {
    /// Check the memory estimate, then run the map, reduce, verify and cluster phases.
    pub fn new(config: &DedupConfig, env: &'a StageEnv<'a>) -> Result<Self> {
        let input = env.input.as_ref().context("dedup: no input dataset")?;
        let inputs = input.output_paths();
        let docs: u64 = input.manifest.output_parts().map(|p| p.rows).sum();
        let largest_part = input.manifest.output_parts().map(|p| p.rows).max().unwrap_or(0);
        let dedup = config.engine()?;
        let jobs = rayon::current_num_threads() as u64;
        let memory_estimate = config.estimate_memory(&dedup, docs, largest_part, jobs);
        tracing::info!(
            stage = %env.stage.name,
            docs,
            memory_estimate_bytes = memory_estimate,
            max_memory_bytes = config.max_memory_bytes,
            "dedup memory estimate"
        );
        if env.notes {
            eprintln!(
                "{}: dedup of {docs} documents needs an estimated {:.1} MiB (max_memory_bytes {:.1} MiB)",
                env.stage.name,
                memory_estimate as f64 / f64::from(1u32 << 20),
                config.max_memory_bytes as f64 / f64::from(1u32 << 20),
            );
        }
        if memory_estimate > config.max_memory_bytes {
            bail!(
                "dedup needs an estimated {memory_estimate} bytes ({:.2} GiB) for {docs} documents, above \
                 max_memory_bytes = {}; raise `buckets` (now {}: each reduce job holds one bucket), use smaller \
                 input parts, or raise max_memory_bytes",
                memory_estimate as f64 / f64::from(1u32 << 30),
                config.max_memory_bytes,
                config.buckets,
            );
        }
        let decisions = decide(config, &dedup, &inputs, &env.dir)?;
        Ok(DedupRunner {
            env,
            inputs,
            decisions,
            memory_estimate,
            max_removal_rate: config.max_removal_rate,
        })
    }
}

/// Normalises and maps every row of one part, reading only its `text` column, one batch at a
/// time. Entries are encoded straight into their buckets and spilled, so a map job holds the
/// entries of one part only.
fn map_part(dedup: &Dedup, config: &DedupConfig, spill: &Spill, part: u32, path: &std::path::Path) -> Result<PartMap> {
    let buckets = config.buckets.max(1);
    let origin = path.display().to_string();
    let normalizer = Normalizer::new(NormalizeOptions::dedup());
    let mut normalized = Normalized::new();
    let mut out = MapOutput::new();
    let mut exact: Vec<Vec<u8>> = vec![Vec::new(); buckets as usize];
    let mut near: Vec<Vec<u8>> = vec![Vec::new(); buckets as usize];
    let mut rows = 0usize;
    for batch in read_column_batches(path, &[columns::TEXT])? {
        let batch = batch?;
        for text in text_column(&batch, &origin)?.iter() {
            normalizer.normalize_into(text.unwrap_or_default(), &mut normalized, false);
            let doc_ref = DocRef::new(part, row_index(rows, path)?);
            rows += 1;
            if config.near {
                dedup.map_document(doc_ref, normalized.text(), &mut out);
                for entry in out.near.drain(..) {
                    entry.encode_into(&mut near[entry.partition(buckets) as usize]);
                }
            } else {
                dedup.map_document_exact(doc_ref, normalized.text(), &mut out);
            }
            for entry in out.exact.drain(..) {
                if config.exact {
                    entry.encode_into(&mut exact[entry.partition(buckets) as usize]);
                }
            }
        }
    }
    spill.write("exact", part as usize, &exact)?;
    spill.write("near", part as usize, &near)?;
    Ok(PartMap { rows, stats: out.stats })
}

/// A document, its normalised text and its id, each when asked for.
type FetchedRow = (DocRef, Option<String>, Option<String>);

/// Normalised texts of `need_text` and ids of `need_id`, read from their parts (only the
/// `id` column, and `text` where a text is needed).
fn fetch_rows(
    inputs: &[PathBuf],
    need_text: &BTreeSet<DocRef>,
    need_id: &BTreeSet<DocRef>,
) -> Result<(HashMap<DocRef, String>, HashMap<DocRef, String>)> {
    let mut per_part: BTreeMap<u32, Vec<DocRef>> = BTreeMap::new();
    for doc in need_text.union(need_id) {
        per_part.entry(doc.part()).or_default().push(*doc);
    }
    let per_part: Vec<(u32, Vec<DocRef>)> = per_part.into_iter().collect();
    let fetched: Vec<Vec<FetchedRow>> = per_part
        .par_iter()
        .map(|(part, refs)| {
            let path = inputs
                .get(*part as usize)
                .context("dedup: document of an unknown part")?;
            let origin = path.display().to_string();
            let texts_wanted = refs.iter().any(|d| need_text.contains(d));
            let names: &[&str] = if texts_wanted {
                &[columns::ID, columns::TEXT]
            } else {
                &[columns::ID]
            };
            let normalizer = Normalizer::new(NormalizeOptions::dedup());
            let mut normalized = Normalized::new();
            let mut out = Vec::with_capacity(refs.len());
            let mut wanted = refs.iter().peekable();
            let mut first_row = 0usize;
            for batch in read_column_batches(path, names)? {
                let batch = batch?;
                let ids = id_column(&batch, &origin)?;
                let texts = if texts_wanted {
                    Some(text_column(&batch, &origin)?)
                } else {
                    None
                };
                let end = first_row + batch.num_rows();
                while let Some(doc) = wanted.next_if(|d| (d.row() as usize) < end) {
                    let row = doc.row() as usize - first_row;
                    let text = match texts {
                        Some(texts) if need_text.contains(doc) => {
                            normalizer.normalize_into(texts.value(row), &mut normalized, false);
                            Some(normalized.text().to_owned())
                        }
                        _ => None,
                    };
                    let id = need_id.contains(doc).then(|| ids.value(row).to_owned());
                    out.push((*doc, text, id));
                }
                first_row = end;
            }
            if let Some(doc) = wanted.next() {
                bail!("dedup: {}: row {} is missing", path.display(), doc.row());
            }
            Ok(out)
        })
        .collect::<Result<_>>()?;
    let mut texts = HashMap::new();
    let mut ids = HashMap::new();
    for (doc, text, id) in fetched.into_iter().flatten() {
        if let Some(t) = text {
            texts.insert(doc, t);
        }
        if let Some(i) = id {
            ids.insert(doc, i);
        }
    }
    Ok((texts, ids))
}

/// All phases up to the removals, deterministic whatever the threads and buckets.
fn decide(config: &DedupConfig, dedup: &Dedup, inputs: &[PathBuf], stage_dir: &std::path::Path) -> Result<Decisions> {
    let spill = Spill::new(stage_dir)?;
    let mapped: Vec<PartMap> = inputs
        .par_iter()
        .enumerate()
        .map(|(p, path)| map_part(dedup, config, &spill, part_index(p)?, path))
        .collect::<Result<_>>()?;
    let parts = inputs.len();

    let buckets = config.buckets.max(1) as usize;
    let mut stats = DedupStats::default();
    let mut rows = Vec::with_capacity(mapped.len());
    for part in mapped {
        stats.merge(&part.stats);
        rows.push(part.rows);
    }

    // As many buckets as there are threads are read back at a time and reduced in parallel.
    let waves: Vec<Vec<usize>> = (0..buckets)
        .collect::<Vec<_>>()
        .chunks(rayon::current_num_threads().max(1))
        .map(<[usize]>::to_vec)
        .collect();
    let mut reduced: Vec<(Vec<ExactDecision>, DedupStats)> = Vec::with_capacity(buckets);
    for wave in &waves {
        let wave: Vec<(Vec<ExactDecision>, DedupStats)> = wave
            .par_iter()
            .map(|&b| {
                let bucket: Vec<ExactEntry> = spill.read("exact", b, parts)?;
                let mut s = DedupStats::default();
                Ok((engine::reduce_exact(bucket, &mut s), s))
            })
            .collect::<Result<_>>()?;
        reduced.extend(wave);
    }
    let mut exact = Vec::new();
    for (decisions, s) in reduced {
        stats.merge(&s);
        exact.extend(decisions);
    }
    exact.sort_unstable();
    let mut candidates: Vec<CandidateEdge> = Vec::new();
    for wave in &waves {
        let wave: Vec<Vec<CandidateEdge>> = wave
            .par_iter()
            .map(|&b| Ok(engine::reduce_near(spill.read::<NearEntry>("near", b, parts)?)))
            .collect::<Result<_>>()?;
        candidates.extend(wave.into_iter().flatten());
    }
    drop(spill);

    // The documents whose text verification needs (edge ends, with exact duplicates folded
    // onto the document they duplicate) and whose id a removal may name.
    let duplicate_of = |doc: DocRef| match exact.binary_search_by_key(&doc, |d| d.doc) {
        Ok(i) => exact[i].duplicate_of,
        Err(_) => doc,
    };
    let need_text: BTreeSet<DocRef> = candidates
        .iter()
        .flat_map(|e| [duplicate_of(e.a), duplicate_of(e.b)])
        .collect();
    let mut need_id = need_text.clone();
    need_id.extend(exact.iter().map(|d| d.duplicate_of));
    let (texts, ids) = fetch_rows(inputs, &need_text, &need_id)?;

    let fetch = |doc: DocRef| texts.get(&doc).map(String::as_str);
    let verified = dedup.verify(candidates, &exact, fetch, &mut stats)?;
    let near = dedup.cluster(&verified, fetch, &mut stats)?;
    let removals = engine::merge_removals(exact, near);
    let mut kept_ids = HashMap::new();
    for r in &removals {
        let id = ids
            .get(&r.kept)
            .with_context(|| format!("dedup: no id read for kept document {}", r.kept))?;
        kept_ids.entry(r.kept).or_insert_with(|| id.clone());
    }
    Ok(Decisions {
        removals,
        rows,
        kept_ids,
        stats,
    })
}

impl StageRunner for DedupRunner<'_> {
    fn task_count(&self) -> usize {
        self.inputs.len()
    }

    fn run_task(&self, index: usize) -> Result<TaskOutput> {
        let path = &self.inputs[index];
        let origin = path.display().to_string();
        let part = part_index(index)?;
        let rows = self.decisions.rows.get(index).copied().unwrap_or_default();
        let now = usize::try_from(row_count(path)?).unwrap_or(usize::MAX);
        if now != rows {
            bail!("dedup: {}: has {now} rows, {rows} when it was mapped", path.display());
        }
        let removals = engine::removals_for_part(&self.decisions.removals, part);
        let keep = engine::apply(part, rows, removals)?;
        let mut removal_of: HashMap<u32, &Removal> = removals.iter().map(|r| (r.doc.row(), r)).collect();
        let env = self.env;
        let mut kept_part = PartWriter::create(&env.dir.join(part_name(index)), dedup_output_schema(), &env.write)?;
        let mut rejected_part =
            PartWriter::create(&env.dir.join(rejected_name(index)), dedup_rejected_schema(), &env.write)?;
        let normalizer = Normalizer::new(NormalizeOptions::dedup());
        let mut normalized = Normalized::new();
        let (mut exact, mut near) = (0u64, 0u64);
        let mut first_row = 0usize;
        for batch in read_batches(path)? {
            let batch = batch?;
            let n = batch.num_rows();
            let doc_batch = RecordBatch::try_new(document_schema(), document_columns(&batch, &origin)?)
                .with_context(|| format!("dedup: {}", path.display()))?;
            let texts = text_column(&batch, &origin)?;
            let keep = keep
                .get(first_row..first_row + n)
                .with_context(|| format!("dedup: {}: more rows than when it was mapped", path.display()))?;
            let mut kept_sha = Vec::with_capacity(n);
            let mut records = Vec::new();
            for (r, &kept) in keep.iter().enumerate() {
                normalizer.normalize_into(texts.value(r), &mut normalized, false);
                let sha = to_hex(engine::exact_key(normalized.text()).as_bytes());
                if kept {
                    kept_sha.push(sha);
                    continue;
                }
                let row = first_row + r;
                let removal = removal_of
                    .remove(&row_index(row, path)?)
                    .with_context(|| format!("dedup: {}: row {row} removed without a reason", path.display()))?;
                let duplicate_of = self
                    .decisions
                    .kept_ids
                    .get(&removal.kept)
                    .with_context(|| format!("dedup: no id for kept document {}", removal.kept))?
                    .clone();
                let (kind, cluster, similarity) = match removal.reason {
                    RemovalReason::Exact { .. } => {
                        exact += 1;
                        (DuplicateKind::Exact, None, None)
                    }
                    RemovalReason::Near { cluster, similarity } => {
                        near += 1;
                        (DuplicateKind::Near, Some(cluster), Some(similarity))
                    }
                };
                records.push(DuplicateRecord {
                    kind,
                    duplicate_of,
                    cluster,
                    similarity,
                    text_sha256: sha,
                });
            }
            write_selected(&mut kept_part, &doc_batch, keep, true, text_sha256_column(&kept_sha))?;
            write_selected(
                &mut rejected_part,
                &doc_batch,
                keep,
                false,
                dedup_rejected_columns(&records),
            )?;
            first_row += n;
        }
        if first_row != rows {
            bail!(
                "dedup: {}: has {first_row} rows, {rows} when it was mapped",
                path.display()
            );
        }
        crate::faults::point("mid-part");
        let out = part_entry(part_name(index), &kept_part.finish()?, "output");
        let rej = part_entry(rejected_name(index), &rejected_part.finish()?, "rejected");
        let rows_in = rows as u64;
        let rows_out = out.rows;
        Ok(TaskOutput {
            parts: vec![out, rej],
            rows_in,
            rows_out,
            stats: serde_json::json!({
                "docs_in": rows_in,
                "kept": rows_out,
                "exact_duplicates": exact,
                "near_duplicates": near,
            }),
        })
    }

    fn finish(&self, outputs: &[TaskOutput]) -> Result<serde_json::Value> {
        let mut stats = super::merged_stats(outputs);
        let (docs_in, removed, rate) = super::removal(outputs);
        let global = &self.decisions.stats;
        let extra = serde_json::json!({
            "docs_in": docs_in,
            "kept": docs_in - removed,
            "exact_duplicates": global.exact_duplicates,
            "near_duplicates": global.near_duplicates,
            "exact_groups": global.exact_groups,
            "clusters": global.clusters,
            "largest_cluster": global.largest_cluster,
            "candidate_pairs": global.candidate_pairs,
            "verified_pairs": global.verified_pairs,
            "memory_estimate_bytes": self.memory_estimate,
            "removal_rate": rate,
        });
        match (stats.as_object_mut(), extra) {
            (Some(obj), serde_json::Value::Object(extra)) => obj.extend(extra),
            (_, extra) => stats = extra,
        }
        if rate > self.max_removal_rate {
            bail!(
                "dedup removed {:.1}% of documents ({removed} of {docs_in}: {} exact, {} near duplicates), above \
                 max_removal_rate = {}; check the input for repeated documents, or raise max_removal_rate if this is \
                 intended",
                rate * 100.0,
                global.exact_duplicates,
                global.near_duplicates,
                self.max_removal_rate,
            );
        }
        Ok(stats)
    }
}

/// Appends the rows of `batch` whose `keep` flag equals `wanted`, followed by `extra` columns
/// (one value per selected row), to `writer`.
fn write_selected(
    writer: &mut PartWriter,
    batch: &RecordBatch,
    keep: &[bool],
    wanted: bool,
    extra: Vec<ArrayRef>,
) -> Result<()> {
    let mask: BooleanArray = keep.iter().map(|&k| Some(k == wanted)).collect();
    if mask.true_count() == 0 {
        return Ok(());
    }
    let selected = filter_record_batch(batch, &mask)?;
    let mut columns = selected.columns().to_vec();
    columns.extend(extra);
    let schema = writer.schema().clone();
    writer.write_batch(&RecordBatch::try_new(schema, columns)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_engine() {
        let config = DedupConfig::default();
        assert!(config.validate().is_empty());
        let dedup = config.engine().unwrap();
        assert_eq!(dedup.config().buckets(), engine::DEFAULT_BUCKETS);
        assert_eq!(config.estimate_memory(&dedup, 0, 0, 2), 0);
        // 40 bytes per document, plus 24 per band (9 bands at the default threshold).
        assert_eq!(config.bytes_per_document(&dedup), 40 + 9 * 24);
        let exact_only = DedupConfig {
            near: false,
            ..DedupConfig::default()
        };
        // A million documents in 16 buckets, two threads: two buckets at a time...
        assert_eq!(
            exact_only.estimate_memory(&dedup, 1_000_000, 50_000, 2),
            62_500 * 40 * 2
        );
        // ...unless one part holds more.
        assert_eq!(
            exact_only.estimate_memory(&dedup, 1_000_000, 100_000, 2),
            100_000 * 40 * 2
        );
        let bad = DedupConfig {
            threshold: 0.0,
            buckets: 0,
            exact: false,
            near: false,
            ..DedupConfig::default()
        };
        assert_eq!(bad.validate().len(), 3);
    }
}
