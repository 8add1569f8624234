//! The apply phase: which rows of a part stay.

use super::record::{fixed, read_u32, read_u64};
use super::{DedupError, DocRef, ExactDecision, ExactKey, NearDecision, Record};

/// Why a document was removed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RemovalReason {
    /// Same normalised text as a document with a smaller ordinal.
    Exact {
        /// The first document with the same text. Usually the kept one; when that document was
        /// itself removed as a near duplicate, [`Removal::kept`] names its cluster's kept one.
        duplicate_of: DocRef,
        /// The shared key.
        key: ExactKey,
    },
    /// Near duplicate of the kept document of its cluster ([`Removal::kept`]).
    Near {
        /// Dense cluster id.
        cluster: u64,
        /// Similarity to the kept document.
        similarity: f32,
    },
}

/// A removed document, the kept document it duplicates, and the reason.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Removal {
    /// The removed document.
    pub doc: DocRef,
    /// The kept document this one duplicates (always a kept document, always smaller).
    pub kept: DocRef,
    /// Why it was removed.
    pub reason: RemovalReason,
}

const KIND_EXACT: u8 = 1;
const KIND_NEAR: u8 = 2;

impl Removal {
    /// The size of [`Removal::to_bytes`].
    pub const ENCODED_LEN: usize = 57;

    /// Ordinal and kept ordinal (`u64`s), kind byte (1 exact, 2 near), then `duplicate_of`
    /// (`u64`) and the key (exact) or the cluster id (`u64`), the similarity (`f32` bits) and
    /// zero padding (near); little-endian.
    pub fn to_bytes(&self) -> [u8; 57] {
        let mut out = [0u8; 57];
        out[..8].copy_from_slice(&self.doc.ordinal().to_le_bytes());
        out[8..16].copy_from_slice(&self.kept.ordinal().to_le_bytes());
        match self.reason {
            RemovalReason::Exact { duplicate_of, key } => {
                out[16] = KIND_EXACT;
                out[17..25].copy_from_slice(&duplicate_of.ordinal().to_le_bytes());
                out[25..].copy_from_slice(&key.0);
            }
            RemovalReason::Near { cluster, similarity } => {
                out[16] = KIND_NEAR;
                out[17..25].copy_from_slice(&cluster.to_le_bytes());
                out[25..29].copy_from_slice(&similarity.to_bits().to_le_bytes());
            }
        }
        out
    }

    /// The inverse of [`Removal::to_bytes`]; fails on an unknown kind byte.
    pub fn from_bytes(bytes: &[u8; 57]) -> Result<Removal, DedupError> {
        let reason = match bytes[16] {
            KIND_EXACT => {
                let mut key = [0u8; 32];
                key.copy_from_slice(&bytes[25..]);
                RemovalReason::Exact {
                    duplicate_of: DocRef::from_ordinal(read_u64(bytes, 17)),
                    key: ExactKey(key),
                }
            }
            KIND_NEAR => RemovalReason::Near {
                cluster: read_u64(bytes, 17),
                similarity: f32::from_bits(read_u32(bytes, 25)),
            },
            _ => {
                return Err(DedupError::InvalidRecord {
                    reason: "unknown removal kind",
                });
            }
        };
        Ok(Removal {
            doc: DocRef::from_ordinal(read_u64(bytes, 0)),
            kept: DocRef::from_ordinal(read_u64(bytes, 8)),
            reason,
        })
    }
}

impl Record for Removal {
    const ENCODED_LEN: usize = Removal::ENCODED_LEN;

    fn encode_into(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bytes());
    }

    fn decode(bytes: &[u8]) -> Result<Self, DedupError> {
        Removal::from_bytes(&fixed(bytes)?)
    }
}

/// Joins exact and near decisions (from all buckets, in any order) into one list sorted by
/// document. A document with both kinds keeps the exact one.
///
/// An exact duplicate of a document that near dedup removed is attributed to that document's
/// kept one ([`Removal::kept`]), so every removal names a document that stays.
pub fn merge_removals(exact: Vec<ExactDecision>, mut near: Vec<NearDecision>) -> Vec<Removal> {
    near.sort_unstable_by_key(|d| d.doc);
    let kept_of = |doc: DocRef| match near.binary_search_by_key(&doc, |d| d.doc) {
        Ok(i) => near[i].kept,
        Err(_) => doc,
    };
    let mut removals: Vec<Removal> = exact
        .iter()
        .map(|d| Removal {
            doc: d.doc,
            kept: kept_of(d.duplicate_of),
            reason: RemovalReason::Exact {
                duplicate_of: d.duplicate_of,
                key: d.key,
            },
        })
        .chain(near.iter().map(|d| Removal {
            doc: d.doc,
            kept: d.kept,
            reason: RemovalReason::Near {
                cluster: d.cluster,
                similarity: d.similarity,
            },
        }))
        .collect();
    // Stable: for equal documents the exact removal, listed first, stays first.
    removals.sort_by_key(|r| r.doc);
    removals.dedup_by_key(|r| r.doc);
    removals
}

/// The removals of part `part` out of a list sorted by document (as [`merge_removals`] makes).
pub fn removals_for_part(removals: &[Removal], part: u32) -> &[Removal] {
    let start = removals.partition_point(|r| r.doc < DocRef::new(part, 0));
    let end = removals.partition_point(|r| r.doc.part() <= part);
    removals.get(start..end).unwrap_or(&[])
}

/// The keep mask of part `part` with `rows` rows: `mask[row]` is false for removed rows.
///
/// `removals` are this part's removals in any order; one of another part or past the last row
/// is an error.
pub fn apply(part: u32, rows: usize, removals: &[Removal]) -> Result<Vec<bool>, DedupError> {
    let mut keep = vec![true; rows];
    for removal in removals {
        if removal.doc.part() != part {
            return Err(DedupError::WrongPart { doc: removal.doc, part });
        }
        let slot = keep
            .get_mut(removal.doc.row() as usize)
            .ok_or(DedupError::RowOutOfRange { doc: removal.doc, rows })?;
        *slot = false;
    }
    Ok(keep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::{decode_records, encode_records, exact_key};

    fn sample() -> Vec<Removal> {
        let exact = vec![
            ExactDecision {
                doc: DocRef::new(2, 1),
                duplicate_of: DocRef::new(0, 0),
                key: exact_key("a"),
            },
            ExactDecision {
                doc: DocRef::new(0, 4),
                duplicate_of: DocRef::new(0, 0),
                key: exact_key("a"),
            },
            ExactDecision {
                doc: DocRef::new(2, 2),
                duplicate_of: DocRef::new(2, 0),
                key: exact_key("b"),
            },
        ];
        let near = vec![
            NearDecision {
                doc: DocRef::new(2, 0),
                kept: DocRef::new(1, 0),
                cluster: 3,
                similarity: 0.875,
            },
            NearDecision {
                doc: DocRef::new(2, 1),
                kept: DocRef::new(1, 0),
                cluster: 3,
                similarity: 1.0,
            },
        ];
        merge_removals(exact, near)
    }

    #[test]
    fn merged_removals_are_sorted_and_exact_wins() {
        let removals = sample();
        let docs: Vec<DocRef> = removals.iter().map(|r| r.doc).collect();
        assert_eq!(
            docs,
            [
                DocRef::new(0, 4),
                DocRef::new(2, 0),
                DocRef::new(2, 1),
                DocRef::new(2, 2)
            ]
        );
        assert!(matches!(removals[2].reason, RemovalReason::Exact { .. }));
        assert_eq!(removals[2].kept, DocRef::new(0, 0));
    }

    #[test]
    fn exact_copies_of_near_removals_point_at_the_kept_document() {
        let removals = sample();
        assert_eq!(removals[3].kept, DocRef::new(1, 0));
        assert!(matches!(
            removals[3].reason,
            RemovalReason::Exact { duplicate_of, .. } if duplicate_of == DocRef::new(2, 0)
        ));
    }

    #[test]
    fn keep_masks_per_part() {
        let removals = sample();
        assert_eq!(removals_for_part(&removals, 0).len(), 1);
        assert!(removals_for_part(&removals, 1).is_empty());
        assert_eq!(removals_for_part(&removals, 2).len(), 3);
        assert!(removals_for_part(&removals, 9).is_empty());
        assert_eq!(
            apply(2, 4, removals_for_part(&removals, 2)).unwrap(),
            [false, false, false, true]
        );
        assert_eq!(apply(1, 2, removals_for_part(&removals, 1)).unwrap(), [true, true]);
        assert!(matches!(apply(1, 9, &removals), Err(DedupError::WrongPart { .. })));
        assert!(matches!(
            apply(2, 1, removals_for_part(&removals, 2)),
            Err(DedupError::RowOutOfRange { .. })
        ));
    }

    #[test]
    fn records_roundtrip() {
        let removals = sample();
        for removal in &removals {
            assert_eq!(Removal::from_bytes(&removal.to_bytes()).unwrap(), *removal);
        }
        let mut bytes = Vec::new();
        encode_records(&removals, &mut bytes);
        assert_eq!(decode_records::<Removal>(&bytes).unwrap(), removals);
        bytes[16] = 7;
        assert!(decode_records::<Removal>(&bytes).is_err());
    }
}
