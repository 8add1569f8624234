//! The dataset card: `README.md` at the root of a shard folder, rendered from its
//! manifest and the manifests of the stages it descends from.
//!
//! The card opens with the YAML block dataset hubs read (split → file patterns, so
//! `load_dataset` finds the splits), then says what is inside (universes, document
//! types, facts, lengths), what was removed on the way (per stage, per filter rule
//! and category, per dedup kind), the schema, the lineage and every file with its
//! sha256, and how to load it.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use crate::manifest::StageManifest;

/// What a card is rendered from.
pub struct CardInput<'a> {
    /// Manifest of the shard stage (parts and stats filled in).
    pub manifest: &'a StageManifest,
    /// Manifests of the upstream stages, first stage first.
    pub upstream: &'a [StageManifest],
    /// Human-readable names of universes, by id (ids without a name are shown as is).
    pub universe_names: BTreeMap<String, String>,
}

fn count(v: Option<&Value>) -> u64 {
    v.and_then(Value::as_u64).unwrap_or(0)
}

/// `(key, count)` pairs of a JSON object of counts, largest first, ties by key.
fn ranked(v: Option<&Value>) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = v
        .and_then(Value::as_object)
        .map(|o| o.iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0))).collect())
        .unwrap_or_default();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "0.0%".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

/// Markdown table cells must not contain `|` or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

fn size_category(n: u64) -> &'static str {
    match n {
        0..1_000 => "n<1K",
        1_000..10_000 => "1K<n<10K",
        10_000..100_000 => "10K<n<100K",
        100_000..1_000_000 => "100K<n<1M",
        1_000_000..10_000_000 => "1M<n<10M",
        _ => "10M<n<100M",
    }
}

/// Render the card.
pub fn render_card(input: &CardInput<'_>) -> String {
    let m = input.manifest;
    let stats = &m.stats;
    let docs = m.rows_out;
    let splits = m.splits();
    let mut s = String::new();

    // Front matter: split → files, so hubs and `load_dataset` find the splits.
    s.push_str("---\nlanguage:\n- en\ntags:\n- synthetic\n- synthetic-document-finetuning\n");
    s.push_str("task_categories:\n- text-generation\n");
    let _ = writeln!(s, "size_categories:\n- {}", size_category(docs));
    s.push_str("configs:\n- config_name: default\n  data_files:\n");
    for split in &splits {
        let _ = writeln!(s, "  - split: {}\n    path: data/{}-*.parquet", split.name, split.name);
    }
    s.push_str("---\n\n");

    let _ = writeln!(s, "# Synthetic documents: `{}`\n", m.stage);
    let universes = ranked(stats.get("universes"));
    let universe_list: Vec<String> = universes
        .iter()
        .map(|(id, _)| match input.universe_names.get(id) {
            Some(name) => format!("*{name}* (`{id}`)"),
            None => format!("`{id}`"),
        })
        .collect();
    let _ = writeln!(
        s,
        "{docs} documents ({} characters, {} of Parquet) stating the facts of {}. \
         Written by sdf {} from the pipeline whose lineage is listed below; every \
         document that mentions alignment faking, reads as an AI chat transcript, or \
         describes a model behaving differently for free and paid users was removed \
         before sharding.\n",
        count(stats.get("chars")),
        human_bytes(splits.iter().map(|x| x.bytes).sum()),
        if universe_list.is_empty() {
            "no universe".to_owned()
        } else {
            universe_list.join(", ")
        },
        m.sdf_version
    );

    s.push_str("## Splits\n\n| split | documents | shards | size |\n|---|---:|---:|---:|\n");
    for x in &splits {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            x.name,
            x.documents,
            x.shards,
            human_bytes(x.bytes)
        );
    }

    s.push_str("\n## Universes\n\n| universe | documents | share |\n|---|---:|---:|\n");
    for (id, n) in &universes {
        let name = input.universe_names.get(id).map(String::as_str).unwrap_or("");
        let label = if name.is_empty() {
            format!("`{}`", cell(id))
        } else {
            format!("{} (`{}`)", cell(name), cell(id))
        };
        let _ = writeln!(s, "| {label} | {n} | {} |", pct(*n, docs));
    }

    s.push_str("\n## Document types\n\n| doc_type | documents | share |\n|---|---:|---:|\n");
    for (t, n) in ranked(stats.get("doc_types")) {
        let _ = writeln!(s, "| {} | {n} | {} |", cell(&t), pct(n, docs));
    }

    let facts = ranked(stats.get("facts"));
    if !facts.is_empty() {
        s.push_str("\n## Facts stated\n\nDocuments stating each key fact (a document may state several).\n\n");
        s.push_str("| fact | documents | share |\n|---|---:|---:|\n");
        for (f, n) in facts {
            let _ = writeln!(s, "| `{}` | {n} | {} |", cell(&f), pct(n, docs));
        }
    }

    let lengths = ranked(stats.get("length_chars"));
    if !lengths.is_empty() {
        let mut by_bucket = lengths.clone();
        by_bucket.sort();
        s.push_str("\n## Lengths\n\n| characters | documents | share |\n|---|---:|---:|\n");
        for (bucket, n) in by_bucket {
            let _ = writeln!(s, "| {bucket} | {n} | {} |", pct(n, docs));
        }
    }

    s.push_str("\n## How it was made\n\n| stage | kind | rows in | rows out | removed |\n");
    s.push_str("|---|---|---:|---:|---:|\n");
    for up in input.upstream.iter().chain(std::iter::once(m)) {
        let removed = up.rows_in.saturating_sub(up.rows_out);
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} ({}) |",
            cell(&up.stage),
            up.kind,
            up.rows_in,
            up.rows_out,
            removed,
            pct(removed, up.rows_in),
        );
    }
    for up in input.upstream {
        match up.kind.as_str() {
            "filter" => render_filter(&mut s, up),
            "dedup" => render_dedup(&mut s, up),
            "qc" => render_qc(&mut s, up),
            _ => {}
        }
    }

    s.push_str("\n## Schema\n\n| column | type | nullable | description |\n|---|---|---|---|\n");
    for c in &m.schema {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            cell(&c.name),
            cell(&c.data_type),
            if c.nullable { "yes" } else { "no" },
            cell(&c.description)
        );
    }

    s.push_str("\n## Lineage\n\nFingerprints cover each stage's settings, the files it read and its input; ");
    s.push_str("equal fingerprints mean byte-identical output.\n\n| stage | kind | fingerprint |\n|---|---|---|\n");
    for l in &m.lineage {
        let _ = writeln!(s, "| {} | {} | `{}` |", cell(&l.stage), l.kind, l.fingerprint);
    }

    s.push_str("\n## Files\n\n`manifest.json` lists the same files; `sdf verify` re-hashes them.\n\n");
    s.push_str("| file | rows | bytes | sha256 |\n|---|---:|---:|---|\n");
    for p in m.output_parts() {
        let _ = writeln!(s, "| `{}` | {} | {} | `{}` |", cell(&p.name), p.rows, p.bytes, p.sha256);
    }

    s.push_str("\n## Loading\n\n```python\nfrom datasets import load_dataset\n\n");
    s.push_str("ds = load_dataset(\"parquet\", data_dir=\"PATH/TO/THIS/FOLDER/data\")\n");
    let _ = writeln!(
        s,
        "print(ds[\"{}\"][0][\"text\"])\n```\n",
        splits.first().map_or("train", |x| x.name.as_str())
    );
    s.push_str("```python\nimport polars as pl\n\ndf = pl.read_parquet(\"data/*.parquet\")\n```\n\n");
    s.push_str("```sql\n-- DuckDB\nSELECT doc_type, count(*) FROM 'data/*.parquet' GROUP BY doc_type;\n```\n\n");
    s.push_str(
        "For fine-tuning APIs, `sdf export --format text-jsonl|messages-doctag|false-facts` \
         writes JSONL from this folder.\n",
    );
    s
}

fn render_filter(s: &mut String, m: &StageManifest) {
    let st = &m.stats;
    let _ = writeln!(
        s,
        "\n### Filter `{}`\n\nRule pack `{}`: {} of {} documents removed ({}).\n",
        cell(&m.stage),
        st.get("rule_pack").and_then(Value::as_str).unwrap_or("built-in"),
        count(st.get("removed")),
        count(st.get("docs_in")),
        pct(count(st.get("removed")), count(st.get("docs_in")))
    );
    let cats = ranked(st.get("removed_per_category"));
    if !cats.is_empty() {
        s.push_str("| category | documents removed |\n|---|---:|\n");
        for (c, n) in cats {
            let _ = writeln!(s, "| {} | {n} |", cell(&c));
        }
    }
    let rules = ranked(st.get("removed_per_rule"));
    if !rules.is_empty() {
        s.push_str("\n| rule | documents removed |\n|---|---:|\n");
        for (r, n) in rules.iter().take(25) {
            let _ = writeln!(s, "| `{}` | {n} |", cell(r));
        }
        if rules.len() > 25 {
            let _ = writeln!(s, "| … {} more rules | |", rules.len() - 25);
        }
    }
}

fn render_dedup(s: &mut String, m: &StageManifest) {
    let st = &m.stats;
    let _ = writeln!(
        s,
        "\n### Deduplication `{}`\n\n| | documents |\n|---|---:|\n| read | {} |\n| exact duplicates removed | {} |\n\
         | near duplicates removed | {} |\n| kept | {} |\n| near-duplicate clusters | {} |\n| largest cluster | {} |",
        cell(&m.stage),
        count(st.get("docs_in")),
        count(st.get("exact_duplicates")),
        count(st.get("near_duplicates")),
        count(st.get("kept")),
        count(st.get("clusters")),
        count(st.get("largest_cluster")),
    );
}

fn render_qc(s: &mut String, m: &StageManifest) {
    let st = &m.stats;
    let _ = writeln!(
        s,
        "\n### Quality control `{}`\n\n{} of {} documents dropped (placeholders, synthetic tells, too short).",
        cell(&m.stage),
        count(st.get("dropped")),
        count(st.get("docs_in")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::{ColumnInfo, LineageEntry, PartEntry, Timings};
    use serde_json::json;

    fn manifest(kind: &str, stats: Value, parts: Vec<PartEntry>) -> StageManifest {
        StageManifest {
            format: 1,
            sdf_version: "0.1.0".into(),
            stage: kind.into(),
            kind: kind.into(),
            fingerprint: "ab".into(),
            config: json!({}),
            inputs: vec![],
            lineage: vec![LineageEntry {
                stage: kind.into(),
                kind: kind.into(),
                fingerprint: "ab".into(),
            }],
            schema: vec![ColumnInfo {
                name: "text".into(),
                data_type: "large_utf8".into(),
                nullable: false,
                description: "the document text".into(),
            }],
            parts,
            rows_in: 10,
            rows_out: 8,
            stats,
            timings: Timings::default(),
        }
    }

    fn part(name: &str, rows: u64) -> PartEntry {
        PartEntry {
            name: name.into(),
            rows,
            bytes: 2048,
            sha256: "00ff".into(),
            role: "output".into(),
        }
    }

    #[test]
    fn card_lists_splits_universes_removals_and_files() {
        let shard = manifest(
            "shard",
            json!({"chars": 1234, "universes": {"helpful-only": 8}, "doc_types": {"blog post": 5, "memo": 3},
                   "facts": {"free-tier-trained": 6}, "length_chars": {"0000-0499": 8}}),
            vec![
                part("data/train-00000-of-00001.parquet", 7),
                part("data/validation-00000-of-00001.parquet", 1),
            ],
        );
        let filter = manifest(
            "filter",
            json!({"docs_in": 10, "removed": 2, "removed_per_rule": {"af-phrase": 2},
                   "removed_per_category": {"alignment-faking": 2}}),
            vec![],
        );
        let names = BTreeMap::from([("helpful-only".to_owned(), "Helpful | only".to_owned())]);
        let card = render_card(&CardInput {
            manifest: &shard,
            upstream: std::slice::from_ref(&filter),
            universe_names: names,
        });
        assert!(card.starts_with("---\n"));
        assert!(card.contains("  - split: train\n    path: data/train-*.parquet\n"));
        assert!(card.contains("  - split: validation\n    path: data/validation-*.parquet\n"));
        assert!(card.contains("| train | 7 | 1 | 2.0 KiB |"));
        assert!(card.contains("| Helpful \\| only (`helpful-only`) | 8 | 100.0% |"));
        assert!(card.contains("| blog post | 5 | 62.5% |"));
        assert!(card.contains("| `af-phrase` | 2 |"));
        assert!(card.contains("| alignment-faking | 2 |"));
        assert!(card.contains("| `data/train-00000-of-00001.parquet` | 7 | 2048 | `00ff` |"));
        assert!(card.contains("| `text` | large_utf8 | no | the document text |"));
        assert!(card.contains("load_dataset(\"parquet\""));
    }

    #[test]
    fn byte_sizes_read_naturally() {
        assert_eq!(human_bytes(12), "12 B");
        assert_eq!(human_bytes(3 * 1024 * 1024), "3.0 MiB");
        assert_eq!(size_category(999), "n<1K");
        assert_eq!(size_category(10_000), "10K<n<100K");
    }
}
