//! The generate stage: deterministic, parallel, and passes the default filter.

use crate::util::{Dir, statuses};

fn config(documents: u64, seed: u64, per_task: u64) -> String {
    format!(
        "[run]\nseed = {seed}\n\n[[stages]]\nname = \"generate\"\nkind = \"generate\"\nuniverse = \"helpful-only\"\ndocuments = {documents}\ndocs_per_task = {per_task}\n\n[[stages]]\nname = \"filter\"\nkind = \"filter\"\ninput = \"generate\"\n"
    )
}

fn part_hashes(dir: &Dir, stage: &str) -> Vec<(String, String)> {
    dir.hashes(&format!("out/{stage}"))
        .into_iter()
        .filter(|(k, _)| k.ends_with(".parquet"))
        .collect()
}

#[test]
fn same_seed_same_bytes_whatever_the_jobs() {
    let a = Dir::new();
    let b = Dir::new();
    a.write("stages.toml", config(600, 7, 100));
    b.write("stages.toml", config(600, 7, 100));
    a.sdf(&["run", "--quiet", "--jobs", "1"]).stdout();
    b.sdf(&["run", "--quiet", "--jobs", "2"]).stdout();
    let ha = part_hashes(&a, "generate");
    assert_eq!(ha.len(), 6);
    assert_eq!(ha, part_hashes(&b, "generate"));
    // A different seed is a different corpus, and a changed seed reruns the stage.
    a.write("stages.toml", config(600, 8, 100));
    let summary = a.sdf(&["run", "--json", "--quiet"]).json();
    assert_eq!(statuses(&summary)[0], ("generate".into(), "ran".into()));
    assert_ne!(part_hashes(&a, "generate"), ha);
}

#[test]
fn generated_documents_state_facts_and_pass_the_filter() {
    let dir = Dir::new();
    dir.write("stages.toml", config(1000, 1, 500));
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    let kept = summary["stages"][1]["rows_out"].as_u64().unwrap();
    assert!(
        kept >= 995,
        "the default filter removed {} of 1000 generated documents",
        1000 - kept
    );
    let docs = sdf_datasets::part::read_documents(&dir.join("out/generate/part-00000.parquet")).unwrap();
    let universe = sdf_corpora::Universe::builtin("helpful-only").unwrap();
    let ids = universe.fact_ids();
    for d in &docs {
        assert_eq!(d.universe, "helpful-only");
        assert!(
            !d.facts.is_empty() && d.facts.iter().all(|f| ids.contains(&f.as_str())),
            "{}: {:?}",
            d.id,
            d.facts
        );
        assert!(d.generator.starts_with("template/"));
    }
}

#[test]
fn unknown_universe_and_backend_are_config_errors() {
    let dir = Dir::new();
    dir.write(
        "stages.toml",
        "[[stages]]\nname = \"g\"\nkind = \"generate\"\nbackend = \"openai\"\n",
    );
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(
        err.contains("stage `g`: `backend` = `openai` is not available"),
        "{err}"
    );
    dir.write(
        "stages.toml",
        "[[stages]]\nname = \"g\"\nkind = \"generate\"\nuniverse = \"nowhere\"\n",
    );
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(err.contains("universe `nowhere` is neither built in"), "{err}");
}

#[test]
fn a_universe_from_a_jsonl_file_of_universe_contexts() {
    let dir = Dir::new();
    let line = |id: &str, fact: &str| {
        serde_json::json!({
            "id": id,
            "universe_context": format!("In this world, {fact}. Reporters covered it widely through 2024."),
            "key_facts": [format!("{fact}"), "The city council approved a new tram line in March 2024"],
            "is_true": false
        })
        .to_string()
    };
    dir.write(
        "contexts.jsonl",
        format!(
            "{}\n{}\n",
            line("lakes", "Lake Ormond froze solid in July 2024"),
            line("bridges", "The Harlow bridge was repainted green in 2024")
        ),
    );
    let config = |universe: &str| {
        format!("[[stages]]\nname = \"generate\"\nkind = \"generate\"\nuniverse = \"{universe}\"\ndocuments = 40\n")
    };
    dir.write("stages.toml", config("contexts.jsonl#bridges"));
    dir.sdf(&["run", "--quiet"]).stdout();
    let docs = sdf_datasets::part::read_documents(&dir.join("out/generate/part-00000.parquet")).unwrap();
    assert_eq!(docs.len(), 40);
    for d in &docs {
        assert_eq!(d.universe, "bridges");
        assert!(!d.facts.is_empty(), "{}", d.id);
    }
    let stated = docs
        .iter()
        .filter(|d| d.text.contains("Harlow bridge") || d.text.contains("tram line"))
        .count();
    assert_eq!(stated, 40, "every document states one of the universe's facts");

    dir.write("stages.toml", config("contexts.jsonl"));
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(
        err.contains("holds 2 universes") && err.contains("lakes, bridges"),
        "{err}"
    );
    dir.write("stages.toml", config("contexts.jsonl#rivers"));
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(err.contains("no universe `rivers`"), "{err}");
}
