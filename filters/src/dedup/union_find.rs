//! Disjoint sets whose root is always the smallest member.

/// Union-find over `0..n` where each set's root is its smallest index.
///
/// Linking the larger root under the smaller one gives deterministic representatives; path
/// halving keeps finds short (no union by rank, which would pick roots by size).
#[derive(Clone, Debug)]
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    /// The root (smallest member) of `x`'s set.
    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            let grandparent = self.parent[self.parent[x]];
            self.parent[x] = grandparent;
            x = grandparent;
        }
        x
    }

    /// Merges the sets of `x` and `y`; returns the root of the merged set.
    pub(crate) fn union(&mut self, x: usize, y: usize) -> usize {
        let (rx, ry) = (self.find(x), self.find(y));
        let (root, child) = (rx.min(ry), rx.max(ry));
        self.parent[child] = root;
        root
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Components by repeated relaxation: each node's label is the smallest node it reaches.
    fn naive_labels(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
        let mut label: Vec<usize> = (0..n).collect();
        loop {
            let mut changed = false;
            for &(x, y) in edges {
                let m = label[x].min(label[y]);
                if label[x] != m || label[y] != m {
                    label[x] = m;
                    label[y] = m;
                    changed = true;
                }
            }
            if !changed {
                return label;
            }
        }
    }

    proptest! {
        #[test]
        fn roots_are_component_minimums(
            n in 1usize..60,
            raw in proptest::collection::vec((0usize..60, 0usize..60), 0..120),
        ) {
            let edges: Vec<(usize, usize)> = raw.into_iter().map(|(x, y)| (x % n, y % n)).collect();
            let mut uf = UnionFind::new(n);
            for &(x, y) in &edges {
                let root = uf.union(x, y);
                // The merged root is the smaller of the two previous roots, never larger than either.
                prop_assert!(root <= x && root <= y);
                prop_assert_eq!(uf.find(x), root);
                prop_assert_eq!(uf.find(y), root);
            }
            let expected = naive_labels(n, &edges);
            for (x, &label) in expected.iter().enumerate() {
                let root = uf.find(x);
                prop_assert_eq!(root, label);
                // Roots are fixed points and finds are idempotent.
                prop_assert_eq!(uf.find(root), root);
                prop_assert!(root <= x);
            }
        }
    }
}
