//! Properties of the whole pipeline, run through the phases the way the glue runs them.

use std::collections::{HashMap, HashSet};

use proptest::prelude::*;

use super::*;

/// Lowercase and collapse whitespace: enough of the crate's `normalize()` for these tests.
fn simple_normalize(text: &str) -> String {
    text.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parts of documents that are copies of a few base documents with a few words replaced and
/// random case and spacing, so that exact duplicates, near duplicates and chains are common.
fn parts() -> impl Strategy<Value = Vec<Vec<String>>> {
    const BASE_WORDS: usize = 30;
    let edit = (0..BASE_WORDS, prop::sample::select(vec!["alpha", "beta", "gamma"]));
    let doc = (
        0usize..4,
        prop::collection::vec(edit, 0..4),
        any::<bool>(),
        prop::sample::select(vec![" ", "  ", "\n", "\t "]),
    )
        .prop_map(|(base, edits, upper, space)| {
            // Base 3 is the empty document.
            let len = if base == 3 { 0 } else { BASE_WORDS };
            let mut words: Vec<String> = (0..len).map(|i| format!("b{base}w{i}")).collect();
            for (at, word) in edits {
                if let Some(slot) = words.get_mut(at) {
                    *slot = word.to_string();
                }
            }
            let text = words.join(space);
            if upper { text.to_uppercase() } else { text }
        });
    prop::collection::vec(prop::collection::vec(doc, 0..8), 1..5)
}

/// Runs the phases with spilled records, mapping parts in the given order.
fn run_phases(dedup: &Dedup, parts: &[Vec<String>], order: &[usize], buckets: u32) -> (Vec<Removal>, DedupStats) {
    let mut exact_files = vec![Vec::new(); buckets as usize];
    let mut near_files = vec![Vec::new(); buckets as usize];
    let mut stats = DedupStats::default();
    for &p in order {
        let mut out = MapOutput::new();
        for (row, text) in parts[p].iter().enumerate() {
            dedup.map_document(DocRef::new(p as u32, row as u32), text, &mut out);
        }
        for entry in &out.exact {
            entry.encode_into(&mut exact_files[entry.partition(buckets) as usize]);
        }
        for entry in &out.near {
            entry.encode_into(&mut near_files[entry.partition(buckets) as usize]);
        }
        stats.merge(&out.stats);
    }
    let mut exact = Vec::new();
    let mut candidates = Vec::new();
    for (exact_file, near_file) in exact_files.iter().zip(&near_files) {
        let entries = decode_records::<ExactEntry>(exact_file).expect("whole records");
        let mut bucket_stats = DedupStats::default();
        exact.extend(reduce_exact(entries, &mut bucket_stats));
        stats.merge(&bucket_stats);
        let entries = decode_records::<NearEntry>(near_file).expect("whole records");
        candidates.extend(reduce_near(entries));
    }
    let fetch = |doc: DocRef| {
        parts
            .get(doc.part() as usize)
            .and_then(|part| part.get(doc.row() as usize))
    };
    let verified = dedup
        .verify(candidates, &exact, fetch, &mut stats)
        .expect("every text is there");
    let near = dedup
        .cluster(&verified, fetch, &mut stats)
        .expect("every text is there");
    (merge_removals(exact, near), stats)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn results_do_not_depend_on_buckets_or_map_order(
        raw in parts(),
        buckets in 2u32..40,
        rotate in 0usize..5,
    ) {
        let parts: Vec<Vec<String>> = raw
            .iter()
            .map(|part| part.iter().map(|t| simple_normalize(t)).collect())
            .collect();
        let dedup = DedupConfig::default().with_threshold(0.6).build().expect("valid config");
        let forward: Vec<usize> = (0..parts.len()).collect();
        let mut shuffled = forward.clone();
        shuffled.rotate_left(rotate % parts.len());
        shuffled.reverse();

        let reference = run_phases(&dedup, &parts, &forward, 1);
        prop_assert_eq!(&run_phases(&dedup, &parts, &shuffled, buckets), &reference);
        let in_memory = dedup
            .run_in_memory(
                parts.iter().enumerate().flat_map(|(p, part)| {
                    part.iter()
                        .enumerate()
                        .map(move |(r, t)| (DocRef::new(p as u32, r as u32), t.as_str()))
                }),
                buckets,
            )
            .expect("distinct documents");
        prop_assert_eq!(&in_memory.removals, &reference.0);
        prop_assert_eq!(in_memory.stats, reference.1);

        // The kept set holds every exact key once; every removal points at a kept document
        // that comes earlier.
        let (removals, stats) = reference;
        let removed: HashMap<DocRef, &Removal> = removals.iter().map(|r| (r.doc, r)).collect();
        let mut keys = HashSet::new();
        let mut kept = 0u64;
        for (p, part) in parts.iter().enumerate() {
            for (r, text) in part.iter().enumerate() {
                let doc = DocRef::new(p as u32, r as u32);
                match removed.get(&doc) {
                    None => {
                        kept += 1;
                        prop_assert!(keys.insert(exact_key(text)), "two kept copies of {:?}", text);
                    }
                    Some(removal) => {
                        prop_assert!(removal.kept < doc);
                        prop_assert!(!removed.contains_key(&removal.kept));
                        if let RemovalReason::Exact { duplicate_of, key } = removal.reason {
                            prop_assert_eq!(key, exact_key(text));
                            prop_assert!(duplicate_of < doc);
                            let original = &parts[duplicate_of.part() as usize][duplicate_of.row() as usize];
                            prop_assert_eq!(original, text);
                        }
                    }
                }
            }
        }
        prop_assert_eq!(stats.kept(), kept);
        prop_assert_eq!(stats.docs_in, parts.iter().map(|p| p.len() as u64).sum::<u64>());
    }
}

/// Found by the property above: an exact copy of a document that near dedup removed must
/// name a kept document, not the removed one.
#[test]
fn exact_copy_of_a_near_duplicate_names_the_kept_document() {
    let base: Vec<String> = (0..30).map(|i| format!("b0w{i}")).collect();
    let mut edited = base.clone();
    edited[22] = "alpha".to_string();
    let parts = vec![vec![edited.join(" ")], vec![base.join(" ")], vec![base.join(" ")]];
    let dedup = DedupConfig::default()
        .with_threshold(0.6)
        .build()
        .expect("valid config");
    let (removals, stats) = run_phases(&dedup, &parts, &[2, 0, 1], 2);
    assert_eq!((stats.exact_duplicates, stats.near_duplicates), (1, 1));
    let first = DocRef::new(0, 0);
    assert_eq!(removals.len(), 2);
    assert!(removals.iter().all(|r| r.kept == first));
    assert!(matches!(
        removals[1].reason,
        RemovalReason::Exact { duplicate_of, .. } if duplicate_of == DocRef::new(1, 0)
    ));
}
