//! `sdf stats DATASET`: what a dataset holds (from a lazy scan of its rows) and what
//! was removed on the way to it (from the manifests of the stages in its lineage).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::Result;
use sdf_datasets::manifest::StageManifest;
use serde_json::{Value, json};

/// Rows in, rows out and removals of one upstream stage.
fn stage_summary(m: &StageManifest) -> Value {
    let mut v = json!({
        "stage": m.stage,
        "kind": m.kind,
        "rows_in": m.rows_in,
        "rows_out": m.rows_out,
        "removed": m.rows_in.saturating_sub(m.rows_out),
    });
    let st = &m.stats;
    match m.kind.as_str() {
        "filter" => {
            v["removed_per_rule"] = st.get("removed_per_rule").cloned().unwrap_or(json!({}));
            v["removed_per_category"] = st.get("removed_per_category").cloned().unwrap_or(json!({}));
        }
        "dedup" => {
            v["exact_duplicates"] = st.get("exact_duplicates").cloned().unwrap_or(json!(0));
            v["near_duplicates"] = st.get("near_duplicates").cloned().unwrap_or(json!(0));
            v["clusters"] = st.get("clusters").cloned().unwrap_or(json!(0));
        }
        "qc" => {
            v["dropped"] = st.get("dropped").cloned().unwrap_or(json!(0));
        }
        _ => {}
    }
    v
}

/// The manifests of the stages `manifest` descends from, looked up next to `dir`
/// (the run layout `out/<stage>/`); a stage whose folder now holds another
/// fingerprint is reported as missing rather than mixed in.
fn lineage_manifests(dir: &Path, manifest: &StageManifest) -> (Vec<StageManifest>, Vec<String>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    let parent = dir.parent().unwrap_or(Path::new("."));
    for entry in &manifest.lineage {
        if entry.stage == manifest.stage {
            continue;
        }
        match StageManifest::load(&parent.join(&entry.stage)) {
            Ok(Some(m)) if m.fingerprint == entry.fingerprint => found.push(m),
            _ => missing.push(entry.stage.clone()),
        }
    }
    (found, missing)
}

/// Print the statistics of the dataset at `dir`.
pub fn run(dir: &Path, as_json: bool, top: usize) -> Result<i32> {
    let (manifest, parts) = crate::export::dataset_parts(dir)?;
    let text = text_stats(&parts)?;
    let (upstream, missing) = lineage_manifests(dir, &manifest);
    let summary = json!({
        "dataset": dir,
        "stage": manifest.stage,
        "kind": manifest.kind,
        "files": parts.len(),
        "splits": manifest
            .splits()
            .into_iter()
            .map(|s| (s.name, s.documents))
            .collect::<BTreeMap<_, _>>(),
        "documents": text.documents,
        "characters": text.characters,
        "text_bytes": text.text_bytes,
        "estimated_tokens": text.estimated_tokens,
        "chars_per_token": sdf_datasets::stats::CHARS_PER_TOKEN,
        "length_chars": {
            "min": text.length_chars.min,
            "max": text.length_chars.max,
            "mean": text.length_chars.mean,
            "quantiles": text.length_chars.quantiles.iter().cloned().collect::<BTreeMap<_, _>>(),
        },
        "doc_types": pairs(&text.doc_types),
        "universes": pairs(&text.universes),
        "facts": pairs(&text.facts),
        "stages": upstream.iter().map(stage_summary).collect::<Vec<_>>(),
        "stages_missing": missing,
    });
    if as_json {
        println!("{}", serde_json::to_string(&summary)?);
        return Ok(crate::cli::EXIT_OK);
    }
    let mut out = std::io::stdout().lock();
    print_text(&mut out, &summary, &text, top)?;
    Ok(crate::cli::EXIT_OK)
}

fn pairs(v: &[(String, u64)]) -> Value {
    Value::Array(v.iter().map(|(k, n)| json!({"value": k, "documents": n})).collect())
}

fn print_table(out: &mut impl Write, title: &str, rows: &[(String, u64)], total: u64, top: usize) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{title:<40} {:>10} {:>7}", "documents", "share")?;
    for (k, n) in rows.iter().take(top) {
        let share = if total == 0 {
            0.0
        } else {
            *n as f64 * 100.0 / total as f64
        };
        writeln!(
            out,
            "  {:<38} {n:>10} {share:>6.1}%",
            if k.is_empty() { "(none)" } else { k }
        )?;
    }
    if rows.len() > top {
        writeln!(out, "  … {} more (--top N, or --json for all)", rows.len() - top)?;
    }
    Ok(())
}

fn print_text(out: &mut impl Write, s: &Value, text: &sdf_datasets::stats::TextStats, top: usize) -> Result<()> {
    writeln!(
        out,
        "dataset     {} (stage `{}`, {} files)",
        s["dataset"].as_str().unwrap_or(""),
        s["stage"].as_str().unwrap_or(""),
        s["files"]
    )?;
    let splits: Vec<String> = s["splits"]
        .as_object()
        .map(|o| o.iter().map(|(k, v)| format!("{k} {v}")).collect())
        .unwrap_or_default();
    writeln!(out, "documents   {}  ({})", text.documents, splits.join(", "))?;
    writeln!(
        out,
        "characters  {}  ({} bytes of UTF-8)",
        text.characters, text.text_bytes
    )?;
    writeln!(
        out,
        "tokens      ~{}  (characters / {})",
        text.estimated_tokens,
        sdf_datasets::stats::CHARS_PER_TOKEN
    )?;
    let q: Vec<String> = text
        .length_chars
        .quantiles
        .iter()
        .map(|(k, v)| format!("{k} {v:.0}"))
        .collect();
    writeln!(
        out,
        "length      min {}  {}  max {}  mean {:.0} (characters)",
        text.length_chars.min,
        q.join("  "),
        text.length_chars.max,
        text.length_chars.mean
    )?;
    print_table(out, "doc_type", &text.doc_types, text.documents, top)?;
    print_table(out, "universe", &text.universes, text.documents, top)?;
    print_table(
        out,
        "fact (a document may state several)",
        &text.facts,
        text.documents,
        top,
    )?;
    if let Some(stages) = s["stages"].as_array().filter(|a| !a.is_empty()) {
        writeln!(
            out,
            "\n{:<20} {:<10} {:>10} {:>10} {:>10}",
            "stage", "kind", "rows in", "rows out", "removed"
        )?;
        for st in stages {
            writeln!(
                out,
                "  {:<18} {:<10} {:>10} {:>10} {:>10}",
                st["stage"].as_str().unwrap_or(""),
                st["kind"].as_str().unwrap_or(""),
                st["rows_in"].as_u64().unwrap_or(0),
                st["rows_out"].as_u64().unwrap_or(0),
                st["removed"].as_u64().unwrap_or(0)
            )?;
        }
        for st in stages {
            let name = st["stage"].as_str().unwrap_or("");
            if let Some(rules) = st.get("removed_per_rule").and_then(Value::as_object) {
                let mut rows: Vec<(String, u64)> = rules
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0)))
                    .collect();
                rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let removed = st["removed"].as_u64().unwrap_or(0);
                print_table(out, &format!("removed by `{name}`, per rule"), &rows, removed, top)?;
            }
            if st.get("exact_duplicates").is_some() {
                writeln!(
                    out,
                    "\nremoved by `{name}`: {} exact and {} near duplicates ({} clusters)",
                    st["exact_duplicates"], st["near_duplicates"], st["clusters"]
                )?;
            }
        }
    }
    if let Some(missing) = s["stages_missing"].as_array().filter(|a| !a.is_empty()) {
        let names: Vec<&str> = missing.iter().filter_map(Value::as_str).collect();
        writeln!(
            out,
            "\n(no matching output for upstream stage(s) {}: removals not shown)",
            names.join(", ")
        )?;
    }
    Ok(())
}

#[cfg(feature = "stats")]
fn text_stats(parts: &[std::path::PathBuf]) -> Result<sdf_datasets::stats::TextStats> {
    Ok(sdf_datasets::stats::text_stats(parts)?)
}

#[cfg(not(feature = "stats"))]
fn text_stats(_parts: &[std::path::PathBuf]) -> Result<sdf_datasets::stats::TextStats> {
    anyhow::bail!(
        "this sdf was built without the `stats` feature; rebuild with `cargo build --release --features stats`"
    )
}
