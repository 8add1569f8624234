//! Bucket assignment by hash prefix.

/// The bucket in `0..buckets` of an entry whose hash starts with `prefix`.
///
/// Multiply-shift keeps bucket ranges contiguous in prefix order (bucket `i` holds the prefixes
/// in `[i·2⁶⁴/buckets, (i+1)·2⁶⁴/buckets)`), so uniform hashes spread evenly. `buckets = 0` is
/// treated as 1.
pub fn partition(prefix: u64, buckets: u32) -> u32 {
    let buckets = u128::from(buckets.max(1));
    // The product is below buckets · 2⁶⁴, so the shifted value is below `buckets` and fits.
    ((u128::from(prefix) * buckets) >> 64) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_every_bucket_in_prefix_order() {
        assert_eq!(partition(0, 16), 0);
        assert_eq!(partition(u64::MAX, 16), 15);
        assert_eq!(partition(u64::MAX, 0), 0);
        assert_eq!(partition(1 << 60, 16), 1);
        assert_eq!(partition((1 << 60) - 1, 16), 0);
        assert_eq!(partition(u64::MAX, 1), 0);
    }
}
