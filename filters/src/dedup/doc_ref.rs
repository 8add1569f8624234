//! The global ordinal of a document.

use std::fmt;

/// The position of a document in the global input order: `(part index, row index)` packed into
/// one `u64` as `part << 32 | row`.
///
/// Comparing two `DocRef`s compares `(part, row)` lexicographically, so "keep the first
/// occurrence" means "keep the smallest `DocRef`".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DocRef(u64);

impl DocRef {
    /// The document at `row` of input part `part`.
    pub const fn new(part: u32, row: u32) -> DocRef {
        DocRef(((part as u64) << 32) | row as u64)
    }

    /// A document from its packed ordinal (as returned by [`DocRef::ordinal`]).
    pub const fn from_ordinal(ordinal: u64) -> DocRef {
        DocRef(ordinal)
    }

    /// The packed ordinal `part << 32 | row`.
    pub const fn ordinal(self) -> u64 {
        self.0
    }

    /// The input part index.
    pub const fn part(self) -> u32 {
        (self.0 >> 32) as u32
    }

    /// The row index inside the part.
    pub const fn row(self) -> u32 {
        self.0 as u32
    }
}

impl fmt::Display for DocRef {
    /// Formats as `part:row`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.part(), self.row())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_part_then_row() {
        let a = DocRef::new(0, u32::MAX);
        let b = DocRef::new(1, 0);
        assert!(a < b);
        assert_eq!(b.part(), 1);
        assert_eq!(a.row(), u32::MAX);
        assert_eq!(DocRef::from_ordinal(b.ordinal()), b);
        assert_eq!(b.to_string(), "1:0");
    }
}
