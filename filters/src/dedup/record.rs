//! Fixed-size little-endian records, so buckets can be spilled to files and read back.

use super::DedupError;

/// A value with a fixed-size little-endian byte encoding.
///
/// Files of records are plain concatenations, with no header: a file of `n` records is
/// `n · ENCODED_LEN` bytes long.
pub trait Record: Sized {
    /// The size of one encoded record in bytes.
    const ENCODED_LEN: usize;

    /// Appends the encoding of `self` (exactly `ENCODED_LEN` bytes) to `out`.
    fn encode_into(&self, out: &mut Vec<u8>);

    /// Decodes one record from exactly `ENCODED_LEN` bytes.
    fn decode(bytes: &[u8]) -> Result<Self, DedupError>;
}

/// Appends the encodings of `records` to `out`.
pub fn encode_records<R: Record>(records: &[R], out: &mut Vec<u8>) {
    out.reserve(records.len() * R::ENCODED_LEN);
    for record in records {
        record.encode_into(out);
    }
}

/// Decodes a concatenation of records; fails on a partial trailing record.
pub fn decode_records<R: Record>(bytes: &[u8]) -> Result<Vec<R>, DedupError> {
    if !bytes.len().is_multiple_of(R::ENCODED_LEN) {
        return Err(DedupError::RecordLength {
            expected: R::ENCODED_LEN,
            actual: bytes.len(),
        });
    }
    bytes.chunks_exact(R::ENCODED_LEN).map(R::decode).collect()
}

/// Copies exactly `N` bytes out of `bytes` or reports a length mismatch.
pub(crate) fn fixed<const N: usize>(bytes: &[u8]) -> Result<[u8; N], DedupError> {
    <[u8; N]>::try_from(bytes).map_err(|_| DedupError::RecordLength {
        expected: N,
        actual: bytes.len(),
    })
}

/// Reads a little-endian `u64` at `at`; callers pass arrays long enough for it.
pub(crate) fn read_u64(bytes: &[u8], at: usize) -> u64 {
    let mut buf = [0u8; 8];
    buf.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(buf)
}

/// Reads a little-endian `u32` at `at`; callers pass arrays long enough for it.
pub(crate) fn read_u32(bytes: &[u8], at: usize) -> u32 {
    let mut buf = [0u8; 4];
    buf.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(buf)
}
