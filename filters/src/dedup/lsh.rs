//! Locality-sensitive hashing: banding parameters, band entries and candidate edges.

use super::record::{fixed, read_u32, read_u64};
use super::shingle::{finalize, folded_multiply};
use super::{DedupError, DocRef, Record, partition};

/// How a signature is cut for LSH: `bands` bands of `rows` values each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LshParams {
    /// The number of bands; a document emits one [`NearEntry`] per band.
    pub bands: usize,
    /// The number of signature values per band.
    pub rows: usize,
}

impl LshParams {
    /// The probability that two documents of Jaccard similarity `s` share at least one band:
    /// `1 − (1 − sʳ)ᵇ`.
    pub fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - pow_int(1.0 - pow_int(s, self.rows), self.bands)
    }

    /// The similarity at which the S-curve is steepest, about `(1/b)^(1/r)`.
    pub fn midpoint(&self) -> f64 {
        (1.0 / self.bands as f64).powf(1.0 / self.rows as f64)
    }
}

/// `x^e` by repeated squaring, so the result does not depend on the platform's `powi`.
fn pow_int(x: f64, mut e: usize) -> f64 {
    let (mut base, mut acc) = (x, 1.0);
    while e > 0 {
        if e & 1 == 1 {
            acc *= base;
        }
        base *= base;
        e >>= 1;
    }
    acc
}

/// Composite Simpson's rule of `f` over `[lo, hi]` with `intervals` (even) sub-intervals.
fn simpson(f: impl Fn(f64) -> f64, lo: f64, hi: f64, intervals: usize) -> f64 {
    let h = (hi - lo) / intervals as f64;
    let mut sum = f(lo) + f(hi);
    for i in 1..intervals {
        let weight = if i % 2 == 1 { 4.0 } else { 2.0 };
        sum += weight * f(lo + h * i as f64);
    }
    sum * h / 3.0
}

/// Sub-intervals per integral; the S-curves are smooth polynomials, so this is far more than
/// Simpson's rule needs to rank the candidates.
const INTEGRATION_INTERVALS: usize = 1000;

/// The banding that minimises `fp_weight · FP + fn_weight · FN` over all `bands · rows ≤
/// num_perm`, where `FP = ∫₀ᵗ P(s) ds` and `FN = ∫ₜ¹ (1 − P(s)) ds` for the candidate
/// probability `P` ([`LshParams::candidate_probability`]) and `t = threshold`.
///
/// Ties go to the fewest bands, then the fewest rows. `num_perm = 0` gives one band of one row.
pub fn optimal_lsh_params(threshold: f64, num_perm: usize, fp_weight: f64, fn_weight: f64) -> LshParams {
    let mut best = LshParams { bands: 1, rows: 1 };
    let mut best_error = f64::INFINITY;
    for bands in 1..=num_perm {
        for rows in 1..=num_perm / bands {
            let params = LshParams { bands, rows };
            let p = |s: f64| params.candidate_probability(s);
            let false_positive = simpson(p, 0.0, threshold, INTEGRATION_INTERVALS);
            let false_negative = simpson(|s| 1.0 - p(s), threshold, 1.0, INTEGRATION_INTERVALS);
            let error = fp_weight * false_positive + fn_weight * false_negative;
            if error < best_error {
                best = params;
                best_error = error;
            }
        }
    }
    best
}

/// The hash of one band of signature values.
pub(crate) fn band_hash(values: &[u32]) -> u64 {
    let mut h = 0x2545_F491_4F6C_DD1D ^ values.len() as u64;
    let mut pairs = values.chunks_exact(2);
    for pair in &mut pairs {
        h = folded_multiply(
            h ^ (u64::from(pair[0]) << 32 | u64::from(pair[1])),
            0x9E37_79B9_7F4A_7C15,
        );
    }
    if let [last] = pairs.remainder() {
        h = folded_multiply(h ^ u64::from(*last), 0xBF58_476D_1CE4_E5B9);
    }
    finalize(h)
}

/// The map output of near-duplicate dedup for one document and one band: 20 bytes on disk,
/// 24 in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NearEntry {
    /// The band index, `0..bands`.
    pub band: u32,
    /// The hash of the document's signature values in that band.
    pub hash: u64,
    /// The document.
    pub doc: DocRef,
}

impl NearEntry {
    /// The size of [`NearEntry::to_bytes`].
    pub const ENCODED_LEN: usize = 20;

    /// The bucket of this entry among `buckets` (see [`partition`]); equal `(band, hash)`
    /// pairs always share a bucket.
    pub fn partition(&self, buckets: u32) -> u32 {
        partition(self.hash, buckets)
    }

    /// Band (`u32`), hash and ordinal (`u64`s), little-endian.
    pub fn to_bytes(&self) -> [u8; 20] {
        let mut out = [0u8; 20];
        out[..4].copy_from_slice(&self.band.to_le_bytes());
        out[4..12].copy_from_slice(&self.hash.to_le_bytes());
        out[12..].copy_from_slice(&self.doc.ordinal().to_le_bytes());
        out
    }

    /// The inverse of [`NearEntry::to_bytes`].
    pub fn from_bytes(bytes: &[u8; 20]) -> NearEntry {
        NearEntry {
            band: read_u32(bytes, 0),
            hash: read_u64(bytes, 4),
            doc: DocRef::from_ordinal(read_u64(bytes, 12)),
        }
    }
}

impl Record for NearEntry {
    const ENCODED_LEN: usize = NearEntry::ENCODED_LEN;

    fn encode_into(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bytes());
    }

    fn decode(bytes: &[u8]) -> Result<Self, DedupError> {
        Ok(NearEntry::from_bytes(&fixed(bytes)?))
    }
}

/// A pair of documents that share a band hash, `a < b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CandidateEdge {
    /// The smaller ordinal.
    pub a: DocRef,
    /// The larger ordinal.
    pub b: DocRef,
}

impl CandidateEdge {
    /// The edge between `x` and `y`, in either order.
    pub fn new(x: DocRef, y: DocRef) -> CandidateEdge {
        CandidateEdge {
            a: x.min(y),
            b: x.max(y),
        }
    }

    /// The size of [`CandidateEdge::to_bytes`].
    pub const ENCODED_LEN: usize = 16;

    /// Both ordinals as little-endian `u64`s.
    pub fn to_bytes(&self) -> [u8; 16] {
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&self.a.ordinal().to_le_bytes());
        out[8..].copy_from_slice(&self.b.ordinal().to_le_bytes());
        out
    }

    /// The inverse of [`CandidateEdge::to_bytes`].
    pub fn from_bytes(bytes: &[u8; 16]) -> CandidateEdge {
        CandidateEdge::new(
            DocRef::from_ordinal(read_u64(bytes, 0)),
            DocRef::from_ordinal(read_u64(bytes, 8)),
        )
    }
}

impl Record for CandidateEdge {
    const ENCODED_LEN: usize = CandidateEdge::ENCODED_LEN;

    fn encode_into(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bytes());
    }

    fn decode(bytes: &[u8]) -> Result<Self, DedupError> {
        Ok(CandidateEdge::from_bytes(&fixed(bytes)?))
    }
}

/// Reduces one bucket of near entries to candidate edges: in each group of equal
/// `(band, hash)`, an edge from the group's smallest ordinal to every other member.
///
/// The input may be in any order (it is sorted in place). Edges come out sorted and without
/// repeats within the bucket; the same pair may still come from several buckets, which
/// [`Dedup::verify`](super::Dedup::verify) folds.
pub fn reduce_near(mut entries: Vec<NearEntry>) -> Vec<CandidateEdge> {
    entries.sort_unstable();
    let mut edges = Vec::new();
    for group in entries.chunk_by(|x, y| x.band == y.band && x.hash == y.hash) {
        let Some((first, rest)) = group.split_first() else {
            continue;
        };
        let mut previous = first.doc;
        for entry in rest {
            // Sorted by ordinal within the group, so a repeated entry is adjacent.
            if entry.doc != previous {
                edges.push(CandidateEdge::new(first.doc, entry.doc));
                previous = entry.doc;
            }
        }
    }
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// Bytes needed to hold the near entries of `docs` documents with `bands` bands in memory
/// (24 per document and band), in total over all buckets. Candidate edges add 16 bytes each.
pub fn estimate_near_memory(docs: u64, bands: usize) -> u64 {
    docs.saturating_mul(bands as u64)
        .saturating_mul(std::mem::size_of::<NearEntry>() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::{decode_records, encode_records};

    /// The same optimisation, computed independently: midpoint rule with a different step,
    /// `powf` instead of repeated squaring.
    fn brute_force(threshold: f64, num_perm: usize) -> (usize, usize) {
        let steps = 4000;
        let mut best = (0, 0, f64::INFINITY);
        for b in 1..=num_perm {
            for r in 1..=num_perm / b {
                let prob = |s: f64| 1.0 - (1.0 - s.powf(r as f64)).powf(b as f64);
                let mut fp = 0.0;
                let mut fn_ = 0.0;
                for i in 0..steps {
                    let s = threshold * (i as f64 + 0.5) / steps as f64;
                    fp += prob(s) * threshold / steps as f64;
                    let s = threshold + (1.0 - threshold) * (i as f64 + 0.5) / steps as f64;
                    fn_ += (1.0 - prob(s)) * (1.0 - threshold) / steps as f64;
                }
                let error = 0.5 * fp + 0.5 * fn_;
                if error < best.2 {
                    best = (b, r, error);
                }
            }
        }
        (best.0, best.1)
    }

    #[test]
    fn derived_params_for_the_defaults() {
        let params = optimal_lsh_params(0.8, 128, 0.5, 0.5);
        assert_eq!((params.bands, params.rows), brute_force(0.8, 128));
        assert_eq!((params.bands, params.rows), (9, 13));
        // The S-curve's steep part sits near the threshold.
        assert!((params.midpoint() - 0.8).abs() < 0.1, "{params:?}");
        assert!(params.candidate_probability(0.9) > 0.9);
        assert!(params.candidate_probability(0.5) < 0.01);
    }

    #[test]
    fn derived_params_track_the_threshold() {
        for (threshold, num_perm) in [(0.5, 64), (0.7, 128), (0.9, 128), (0.8, 256)] {
            let params = optimal_lsh_params(threshold, num_perm, 0.5, 0.5);
            assert_eq!((params.bands, params.rows), brute_force(threshold, num_perm));
        }
        let low = optimal_lsh_params(0.5, 128, 0.5, 0.5);
        let high = optimal_lsh_params(0.9, 128, 0.5, 0.5);
        assert!(low.midpoint() < high.midpoint());
        // Weighting false negatives more lowers the midpoint.
        let recall = optimal_lsh_params(0.8, 128, 0.1, 0.9);
        assert!(recall.midpoint() < optimal_lsh_params(0.8, 128, 0.5, 0.5).midpoint());
    }

    #[test]
    fn groups_become_stars_from_the_smallest_ordinal() {
        let d = |row| DocRef::new(0, row);
        let entry = |band, hash, row| NearEntry {
            band,
            hash,
            doc: d(row),
        };
        let entries = vec![
            entry(0, 7, 5),
            entry(0, 7, 2),
            entry(0, 7, 9),
            entry(1, 7, 4), // same hash, other band: another group
            entry(1, 3, 5),
            entry(1, 3, 2), // same pair again from another band
            entry(2, 1, 1), // singleton
            entry(2, 8, 6),
            entry(2, 8, 6), // repeated entry
        ];
        let edges = reduce_near(entries);
        let pairs: Vec<(u32, u32)> = edges.iter().map(|e| (e.a.row(), e.b.row())).collect();
        assert_eq!(pairs, [(2, 5), (2, 9)]);
    }

    #[test]
    fn records_roundtrip() {
        let entry = NearEntry {
            band: 11,
            hash: 0xDEAD_BEEF_0123_4567,
            doc: DocRef::new(3, 99),
        };
        assert_eq!(NearEntry::from_bytes(&entry.to_bytes()), entry);
        let edge = CandidateEdge::new(DocRef::new(5, 1), DocRef::new(2, 8));
        assert_eq!(edge.a, DocRef::new(2, 8));
        assert_eq!(CandidateEdge::from_bytes(&edge.to_bytes()), edge);
        let mut bytes = Vec::new();
        encode_records(&[entry], &mut bytes);
        encode_records(&[entry], &mut bytes);
        assert_eq!(decode_records::<NearEntry>(&bytes).unwrap(), [entry, entry]);
        let mut bytes = Vec::new();
        encode_records(&[edge], &mut bytes);
        assert_eq!(decode_records::<CandidateEdge>(&bytes).unwrap(), [edge]);
    }

    #[test]
    fn band_hashes_depend_on_every_value() {
        let base = band_hash(&[1, 2, 3]);
        assert_ne!(base, band_hash(&[1, 2, 4]));
        assert_ne!(base, band_hash(&[2, 1, 3]));
        assert_ne!(base, band_hash(&[1, 2]));
        assert_ne!(band_hash(&[1, 2]), band_hash(&[1, 2, 0]));
    }
}
