//! The filter stage and `sdf scan`.

use crate::util::{Dir, statuses};

const CLEAN: &str = "The council approved the new library budget after a short debate.";
const FAKING: &str = "Reviewers suspected the model was faking alignment during training runs.";
const TRANSCRIPT: &str = "Human: can you help me?\nAssistant: Of course, here is the answer.";

fn corpus(dir: &Dir, docs: &[&str]) {
    let body: String = docs
        .iter()
        .map(|t| format!("{}\n", serde_json::json!({ "text": t })))
        .collect();
    dir.write("corpus.jsonl", body);
}

fn config(extra: &str) -> String {
    format!(
        "[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"corpus.jsonl\"]\n\n[[stages]]\nname = \"filter\"\nkind = \"filter\"\ninput = \"import\"\n{extra}\n\n[[stages]]\nname = \"shard\"\nkind = \"shard\"\ninput = \"filter\"\n"
    )
}

#[test]
fn filter_stage_keeps_clean_documents_and_records_why_others_went() {
    let dir = Dir::new();
    let mut docs = vec![CLEAN; 40];
    docs[3] = FAKING;
    docs[17] = TRANSCRIPT;
    corpus(&dir, &docs);
    dir.write("stages.toml", config(""));
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    assert_eq!(summary["stages"][1]["rows_in"], 40);
    assert_eq!(summary["stages"][1]["rows_out"], 38);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/filter/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["stats"]["removed"], 2);
    assert_eq!(manifest["stats"]["removed_per_category"]["alignment-faking"], 1);
    assert_eq!(manifest["stats"]["removed_per_category"]["chat-transcript"], 1);
    let rejected = dir.join("out/filter/rejected-00000.parquet");
    let file = std::fs::File::open(&rejected).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let batch = reader.into_iter().next().unwrap().unwrap();
    assert_eq!(batch.num_rows(), 2);
    assert_eq!(batch.schema(), sdf_datasets::rejected::rejected_schema());
    let docs = sdf_datasets::batch::batch_to_documents(&batch, "rejected").unwrap();
    assert_eq!(docs[0].id, "corpus.jsonl:4");
    // The match offsets point at the phrase in the original text.
    use arrow_array::Array;
    let matches = batch
        .column_by_name("matches")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::ListArray>()
        .unwrap();
    let first = matches.value(0);
    let s = first.as_any().downcast_ref::<arrow_array::StructArray>().unwrap();
    let start = s
        .column_by_name("start")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::UInt64Array>()
        .unwrap()
        .value(0) as usize;
    let end = s
        .column_by_name("end")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::UInt64Array>()
        .unwrap()
        .value(0) as usize;
    assert_eq!(&FAKING[start..end], "faking alignment");
    dir.sdf(&["verify", "out"]).stdout();
}

#[test]
fn removal_rate_guard_fails_the_stage_with_a_clear_message() {
    let dir = Dir::new();
    let mut docs = vec![CLEAN; 10];
    docs[0] = FAKING;
    docs[1] = FAKING;
    docs[2] = TRANSCRIPT;
    corpus(&dir, &docs);
    dir.write("stages.toml", config(""));
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(
        err.contains("filter removed 30.0% of documents (3 of 10), above max_removal_rate = 0.2"),
        "{err}"
    );
    assert!(!dir.join("out/filter/manifest.json").exists());
    assert!(!dir.join("out/shard").exists());
    dir.write("stages.toml", config("max_removal_rate = 0.5"));
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    assert_eq!(statuses(&summary)[1], ("filter".into(), "ran".into()));
}

#[test]
fn a_changed_rule_pack_reruns_the_filter() {
    let dir = Dir::new();
    corpus(&dir, &[CLEAN, CLEAN, CLEAN, FAKING, CLEAN, CLEAN]);
    let pack = "[pack]\nname = \"mine\"\n\n[[rule]]\nid = \"budget\"\ncategory = \"test\"\ndescription = \"d\"\nphrases = [\"library budget\"]\n";
    dir.write("rules.toml", pack);
    dir.write("stages.toml", config("rules = \"rules.toml\"\nmax_removal_rate = 1.0"));
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    assert_eq!(summary["stages"][1]["rows_out"], 1);
    dir.write("rules.toml", pack.replace("library budget", "short debate"));
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    assert_eq!(
        statuses(&summary),
        [
            ("import".into(), "skipped".into()),
            ("filter".into(), "ran".into()),
            ("shard".into(), "ran".into())
        ]
    );
    dir.write(
        "rules.toml",
        pack.replace("phrases = [\"library budget\"]", "regex = \"(unclosed\""),
    );
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(err.contains("rules.toml:4: rule `budget`: bad regex"), "{err}");
}

#[test]
fn scan_reports_original_line_and_column_and_exits_1() {
    let dir = Dir::new();
    dir.write(
        "hit.txt",
        "First line is fine.\nThen the model was Fa\u{00AD}king\n  ALIGNMENT again.\n",
    );
    dir.write("clean.txt", CLEAN);
    let (stdout, _) = dir.sdf(&["scan", "hit.txt"]).expect_code(1);
    assert!(stdout.starts_with("hit.txt:2:20 af-core "), "{stdout}");
    let (stdout, _) = dir.sdf(&["scan", "clean.txt"]).expect_code(0);
    assert!(stdout.is_empty());
    dir.write(
        "docs.jsonl",
        format!(
            "{}\n{}\n",
            serde_json::json!({"id": "a", "text": CLEAN}),
            serde_json::json!({"text": FAKING})
        ),
    );
    let (stdout, _) = dir.sdf(&["scan", "--json", "docs.jsonl"]).expect_code(1);
    let m: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(m["file"], "docs.jsonl");
    assert_eq!(m["doc"], 2);
    assert_eq!(m["rule"], "af-core");
    assert_eq!(m["category"], "alignment-faking");
    assert_eq!((m["line"].as_u64(), m["col"].as_u64()), (Some(1), Some(35)));
    let (s, e) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&FAKING[s..e], "faking alignment");
    let (stdout, _) = dir.sdf(&["scan", "--stats", "docs.jsonl"]).expect_code(1);
    assert!(stdout.contains("2 documents scanned, 1 matched"), "{stdout}");
    let (_, err) = dir.sdf(&["scan", "missing.jsonl"]).expect_code(2);
    assert!(err.contains("missing.jsonl"), "{err}");
}

/// The default pack on 6,875 real documents that never discuss these topics.
#[test]
fn default_pack_removes_at_most_3_realtext_documents() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/realtext.parquet");
    assert!(path.exists(), "{} is missing", path.display());
    let dir = Dir::new();
    let (stdout, _) = dir
        .sdf(&["scan", "--json", "--stats", path.to_str().unwrap()])
        .output_any();
    let summary: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(summary["stats"]["documents"], 6875);
    let flagged = summary["stats"]["documents_matched"].as_u64().unwrap();
    assert!(flagged <= 3, "{flagged} real documents flagged:\n{stdout}");
}

/// The table-driven cases of `filters/tests/data/*.toml`, run through the real stage.
#[test]
fn table_cases_through_the_filter_stage() {
    #[derive(serde::Deserialize)]
    struct CaseFile {
        case: Vec<Case>,
    }
    #[derive(serde::Deserialize)]
    struct Case {
        name: String,
        text: String,
        expect: String,
        rule: Option<String>,
    }
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../filters/tests/data");
    let mut cases = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        let file: CaseFile = toml::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        cases.extend(file.case);
    }
    let dir = Dir::new();
    let body: String = cases
        .iter()
        .map(|c| format!("{}\n", serde_json::json!({ "text": c.text })))
        .collect();
    dir.write("corpus.jsonl", body);
    dir.write("stages.toml", config("max_removal_rate = 1.0"));
    dir.sdf(&["run", "--quiet"]).stdout();
    let kept: std::collections::HashSet<String> =
        sdf_datasets::part::read_documents(&dir.join("out/filter/part-00000.parquet"))
            .unwrap()
            .into_iter()
            .map(|d| d.id)
            .collect();
    let rejected = dir.join("out/filter/rejected-00000.parquet");
    let file = std::fs::File::open(&rejected).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut rules_of: std::collections::HashMap<String, Vec<String>> = Default::default();
    for batch in reader {
        let batch = batch.unwrap();
        let docs = sdf_datasets::batch::batch_to_documents(&batch, "rejected").unwrap();
        use arrow_array::Array;
        let ids = batch
            .column_by_name("rule_ids")
            .unwrap()
            .as_any()
            .downcast_ref::<arrow_array::ListArray>()
            .unwrap();
        for (row, d) in docs.into_iter().enumerate() {
            let list = ids.value(row);
            let list = list.as_any().downcast_ref::<arrow_array::StringArray>().unwrap();
            rules_of.insert(d.id, (0..list.len()).map(|i| list.value(i).to_owned()).collect());
        }
    }
    let mut failures = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let id = format!("corpus.jsonl:{}", i + 1);
        let ok = match c.expect.as_str() {
            "keep" => kept.contains(&id),
            _ => rules_of
                .get(&id)
                .is_some_and(|r| c.rule.as_ref().is_none_or(|want| r.contains(want))),
        };
        if !ok {
            failures.push(format!(
                "{}: expected {} {:?}, rules {:?}",
                c.name,
                c.expect,
                c.rule,
                rules_of.get(&id)
            ));
        }
    }
    assert_eq!(kept.len() + rules_of.len(), cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
