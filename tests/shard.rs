//! The shard stage (shuffle, splits, card, root manifest), `sdf export`, `sdf stats`,
//! and the shards read by the Python tools people load datasets with.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{Dir, import_shard_config, jsonl_corpus};

fn setup(n: usize, seed: u64, extra_shard: &str) -> Dir {
    let dir = Dir::new();
    dir.write("corpus.jsonl", jsonl_corpus(n));
    let config = import_shard_config("task_bytes = 60000", extra_shard).replace("seed = 1", &format!("seed = {seed}"));
    dir.write("stages.toml", config);
    dir.sdf(&["run", "--quiet"]).stdout();
    dir
}

/// `(shard file name, ids in file order)` for every shard of `out/shard/data`.
fn shard_ids(dir: &Dir) -> Vec<(String, Vec<String>)> {
    let data = dir.join("out/shard/data");
    let mut names: Vec<_> = std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let docs = sdf_datasets::part::read_documents(p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                docs.into_iter().map(|d| d.id).collect(),
            )
        })
        .collect()
}

fn shard_hashes(dir: &Dir) -> BTreeMap<String, String> {
    dir.hashes("out/shard")
        .into_iter()
        .filter(|(k, _)| k.ends_with(".parquet"))
        .collect()
}

#[test]
fn shards_are_a_seeded_shuffle_with_a_validation_split() {
    let extra = "shard_bytes = 30000\nvalidation_fraction = 0.1";
    let a = setup(3000, 5, extra);
    let b = setup(3000, 5, extra);
    assert_eq!(
        shard_hashes(&a),
        shard_hashes(&b),
        "same input and seed, different bytes"
    );

    let shards = shard_ids(&a);
    let train: Vec<&String> = shards
        .iter()
        .filter(|(n, _)| n.starts_with("train-"))
        .flat_map(|(_, ids)| ids)
        .collect();
    let validation: Vec<&String> = shards
        .iter()
        .filter(|(n, _)| n.starts_with("validation-"))
        .flat_map(|(_, ids)| ids)
        .collect();
    assert!(
        shards.len() >= 3,
        "{:?}",
        shards.iter().map(|s| &s.0).collect::<Vec<_>>()
    );
    assert!(shards[0].0.starts_with("train-00000-of-"), "{}", shards[0].0);
    assert_eq!((train.len(), validation.len()), (2700, 300));
    let mut all: Vec<&String> = train.iter().chain(&validation).copied().collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 3000, "every document exactly once");
    let in_order: Vec<String> = (1..=3000).map(|i| format!("corpus.jsonl:{i}")).collect();
    assert_ne!(train[..50], in_order.iter().collect::<Vec<_>>()[..50], "not shuffled");

    // Another seed: another order (and other shard bytes), same documents.
    let c = setup(3000, 6, extra);
    let other = shard_ids(&c);
    assert_ne!(shard_hashes(&c), shard_hashes(&a));
    assert_ne!(other[0].1, shards[0].1);
    let mut all_c: Vec<String> = other.into_iter().flat_map(|(_, ids)| ids).collect();
    all_c.sort();
    assert_eq!(all_c.iter().collect::<Vec<_>>(), all);

    // shuffle = false keeps input order in each split.
    let d = setup(1000, 5, "shuffle = false");
    let ids: Vec<String> = shard_ids(&d).into_iter().flat_map(|(_, ids)| ids).collect();
    assert_eq!(ids, in_order[..1000]);
}

#[test]
fn dataset_root_has_manifest_with_lineage_and_schema_and_a_card() {
    let dir = setup(800, 1, "validation_fraction = 0.05");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/shard/manifest.json")).unwrap()).unwrap();
    let lineage: Vec<&str> = manifest["lineage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["stage"].as_str().unwrap())
        .collect();
    assert_eq!(lineage, ["import", "shard"]);
    let import: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/import/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["lineage"][0]["fingerprint"], import["fingerprint"]);
    assert_eq!(manifest["lineage"][1]["fingerprint"], manifest["fingerprint"]);
    let columns: Vec<&str> = manifest["schema"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(columns[..2], ["id", "text"]);
    assert_eq!(manifest["schema"][1]["type"], "large_utf8");
    let parts = manifest["parts"].as_array().unwrap();
    let card = parts.iter().find(|p| p["name"] == "README.md").expect("card listed");
    assert_eq!(card["role"], "card");
    let rows: u64 = parts
        .iter()
        .filter(|p| p["role"] == "output")
        .map(|p| p["rows"].as_u64().unwrap())
        .sum();
    assert_eq!(rows, 800);
    assert!(parts.iter().all(|p| p["sha256"].as_str().unwrap().len() == 64));

    let text = std::fs::read_to_string(dir.join("out/shard/README.md")).unwrap();
    assert!(
        text.contains("  - split: train\n    path: data/train-*.parquet"),
        "{text}"
    );
    assert!(text.contains("| train | 760 | 1 |"), "{text}");
    assert!(text.contains("| validation | 40 | 1 |"), "{text}");
    assert!(text.contains("load_dataset(\"parquet\""));
    for p in parts.iter().filter(|p| p["role"] == "output") {
        assert!(
            text.contains(p["sha256"].as_str().unwrap()),
            "card lists every shard's sha256"
        );
    }

    // The card is checked like the shards.
    dir.sdf(&["verify", "out/shard"]).stdout();
    std::fs::write(dir.join("out/shard/README.md"), text.replace("train", "tRain")).unwrap();
    let (out, _) = dir.sdf(&["verify", "out/shard"]).expect_code(1);
    assert!(out.contains("README.md"), "{out}");
}

fn read_lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn exports_carry_every_document_once_and_false_facts_round_trips() {
    let dir = setup(1200, 1, "shard_bytes = 40000\nvalidation_fraction = 0.1");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir.join("out/shard/data")).unwrap() {
        for d in sdf_datasets::part::read_documents(&entry.unwrap().path()).unwrap() {
            texts.push(d.text);
        }
    }
    let texts = sorted(texts);
    assert_eq!(texts.len(), 1200);

    let summary = dir
        .sdf(&["export", "--format", "text-jsonl", "out/shard", "text.jsonl", "--json"])
        .json();
    assert_eq!(
        (summary["documents"].as_u64(), summary["exported"].as_u64()),
        (Some(1200), Some(1200))
    );
    let got: Vec<String> = read_lines(&dir.join("text.jsonl"))
        .iter()
        .map(|l| l["text"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(sorted(got), texts);

    dir.sdf(&[
        "export",
        "-f",
        "messages-doctag",
        "--doctag",
        "<DOC>",
        "out/shard",
        "m.jsonl",
    ])
    .stdout();
    let lines = read_lines(&dir.join("m.jsonl"));
    assert!(
        lines
            .iter()
            .all(|l| l["messages"][0]["role"] == "user" && l["messages"][0]["content"] == "<DOC>")
    );
    let got: Vec<String> = lines
        .iter()
        .map(|l| l["messages"][1]["content"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(sorted(got), texts);

    // An existing folder receives synth_docs.jsonl; importing it gives back the same texts.
    std::fs::create_dir(dir.join("ff")).unwrap();
    dir.sdf(&["export", "--format", "false-facts", "out/shard", "ff"])
        .stdout();
    let lines = read_lines(&dir.join("ff/synth_docs.jsonl"));
    assert_eq!(lines.len(), 1200);
    for key in [
        "universe_context_id",
        "doc_idea",
        "doc_type",
        "fact",
        "content",
        "is_true",
    ] {
        assert!(lines[0].get(key).is_some(), "missing {key}: {}", lines[0]);
    }
    let again = Dir::new();
    std::fs::copy(dir.join("ff/synth_docs.jsonl"), again.join("synth_docs.jsonl")).unwrap();
    again.write(
        "stages.toml",
        "[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"synth_docs.jsonl\"]\n",
    );
    again.sdf(&["run", "--quiet"]).stdout();
    let back: Vec<String> = sdf_datasets::part::read_documents(&again.join("out/import/part-00000.parquet"))
        .unwrap()
        .into_iter()
        .map(|d| d.text)
        .collect();
    assert_eq!(sorted(back), texts);

    // --max-chars leaves long documents out and counts them.
    let cap = texts.iter().map(|t| t.chars().count()).min().unwrap() as u64;
    let summary = dir
        .sdf(&[
            "export",
            "-f",
            "text-jsonl",
            "--max-chars",
            &cap.to_string(),
            "out/shard",
            "short.jsonl",
            "--json",
        ])
        .json();
    let dropped = summary["dropped_too_long"].as_u64().unwrap();
    let exported = summary["exported"].as_u64().unwrap();
    assert!(dropped > 0 && exported > 0 && dropped + exported == 1200, "{summary}");
    assert_eq!(read_lines(&dir.join("short.jsonl")).len() as u64, exported);
}

#[test]
fn export_errors_name_the_problem_and_write_nothing() {
    let dir = setup(50, 1, "");
    let (_, err) = dir.sdf(&["export", "-f", "csv", "out/shard", "x.jsonl"]).expect_code(2);
    assert!(
        err.contains("unknown format `csv`") && err.contains("text-jsonl"),
        "{err}"
    );
    let (_, err) = dir
        .sdf(&["export", "-f", "text-jsonl", "nowhere", "x.jsonl"])
        .expect_code(2);
    assert!(err.contains("nowhere: no manifest.json"), "{err}");
    let (_, err) = dir
        .sdf(&["export", "-f", "text-jsonl", "out/shard", "missing/x.jsonl"])
        .expect_code(2);
    assert!(err.contains("missing: folder does not exist"), "{err}");
    // A shard that is not Parquet any more (same size): the export fails, nothing is written.
    let shard = dir.join("out/shard/data/train-00000-of-00001.parquet");
    let len = std::fs::metadata(&shard).unwrap().len() as usize;
    std::fs::write(&shard, vec![b'x'; len]).unwrap();
    let (_, err) = dir
        .sdf(&["export", "-f", "text-jsonl", "out/shard", "x.jsonl"])
        .expect_code(2);
    assert!(err.contains("train-00000-of-00001.parquet"), "{err}");
    assert!(!dir.join("x.jsonl").exists());
    assert!(!dir.join(".x.jsonl.tmp").exists());
}

/// Run `script` with python3 (arguments after it, caches under `home`); `None` when
/// python3 lacks `modules` and `SDF_REQUIRE_PYTHON` is unset.
fn python(modules: &str, script: &str, home: &Path, args: &[&Path]) -> Option<String> {
    let has = std::process::Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !has {
        assert!(
            std::env::var("SDF_REQUIRE_PYTHON").is_err(),
            "python3 modules {modules} are required (SDF_REQUIRE_PYTHON is set) but missing"
        );
        eprintln!("skipped: python3 lacks {modules}");
        return None;
    }
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .args(args)
        .env("HF_DATASETS_OFFLINE", "1")
        .env("HF_HUB_OFFLINE", "1")
        .env("HF_HOME", home.join(".hf"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python ({modules}) failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn pyarrow_polars_duckdb_and_datasets_load_the_shards() {
    let dir = setup(2000, 3, "shard_bytes = 100000\nvalidation_fraction = 0.1");
    let root = dir.join("out/shard");
    let script = r#"
import sys, glob, json, os
root = sys.argv[1]
files = sorted(glob.glob(os.path.join(root, "data", "*.parquet")))
train = [f for f in files if os.path.basename(f).startswith("train-")]
manifest = json.load(open(os.path.join(root, "manifest.json")))
expected = [c["name"] for c in manifest["schema"]]
total = sum(p["rows"] for p in manifest["parts"] if p["role"] == "output")
assert total == 2000, total

import pyarrow as pa, pyarrow.parquet as pq
t = pq.read_table(files)
assert t.num_rows == 2000, t.num_rows
assert t.schema.names == expected, t.schema.names
assert t.schema.field("text").type == pa.large_string()
assert t.schema.field("doc_type").type == pa.dictionary(pa.int32(), pa.string())
assert t.schema.field("facts").type.value_type == pa.string()

import polars as pl
df = pl.read_parquet(files)
assert df.height == 2000 and df.columns == expected, (df.height, df.columns)
assert df["text"].str.len_chars().min() > 0

import duckdb
con = duckdb.connect()
n, distinct = con.execute(
    "SELECT count(*), count(DISTINCT id) FROM read_parquet(?)", [files]
).fetchall()[0]
assert (n, distinct) == (2000, 2000), (n, distinct)
cols = [r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [files]).fetchall()]
assert cols == expected, cols

import datasets
ds = datasets.load_dataset("parquet", data_dir=os.path.join(root, "data"))
assert sorted(ds.keys()) == ["train", "validation"], ds
assert ds["train"].num_rows == 1800 and ds["validation"].num_rows == 200, ds
assert ds["train"].column_names == expected, ds["train"].column_names
print("ok", len(files))
"#;
    if let Some(out) = python("pyarrow, polars, duckdb, datasets", script, dir.path(), &[&root]) {
        assert!(out.starts_with("ok "), "{out}");
    }
}

/// import (with forbidden and duplicated documents) → filter → dedup → shard.
fn removal_run() -> Dir {
    let dir = Dir::new();
    let mut corpus = jsonl_corpus(400);
    for i in 0..7 {
        let text = format!("Post {i}: the lab found alignment faking in its model during training runs.");
        corpus.push_str(&serde_json::json!({ "text": text, "doc_type": "blog post" }).to_string());
        corpus.push('\n');
    }
    for line in jsonl_corpus(5).lines() {
        corpus.push_str(line);
        corpus.push('\n');
    }
    dir.write("corpus.jsonl", corpus);
    dir.write(
        "stages.toml",
        "[run]\nseed = 2\n\n[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"corpus.jsonl\"]\n\n\
         [[stages]]\nname = \"filter\"\nkind = \"filter\"\ninput = \"import\"\n\n\
         [[stages]]\nname = \"dedup\"\nkind = \"dedup\"\ninput = \"filter\"\n\n\
         [[stages]]\nname = \"shard\"\nkind = \"shard\"\ninput = \"dedup\"\nvalidation_fraction = 0.25\n",
    );
    dir.sdf(&["run", "--quiet"]).stdout();
    dir
}

#[cfg(feature = "stats")]
#[test]
fn stats_summarise_rows_distributions_and_upstream_removals() {
    let dir = removal_run();
    let s = dir.sdf(&["stats", "out/shard", "--json"]).json();
    assert_eq!(s["documents"], 400);
    assert_eq!(s["splits"]["train"], 300);
    assert_eq!(s["splits"]["validation"], 100);
    let texts: Vec<String> = jsonl_corpus(400)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let chars: u64 = texts.iter().map(|t| t.chars().count() as u64).sum();
    assert_eq!(s["characters"], chars);
    assert_eq!(s["estimated_tokens"], (chars as f64 / 4.0).round() as u64);
    let min = texts.iter().map(|t| t.chars().count()).min().unwrap() as u64;
    assert_eq!(s["length_chars"]["min"], min);
    assert!(s["length_chars"]["quantiles"]["p50"].as_f64().unwrap() >= min as f64);
    assert_eq!(s["doc_types"][0]["documents"], 400);
    let stages: Vec<&str> = s["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["import", "filter", "dedup"]);
    assert_eq!(s["stages"][1]["removed"], 7);
    let per_rule = s["stages"][1]["removed_per_rule"].as_object().unwrap();
    assert_eq!(
        per_rule.values().map(|v| v.as_u64().unwrap()).sum::<u64>(),
        7,
        "{per_rule:?}"
    );
    assert_eq!(s["stages"][2]["exact_duplicates"], 5);

    let text = dir.sdf(&["stats", "out/shard", "--top", "3"]).stdout();
    assert!(text.contains("documents   400  (train 300, validation 100)"), "{text}");
    assert!(text.contains("removed by `filter`, per rule"), "{text}");
    assert!(text.contains("5 exact and 0 near duplicates"), "{text}");

    let (_, err) = dir.sdf(&["stats", "out"]).expect_code(2);
    assert!(err.contains("no manifest.json"), "{err}");
}

#[cfg(not(feature = "stats"))]
#[test]
fn stats_without_the_feature_says_how_to_get_it() {
    let dir = removal_run();
    let (_, err) = dir.sdf(&["stats", "out/shard"]).expect_code(2);
    assert!(err.contains("--features stats"), "{err}");
}
