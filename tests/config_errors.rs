//! Bad configs: one clear message per problem, naming file:line:col, all at once.

use crate::util::Dir;

fn errors_of(config: &str) -> String {
    let dir = Dir::new();
    dir.write("corpus.jsonl", "{\"text\": \"x\"}\n");
    dir.write("stages.toml", config);
    let (_, err) = dir.sdf(&["run", "--quiet"]).expect_code(2);
    assert!(!dir.join("out").exists(), "a bad config must not create output");
    err
}

#[test]
fn unknown_key_names_position_and_stage() {
    let err = errors_of("[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"corpus.jsonl\"]\ncolour = 3\n");
    assert!(
        err.contains("stages.toml:5:1: stage `import`: unknown field `colour`"),
        "{err}"
    );
}

#[test]
fn unknown_kind() {
    let err = errors_of("[[stages]]\nname = \"a\"\nkind = \"teleport\"\n");
    assert!(
        err.contains("stages.toml:3:8: stage `a`: unknown stage kind `teleport`, expected one of: import"),
        "{err}"
    );
}

#[test]
fn missing_input_stage() {
    let err = errors_of(
        "[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"corpus.jsonl\"]\n\n[[stages]]\nname = \"shard\"\nkind = \"shard\"\ninput = \"imprt\"\n",
    );
    assert!(
        err.contains("stages.toml:9:9: stage `shard`: input `imprt` is not a stage of this file"),
        "{err}"
    );
}

#[test]
fn cycle() {
    let err = errors_of(
        "[[stages]]\nname = \"a\"\nkind = \"shard\"\ninput = \"b\"\n\n[[stages]]\nname = \"b\"\nkind = \"shard\"\ninput = \"a\"\n",
    );
    assert!(err.contains("stages form a cycle: a -> b -> a"), "{err}");
    assert!(err.contains("stages.toml:1:1"), "{err}");
}

#[test]
fn bad_type() {
    let err = errors_of(
        "[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"corpus.jsonl\"]\ntask_bytes = \"big\"\n",
    );
    assert!(
        err.contains("stages.toml:5:14: stage `import`: invalid type: string \"big\", expected u64"),
        "{err}"
    );
}

#[test]
fn every_error_in_a_file_is_reported_together() {
    let err = errors_of(
        "[run]\nseed = -1\n\n[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = []\nextra = 1\n\n[[stages]]\nname = \"s\"\nkind = \"nope\"\n\n[[stages]]\nname = \"t\"\nkind = \"shard\"\ninput = \"missing\"\nzstd_level = 99\n",
    );
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("stages.toml:")).collect();
    assert!(lines.len() >= 4, "{err}");
    assert!(err.contains("stages.toml:2:8"), "seed: {err}");
    assert!(err.contains("unknown field `extra`"), "{err}");
    assert!(err.contains("unknown stage kind `nope`"), "{err}");
    assert!(err.contains("input `missing`"), "{err}");
    assert!(err.contains("errors in"), "{err}");
}

#[test]
fn toml_syntax_error_has_position() {
    let err = errors_of("[[stages]]\nname = \"a\nkind = \"import\"\n");
    assert!(err.contains("stages.toml:2:"), "{err}");
}
