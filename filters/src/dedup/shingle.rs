//! Word n-gram shingles hashed to 64 bits.

const K0: u64 = 0x9E37_79B9_7F4A_7C15;
const K1: u64 = 0xBF58_476D_1CE4_E5B9;
const K2: u64 = 0x94D0_49BB_1331_11EB;

/// The 128-bit product folded to 64 bits: every input bit reaches every output bit.
#[inline]
pub(crate) fn folded_multiply(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

/// A bijective final mix so that nearby states give unrelated hashes.
#[inline]
pub(crate) fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(K1);
    z = (z ^ (z >> 27)).wrapping_mul(K2);
    z ^ (z >> 31)
}

/// A 64-bit hash of one word's bytes, eight bytes at a time.
#[inline]
fn hash_word(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(K0) ^ K1;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(chunk);
        h = folded_multiply(h ^ u64::from_le_bytes(buf), K2);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let mut buf = [0u8; 8];
        buf[..tail.len()].copy_from_slice(tail);
        h = folded_multiply(h ^ u64::from_le_bytes(buf), K0);
    }
    finalize(h)
}

/// The hash of a sequence of word hashes, order-sensitive.
#[inline]
fn hash_gram(words: &[u64]) -> u64 {
    let mut h = K2 ^ words.len() as u64;
    for &word in words {
        h = folded_multiply(h ^ word, K1);
    }
    finalize(h)
}

/// Replaces `out` with the shingle hashes of `text` in text order (repeats included), using
/// `words` as scratch.
///
/// A text with fewer than `ngram` words yields one shingle of all its words, an empty text none.
pub(crate) fn shingle_hashes(text: &str, ngram: usize, words: &mut Vec<u64>, out: &mut Vec<u64>) {
    words.clear();
    out.clear();
    words.extend(text.split_whitespace().map(|w| hash_word(w.as_bytes())));
    if words.is_empty() {
        return;
    }
    let ngram = ngram.clamp(1, words.len());
    out.extend(words.windows(ngram).map(hash_gram));
}

/// The set of shingle hashes of a document, for exact Jaccard similarity.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ShingleSet(Vec<u64>);

impl ShingleSet {
    /// The shingles (word `ngram`-grams) of already normalised `text`.
    pub fn from_text(text: &str, ngram: usize) -> ShingleSet {
        let mut hashes = Vec::new();
        shingle_hashes(text, ngram, &mut Vec::new(), &mut hashes);
        hashes.sort_unstable();
        hashes.dedup();
        ShingleSet(hashes)
    }

    /// The number of distinct shingles.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the text had no words.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The sorted distinct shingle hashes.
    pub fn hashes(&self) -> &[u64] {
        &self.0
    }

    /// `|A ∩ B| / |A ∪ B|`; two empty sets are identical (1.0).
    pub fn jaccard(&self, other: &ShingleSet) -> f64 {
        let (a, b) = (&self.0, &other.0);
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        shared as f64 / (a.len() + b.len() - shared) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_are_word_ngrams() {
        let set = ShingleSet::from_text("a b c d e f", 5);
        assert_eq!(set.len(), 2);
        let same_words = ShingleSet::from_text("a  b\tc d\ne f", 5);
        assert_eq!(set, same_words);
        let last_changed = ShingleSet::from_text("a b c d e g", 5);
        assert_eq!(set.jaccard(&last_changed), 1.0 / 3.0);
        assert_eq!(set.jaccard(&ShingleSet::from_text("b a c d e f", 5)), 0.0);
    }

    #[test]
    fn short_and_empty_texts() {
        assert_eq!(ShingleSet::from_text("a b", 5).len(), 1);
        assert_ne!(ShingleSet::from_text("a b", 5), ShingleSet::from_text("a c", 5));
        assert!(ShingleSet::from_text(" \n ", 5).is_empty());
        assert_eq!(ShingleSet::default().jaccard(&ShingleSet::default()), 1.0);
    }

    #[test]
    fn word_boundaries_matter() {
        // Words longer than eight bytes and words differing only in the tail.
        let a = ShingleSet::from_text("abcdefghij", 1);
        let b = ShingleSet::from_text("abcdefghik", 1);
        let c = ShingleSet::from_text("abcdefgh ij", 1);
        assert_ne!(a, b);
        assert_ne!(a.hashes(), c.hashes());
        assert_ne!(ShingleSet::from_text("ab", 1), ShingleSet::from_text("ab\0", 1));
    }
}
