//! Counters collected by the dedup phases.

/// What dedup did, mergeable across tasks: counts add up, maxima take the maximum.
///
/// Each phase adds its own counters: [`Dedup::map_document`](super::Dedup::map_document) counts
/// `docs_in`, [`reduce_exact`](super::reduce_exact) the exact counters,
/// [`Dedup::verify`](super::Dedup::verify) the pair counters and
/// [`Dedup::cluster`](super::Dedup::cluster) the near counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DedupStats {
    /// Documents mapped.
    pub docs_in: u64,
    /// Documents removed as exact duplicates.
    pub exact_duplicates: u64,
    /// Distinct keys shared by two documents or more.
    pub exact_groups: u64,
    /// Distinct candidate pairs after folding exact duplicates.
    pub candidate_pairs: u64,
    /// Candidate pairs whose similarity reached the threshold.
    pub verified_pairs: u64,
    /// Documents removed as near duplicates.
    pub near_duplicates: u64,
    /// Near-duplicate clusters (two documents or more, after exact dedup).
    pub clusters: u64,
    /// Documents in the largest near-duplicate cluster, kept one included (0 if none).
    pub largest_cluster: u64,
}

impl DedupStats {
    /// Adds the counters of `other` to `self`.
    pub fn merge(&mut self, other: &DedupStats) {
        self.docs_in += other.docs_in;
        self.exact_duplicates += other.exact_duplicates;
        self.exact_groups += other.exact_groups;
        self.candidate_pairs += other.candidate_pairs;
        self.verified_pairs += other.verified_pairs;
        self.near_duplicates += other.near_duplicates;
        self.clusters += other.clusters;
        self.largest_cluster = self.largest_cluster.max(other.largest_cluster);
    }

    /// Documents left after both kinds of dedup.
    pub fn kept(&self) -> u64 {
        self.docs_in
            .saturating_sub(self.exact_duplicates)
            .saturating_sub(self.near_duplicates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_adds_counts_and_keeps_the_largest_cluster() {
        let mut a = DedupStats {
            docs_in: 10,
            exact_duplicates: 2,
            near_duplicates: 1,
            clusters: 1,
            largest_cluster: 2,
            ..DedupStats::default()
        };
        let b = DedupStats {
            docs_in: 5,
            near_duplicates: 3,
            clusters: 1,
            largest_cluster: 4,
            ..DedupStats::default()
        };
        a.merge(&b);
        assert_eq!(
            (a.docs_in, a.near_duplicates, a.clusters, a.largest_cluster),
            (15, 4, 2, 4)
        );
        assert_eq!(a.kept(), 9);
    }
}
