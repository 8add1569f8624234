//! Exact duplicates: sha256 keys of normalised text, first occurrence kept.

use std::fmt;

use sha2::{Digest, Sha256};

use super::record::{fixed, read_u64};
use super::{DedupError, DedupStats, DocRef, Record, partition};

/// The sha256 digest of a document's normalised text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ExactKey(pub [u8; 32]);

impl ExactKey {
    /// The digest bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The first eight bytes read big-endian: the prefix used for bucketing, so bucket `i`
    /// holds a contiguous range of keys.
    pub fn prefix(&self) -> u64 {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(&self.0[..8]);
        u64::from_be_bytes(buf)
    }

    /// Lowercase hex, for display and for text columns.
    pub fn to_hex(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for ExactKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ExactKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ExactKey({self})")
    }
}

/// The exact-duplicate key of already normalised `text`.
pub fn exact_key(text: &str) -> ExactKey {
    ExactKey(Sha256::digest(text.as_bytes()).into())
}

/// The map output of exact dedup for one document: 40 bytes in memory and on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExactEntry {
    /// The key of the document's normalised text.
    pub key: ExactKey,
    /// The document.
    pub doc: DocRef,
}

impl ExactEntry {
    /// The size of [`ExactEntry::to_bytes`].
    pub const ENCODED_LEN: usize = 40;

    /// The entry of `doc` with normalised text `text`.
    pub fn new(doc: DocRef, text: &str) -> ExactEntry {
        ExactEntry {
            key: exact_key(text),
            doc,
        }
    }

    /// The bucket of this entry among `buckets` (see [`partition`]).
    pub fn partition(&self, buckets: u32) -> u32 {
        partition(self.key.prefix(), buckets)
    }

    /// Key bytes, then the ordinal as little-endian `u64`.
    pub fn to_bytes(&self) -> [u8; 40] {
        let mut out = [0u8; 40];
        out[..32].copy_from_slice(&self.key.0);
        out[32..].copy_from_slice(&self.doc.ordinal().to_le_bytes());
        out
    }

    /// The inverse of [`ExactEntry::to_bytes`].
    pub fn from_bytes(bytes: &[u8; 40]) -> ExactEntry {
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes[..32]);
        ExactEntry {
            key: ExactKey(key),
            doc: DocRef::from_ordinal(read_u64(bytes, 32)),
        }
    }
}

impl Record for ExactEntry {
    const ENCODED_LEN: usize = ExactEntry::ENCODED_LEN;

    fn encode_into(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bytes());
    }

    fn decode(bytes: &[u8]) -> Result<Self, DedupError> {
        Ok(ExactEntry::from_bytes(&fixed(bytes)?))
    }
}

/// A document removed as an exact duplicate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExactDecision {
    /// The removed document.
    pub doc: DocRef,
    /// The kept document with the same key: the smallest ordinal of the key.
    pub duplicate_of: DocRef,
    /// The shared key.
    pub key: ExactKey,
}

impl ExactDecision {
    /// The size of [`ExactDecision::to_bytes`].
    pub const ENCODED_LEN: usize = 48;

    /// Removed ordinal, kept ordinal (little-endian `u64`s), then the key bytes.
    pub fn to_bytes(&self) -> [u8; 48] {
        let mut out = [0u8; 48];
        out[..8].copy_from_slice(&self.doc.ordinal().to_le_bytes());
        out[8..16].copy_from_slice(&self.duplicate_of.ordinal().to_le_bytes());
        out[16..].copy_from_slice(&self.key.0);
        out
    }

    /// The inverse of [`ExactDecision::to_bytes`].
    pub fn from_bytes(bytes: &[u8; 48]) -> ExactDecision {
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes[16..]);
        ExactDecision {
            doc: DocRef::from_ordinal(read_u64(bytes, 0)),
            duplicate_of: DocRef::from_ordinal(read_u64(bytes, 8)),
            key: ExactKey(key),
        }
    }
}

impl Record for ExactDecision {
    const ENCODED_LEN: usize = ExactDecision::ENCODED_LEN;

    fn encode_into(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bytes());
    }

    fn decode(bytes: &[u8]) -> Result<Self, DedupError> {
        Ok(ExactDecision::from_bytes(&fixed(bytes)?))
    }
}

/// Reduces one bucket of exact entries: for each key, the smallest ordinal is kept and every
/// other document becomes a decision pointing at it.
///
/// The input may be in any order (it is sorted in place, no extra memory); an entry repeated
/// verbatim counts once. Decisions come out sorted by removed document. Adds the number of
/// removed documents and of keys with duplicates to `stats`.
pub fn reduce_exact(mut entries: Vec<ExactEntry>, stats: &mut DedupStats) -> Vec<ExactDecision> {
    entries.sort_unstable();
    entries.dedup();
    let mut decisions = Vec::new();
    for group in entries.chunk_by(|a, b| a.key == b.key) {
        let (kept, removed) = match group.split_first() {
            Some((kept, removed)) if !removed.is_empty() => (kept, removed),
            _ => continue,
        };
        stats.exact_groups += 1;
        decisions.extend(removed.iter().map(|entry| ExactDecision {
            doc: entry.doc,
            duplicate_of: kept.doc,
            key: entry.key,
        }));
    }
    stats.exact_duplicates += decisions.len() as u64;
    decisions.sort_unstable();
    decisions
}

/// Bytes needed to hold the exact entries of `docs` documents in memory (40 per document),
/// in total over all buckets; [`reduce_exact`] sorts in place and adds 48 bytes per removed
/// document for its decisions.
pub fn estimate_exact_memory(docs: u64) -> u64 {
    docs.saturating_mul(std::mem::size_of::<ExactEntry>() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::{DedupConfig, RemovalReason, decode_records, encode_records};

    /// Stands in for the crate's `normalize()`: fold fullwidth ASCII forms (as NFKC does),
    /// lowercase and collapse whitespace.
    fn simple_normalize(text: &str) -> String {
        let folded: String = text
            .chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect();
        folded.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Tiny deterministic generator for shuffles.
    fn shuffle<T>(items: &mut [T], mut state: u64) {
        for i in (1..items.len()).rev() {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let j = ((state >> 33) % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }

    const PARTS: &[&[&str]] = &[
        &[
            "The free tier is used for training.",
            "Paid-tier conversations are never trained on.",
            "the  FREE tier is used for training.",
            "A unique document.",
        ],
        &[
            "THE FREE TIER IS USED FOR TRAINING.",
            "Another unique document.",
            "paid-tier conversations\tare never\ntrained on.",
            "a wide letter is NFKC-equal after normalisation.",
        ],
        &[
            "\u{FF21} wide letter is NFKC-equal after normalisation.",
            "a unique document.",
        ],
    ];

    fn entries_in(parts: &[&[&str]]) -> Vec<(DocRef, String)> {
        let mut docs = Vec::new();
        for (p, part) in parts.iter().enumerate() {
            for (r, text) in part.iter().enumerate() {
                docs.push((DocRef::new(p as u32, r as u32), simple_normalize(text)));
            }
        }
        docs
    }

    fn reduce_in_buckets(entries: &[ExactEntry], buckets: u32) -> (Vec<ExactDecision>, DedupStats) {
        let mut per_bucket = vec![Vec::new(); buckets as usize];
        for entry in entries {
            per_bucket[entry.partition(buckets) as usize].push(*entry);
        }
        let mut stats = DedupStats::default();
        let mut decisions: Vec<ExactDecision> = per_bucket
            .into_iter()
            .flat_map(|bucket| reduce_exact(bucket, &mut stats))
            .collect();
        decisions.sort_unstable();
        (decisions, stats)
    }

    #[test]
    fn normalised_variants_are_duplicates_and_the_first_is_kept() {
        let docs = entries_in(PARTS);
        let entries: Vec<ExactEntry> = docs.iter().map(|(d, t)| ExactEntry::new(*d, t)).collect();
        let (decisions, stats) = reduce_in_buckets(&entries, 1);
        let removed: Vec<(DocRef, DocRef)> = decisions.iter().map(|d| (d.doc, d.duplicate_of)).collect();
        assert_eq!(
            removed,
            [
                (DocRef::new(0, 2), DocRef::new(0, 0)),
                (DocRef::new(1, 0), DocRef::new(0, 0)),
                (DocRef::new(1, 2), DocRef::new(0, 1)),
                (DocRef::new(2, 0), DocRef::new(1, 3)),
                (DocRef::new(2, 1), DocRef::new(0, 3)),
            ]
        );
        assert_eq!(stats.exact_duplicates, 5);
        assert_eq!(stats.exact_groups, 4);
        for decision in &decisions {
            assert_eq!(
                decision.key,
                exact_key(&docs.iter().find(|d| d.0 == decision.doc).unwrap().1)
            );
        }
    }

    #[test]
    fn same_result_for_any_bucket_count_and_map_order() {
        let docs = entries_in(PARTS);
        let entries: Vec<ExactEntry> = docs.iter().map(|(d, t)| ExactEntry::new(*d, t)).collect();
        let reference = reduce_in_buckets(&entries, 1);
        for buckets in [2, 3, 16, 255] {
            for seed in 0..8 {
                let mut shuffled = entries.clone();
                shuffle(&mut shuffled, seed);
                assert_eq!(reduce_in_buckets(&shuffled, buckets), reference, "{buckets} buckets");
            }
        }
    }

    #[test]
    fn full_run_matches_across_buckets_and_part_order() {
        let docs = entries_in(PARTS);
        let dedup = DedupConfig::default().build().unwrap();
        let one = dedup
            .run_in_memory(docs.iter().map(|(d, t)| (*d, t.as_str())), 1)
            .unwrap();
        let mut reversed = docs.clone();
        reversed.reverse();
        let many = dedup
            .run_in_memory(reversed.iter().map(|(d, t)| (*d, t.as_str())), 16)
            .unwrap();
        assert_eq!(one, many);
        assert!(
            one.removals
                .iter()
                .all(|r| matches!(r.reason, RemovalReason::Exact { .. }))
        );
    }

    #[test]
    fn memory_fits_the_budget() {
        assert_eq!(std::mem::size_of::<ExactEntry>(), 40);
        assert!(estimate_exact_memory(1) <= 48);
        assert_eq!(estimate_exact_memory(1_000_000), 40_000_000);
    }

    #[test]
    fn keys_display_as_hex() {
        assert_eq!(
            exact_key("").to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn records_roundtrip() {
        let entry = ExactEntry::new(DocRef::new(7, 9), "some text");
        assert_eq!(ExactEntry::from_bytes(&entry.to_bytes()), entry);
        let decision = ExactDecision {
            doc: DocRef::new(3, 4),
            duplicate_of: DocRef::new(1, 2),
            key: entry.key,
        };
        assert_eq!(ExactDecision::from_bytes(&decision.to_bytes()), decision);

        let mut bytes = Vec::new();
        encode_records(&[entry, entry], &mut bytes);
        assert_eq!(bytes.len(), 80);
        assert_eq!(decode_records::<ExactEntry>(&bytes).unwrap(), [entry, entry]);
        assert!(decode_records::<ExactEntry>(&bytes[..79]).is_err());
        let mut bytes = Vec::new();
        encode_records(&[decision], &mut bytes);
        assert_eq!(decode_records::<ExactDecision>(&bytes).unwrap(), [decision]);
    }
}
