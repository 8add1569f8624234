//! Reading a finished run's folder, and `sdf report`: the run rendered as
//! `report.json` and a self-contained `report.html`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use arrow_array::{Array, StringArray};
use sdf_datasets::Document;
use sdf_datasets::manifest::{MANIFEST_FILE, StageManifest};
use sdf_datasets::part::{read_batches, read_documents};
use serde_json::{Value, json};

use crate::html::{self, Bar, Section, esc};

/// One finished stage of a run.
#[derive(Debug, Clone)]
pub struct StageInfo {
    /// Its folder.
    pub dir: PathBuf,
    /// Its manifest.
    pub manifest: StageManifest,
}

impl StageInfo {
    /// Stage name.
    pub fn name(&self) -> &str {
        &self.manifest.stage
    }

    /// Files of `role` (`output`, `rejected`), in order.
    pub fn files(&self, role: &str) -> Vec<PathBuf> {
        self.manifest
            .parts
            .iter()
            .filter(|p| p.role == role)
            .map(|p| self.dir.join(&p.name))
            .collect()
    }

    /// Every document of the files of `role`.
    pub fn documents(&self, role: &str) -> Result<Vec<Document>> {
        let mut out = Vec::new();
        for path in self.files(role) {
            out.extend(read_documents(&path).with_context(|| format!("{}: cannot read", path.display()))?);
        }
        Ok(out)
    }

    /// Removed rows over rows in (0 when nothing came in or the stage only adds rows).
    pub fn removal_rate(&self) -> f64 {
        let m = &self.manifest;
        if m.rows_in == 0 || m.rows_out >= m.rows_in {
            0.0
        } else {
            (m.rows_in - m.rows_out) as f64 / m.rows_in as f64
        }
    }
}

/// A run's out_dir: every stage folder with a manifest, upstream first.
#[derive(Debug, Clone)]
pub struct RunInfo {
    /// The folder.
    pub dir: PathBuf,
    /// Stages in dependency order.
    pub stages: Vec<StageInfo>,
}

impl RunInfo {
    /// Read every `<dir>/<stage>/manifest.json`.
    pub fn load(dir: &Path) -> Result<RunInfo> {
        let entries = std::fs::read_dir(dir).with_context(|| format!("{}: cannot read run folder", dir.display()))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.join(MANIFEST_FILE).is_file())
            .collect();
        found.sort();
        if found.is_empty() {
            bail!(
                "{}: not a finished run (no <stage>/manifest.json in it); pass a run's out_dir",
                dir.display()
            );
        }
        let mut pending = Vec::new();
        for d in found {
            let manifest = StageManifest::load(&d)?.with_context(|| format!("{}: manifest vanished", d.display()))?;
            pending.push(StageInfo { dir: d, manifest });
        }
        // Upstream first: repeatedly take stages whose inputs are placed (or absent).
        let names: Vec<String> = pending.iter().map(|s| s.manifest.stage.clone()).collect();
        let mut stages: Vec<StageInfo> = Vec::new();
        while !pending.is_empty() {
            let placed: Vec<String> = stages.iter().map(|s| s.manifest.stage.clone()).collect();
            let ready = pending.iter().position(|s| {
                s.manifest
                    .inputs
                    .iter()
                    .all(|i| placed.contains(&i.stage) || !names.contains(&i.stage))
            });
            stages.push(pending.remove(ready.unwrap_or(0)));
        }
        Ok(RunInfo {
            dir: dir.to_owned(),
            stages,
        })
    }

    /// The first filter stage.
    pub fn filter_stage(&self) -> Option<&StageInfo> {
        self.stages.iter().find(|s| s.manifest.kind == "filter")
    }

    /// The stage whose output is the run's result: the last one no other stage reads.
    pub fn final_stage(&self) -> &StageInfo {
        let read: Vec<&str> = self
            .stages
            .iter()
            .flat_map(|s| s.manifest.inputs.iter().map(|i| i.stage.as_str()))
            .collect();
        self.stages
            .iter()
            .rev()
            .find(|s| !read.contains(&s.name()))
            .unwrap_or(&self.stages[self.stages.len() - 1])
    }

    /// Per stage: name, kind, rows in/out, removal rate, seconds, tasks, bytes.
    pub fn stage_rows(&self) -> Vec<Value> {
        self.stages
            .iter()
            .map(|s| {
                let m = &s.manifest;
                json!({
                    "name": m.stage, "kind": m.kind, "rows_in": m.rows_in, "rows_out": m.rows_out,
                    "removed": m.rows_in.saturating_sub(m.rows_out), "removal_rate": s.removal_rate(),
                    "seconds": m.timings.seconds, "tasks_run": m.timings.tasks_run,
                    "tasks_resumed": m.timings.tasks_resumed,
                    "bytes": m.parts.iter().map(|p| p.bytes).sum::<u64>(), "files": m.parts.len(),
                    "sdf_version": m.sdf_version,
                })
            })
            .collect()
    }
}

/// Word-count bins of length histograms: (from, to).
pub const LENGTH_BINS: [(usize, Option<usize>); 10] = [
    (0, Some(50)),
    (50, Some(100)),
    (100, Some(200)),
    (200, Some(300)),
    (300, Some(500)),
    (500, Some(750)),
    (750, Some(1000)),
    (1000, Some(1500)),
    (1500, Some(3000)),
    (3000, None),
];

/// Labels of [`LENGTH_BINS`].
pub fn length_bin_labels() -> Vec<String> {
    LENGTH_BINS
        .iter()
        .map(|(lo, hi)| match hi {
            Some(h) => format!("{lo}–{h}"),
            None => format!("{lo}+"),
        })
        .collect()
}

/// Documents per length bin.
pub fn length_counts<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut counts = vec![0u64; LENGTH_BINS.len()];
    for t in texts {
        let words = t.split_whitespace().count();
        let bin = LENGTH_BINS
            .iter()
            .position(|(lo, hi)| words >= *lo && hi.is_none_or(|h| words < h))
            .unwrap_or(0);
        counts[bin] += 1;
    }
    counts
}

/// Counts as shares of their total.
pub fn shares(counts: &[u64]) -> Vec<f64> {
    let total: u64 = counts.iter().sum();
    counts
        .iter()
        .map(|&c| if total == 0 { 0.0 } else { c as f64 / total as f64 })
        .collect()
}

/// The length histogram of kept and removed documents (shares of each group).
pub fn length_chart(id: &str, title: &str, kept: &[u64], removed: &[u64]) -> String {
    html::histogram(
        id,
        title,
        "document length (words)",
        "share of the group's documents",
        &length_bin_labels(),
        &[
            (format!("kept ({})", kept.iter().sum::<u64>()), shares(kept)),
            (format!("removed ({})", removed.iter().sum::<u64>()), shares(removed)),
        ],
        true,
    )
}

/// Chart of rows in and out per stage, and of removal rate per stage.
pub fn stage_charts(run: &RunInfo) -> String {
    let rate_bars: Vec<Bar> = run
        .stages
        .iter()
        .map(|s| Bar {
            label: format!("{} ({})", s.name(), s.manifest.kind),
            value: s.removal_rate(),
            interval: None,
            text: format!(
                "{:.2} % ({} of {})",
                s.removal_rate() * 100.0,
                s.manifest.rows_in.saturating_sub(s.manifest.rows_out),
                s.manifest.rows_in
            ),
        })
        .collect();
    let max_rate = rate_bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let rows_bars: Vec<Bar> = run
        .stages
        .iter()
        .map(|s| Bar {
            label: s.name().to_owned(),
            value: s.manifest.rows_out as f64,
            interval: None,
            text: format!("{} → {} rows", s.manifest.rows_in, s.manifest.rows_out),
        })
        .collect();
    let time_bars: Vec<Bar> = run
        .stages
        .iter()
        .map(|s| Bar {
            label: s.name().to_owned(),
            value: s.manifest.timings.seconds,
            interval: None,
            text: format!(
                "{:.2} s ({} tasks)",
                s.manifest.timings.seconds, s.manifest.timings.tasks_run
            ),
        })
        .collect();
    let mut out = html::bar_chart(
        "chart-stage-removal",
        "Removal rate per stage",
        "share of the stage's input removed",
        &rate_bars,
        Some(if max_rate > 0.0 {
            (max_rate * 1.25).min(1.0)
        } else {
            0.01
        }),
        true,
    );
    out.push_str(&html::bar_chart(
        "chart-stage-rows",
        "Rows out per stage",
        "rows",
        &rows_bars,
        None,
        false,
    ));
    out.push_str(&html::bar_chart(
        "chart-stage-time",
        "Wall-clock time per stage",
        "seconds",
        &time_bars,
        None,
        false,
    ));
    out
}

/// The table of stages.
pub fn stage_table(run: &RunInfo) -> String {
    let rows: Vec<Vec<String>> = run
        .stages
        .iter()
        .map(|s| {
            let m = &s.manifest;
            vec![
                format!("<code>{}</code>", esc(&m.stage)),
                esc(&m.kind),
                m.rows_in.to_string(),
                m.rows_out.to_string(),
                format!("{:.2} %", s.removal_rate() * 100.0),
                format!("{:.2}", m.timings.seconds),
                format!("{} (+{} resumed)", m.timings.tasks_run, m.timings.tasks_resumed),
                m.parts.iter().map(|p| p.bytes).sum::<u64>().to_string(),
            ]
        })
        .collect();
    html::table(
        "table-stages",
        &[
            "stage", "kind", "rows in", "rows out", "removed", "seconds", "tasks", "bytes",
        ],
        &rows,
        "No stages.",
    )
}

/// Removals per rule (from the filter stage's statistics), as a chart.
pub fn rule_removal_chart(id: &str, title: &str, per_rule: &BTreeMap<String, u64>) -> String {
    let mut items: Vec<(&String, &u64)> = per_rule.iter().collect();
    items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let bars: Vec<Bar> = items
        .iter()
        .map(|&(rule, &n)| Bar {
            label: (*rule).clone(),
            value: n as f64,
            interval: None,
            text: html::count(n, "document"),
        })
        .collect();
    html::bar_chart(id, title, "documents removed", &bars, None, false)
}

/// `removed_per_rule` of a filter stage's statistics.
pub fn removed_per_rule(stage: &StageInfo) -> BTreeMap<String, u64> {
    stage
        .manifest
        .stats
        .get("removed_per_rule")
        .and_then(Value::as_object)
        .map(|o| o.iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0))).collect())
        .unwrap_or_default()
}

/// Dedup cluster sizes (kept document + its duplicates), largest first, from rejected parts.
fn dedup_clusters(stage: &StageInfo) -> Result<Vec<(String, u64)>> {
    let mut sizes: BTreeMap<String, u64> = BTreeMap::new();
    for path in stage.files("rejected") {
        for batch in read_batches(&path)? {
            let batch = batch?;
            let Some(col) = batch.column_by_name("duplicate_of") else {
                bail!("{}: no `duplicate_of` column", path.display());
            };
            let col = col
                .as_any()
                .downcast_ref::<StringArray>()
                .with_context(|| format!("{}: `duplicate_of` is not utf8", path.display()))?;
            for i in 0..col.len() {
                if col.is_valid(i) {
                    *sizes.entry(col.value(i).to_owned()).or_insert(1) += 1;
                }
            }
        }
    }
    let mut out: Vec<(String, u64)> = sizes.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(out)
}

fn stat_u64(stats: &Value, key: &str) -> u64 {
    stats.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// `sdf report` options.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The run's out_dir.
    pub run_dir: PathBuf,
    /// Where report.json and report.html go.
    pub out: PathBuf,
    /// Print the summary JSON on stdout.
    pub json: bool,
}

/// Render the run; returns the exit code.
pub fn report(options: &ReportOptions) -> Result<i32> {
    let run = RunInfo::load(&options.run_dir)?;
    let mut sections = vec![Section::new(
        "stages",
        "Stages",
        format!("{}{}", stage_table(&run), stage_charts(&run)),
    )];
    let mut filters = Vec::new();
    let mut dedups = Vec::new();
    let mut qcs = Vec::new();
    for s in &run.stages {
        let stats = &s.manifest.stats;
        match s.manifest.kind.as_str() {
            "filter" => {
                let per_rule = removed_per_rule(s);
                let kept = length_counts(s.documents("output")?.iter().map(|d| d.text.as_str()));
                let removed = length_counts(s.documents("rejected")?.iter().map(|d| d.text.as_str()));
                let body = format!(
                    "<p>Rule pack: <code>{}</code>; removed {} of {} documents.</p>{}{}",
                    esc(stats.get("rule_pack").and_then(Value::as_str).unwrap_or("?")),
                    stat_u64(stats, "removed"),
                    stat_u64(stats, "docs_in"),
                    rule_removal_chart(&format!("chart-rules-{}", s.name()), "Removals per rule", &per_rule),
                    length_chart(
                        &format!("chart-length-{}", s.name()),
                        "Length of kept and removed documents",
                        &kept,
                        &removed
                    ),
                );
                filters.push(json!({"stage": s.name(), "removed_per_rule": per_rule,
                    "removed_per_category": stats.get("removed_per_category"),
                    "length_bins": length_bin_labels(), "kept_lengths": kept, "removed_lengths": removed}));
                sections.push(Section::new(
                    &format!("filter-{}", s.name()),
                    &format!("Filter `{}`", s.name()),
                    body,
                ));
            }
            "dedup" => {
                let clusters = dedup_clusters(s)?;
                let rows: Vec<Vec<String>> = clusters
                    .iter()
                    .take(20)
                    .map(|(id, n)| vec![format!("<code>{}</code>", esc(id)), n.to_string()])
                    .collect();
                let bars: Vec<Bar> = [
                    ("exact duplicates", "exact_duplicates"),
                    ("near duplicates", "near_duplicates"),
                    ("clusters", "clusters"),
                    ("largest cluster", "largest_cluster"),
                    ("candidate pairs", "candidate_pairs"),
                ]
                .iter()
                .map(|(label, key)| Bar {
                    label: (*label).into(),
                    value: stat_u64(stats, key) as f64,
                    interval: None,
                    text: stat_u64(stats, key).to_string(),
                })
                .collect();
                let body = format!(
                    "{}<h3>Largest clusters (kept document and its duplicates)</h3>{}",
                    html::bar_chart(
                        &format!("chart-dedup-{}", s.name()),
                        "Duplicates found",
                        "count",
                        &bars,
                        None,
                        false
                    ),
                    html::table(
                        &format!("table-clusters-{}", s.name()),
                        &["kept document", "documents in cluster"],
                        &rows,
                        "No duplicates."
                    )
                );
                dedups.push(json!({"stage": s.name(), "stats": stats, "largest_clusters": clusters.iter().take(20).map(|(id, n)| json!({"kept": id, "size": n})).collect::<Vec<_>>()}));
                sections.push(Section::new(
                    &format!("dedup-{}", s.name()),
                    &format!("Dedup `{}`", s.name()),
                    body,
                ));
            }
            "qc" => {
                let report = stats.get("report").cloned().unwrap_or(Value::Null);
                let findings: Vec<Vec<String>> = report
                    .get("findings")
                    .and_then(Value::as_object)
                    .map(|o| {
                        o.iter()
                            .map(|(k, v)| {
                                vec![
                                    format!("<code>{}</code>", esc(k)),
                                    stat_u64(v, "flagged").to_string(),
                                    stat_u64(v, "dropped").to_string(),
                                ]
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let coverage: Vec<Bar> = report
                    .get("fact_coverage")
                    .and_then(Value::as_object)
                    .map(|o| {
                        o.iter()
                            .map(|(k, v)| {
                                let share = v.get("share").and_then(Value::as_f64).unwrap_or(0.0);
                                Bar {
                                    label: k.clone(),
                                    value: share,
                                    interval: None,
                                    text: format!("{:.1} % ({} docs)", share * 100.0, stat_u64(v, "documents")),
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let body = format!(
                    "<p>{} documents checked, {} flagged, {} dropped.</p><h3>Findings</h3>{}{}",
                    stat_u64(&report, "documents"),
                    stat_u64(&report, "flagged"),
                    stat_u64(&report, "dropped"),
                    html::table(
                        &format!("table-qc-{}", s.name()),
                        &["check", "flagged", "dropped"],
                        &findings,
                        "No QC findings."
                    ),
                    html::bar_chart(
                        &format!("chart-facts-{}", s.name()),
                        "Key-fact coverage",
                        "share of documents stating the fact",
                        &coverage,
                        Some(1.0),
                        true
                    )
                );
                qcs.push(json!({"stage": s.name(), "report": report}));
                sections.push(Section::new(
                    &format!("qc-{}", s.name()),
                    &format!("QC `{}`", s.name()),
                    body,
                ));
            }
            _ => {}
        }
    }
    let summary = json!({
        "run_dir": run.dir, "stages": run.stage_rows(), "final_stage": run.final_stage().name(),
        "rows_out": run.final_stage().manifest.rows_out,
    });
    let full = json!({"summary": summary, "filters": filters, "dedup": dedups, "qc": qcs});
    let subtitle = vec![
        format!("Run folder: {}", run.dir.display()),
        format!(
            "{} stages; final stage `{}` holds {} documents",
            run.stages.len(),
            run.final_stage().name(),
            run.final_stage().manifest.rows_out
        ),
    ];
    let page = html::page("sdf run report", &subtitle, &sections);
    write_outputs(&options.out, &[("report.json", pretty(&full)?), ("report.html", page)])?;
    if options.json {
        println!(
            "{}",
            serde_json::to_string(&json!({"summary": summary, "out": options.out}))?
        );
    } else {
        eprintln!("report written to {}", options.out.join("report.html").display());
    }
    Ok(crate::cli::EXIT_OK)
}

/// Pretty JSON with a final newline.
pub fn pretty(v: &Value) -> Result<String> {
    let mut s = serde_json::to_string_pretty(v)?;
    s.push('\n');
    Ok(s)
}

/// Create `dir` and write every (name, contents): all under temporary names
/// first (fsynced), then each renamed into place, so a failure leaves no
/// half-written report (and no temporary file).
pub fn write_outputs(dir: &Path, files: &[(&str, String)]) -> Result<()> {
    use std::io::Write as _;
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create output folder", dir.display()))?;
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut write_temps = || -> Result<()> {
        for (name, contents) in files {
            let path = dir.join(name);
            let temp = sdf_datasets::part::temp_path(&path);
            temps.push((temp.clone(), path));
            let mut f = std::fs::File::create(&temp).with_context(|| format!("{}: cannot create", temp.display()))?;
            f.write_all(contents.as_bytes())
                .and_then(|_| f.sync_all())
                .with_context(|| format!("{}: cannot write", temp.display()))?;
        }
        Ok(())
    };
    if let Err(e) = write_temps() {
        for (temp, _) in &temps {
            let _ = std::fs::remove_file(temp);
        }
        return Err(e);
    }
    for (temp, path) in &temps {
        std::fs::rename(temp, path).with_context(|| format!("{}: cannot rename into place", path.display()))?;
    }
    sdf_datasets::part::sync_dir(dir)?;
    Ok(())
}

/// `sdf report` flags.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// A finished run's out_dir.
    #[arg(value_name = "RUN_DIR")]
    pub run_dir: PathBuf,
    /// Folder receiving report.json and report.html.
    #[arg(short, long, value_name = "DIR", default_value = "report")]
    pub out: PathBuf,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

impl ReportArgs {
    /// Run `sdf report`; returns the exit code.
    pub fn run(self) -> Result<i32> {
        report(&ReportOptions {
            run_dir: self.run_dir,
            out: self.out,
            json: self.json,
        })
    }
}
