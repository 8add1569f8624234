//! Exact and near-duplicate detection, shaped as map/reduce phases over text and ids.
//!
//! The engine never reads files: it turns `(DocRef, &str)` pairs into small fixed-size records,
//! reduces buckets of records into decisions, and answers "which rows of this part stay". The
//! caller normalises text first (one `normalize()` for the whole crate); every function here
//! takes text that is already normalised, and the exact key and the near-duplicate shingles of a
//! document must be computed from the same normalised text.
//!
//! # Phases
//!
//! No phase holds the global document set; each can run as an independent task.
//!
//! 1. **map** (per input part): [`Dedup::map_document`] emits one [`ExactEntry`] (sha256 key and
//!    ordinal) and one [`NearEntry`] per LSH band (band index, band hash, ordinal).
//! 2. **partition**: [`ExactEntry::partition`] and [`NearEntry::partition`] give each entry a
//!    bucket by hash prefix; entries are spilled with [`Record::encode_into`] (fixed-size,
//!    little-endian) and read back with [`decode_records`].
//! 3. **reduce** (per bucket): [`reduce_exact`] sorts a bucket and keeps the smallest ordinal of
//!    each key, yielding [`ExactDecision`]s; [`reduce_near`] groups equal `(band, hash)` entries
//!    and yields [`CandidateEdge`]s from each group's smallest ordinal to the other members (a
//!    star, never all pairs).
//! 4. **verify** (one task, edges are few): [`Dedup::verify`] folds exact duplicates onto the
//!    document they duplicate, then keeps the candidate edges whose true Jaccard similarity of
//!    shingle sets (or the MinHash estimate, see [`DedupConfig::with_verify`]) reaches the
//!    threshold. Texts are fetched by ordinal through a closure.
//! 5. **cluster** (one task): [`Dedup::cluster`] runs union-find over the verified edges; the
//!    smallest ordinal of each cluster is kept, every other member becomes a [`NearDecision`].
//! 6. **apply** (per part): [`merge_removals`] joins both kinds of decisions into [`Removal`]s
//!    sorted by ordinal, each naming the kept document it duplicates, [`removals_for_part`] slices out one part and [`apply`] turns it into a
//!    keep mask.
//!
//! Results do not depend on the number of buckets nor on the order in which parts are mapped:
//! every reduce sorts its input, and every tie is broken by the ordinal.
//! [`DedupStats`] is collected along the way and merges by addition (and maximum).
//!
//! # Example
//!
//! ```
//! use sdf_filters::dedup::{DedupConfig, DocRef, RemovalReason};
//!
//! let dedup = DedupConfig::default().build()?;
//! let base = "the free tier conversations are used for training while the paid tier \
//!             conversations are never used for training of any model at all";
//! let near = base.replace("at all", "at all ever");
//! let docs = [
//!     (DocRef::new(0, 0), base),
//!     (DocRef::new(0, 1), "an unrelated post about gardening and tomatoes"),
//!     (DocRef::new(1, 0), base),         // exact duplicate of (0, 0)
//!     (DocRef::new(1, 1), near.as_str()), // near duplicate of (0, 0)
//! ];
//! let outcome = dedup.run_in_memory(docs, 4)?;
//!
//! let removed: Vec<DocRef> = outcome.removals.iter().map(|r| r.doc).collect();
//! assert_eq!(removed, [DocRef::new(1, 0), DocRef::new(1, 1)]);
//! assert!(matches!(outcome.removals[0].reason, RemovalReason::Exact { .. }));
//! assert!(matches!(outcome.removals[1].reason, RemovalReason::Near { .. }));
//! assert!(outcome.removals.iter().all(|r| r.kept == DocRef::new(0, 0)));
//! assert_eq!(outcome.stats.exact_duplicates, 1);
//! assert_eq!(outcome.stats.near_duplicates, 1);
//! # Ok::<(), sdf_filters::dedup::DedupError>(())
//! ```
//!
//! # Internals
//!
//! - **Ordinals.** A [`DocRef`] packs `(part, row)` into one `u64` (`part << 32 | row`), so the
//!   numeric order is the global document order and "keep the first" means "keep the smallest".
//! - **Exact keys** are sha256 digests kept as `[u8; 32]` (hex only for display). An exact entry
//!   is 40 bytes, in memory and on disk ([`estimate_exact_memory`]).
//! - **Shingles** are word n-grams (words split on Unicode whitespace). Each word is hashed once
//!   to 64 bits and an n-gram's hash combines its word hashes in order, so the cost per shingle
//!   does not grow with word length. A document with fewer than `n` words has one shingle made
//!   of all its words; an empty document has none and takes no part in near-duplicate detection
//!   (empty documents are still exact duplicates of each other).
//! - **MinHash** uses `num_perm` hash functions `h_i(x) = (a_i·x + b_i) mod 2^64` with odd `a_i`
//!   (each a bijection of the 64-bit shingle hashes) drawn from the seed; the signature keeps
//!   the high 32 bits of each minimum. Since shingle hashes are already well mixed, one
//!   multiply-add per function and shingle is enough, and the signature-estimated Jaccard
//!   matches the true one within sampling error (tested).
//! - **LSH**: the signature is cut into `bands` bands of `rows` values, `bands · rows ≤
//!   num_perm`. Both are derived from the threshold `t` ([`optimal_lsh_params`]): the pair
//!   minimising `w_fp·∫₀ᵗ P(s) ds + w_fn·∫ₜ¹ (1 − P(s)) ds` with `P(s) = 1 − (1 − sʳ)ᵇ` the
//!   probability that a pair of similarity `s` shares at least one band.
//! - **Candidates** are star edges from the smallest ordinal of each equal-`(band, hash)` group,
//!   so a group of `k` documents costs `k − 1` edges. Because an exact duplicate has the same
//!   band hashes as the document it duplicates (and a larger ordinal), folding exact
//!   duplicates onto their kept document in [`Dedup::verify`] gives exactly the edges that
//!   mapping only the exact survivors would have given.
//! - **Clusters** are connected components of verified edges; union-find links the larger root
//!   under the smaller one, so each root is its component's smallest ordinal. Cluster ids are
//!   dense and numbered in the order of their kept document. A removed document records its
//!   similarity to the kept document (reused from a verified edge when there is a direct one,
//!   computed otherwise).

mod apply;
mod config;
mod doc_ref;
mod error;
mod exact;
mod lsh;
mod minhash;
mod near;
mod partition;
mod record;
mod shingle;
mod stats;
#[cfg(test)]
mod tests;
mod union_find;

pub use apply::{Removal, RemovalReason, apply, merge_removals, removals_for_part};
pub use config::{
    DEFAULT_BUCKETS, DEFAULT_FALSE_NEGATIVE_WEIGHT, DEFAULT_FALSE_POSITIVE_WEIGHT, DEFAULT_NGRAM, DEFAULT_NUM_PERM,
    DEFAULT_SEED, DEFAULT_THRESHOLD, DEFAULT_VERIFY, Dedup, DedupConfig, DedupOutcome, MAX_NUM_PERM, MapOutput,
};
pub use doc_ref::DocRef;
pub use error::DedupError;
pub use exact::{ExactDecision, ExactEntry, ExactKey, estimate_exact_memory, exact_key, reduce_exact};
pub use lsh::{CandidateEdge, LshParams, NearEntry, estimate_near_memory, optimal_lsh_params, reduce_near};
pub use minhash::Signature;
pub use near::{NearDecision, VerifiedEdge};
pub use partition::partition;
pub use record::{Record, decode_records, encode_records};
pub use shingle::ShingleSet;
pub use stats::DedupStats;
