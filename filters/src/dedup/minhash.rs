//! MinHash signatures over shingle hashes.

/// The `num_perm` hash functions `h_i(x) = (a_i·x + b_i) mod 2⁶⁴`, `a_i` odd.
#[derive(Clone, Debug)]
pub(crate) struct Permutations {
    a: Vec<u64>,
    b: Vec<u64>,
}

/// Hash functions evaluated together over the shingles.
const LANES: usize = 4;

/// One step of the splitmix64 sequence, used to draw the coefficients from the seed.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    super::shingle::finalize(*state)
}

impl Permutations {
    pub(crate) fn new(seed: u64, num_perm: usize) -> Permutations {
        let mut state = seed;
        let mut a = Vec::with_capacity(num_perm);
        let mut b = Vec::with_capacity(num_perm);
        for _ in 0..num_perm {
            a.push(splitmix64(&mut state) | 1);
            b.push(splitmix64(&mut state));
        }
        Permutations { a, b }
    }

    /// Fills `mins` with the minimum of each hash function over `shingles`.
    pub(crate) fn minimums(&self, shingles: &[u64], mins: &mut Vec<u64>) {
        mins.clear();
        mins.resize(self.a.len(), u64::MAX);
        // Functions outermost, in blocks of LANES with one accumulator each: the minimums stay
        // in registers and the independent chains overlap (about twice as fast as shingles
        // outermost).
        let blocks = mins
            .chunks_mut(LANES)
            .zip(self.a.chunks(LANES).zip(self.b.chunks(LANES)));
        for (min, (a, b)) in blocks {
            if let (Ok(min), Ok(a), Ok(b)) = (
                <&mut [u64; LANES]>::try_from(&mut *min),
                <&[u64; LANES]>::try_from(a),
                <&[u64; LANES]>::try_from(b),
            ) {
                let mut acc = *min;
                for &x in shingles {
                    for lane in 0..LANES {
                        acc[lane] = acc[lane].min(a[lane].wrapping_mul(x).wrapping_add(b[lane]));
                    }
                }
                *min = acc;
            } else {
                for &x in shingles {
                    for ((min, &a), &b) in min.iter_mut().zip(a).zip(b) {
                        *min = (*min).min(a.wrapping_mul(x).wrapping_add(b));
                    }
                }
            }
        }
    }

    /// The signature of a list of shingle hashes (repeats allowed).
    pub(crate) fn signature(&self, shingles: &[u64]) -> Signature {
        let mut mins = Vec::new();
        self.minimums(shingles, &mut mins);
        Signature(mins.iter().map(|&m| high_bits(m)).collect())
    }
}

/// The value kept in a signature for one minimum.
#[inline]
pub(crate) fn high_bits(min: u64) -> u32 {
    (min >> 32) as u32
}

/// A MinHash signature: one 32-bit value per hash function.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature(Vec<u32>);

impl Signature {
    /// The values, one per hash function.
    pub fn values(&self) -> &[u32] {
        &self.0
    }

    /// The fraction of positions where both signatures agree: an unbiased estimate of the
    /// Jaccard similarity of the underlying shingle sets (0.0 if the lengths differ).
    pub fn estimate_jaccard(&self, other: &Signature) -> f64 {
        if self.0.len() != other.0.len() || self.0.is_empty() {
            return 0.0;
        }
        let equal = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        equal as f64 / self.0.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_give_distinct_odd_multipliers() {
        let perms = Permutations::new(7, 128);
        assert_eq!(perms.a.len(), 128);
        assert!(perms.a.iter().all(|a| a % 2 == 1));
        let mut sorted = perms.a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 128);
        assert_ne!(Permutations::new(8, 1).a, perms.a[..1]);
    }

    #[test]
    fn estimate_of_identical_and_disjoint_sets() {
        let perms = Permutations::new(1, 64);
        let a = perms.signature(&[1, 2, 3, 4]);
        let b = perms.signature(&[4, 3, 2, 1, 1]);
        assert_eq!(a.estimate_jaccard(&b), 1.0);
        let c = perms.signature(&[5, 6, 7, 8]);
        assert!(a.estimate_jaccard(&c) < 0.1);
    }
}
