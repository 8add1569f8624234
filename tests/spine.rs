//! The stage runner: caching, reruns, resume after SIGKILL, determinism, verify.

use crate::util::{Dir, import_shard_config, jsonl_corpus, statuses};

fn setup(n: usize, extra_import: &str, extra_shard: &str) -> Dir {
    let dir = Dir::new();
    dir.write("corpus.jsonl", jsonl_corpus(n));
    dir.write("stages.toml", import_shard_config(extra_import, extra_shard));
    dir
}

#[test]
fn import_jsonl_end_to_end_reads_back_with_schema() {
    let dir = setup(3000, "task_bytes = 50000", "shard_bytes = 20000\nshuffle = false");
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    assert_eq!(
        statuses(&summary),
        [("import".into(), "ran".into()), ("shard".into(), "ran".into())]
    );
    assert_eq!(summary["stages"][1]["rows_out"], 3000);
    dir.sdf(&["verify", "out"]).stdout();

    // Read every shard back with the parquet crate's own reader.
    let data = dir.join("out/shard/data");
    let mut names: Vec<_> = std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    assert!(names.len() > 1, "expected several shards, got {names:?}");
    let mut texts = Vec::new();
    for path in &names {
        let file = std::fs::File::open(path).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        assert_eq!(
            reader.schema().as_ref(),
            sdf_datasets::schema::document_schema().as_ref()
        );
        for batch in reader.build().unwrap() {
            let docs = sdf_datasets::batch::batch_to_documents(&batch.unwrap(), "shard").unwrap();
            texts.extend(docs.into_iter().map(|d| (d.id, d.text)));
        }
    }
    assert_eq!(texts.len(), 3000);
    assert_eq!(texts[0].0, "corpus.jsonl:1");
    assert_eq!(texts[2999].0, "corpus.jsonl:3000");
    assert!(texts[41].1.starts_with("Document 41."));

    // pyarrow, when present (CI installs it and sets SDF_REQUIRE_PYTHON=1).
    let script = "import sys, pyarrow.parquet as pq, pyarrow as pa\n\
        t = pq.read_table(sys.argv[1])\n\
        assert t.num_rows == 3000, t.num_rows\n\
        assert t.schema.field('text').type == pa.large_string(), t.schema\n\
        assert t.schema.field('universe').type == pa.dictionary(pa.int32(), pa.string()), t.schema\n\
        assert t.schema.field('facts').type == pa.list_(pa.field('item', pa.string(), nullable=False)), t.schema\n\
        print('ok')\n";
    let has_pyarrow = std::process::Command::new("python3")
        .args(["-c", "import pyarrow"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if has_pyarrow {
        let out = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(&data)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pyarrow: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        assert!(
            std::env::var("SDF_REQUIRE_PYTHON").is_err(),
            "pyarrow is required but missing"
        );
    }
}

#[test]
fn second_run_skips_every_stage() {
    let dir = setup(500, "", "");
    dir.sdf(&["run", "--quiet"]).stdout();
    let before = dir.hashes("out");
    let summary = dir.sdf(&["run", "--json"]).json();
    assert_eq!(
        statuses(&summary),
        [("import".into(), "skipped".into()), ("shard".into(), "skipped".into())]
    );
    assert_eq!(
        dir.hashes("out")
            .into_iter()
            .filter(|(k, _)| !k.starts_with(".sdf-cache"))
            .collect::<Vec<_>>(),
        before
            .into_iter()
            .filter(|(k, _)| !k.starts_with(".sdf-cache"))
            .collect::<Vec<_>>()
    );
    let status = dir.sdf(&["status", "--json"]).json();
    assert!(
        status["stages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["state"] == "fresh"),
        "{status}"
    );
}

#[test]
fn changing_the_last_stage_reruns_only_it() {
    let dir = setup(500, "", "");
    dir.sdf(&["run", "--quiet"]).stdout();
    dir.write("stages.toml", import_shard_config("", "zstd_level = 9"));
    let status = dir.sdf(&["status", "--json"]).json();
    let states: Vec<_> = status["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(states, ["fresh", "stale"]);
    let summary = dir.sdf(&["run", "--json"]).json();
    assert_eq!(
        statuses(&summary),
        [("import".into(), "skipped".into()), ("shard".into(), "ran".into())]
    );
}

#[test]
fn input_content_change_reruns_all_but_mtime_touch_reruns_nothing() {
    let dir = setup(500, "", "");
    dir.sdf(&["run", "--quiet"]).stdout();
    // Same bytes, new mtime: nothing reruns.
    let corpus = dir.join("corpus.jsonl");
    let bytes = std::fs::read(&corpus).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&corpus, &bytes).unwrap();
    let f = std::fs::File::options().append(true).open(&corpus).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    let summary = dir.sdf(&["run", "--json"]).json();
    assert_eq!(
        statuses(&summary),
        [("import".into(), "skipped".into()), ("shard".into(), "skipped".into())]
    );
    // One changed byte: everything downstream reruns.
    let mut changed = bytes.clone();
    let pos = changed.iter().position(|&b| b == b'D').unwrap();
    changed[pos] = b'd';
    std::fs::write(&corpus, &changed).unwrap();
    let summary = dir.sdf(&["run", "--json"]).json();
    assert_eq!(
        statuses(&summary),
        [("import".into(), "ran".into()), ("shard".into(), "ran".into())]
    );
}

#[test]
fn stage_flag_reruns_that_stage_and_leaves_downstream() {
    let dir = setup(300, "", "");
    dir.sdf(&["run", "--quiet"]).stdout();
    let summary = dir.sdf(&["run", "--json", "--stage", "import"]).json();
    assert_eq!(statuses(&summary), [("import".into(), "ran".into())]);
    let summary = dir.sdf(&["run", "--json", "--stage", "shard"]).json();
    assert_eq!(
        statuses(&summary),
        [("import".into(), "skipped".into()), ("shard".into(), "ran".into())]
    );
    // --force with --stage forces the named stage only; fresh upstream stays skipped.
    let summary = dir.sdf(&["run", "--json", "--stage", "shard", "--force"]).json();
    assert_eq!(
        statuses(&summary),
        [("import".into(), "skipped".into()), ("shard".into(), "ran".into())]
    );
    let summary = dir.sdf(&["run", "--json", "--force"]).json();
    assert_eq!(
        statuses(&summary),
        [("import".into(), "ran".into()), ("shard".into(), "ran".into())]
    );
    let (_, err) = dir.sdf(&["run", "--stage", "nope"]).expect_code(2);
    assert!(err.contains("--stage nope: no such stage"), "{err}");
}

#[test]
fn jobs_do_not_change_bytes() {
    let a = setup(4000, "task_bytes = 40000", "shard_bytes = 30000");
    let b = setup(4000, "task_bytes = 40000", "shard_bytes = 30000");
    a.sdf(&["run", "--quiet", "--jobs", "1"]).stdout();
    b.sdf(&["run", "--quiet", "--jobs", "2"]).stdout();
    let parts = |d: &Dir| {
        d.hashes("out")
            .into_iter()
            .filter(|(k, _)| k.ends_with(".parquet"))
            .collect::<Vec<_>>()
    };
    let pa = parts(&a);
    assert!(pa.len() > 10, "{pa:?}");
    assert_eq!(pa, parts(&b));
}

/// Kill a real `sdf run` with SIGKILL at many points; each rerun must finish
/// with output byte-identical to an uninterrupted run and no temp files left.
#[test]
fn sigkill_at_any_point_then_rerun_gives_identical_output() {
    let reference = setup(3000, "task_bytes = 30000", "shard_bytes = 20000");
    reference.sdf(&["run", "--quiet", "--jobs", "1"]).stdout();
    let expected: Vec<_> = reference
        .hashes("out")
        .into_iter()
        .filter(|(k, _)| k.ends_with(".parquet"))
        .collect();
    assert!(expected.len() > 8);
    let points = [
        "stage-start:1",
        "stage-start:2",
        "mid-part:1",
        "mid-part:4",
        "before-task-record:3",
        "after-task-record:2",
        "before-manifest:1",
        "before-manifest:2",
        "mid-part:14",
    ];
    for point in points {
        let dir = setup(3000, "task_bytes = 30000", "shard_bytes = 20000");
        let out = dir
            .sdf(&["run", "--quiet", "--jobs", "1"])
            .env("SDF_KILL_AT", point)
            .output();
        assert_eq!(
            out.status.code(),
            None,
            "{point}: process should have died by SIGKILL, stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // A second crash point during the resume, then a clean finish.
        let summary = dir.sdf(&["run", "--json", "--jobs", "2"]).json();
        assert!(statuses(&summary).iter().any(|(_, s)| s == "ran"), "{point}: {summary}");
        let got: Vec<_> = dir
            .hashes("out")
            .into_iter()
            .filter(|(k, _)| k.ends_with(".parquet"))
            .collect();
        assert_eq!(got, expected, "{point}: output differs from an uninterrupted run");
        let leftovers: Vec<_> = dir
            .hashes("out")
            .into_keys()
            .filter(|k| k.ends_with(".tmp") || k.contains(".tasks"))
            .collect();
        assert!(leftovers.is_empty(), "{point}: left behind {leftovers:?}");
        dir.sdf(&["verify", "out"]).stdout();
    }
}

#[test]
fn resume_redoes_only_unfinished_tasks() {
    let dir = setup(3000, "task_bytes = 30000", "");
    let out = dir
        .sdf(&["run", "--quiet", "--jobs", "1"])
        .env("SDF_KILL_AT", "after-task-record:5")
        .output();
    assert_eq!(out.status.code(), None);
    let summary = dir.sdf(&["run", "--json", "--jobs", "1"]).json();
    assert_eq!(summary["stages"][0]["tasks_resumed"], 5, "{summary}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/import/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["timings"]["tasks_resumed"], 5);
}

#[test]
fn verify_names_a_corrupted_part() {
    let dir = setup(500, "", "");
    dir.sdf(&["run", "--quiet"]).stdout();
    let shard = std::fs::read_dir(dir.join("out/shard/data"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut bytes = std::fs::read(&shard).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    std::fs::write(&shard, &bytes).unwrap();
    let (stdout, _) = dir.sdf(&["verify", "out"]).expect_code(1);
    assert!(
        stdout.contains(shard.file_name().unwrap().to_str().unwrap()),
        "{stdout}"
    );
    // A single stage folder works too, and a corrupted part makes the stage stale.
    dir.sdf(&["verify", "out/import"]).stdout();
    let summary = dir.sdf(&["run", "--json"]).json();
    assert_eq!(
        statuses(&summary),
        [("import".into(), "skipped".into()), ("shard".into(), "ran".into())]
    );
    dir.sdf(&["verify", "out"]).stdout();
}

#[test]
fn bad_record_names_file_and_line_and_writes_no_manifest() {
    let dir = setup(50, "", "");
    let mut corpus = jsonl_corpus(50);
    corpus.push_str("{\"txt\": \"no text field\"}\n");
    dir.write("corpus.jsonl", &corpus);
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(err.contains("corpus.jsonl:51: missing `text`"), "{err}");
    assert!(!dir.join("out/import/manifest.json").exists());
    // With on_error = "skip" it is counted and listed instead.
    dir.write("stages.toml", import_shard_config("on_error = \"skip\"", ""));
    dir.sdf(&["run", "--quiet"]).stdout();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/import/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["stats"]["skipped"], 1);
    assert_eq!(manifest["stats"]["skipped_records"][0]["at"], "corpus.jsonl:51");
    assert_eq!(manifest["rows_out"], 50);
}

#[test]
fn imports_text_and_parquet_and_false_facts_lines() {
    let dir = Dir::new();
    dir.write("docs/a.txt", "A whole plain-text document.\nSecond line.");
    dir.write(
        "docs/b.jsonl",
        "{\"universe_context_id\": \"u1\", \"doc_idea\": \"idea\", \"doc_type\": \"blog post\", \"fact\": \"f\", \"content\": \"Body text.\", \"is_true\": false}\n",
    );
    dir.write(
        "stages.toml",
        "[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"docs\"]\n",
    );
    dir.sdf(&["run", "--quiet"]).stdout();
    // Re-import our own Parquet output.
    std::fs::copy(dir.join("out/import/part-00000.parquet"), dir.join("docs2/x.parquet")).ok();
    std::fs::create_dir_all(dir.join("docs2")).unwrap();
    std::fs::copy(dir.join("out/import/part-00000.parquet"), dir.join("docs2/x.parquet")).unwrap();
    dir.write(
        "stages2.toml",
        "[run]\nout_dir = \"out2\"\n[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"docs2\"]\n",
    );
    dir.sdf(&["run", "--quiet", "--config", "stages2.toml"]).stdout();
    let mut docs = Vec::new();
    for part in ["out/import/part-00000.parquet", "out/import/part-00001.parquet"] {
        docs.extend(sdf_datasets::part::read_documents(&dir.join(part)).unwrap());
    }
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "docs/a.txt");
    assert_eq!(docs[1].id, "docs/b.jsonl:1");
    assert_eq!(
        (
            docs[1].universe.as_str(),
            docs[1].doc_type.as_str(),
            docs[1].facts.clone()
        ),
        ("u1", "blog post", vec!["f".to_string()])
    );
    let again = sdf_datasets::part::read_documents(&dir.join("out2/import/part-00000.parquet")).unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].id, "docs2/x.parquet:1");
    assert_eq!(again[0].text, "A whole plain-text document.\nSecond line.");
}
