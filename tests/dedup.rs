//! The dedup stage.

use std::collections::{BTreeMap, HashSet};

use arrow_array::{Array, Float32Array, RecordBatch, StringArray, UInt64Array};

use crate::util::Dir;

fn corpus(dir: &Dir, docs: &[String]) {
    let body: String = docs
        .iter()
        .map(|t| format!("{}\n", serde_json::json!({ "text": t })))
        .collect();
    dir.write("corpus.jsonl", body);
}

/// import (small tasks, so several parts) → dedup → shard.
fn config(extra_dedup: &str) -> String {
    format!(
        "[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"corpus.jsonl\"]\ntask_bytes = 300\n\n\
         [[stages]]\nname = \"dedup\"\nkind = \"dedup\"\ninput = \"import\"\n{extra_dedup}\n\n\
         [[stages]]\nname = \"shard\"\nkind = \"shard\"\ninput = \"dedup\"\n"
    )
}

fn manifest(dir: &Dir, stage: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(&format!("out/{stage}/manifest.json"))).expect("manifest");
    serde_json::from_str(&text).expect("manifest JSON")
}

fn batches(dir: &Dir, name: &str) -> Vec<RecordBatch> {
    let file = std::fs::File::open(dir.join(name)).expect("open part");
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("parquet")
        .build()
        .expect("reader");
    reader.map(|b| b.expect("batch")).collect()
}

/// One removed row, as read back from a rejected file.
#[derive(Debug, Clone)]
struct Rejected {
    id: String,
    reason: String,
    duplicate_of: String,
    cluster: Option<u64>,
    similarity: Option<f32>,
    text_sha256: String,
}

fn strings(batch: &RecordBatch, name: &str) -> Vec<String> {
    let col = batch.column_by_name(name).unwrap_or_else(|| panic!("column {name}"));
    let col = col.as_any().downcast_ref::<StringArray>().expect("utf8");
    (0..col.len()).map(|i| col.value(i).to_owned()).collect()
}

/// Every rejected row of the dedup stage, in part order.
fn rejected(dir: &Dir) -> Vec<Rejected> {
    let m = manifest(dir, "dedup");
    let mut out = Vec::new();
    for part in m["parts"].as_array().expect("parts") {
        if part["role"] != "rejected" {
            continue;
        }
        for batch in batches(dir, &format!("out/dedup/{}", part["name"].as_str().expect("name"))) {
            assert_eq!(batch.schema(), sdf_datasets::dedup_columns::dedup_rejected_schema());
            let ids = strings(&batch, "id");
            let reasons = strings(&batch, "reason");
            let dups = strings(&batch, "duplicate_of");
            let shas = strings(&batch, "text_sha256");
            let cluster = batch.column_by_name("cluster").expect("cluster");
            let cluster = cluster.as_any().downcast_ref::<UInt64Array>().expect("uint64");
            let sim = batch.column_by_name("similarity").expect("similarity");
            let sim = sim.as_any().downcast_ref::<Float32Array>().expect("float32");
            for i in 0..batch.num_rows() {
                out.push(Rejected {
                    id: ids[i].clone(),
                    reason: reasons[i].clone(),
                    duplicate_of: dups[i].clone(),
                    cluster: (!cluster.is_null(i)).then(|| cluster.value(i)),
                    similarity: (!sim.is_null(i)).then(|| sim.value(i)),
                    text_sha256: shas[i].clone(),
                });
            }
        }
    }
    out
}

/// Ids and `text_sha256` of every kept row, in order.
fn kept(dir: &Dir) -> Vec<(String, String)> {
    let m = manifest(dir, "dedup");
    let mut out = Vec::new();
    for part in m["parts"].as_array().expect("parts") {
        if part["role"] != "output" {
            continue;
        }
        for batch in batches(dir, &format!("out/dedup/{}", part["name"].as_str().expect("name"))) {
            assert_eq!(batch.schema(), sdf_datasets::dedup_columns::dedup_output_schema());
            out.extend(strings(&batch, "id").into_iter().zip(strings(&batch, "text_sha256")));
        }
    }
    out
}

fn id(line: usize) -> String {
    format!("corpus.jsonl:{line}")
}

fn unique_docs(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            format!(
                "Unique report {i}: the harbour committee counted {} boats and {} gulls on day {i}.",
                i * 13 % 97,
                i * 7 % 31
            )
        })
        .collect()
}

#[test]
fn exact_duplicates_up_to_case_space_and_nfkc_are_removed_across_parts() {
    let dir = Dir::new();
    let mut docs = vec![
        "The free tier is used for training of the model.".to_owned(),
        "A short note about gardening and tomatoes in spring.".to_owned(),
    ];
    docs.extend(unique_docs(6));
    docs.push("the  FREE tier\tis used for\n training of the model.".to_owned());
    docs.push(
        "\u{FF34}\u{FF48}\u{FF45} \u{FF46}\u{FF52}\u{FF45}\u{FF45} tier is used for training of the model.".to_owned(),
    );
    docs.extend(unique_docs(10).split_off(6));
    docs.push("A SHORT NOTE ABOUT GARDENING AND TOMATOES IN SPRING.".to_owned());
    corpus(&dir, &docs);
    dir.write("stages.toml", config(""));
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    let import = manifest(&dir, "import");
    assert!(
        import["parts"].as_array().expect("parts").len() >= 3,
        "want several input parts: {import}"
    );
    assert_eq!(summary["stages"][1]["rows_in"], 15);
    assert_eq!(summary["stages"][1]["rows_out"], 12);

    let removed = rejected(&dir);
    let got: Vec<(String, String, String)> = removed
        .iter()
        .map(|r| (r.id.clone(), r.reason.clone(), r.duplicate_of.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (id(9), "exact".into(), id(1)),
            (id(10), "exact".into(), id(1)),
            (id(15), "exact".into(), id(2)),
        ]
    );
    assert!(removed.iter().all(|r| r.cluster.is_none() && r.similarity.is_none()));
    let kept = kept(&dir);
    assert_eq!(kept.len(), 12);
    let first = kept.iter().find(|k| k.0 == id(1)).expect("first copy kept");
    assert_eq!(removed[0].text_sha256, first.1);
    assert_eq!(removed[1].text_sha256, first.1);
    assert_eq!(first.1.len(), 64);
    let distinct: HashSet<&String> = kept.iter().map(|k| &k.1).collect();
    assert_eq!(distinct.len(), kept.len());

    let stats = &manifest(&dir, "dedup")["stats"];
    assert_eq!(stats["docs_in"], 15);
    assert_eq!(stats["kept"], 12);
    assert_eq!(stats["exact_duplicates"], 3);
    assert_eq!(stats["near_duplicates"], 0);
    assert!(stats["memory_estimate_bytes"].as_u64().expect("estimate") > 0);
    dir.sdf(&["verify", "out"]).stdout();
}

/// Small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn word(&mut self) -> String {
        const SYLLABLES: &[&str] = &[
            "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "po", "da", "fe", "gu", "hi", "jo", "be",
        ];
        let n = SYLLABLES.len() as u64;
        let r = self.next();
        (0..3).map(|k| SYLLABLES[((r >> (k * 8)) % n) as usize]).collect()
    }
}

fn shingles(text: &str) -> HashSet<Vec<&str>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(5).map(<[&str]>::to_vec).collect()
}

fn jaccard(a: &str, b: &str) -> f64 {
    let (a, b) = (shingles(a), shingles(b));
    a.intersection(&b).count() as f64 / a.union(&b).count() as f64
}

/// A 300-word document and a copy with `edits` words replaced at evenly spaced positions.
fn pair(rng: &mut Rng, edits: usize) -> (String, String) {
    let original: Vec<String> = (0..300).map(|_| rng.word()).collect();
    let mut copy = original.clone();
    let spacing = 300 / edits;
    for k in 0..edits {
        copy[2 + k * spacing] = format!("x{}", rng.word());
    }
    (original.join(" "), copy.join(" "))
}

/// Originals, then unrelated fillers, then the edited copies; with the Jaccard of each pair.
fn near_corpus(seed: u64) -> (Vec<String>, Vec<f64>) {
    let mut rng = Rng(seed);
    let mut originals = Vec::new();
    let mut copies = Vec::new();
    let mut sims = Vec::new();
    for edits in [3, 3, 3, 20, 20, 20] {
        let (a, b) = pair(&mut rng, edits);
        sims.push(jaccard(&a, &b));
        originals.push(a);
        copies.push(b);
    }
    let mut docs = originals;
    docs.extend(unique_docs(4));
    docs.extend(copies);
    (docs, sims)
}

#[test]
fn near_duplicates_at_0_9_are_removed_and_at_0_5_kept() {
    let dir = Dir::new();
    // LSH finds a pair at 0.9 with probability about 0.93 with the default banding; the corpus is
    // seeded, so the outcome is fixed (all three pairs are candidates with this seed).
    let (docs, sims) = near_corpus(1);
    for s in &sims[..3] {
        assert!((0.85..0.95).contains(s), "{sims:?}");
    }
    for s in &sims[3..] {
        assert!((0.4..0.6).contains(s), "{sims:?}");
    }
    corpus(&dir, &docs);
    dir.write("stages.toml", config(""));
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    assert_eq!(summary["stages"][1]["rows_in"], 16);
    assert_eq!(summary["stages"][1]["rows_out"], 13);
    let removed = rejected(&dir);
    assert_eq!(removed.len(), 3, "{removed:?}");
    for (k, r) in removed.iter().enumerate() {
        // Copy k (line 11 + k) duplicates original k (line 1 + k).
        assert_eq!((r.id.as_str(), r.reason.as_str()), (id(11 + k).as_str(), "near"));
        assert_eq!(r.duplicate_of, id(1 + k));
        assert!(r.cluster.is_some());
        let similarity = f64::from(r.similarity.expect("similarity"));
        assert!((similarity - sims[k]).abs() < 1e-4, "{similarity} vs {}", sims[k]);
    }
    let clusters: HashSet<Option<u64>> = removed.iter().map(|r| r.cluster).collect();
    assert_eq!(clusters.len(), 3);
    let stats = &manifest(&dir, "dedup")["stats"];
    assert_eq!(stats["near_duplicates"], 3);
    assert_eq!(stats["clusters"], 3);
    assert_eq!(stats["largest_cluster"], 2);
    assert_eq!(stats["verified_pairs"], 3);
    assert!(stats["candidate_pairs"].as_u64().expect("candidates") >= 3);
}

fn parquet_hashes(dir: &Dir) -> BTreeMap<String, String> {
    dir.hashes("out/dedup")
        .into_iter()
        .filter(|(name, _)| name.ends_with(".parquet"))
        .collect()
}

#[test]
fn output_bytes_do_not_depend_on_jobs_or_buckets() {
    let (mut docs, _) = near_corpus(11);
    docs.push(docs[0].to_uppercase());
    docs.push(docs[12].clone());
    docs.push(format!("  {}  ", docs[3]));
    let run = |extra: &str, jobs: &str| {
        let dir = Dir::new();
        corpus(&dir, &docs);
        dir.write("stages.toml", config(extra));
        dir.sdf(&["run", "--quiet", "--jobs", jobs]).stdout();
        let hashes = parquet_hashes(&dir);
        (dir, hashes)
    };
    let (reference_dir, reference) = run("", "1");
    assert!(reference.len() >= 6, "{reference:?}");
    let removed = rejected(&reference_dir);
    assert!(
        removed.iter().any(|r| r.reason == "exact") && removed.iter().any(|r| r.reason == "near"),
        "{removed:?}"
    );
    assert_eq!(run("", "2").1, reference);
    assert_eq!(run("buckets = 1", "2").1, reference);
    assert_eq!(run("buckets = 16", "1").1, reference);
}

#[test]
fn guards_fail_the_stage_with_clear_messages() {
    let dir = Dir::new();
    let mut docs = vec!["The same announcement, posted again and again.".to_owned(); 9];
    docs.push("Something else entirely.".to_owned());
    corpus(&dir, &docs);
    dir.write("stages.toml", config(""));
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(
        err.contains(
            "dedup removed 80.0% of documents (8 of 10: 8 exact, 0 near duplicates), above max_removal_rate = 0.5"
        ),
        "{err}"
    );
    assert!(!dir.join("out/dedup/manifest.json").exists());
    assert!(!dir.join("out/shard").exists());

    dir.write("stages.toml", config("max_memory_bytes = 100"));
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(err.contains("for 10 documents, above max_memory_bytes = 100"), "{err}");

    dir.write("stages.toml", config("max_removal_rate = 0.9"));
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    assert_eq!(summary["stages"][1]["rows_out"], 2);
    let removed = rejected(&dir);
    assert_eq!(removed.len(), 8);
    assert!(removed.iter().all(|r| r.duplicate_of == id(1)), "{removed:?}");
}

#[test]
fn unknown_dedup_key_names_file_line_and_column() {
    let dir = Dir::new();
    corpus(&dir, &["x".to_owned()]);
    dir.write("stages.toml", config("treshold = 0.9"));
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(
        err.contains("stages.toml:11:1: stage `dedup`: unknown field `treshold`"),
        "{err}"
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn entries_spill_to_disk_so_buckets_bound_the_memory_estimate() {
    let dir = Dir::new();
    let mut docs = unique_docs(400);
    docs.extend(unique_docs(100).iter().map(|d| d.to_uppercase()));
    corpus(&dir, &docs);
    // Exact only: 40 bytes per document. With one bucket, a reduce job holds all 500
    // documents' entries (20,000 bytes); with 50, ten documents' per job.
    dir.write(
        "stages.toml",
        config("near = false\nbuckets = 1\nmax_memory_bytes = 5000"),
    );
    let (_, err) = dir.sdf(&["run", "--quiet", "--jobs", "2"]).expect_code(2);
    assert!(
        err.contains("for 500 documents, above max_memory_bytes = 5000"),
        "{err}"
    );
    assert!(err.contains("raise `buckets` (now 1"), "{err}");

    // A spill folder left by a killed run is cleared, and none is left behind.
    let stale = dir.join("out/dedup/.spill");
    std::fs::create_dir_all(&stale).expect("stale spill folder");
    std::fs::write(stale.join("exact-00000-00000.bin"), b"cut short").expect("stale spill file");
    dir.write(
        "stages.toml",
        config("near = false\nbuckets = 50\nmax_memory_bytes = 5000"),
    );
    dir.sdf(&["run", "--quiet", "--jobs", "2"]).expect_code(0);
    assert!(!stale.exists());
    let stats = &manifest(&dir, "dedup")["stats"];
    assert_eq!(stats["exact_duplicates"], 100);
    assert!(
        stats["memory_estimate_bytes"].as_u64().expect("estimate") <= 5000,
        "{stats}"
    );
    assert_eq!(kept(&dir).len(), 400);
}
