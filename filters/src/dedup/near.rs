//! The verify and cluster phases of near-duplicate dedup.

use super::union_find::UnionFind;
use super::{CandidateEdge, Dedup, DedupError, DedupStats, DocRef, ExactDecision, ShingleSet, Signature};

/// A candidate pair whose similarity reached the threshold, `a < b`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VerifiedEdge {
    /// The smaller ordinal.
    pub a: DocRef,
    /// The larger ordinal.
    pub b: DocRef,
    /// Jaccard similarity of the pair's shingle sets (or its MinHash estimate when
    /// verification is off).
    pub similarity: f32,
}

/// A document removed as a near duplicate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NearDecision {
    /// The removed document.
    pub doc: DocRef,
    /// The kept document of its cluster: the cluster's smallest ordinal.
    pub kept: DocRef,
    /// Dense cluster id, numbered in the order of the clusters' kept documents.
    pub cluster: u64,
    /// Similarity of `doc` to `kept`, measured like the verification.
    pub similarity: f32,
}

/// What similarity is measured on.
enum Sketch {
    Shingles(ShingleSet),
    Signature(Signature),
}

impl Sketch {
    fn similarity(&self, other: &Sketch) -> f64 {
        match (self, other) {
            (Sketch::Shingles(a), Sketch::Shingles(b)) => a.jaccard(b),
            (Sketch::Signature(a), Sketch::Signature(b)) => a.estimate_jaccard(b),
            // Both sides always come from the same `Dedup`.
            _ => 0.0,
        }
    }
}

/// The sketch of the last document asked for, so star edges sharing a centre fetch it once.
struct SketchCache {
    doc: Option<DocRef>,
    sketch: Sketch,
}

impl SketchCache {
    fn new() -> SketchCache {
        SketchCache {
            doc: None,
            sketch: Sketch::Shingles(ShingleSet::default()),
        }
    }

    fn get<F, T>(&mut self, dedup: &Dedup, doc: DocRef, fetch: &mut F) -> Result<&Sketch, DedupError>
    where
        F: FnMut(DocRef) -> Option<T>,
        T: AsRef<str>,
    {
        if self.doc != Some(doc) {
            self.sketch = dedup.sketch(doc, fetch)?;
            self.doc = Some(doc);
        }
        Ok(&self.sketch)
    }
}

/// Replaces every exact duplicate by the document it duplicates, drops the edges that become
/// loops and the repeats; sorted.
fn fold_exact(candidates: Vec<CandidateEdge>, exact: &[ExactDecision]) -> Vec<CandidateEdge> {
    let mut kept_of: Vec<(DocRef, DocRef)> = exact.iter().map(|d| (d.doc, d.duplicate_of)).collect();
    kept_of.sort_unstable();
    let resolve = |doc: DocRef| match kept_of.binary_search_by_key(&doc, |&(removed, _)| removed) {
        Ok(i) => kept_of[i].1,
        Err(_) => doc,
    };
    let mut edges: Vec<CandidateEdge> = candidates
        .into_iter()
        .filter_map(|edge| {
            let (a, b) = (resolve(edge.a), resolve(edge.b));
            (a != b).then(|| CandidateEdge::new(a, b))
        })
        .collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}

impl Dedup {
    fn sketch<F, T>(&self, doc: DocRef, fetch: &mut F) -> Result<Sketch, DedupError>
    where
        F: FnMut(DocRef) -> Option<T>,
        T: AsRef<str>,
    {
        let text = fetch(doc).ok_or(DedupError::MissingText { doc })?;
        let text = text.as_ref();
        Ok(if self.config.verify() {
            Sketch::Shingles(self.shingles(text))
        } else {
            Sketch::Signature(self.signature(text))
        })
    }

    /// The verify phase: keeps the candidate edges whose similarity reaches the threshold.
    ///
    /// `candidates` are the edges of every bucket, in any order and with repeats; `exact` are
    /// all exact decisions. Exact duplicates are first replaced by the document they duplicate
    /// (so near dedup sees only exact survivors). `fetch` returns the normalised text of a
    /// document, the same text that was mapped; it is called about once per distinct edge end
    /// (edges sharing their smaller end reuse it). Similarity is the Jaccard similarity of the
    /// shingle sets, or the signature estimate when [`DedupConfig::with_verify`] is off.
    /// Edges come out sorted. Adds the pair counters to `stats`.
    ///
    /// [`DedupConfig::with_verify`]: super::DedupConfig::with_verify
    pub fn verify<F, T>(
        &self,
        candidates: Vec<CandidateEdge>,
        exact: &[ExactDecision],
        mut fetch: F,
        stats: &mut DedupStats,
    ) -> Result<Vec<VerifiedEdge>, DedupError>
    where
        F: FnMut(DocRef) -> Option<T>,
        T: AsRef<str>,
    {
        let edges = fold_exact(candidates, exact);
        stats.candidate_pairs += edges.len() as u64;
        let mut centre = SketchCache::new();
        let mut verified = Vec::new();
        for edge in edges {
            let other = self.sketch(edge.b, &mut fetch)?;
            let similarity = centre.get(self, edge.a, &mut fetch)?.similarity(&other);
            if similarity >= self.config.threshold() {
                verified.push(VerifiedEdge {
                    a: edge.a,
                    b: edge.b,
                    similarity: similarity as f32,
                });
            }
        }
        stats.verified_pairs += verified.len() as u64;
        Ok(verified)
    }

    /// The cluster phase: connected components of the verified edges; the smallest ordinal of
    /// each is kept, the others are removed.
    ///
    /// The similarity of a removed document to its kept one is taken from their edge when they
    /// have one and otherwise computed from texts obtained with `fetch` (as in
    /// [`Dedup::verify`]). Decisions come out sorted by document. Adds the near counters to
    /// `stats`.
    pub fn cluster<F, T>(
        &self,
        edges: &[VerifiedEdge],
        mut fetch: F,
        stats: &mut DedupStats,
    ) -> Result<Vec<NearDecision>, DedupError>
    where
        F: FnMut(DocRef) -> Option<T>,
        T: AsRef<str>,
    {
        let edges: Vec<&VerifiedEdge> = edges.iter().filter(|e| e.a != e.b).collect();
        let mut nodes: Vec<DocRef> = edges.iter().flat_map(|e| [e.a, e.b]).collect();
        nodes.sort_unstable();
        nodes.dedup();
        // Every edge end is in `nodes`, so the search always succeeds.
        let index = |doc: DocRef| match nodes.binary_search(&doc) {
            Ok(i) | Err(i) => i,
        };

        let mut sets = UnionFind::new(nodes.len());
        for edge in &edges {
            sets.union(index(edge.a), index(edge.b));
        }
        let mut direct: Vec<Option<f32>> = vec![None; nodes.len()];
        for edge in &edges {
            let (a, b) = (index(edge.a), index(edge.b));
            if sets.find(b) == a {
                direct[b] = Some(direct[b].map_or(edge.similarity, |s| s.max(edge.similarity)));
            }
        }

        // Nodes are in ordinal order and a root is its set's smallest member, so every root is
        // numbered before its members are reached.
        let mut cluster_of = vec![0u64; nodes.len()];
        let mut sizes: Vec<u64> = Vec::new();
        let mut decisions = Vec::new();
        let mut to_measure = Vec::new();
        for i in 0..nodes.len() {
            let root = sets.find(i);
            if root == i {
                cluster_of[i] = sizes.len() as u64;
                sizes.push(1);
                continue;
            }
            let cluster = cluster_of[root];
            if let Some(size) = sizes.get_mut(cluster as usize) {
                *size += 1;
            }
            if direct[i].is_none() {
                to_measure.push((root, decisions.len()));
            }
            decisions.push(NearDecision {
                doc: nodes[i],
                kept: nodes[root],
                cluster,
                similarity: direct[i].unwrap_or(f32::NAN),
            });
        }

        to_measure.sort_unstable();
        let mut kept = SketchCache::new();
        for (root, at) in to_measure {
            let Some(decision) = decisions.get_mut(at) else {
                continue;
            };
            let other = self.sketch(decision.doc, &mut fetch)?;
            decision.similarity = kept.get(self, nodes[root], &mut fetch)?.similarity(&other) as f32;
        }

        stats.clusters += sizes.len() as u64;
        stats.near_duplicates += decisions.len() as u64;
        stats.largest_cluster = stats.largest_cluster.max(sizes.iter().copied().max().unwrap_or(0));
        Ok(decisions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::{DedupConfig, ExactKey, RemovalReason};

    /// Deterministic word source for synthetic documents.
    struct Words(u64);

    impl Words {
        fn next(&mut self) -> String {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            format!("w{:x}", (z ^ (z >> 31)) as u32)
        }
    }

    /// A document of `len` fresh words and a copy with `edits` words replaced, spaced so that
    /// each edit changes exactly `n` shingles: Jaccard = (S − k·n) / (S + k·n), S = len − n + 1.
    fn pair(words: &mut Words, len: usize, edits: usize, n: usize) -> (String, String, f64) {
        let original: Vec<String> = (0..len).map(|_| words.next()).collect();
        let mut edited = original.clone();
        let spacing = len / edits;
        assert!(spacing > n, "edits must not share shingles");
        for k in 0..edits {
            edited[n + k * spacing] = words.next();
        }
        let shingles = (len - n + 1) as f64;
        let changed = (edits * n) as f64;
        let jaccard = (shingles - changed) / (shingles + changed);
        (original.join(" "), edited.join(" "), jaccard)
    }

    fn corpus(seed: u64, pairs: usize, edits: usize) -> (Vec<(DocRef, String)>, f64) {
        let mut words = Words(seed);
        let mut docs = Vec::new();
        let mut jaccard = 0.0;
        for p in 0..pairs {
            let (a, b, j) = pair(&mut words, 954, edits, 5);
            jaccard = j;
            // Originals in part 0, edited copies in part 1.
            docs.push((DocRef::new(0, p as u32), a));
            docs.push((DocRef::new(1, p as u32), b));
        }
        (docs, jaccard)
    }

    #[test]
    fn constructed_pairs_have_the_intended_jaccard() {
        let (docs, jaccard) = corpus(1, 1, 10);
        assert!((jaccard - 0.9).abs() < 1e-12);
        let a = ShingleSet::from_text(&docs[0].1, 5);
        let b = ShingleSet::from_text(&docs[1].1, 5);
        assert!((a.jaccard(&b) - 0.9).abs() < 1e-12);
        let (docs, jaccard) = corpus(2, 1, 63);
        assert!((jaccard - 0.5).abs() < 0.01);
        let a = ShingleSet::from_text(&docs[0].1, 5);
        let b = ShingleSet::from_text(&docs[1].1, 5);
        assert!((a.jaccard(&b) - jaccard).abs() < 1e-12);
    }

    fn run(docs: &[(DocRef, String)], config: DedupConfig, buckets: u32) -> crate::dedup::DedupOutcome {
        let dedup = config.build().unwrap();
        dedup
            .run_in_memory(docs.iter().map(|(d, t)| (*d, t.as_str())), buckets)
            .unwrap()
    }

    #[test]
    fn pairs_at_0_9_are_removed_and_pairs_at_0_5_kept() {
        const PAIRS: usize = 100;
        for verify in [true, false] {
            let config = DedupConfig::default().with_verify(verify);
            let lsh = config.build().unwrap().lsh();
            let (high, _) = corpus(10, PAIRS, 10);
            let outcome = run(&high, config.clone(), 8);
            // LSH finds a pair of similarity 0.9 with probability P(0.9) (0.93 for the
            // defaults); allow four standard deviations of the binomial count.
            let p = lsh.candidate_probability(0.9);
            let expected = p * PAIRS as f64;
            let allowed = 4.0 * (PAIRS as f64 * p * (1.0 - p)).sqrt();
            let removed = outcome.stats.near_duplicates as f64;
            assert!(
                (removed - expected).abs() <= allowed,
                "verify = {verify}: {removed} of {PAIRS}"
            );
            assert_eq!(outcome.stats.clusters, outcome.stats.near_duplicates);
            assert_eq!(outcome.stats.largest_cluster, 2);
            for removal in &outcome.removals {
                assert_eq!(removal.doc.part(), 1);
                let RemovalReason::Near { similarity, .. } = removal.reason else {
                    panic!("expected a near duplicate: {removal:?}");
                };
                assert_eq!(removal.kept, DocRef::new(0, removal.doc.row()));
                if verify {
                    assert!((similarity - 0.9).abs() < 1e-6);
                } else {
                    assert!((similarity - 0.9).abs() < 0.1);
                }
            }

            let (low, _) = corpus(11, PAIRS, 63);
            let outcome = run(&low, config, 8);
            assert!(outcome.removals.is_empty(), "verify = {verify}");
            assert_eq!(outcome.stats.verified_pairs, 0);
        }
    }

    #[test]
    fn recall_weighted_banding_finds_every_pair_at_0_9() {
        let config = DedupConfig::default().with_weights(0.1, 0.9);
        let (high, _) = corpus(12, 50, 10);
        let outcome = run(&high, config, 4);
        assert_eq!(outcome.stats.near_duplicates, 50);
    }

    #[test]
    fn signature_estimate_is_unbiased() {
        let dedup = DedupConfig::default().build().unwrap();
        for (edits, expected) in [(10, 0.9), (63, 0.502)] {
            let (docs, _) = corpus(20 + edits as u64, 30, edits);
            let mean: f64 = docs
                .chunks(2)
                .map(|p| dedup.signature(&p[0].1).estimate_jaccard(&dedup.signature(&p[1].1)))
                .sum::<f64>()
                / 30.0;
            // 30 pairs of 128 values: standard error about 0.005 at 0.9, 0.008 at 0.5.
            assert!((mean - expected).abs() < 0.03, "{mean} vs {expected}");
        }
    }

    #[test]
    fn chains_join_one_cluster_kept_at_the_smallest_ordinal() {
        // Each document drifts a little further from the first: a chain of near duplicates.
        let mut words = Words(5);
        let mut current: Vec<String> = (0..400).map(|_| words.next()).collect();
        let mut docs = Vec::new();
        for row in 0..5 {
            docs.push((DocRef::new(row % 2, row), current.join(" ")));
            for k in 0..3 {
                current[20 + row as usize * 60 + k * 15] = words.next();
            }
        }
        let outcome = run(&docs, DedupConfig::default(), 3);
        assert_eq!(outcome.stats.clusters, 1);
        assert_eq!(outcome.stats.largest_cluster, 5);
        let kept = DocRef::new(0, 0);
        for removal in &outcome.removals {
            let RemovalReason::Near { cluster, similarity } = removal.reason else {
                panic!("expected a near duplicate");
            };
            assert_eq!((removal.kept, cluster), (kept, 0));
            let truth = ShingleSet::from_text(&docs[0].1, 5).jaccard(&ShingleSet::from_text(
                &docs.iter().find(|d| d.0 == removal.doc).unwrap().1,
                5,
            ));
            assert!((f64::from(similarity) - truth).abs() < 1e-6);
        }
    }

    #[test]
    fn exact_duplicates_fold_before_verification() {
        let d = |row| DocRef::new(0, row);
        let exact = [ExactDecision {
            doc: d(3),
            duplicate_of: d(1),
            key: ExactKey::default(),
        }];
        let candidates = vec![
            CandidateEdge::new(d(1), d(3)), // becomes a loop
            CandidateEdge::new(d(3), d(5)), // becomes (1, 5)
            CandidateEdge::new(d(1), d(5)), // repeat
            CandidateEdge::new(d(0), d(3)), // becomes (0, 1)
        ];
        let folded = fold_exact(candidates, &exact);
        assert_eq!(folded, [CandidateEdge::new(d(0), d(1)), CandidateEdge::new(d(1), d(5))]);
    }

    #[test]
    fn missing_text_is_an_error() {
        let dedup = DedupConfig::default().build().unwrap();
        let edges = vec![CandidateEdge::new(DocRef::new(0, 0), DocRef::new(0, 1))];
        let result = dedup.verify(edges, &[], |_| None::<&str>, &mut DedupStats::default());
        assert!(matches!(result, Err(DedupError::MissingText { .. })));
    }
}
