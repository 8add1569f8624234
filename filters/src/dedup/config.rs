//! Settings, the validated runtime, the map phase and the in-memory driver.

use std::collections::HashMap;

use super::lsh::band_hash;
use super::minhash::{Permutations, high_bits};
use super::shingle::shingle_hashes;
use super::{
    DedupError, DedupStats, DocRef, ExactEntry, LshParams, NearEntry, Removal, ShingleSet, Signature,
    estimate_near_memory, merge_removals, optimal_lsh_params, reduce_exact, reduce_near,
};

/// Default shingle length in words.
pub const DEFAULT_NGRAM: usize = 5;
/// Default Jaccard similarity at or above which two documents are near duplicates.
pub const DEFAULT_THRESHOLD: f64 = 0.8;
/// Default number of MinHash functions.
pub const DEFAULT_NUM_PERM: usize = 128;
/// Largest accepted number of MinHash functions.
pub const MAX_NUM_PERM: usize = 1024;
/// Default seed of the MinHash functions. Changing it changes which near-duplicate pairs are
/// found (within the LSH error), never which are confirmed.
pub const DEFAULT_SEED: u64 = 0x5DF0_D1CE;
/// Default number of reduce buckets (tasks) for both kinds of entries.
pub const DEFAULT_BUCKETS: u32 = 16;
/// By default candidate pairs are verified with the true Jaccard similarity.
pub const DEFAULT_VERIFY: bool = true;
/// Default weight of the false-positive integral in the LSH parameter choice.
pub const DEFAULT_FALSE_POSITIVE_WEIGHT: f64 = 0.5;
/// Default weight of the false-negative integral in the LSH parameter choice.
pub const DEFAULT_FALSE_NEGATIVE_WEIGHT: f64 = 0.5;

/// Dedup settings as plain data; [`DedupConfig::build`] validates them into a [`Dedup`].
#[derive(Clone, Debug, PartialEq)]
pub struct DedupConfig {
    ngram: usize,
    threshold: f64,
    num_perm: usize,
    seed: u64,
    buckets: u32,
    verify: bool,
    false_positive_weight: f64,
    false_negative_weight: f64,
    lsh: Option<LshParams>,
}

impl Default for DedupConfig {
    fn default() -> DedupConfig {
        DedupConfig {
            ngram: DEFAULT_NGRAM,
            threshold: DEFAULT_THRESHOLD,
            num_perm: DEFAULT_NUM_PERM,
            seed: DEFAULT_SEED,
            buckets: DEFAULT_BUCKETS,
            verify: DEFAULT_VERIFY,
            false_positive_weight: DEFAULT_FALSE_POSITIVE_WEIGHT,
            false_negative_weight: DEFAULT_FALSE_NEGATIVE_WEIGHT,
            lsh: None,
        }
    }
}

impl DedupConfig {
    /// Shingle length in words, at least 1 ([`DEFAULT_NGRAM`]).
    pub fn with_ngram(mut self, ngram: usize) -> DedupConfig {
        self.ngram = ngram;
        self
    }

    /// Jaccard threshold in `(0, 1]` ([`DEFAULT_THRESHOLD`]).
    pub fn with_threshold(mut self, threshold: f64) -> DedupConfig {
        self.threshold = threshold;
        self
    }

    /// Number of MinHash functions, `1..=MAX_NUM_PERM` ([`DEFAULT_NUM_PERM`]).
    pub fn with_num_perm(mut self, num_perm: usize) -> DedupConfig {
        self.num_perm = num_perm;
        self
    }

    /// Seed of the MinHash functions ([`DEFAULT_SEED`]).
    pub fn with_seed(mut self, seed: u64) -> DedupConfig {
        self.seed = seed;
        self
    }

    /// Number of reduce buckets, at least 1 ([`DEFAULT_BUCKETS`]). The engine's results do
    /// not depend on it; it only bounds the memory of one reduce task.
    pub fn with_buckets(mut self, buckets: u32) -> DedupConfig {
        self.buckets = buckets;
        self
    }

    /// Whether candidate pairs are confirmed with the true Jaccard similarity of their shingle
    /// sets (`true`, [`DEFAULT_VERIFY`]) or accepted on the MinHash estimate (`false`, no
    /// shingle sets built but about ±0.035 of noise at 0.8 with 128 functions).
    pub fn with_verify(mut self, verify: bool) -> DedupConfig {
        self.verify = verify;
        self
    }

    /// Weights of the false-positive and false-negative integrals in the LSH parameter choice
    /// (non-negative, not both zero; [`DEFAULT_FALSE_POSITIVE_WEIGHT`],
    /// [`DEFAULT_FALSE_NEGATIVE_WEIGHT`]).
    pub fn with_weights(mut self, false_positive: f64, false_negative: f64) -> DedupConfig {
        self.false_positive_weight = false_positive;
        self.false_negative_weight = false_negative;
        self
    }

    /// Fixed bands and rows instead of derived ones (`bands · rows ≤ num_perm`); `None`
    /// (default) derives them with [`optimal_lsh_params`].
    pub fn with_lsh_params(mut self, lsh: Option<LshParams>) -> DedupConfig {
        self.lsh = lsh;
        self
    }

    /// Shingle length in words.
    pub fn ngram(&self) -> usize {
        self.ngram
    }

    /// Jaccard threshold.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Number of MinHash functions.
    pub fn num_perm(&self) -> usize {
        self.num_perm
    }

    /// Seed of the MinHash functions.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Number of reduce buckets.
    pub fn buckets(&self) -> u32 {
        self.buckets
    }

    /// Whether candidate pairs are verified on shingle sets.
    pub fn verify(&self) -> bool {
        self.verify
    }

    /// Weight of the false-positive integral.
    pub fn false_positive_weight(&self) -> f64 {
        self.false_positive_weight
    }

    /// Weight of the false-negative integral.
    pub fn false_negative_weight(&self) -> f64 {
        self.false_negative_weight
    }

    /// Fixed LSH parameters, if any.
    pub fn lsh_params(&self) -> Option<LshParams> {
        self.lsh
    }

    /// Validates the settings (reporting every problem at once) and derives the LSH banding.
    pub fn build(&self) -> Result<Dedup, DedupError> {
        let mut problems = Vec::new();
        if self.ngram == 0 {
            problems.push("ngram must be at least 1".to_string());
        }
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            problems.push(format!("threshold must be in (0, 1], got {}", self.threshold));
        }
        if !(1..=MAX_NUM_PERM).contains(&self.num_perm) {
            problems.push(format!("num_perm must be in 1..={MAX_NUM_PERM}, got {}", self.num_perm));
        }
        if self.buckets == 0 {
            problems.push("buckets must be at least 1".to_string());
        }
        let (fp, fn_) = (self.false_positive_weight, self.false_negative_weight);
        if !(fp.is_finite() && fn_.is_finite() && fp >= 0.0 && fn_ >= 0.0 && fp + fn_ > 0.0) {
            problems.push(format!(
                "weights must be finite, non-negative and not both zero, got {fp} and {fn_}"
            ));
        }
        if let Some(lsh) = self.lsh
            && (lsh.bands == 0 || lsh.rows == 0 || lsh.bands.saturating_mul(lsh.rows) > self.num_perm)
        {
            problems.push(format!(
                "bands ({}) and rows ({}) must be at least 1 with bands · rows ≤ num_perm ({})",
                lsh.bands, lsh.rows, self.num_perm
            ));
        }
        if !problems.is_empty() {
            return Err(DedupError::InvalidConfig { problems });
        }
        let lsh = self
            .lsh
            .unwrap_or_else(|| optimal_lsh_params(self.threshold, self.num_perm, fp, fn_));
        Ok(Dedup {
            config: self.clone(),
            lsh,
            permutations: Permutations::new(self.seed, self.num_perm),
        })
    }
}

/// The validated dedup engine: maps documents, verifies and clusters candidates.
///
/// Cheap to share across threads (`Send + Sync`, immutable).
#[derive(Clone, Debug)]
pub struct Dedup {
    pub(crate) config: DedupConfig,
    lsh: LshParams,
    permutations: Permutations,
}

/// The entries produced by the map phase of one task, plus scratch space reused across
/// documents.
#[derive(Clone, Debug, Default)]
pub struct MapOutput {
    /// One exact entry per document, in map order.
    pub exact: Vec<ExactEntry>,
    /// One near entry per document and band (none for an empty document), in map order.
    pub near: Vec<NearEntry>,
    /// `docs_in` of the documents mapped.
    pub stats: DedupStats,
    words: Vec<u64>,
    shingles: Vec<u64>,
    minimums: Vec<u64>,
    values: Vec<u32>,
}

impl MapOutput {
    /// An empty output.
    pub fn new() -> MapOutput {
        MapOutput::default()
    }
}

/// Everything an in-memory run decides.
#[derive(Clone, Debug, PartialEq)]
pub struct DedupOutcome {
    /// Removed documents, sorted by document.
    pub removals: Vec<Removal>,
    /// Counters of the whole run.
    pub stats: DedupStats,
}

impl Dedup {
    /// The settings this engine was built from.
    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// The LSH banding in use.
    pub fn lsh(&self) -> LshParams {
        self.lsh
    }

    /// Bytes of near entries for `docs` documents over all buckets (see
    /// [`estimate_near_memory`]).
    pub fn estimate_near_memory(&self, docs: u64) -> u64 {
        estimate_near_memory(docs, self.lsh.bands)
    }

    /// The shingle set of already normalised `text`.
    pub fn shingles(&self, text: &str) -> ShingleSet {
        ShingleSet::from_text(text, self.config.ngram)
    }

    /// The MinHash signature of already normalised `text`.
    pub fn signature(&self, text: &str) -> Signature {
        let mut hashes = Vec::new();
        shingle_hashes(text, self.config.ngram, &mut Vec::new(), &mut hashes);
        self.permutations.signature(&hashes)
    }

    /// The map phase of exact dedup alone: appends the document's exact entry and counts it,
    /// without shingling or MinHash (for runs with near-duplicate detection off).
    pub fn map_document_exact(&self, doc: DocRef, text: &str, out: &mut MapOutput) {
        out.stats.docs_in += 1;
        out.exact.push(ExactEntry::new(doc, text));
    }

    /// The map phase for one document: appends its exact entry and its near entries (one per
    /// band) to `out` and counts it. `text` must be normalised; each document is mapped once.
    pub fn map_document(&self, doc: DocRef, text: &str, out: &mut MapOutput) {
        out.stats.docs_in += 1;
        out.exact.push(ExactEntry::new(doc, text));
        shingle_hashes(text, self.config.ngram, &mut out.words, &mut out.shingles);
        if out.shingles.is_empty() {
            return;
        }
        self.permutations.minimums(&out.shingles, &mut out.minimums);
        out.values.clear();
        out.values.extend(out.minimums.iter().map(|&m| high_bits(m)));
        let bands = out.values.chunks_exact(self.lsh.rows).take(self.lsh.bands);
        for (band, values) in bands.enumerate() {
            out.near.push(NearEntry {
                band: band as u32,
                hash: band_hash(values),
                doc,
            });
        }
    }

    /// Runs every phase in this process with `buckets` reduce buckets: for tests, small
    /// corpora, and as the reference the distributed phases must reproduce.
    pub fn run_in_memory<'a, I>(&self, docs: I, buckets: u32) -> Result<DedupOutcome, DedupError>
    where
        I: IntoIterator<Item = (DocRef, &'a str)>,
    {
        let mut texts: HashMap<DocRef, &str> = HashMap::new();
        let mut mapped = MapOutput::new();
        for (doc, text) in docs {
            if texts.insert(doc, text).is_some() {
                return Err(DedupError::DuplicateDoc { doc });
            }
            self.map_document(doc, text, &mut mapped);
        }
        let buckets = buckets.max(1);
        let mut exact_buckets = vec![Vec::new(); buckets as usize];
        for entry in mapped.exact {
            exact_buckets[entry.partition(buckets) as usize].push(entry);
        }
        let mut near_buckets = vec![Vec::new(); buckets as usize];
        for entry in mapped.near {
            near_buckets[entry.partition(buckets) as usize].push(entry);
        }

        let mut stats = mapped.stats;
        let exact: Vec<_> = exact_buckets
            .into_iter()
            .flat_map(|bucket| reduce_exact(bucket, &mut stats))
            .collect();
        let candidates: Vec<_> = near_buckets.into_iter().flat_map(reduce_near).collect();
        let fetch = |doc| texts.get(&doc).copied();
        let verified = self.verify(candidates, &exact, fetch, &mut stats)?;
        let near = self.cluster(&verified, fetch, &mut stats)?;
        Ok(DedupOutcome {
            removals: merge_removals(exact, near),
            stats,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Dedup>();
        assert_send_sync::<MapOutput>();
    }

    #[test]
    fn every_config_problem_is_reported() {
        let err = DedupConfig::default()
            .with_ngram(0)
            .with_threshold(1.5)
            .with_num_perm(0)
            .with_buckets(0)
            .with_weights(0.0, 0.0)
            .build()
            .unwrap_err();
        let DedupError::InvalidConfig { problems } = &err else {
            panic!("unexpected error {err}");
        };
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(err.to_string().starts_with("invalid dedup config: ngram"));
        assert!(
            DedupConfig::default()
                .with_lsh_params(Some(LshParams { bands: 20, rows: 7 }))
                .build()
                .is_err()
        );
        assert!(DedupConfig::default().with_threshold(f64::NAN).build().is_err());
    }

    #[test]
    fn defaults_map_one_entry_per_band() {
        let dedup = DedupConfig::default().build().unwrap();
        let lsh = dedup.lsh();
        let mut out = MapOutput::new();
        dedup.map_document(DocRef::new(0, 0), "one two three four five six", &mut out);
        dedup.map_document(DocRef::new(0, 1), "   ", &mut out);
        assert_eq!(out.exact.len(), 2);
        assert_eq!(out.near.len(), lsh.bands);
        assert_eq!(out.stats.docs_in, 2);
        assert_eq!(dedup.estimate_near_memory(1), 24 * lsh.bands as u64);
        // Map output does not depend on scratch state.
        let mut fresh = MapOutput::new();
        dedup.map_document(DocRef::new(0, 0), "one two three four five six", &mut fresh);
        assert_eq!(fresh.near, out.near);
    }

    #[test]
    fn fixed_lsh_params_are_used() {
        let lsh = LshParams { bands: 4, rows: 8 };
        let dedup = DedupConfig::default()
            .with_num_perm(32)
            .with_lsh_params(Some(lsh))
            .build()
            .unwrap();
        assert_eq!(dedup.lsh(), lsh);
        let mut out = MapOutput::new();
        dedup.map_document(DocRef::new(0, 0), "a b c d e f g", &mut out);
        assert_eq!(out.near.len(), 4);
    }
}
