//! Runs a plan: skips fresh stages, resumes interrupted ones, runs tasks in parallel.
//!
//! A stage folder moves through three states:
//! 1. *complete*: `manifest.json` present — its fingerprint says what it holds;
//! 2. *in progress*: no manifest, a `.tasks/` folder with the fingerprint being
//!    built and one completion record per finished task (written after the
//!    task's parts were renamed into place);
//! 3. *absent*.
//!
//! A rerun with the same fingerprint keeps every task whose record and parts
//! verify and redoes the rest; any other fingerprint wipes the folder first.
//! The manifest is written last, atomically, so a crash at any point leaves
//! either the old complete state or a resumable in-progress one.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sdf_datasets::TOOL_VERSION;
use sdf_datasets::manifest::{InputEntry, LineageEntry, MANIFEST_FILE, StageManifest, Timings, verify_entry};
use sdf_datasets::part::{WriteOptions, remove_stale_temps, write_atomic};
use serde::Serialize;

use crate::cache::FileCache;
use crate::fingerprint::stage_fingerprint;
use crate::plan::Plan;
use crate::stages::{InputDataset, StageEnv, TaskOutput, build_runner};

/// Folder of task completion records inside a stage folder.
pub const TASKS_DIR: &str = ".tasks";
const TASKS_FINGERPRINT: &str = "fingerprint";

/// How to run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Stages to (re)run; empty = all. Their stale upstream runs first.
    pub stages: Vec<String>,
    /// Ignore the cache: rerun every stage from scratch (with `stages`, only the named ones).
    pub force: bool,
    /// Worker threads (0 = one per core).
    pub jobs: usize,
    /// Show progress bars (only drawn on a terminal).
    pub progress: bool,
}

/// Whether a stage ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StageStatus {
    /// Ran (fully, or resuming an interrupted run).
    Ran,
    /// Fresh: fingerprint matched and parts verified.
    Skipped,
}

/// What happened to one stage.
#[derive(Debug, Clone, Serialize)]
pub struct StageReport {
    /// Stage name.
    pub name: String,
    /// Ran or skipped.
    pub status: StageStatus,
    /// Rows read.
    pub rows_in: u64,
    /// Rows written.
    pub rows_out: u64,
    /// Seconds spent (0 when skipped).
    pub seconds: f64,
    /// Tasks resumed from an interrupted run.
    #[serde(skip_serializing_if = "is_zero")]
    pub tasks_resumed: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Whether stage folder `dir` holds a complete, verified output with fingerprint `fp`.
/// Part hashes come from the stat cache, so an untouched part is not re-read.
pub fn is_fresh(dir: &Path, fp: &str, cache: &FileCache) -> Result<Option<StageManifest>> {
    let Some(manifest) = StageManifest::load(dir)? else {
        return Ok(None);
    };
    if manifest.fingerprint != fp || !manifest.sizes_match(dir) {
        return Ok(None);
    }
    for part in &manifest.parts {
        let scan = cache.scan(&dir.join(&part.name), sdf_datasets::import::InputFormat::Text, u64::MAX)?;
        if scan.sha256 != part.sha256 {
            return Ok(None);
        }
    }
    Ok(Some(manifest))
}

/// Run `plan`; calls `on_stage` after each stage.
pub fn run(plan: &Plan, options: &RunOptions, mut on_stage: impl FnMut(&StageReport)) -> Result<Vec<StageReport>> {
    let selected = select(plan, &options.stages)?;
    std::fs::create_dir_all(&plan.out_dir)
        .with_context(|| format!("{}: cannot create output folder", plan.out_dir.display()))?;
    let cache = FileCache::open(&plan.out_dir);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .context("cannot start worker threads")?;
    let mut fingerprints: Vec<Option<String>> = vec![None; plan.stages.len()];
    let mut reports = Vec::new();
    for (i, stage) in plan.stages.iter().enumerate() {
        let Some(forced) = selected[i] else { continue };
        let upstream = stage.input.and_then(|j| fingerprints[j].clone());
        let fp = stage_fingerprint(plan, i, upstream.as_deref(), &cache)?;
        let dir = plan.stage_dir(i);
        // `--force` with named stages applies to them only; their upstream still runs only if stale.
        let forced = forced || (options.force && options.stages.is_empty());
        let fresh = if forced { None } else { is_fresh(&dir, &fp, &cache)? };
        let report = match fresh {
            Some(m) => {
                tracing::info!(stage = %stage.name, "fresh, skipped");
                StageReport {
                    name: stage.name.clone(),
                    status: StageStatus::Skipped,
                    rows_in: m.rows_in,
                    rows_out: m.rows_out,
                    seconds: 0.0,
                    tasks_resumed: 0,
                }
            }
            None => {
                let input = match stage.input {
                    Some(j) => {
                        let dir = plan.stage_dir(j);
                        let manifest = StageManifest::load(&dir)?.ok_or_else(|| {
                            anyhow!(
                                "stage `{}`: input stage `{}` has no output",
                                stage.name,
                                plan.stages[j].name
                            )
                        })?;
                        Some(InputDataset { dir, manifest })
                    }
                    None => None,
                };
                let resume = !forced;
                let lineage = lineage(plan, i, &fingerprints, &fp);
                run_stage(
                    plan,
                    i,
                    &fp,
                    upstream.as_deref(),
                    lineage,
                    input,
                    &cache,
                    &pool,
                    resume,
                    options.progress,
                )
                .with_context(|| format!("stage `{}` failed", stage.name))?
            }
        };
        cache.save()?;
        on_stage(&report);
        reports.push(report);
        fingerprints[i] = Some(fp);
    }
    cache.save()?;
    Ok(reports)
}

/// Stage `index` and every stage above it, first stage first, with their fingerprints.
fn lineage(plan: &Plan, index: usize, fingerprints: &[Option<String>], fp: &str) -> Vec<LineageEntry> {
    let entry = |j: usize, fingerprint: String| LineageEntry {
        stage: plan.stages[j].name.clone(),
        kind: plan.stages[j].kind.name().into(),
        fingerprint,
    };
    let mut out = vec![entry(index, fp.into())];
    let mut up = plan.stages[index].input;
    while let Some(j) = up {
        out.push(entry(j, fingerprints[j].clone().unwrap_or_default()));
        up = plan.stages[j].input;
    }
    out.reverse();
    out
}

/// Which stages run: `Some(forced)` per stage. Named stages are forced; their
/// upstream is included (run only if stale); everything runs when none is named.
fn select(plan: &Plan, names: &[String]) -> Result<Vec<Option<bool>>> {
    let mut selected = vec![None; plan.stages.len()];
    if names.is_empty() {
        return Ok(vec![Some(false); plan.stages.len()]);
    }
    for name in names {
        let Some(i) = plan.index_of(name) else {
            let known: Vec<&str> = plan.stages.iter().map(|s| s.name.as_str()).collect();
            bail!(
                "--stage {name}: no such stage in {} (stages: {})",
                plan.config_path.display(),
                known.join(", ")
            );
        };
        selected[i] = Some(true);
        let mut up = plan.stages[i].input;
        while let Some(j) = up {
            if selected[j].is_none() {
                selected[j] = Some(false);
            }
            up = plan.stages[j].input;
        }
    }
    Ok(selected)
}

/// Prepare the stage folder: keep a resumable in-progress state with the same
/// fingerprint, wipe anything else.
fn prepare_dir(dir: &Path, fp: &str, resume: bool) -> Result<()> {
    let tasks = dir.join(TASKS_DIR);
    let marker = tasks.join(TASKS_FINGERPRINT);
    let same = resume
        && std::fs::read_to_string(&marker)
            .map(|s| s.trim() == fp)
            .unwrap_or(false);
    // The manifest goes first: from here on the folder reads as unfinished.
    match std::fs::remove_file(dir.join(MANIFEST_FILE)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(e).with_context(|| format!("{}: cannot remove old manifest", dir.display()));
        }
    }
    if !same && dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("{}: cannot clear stale output", dir.display()))?;
    }
    crate::faults::point("stage-start");
    std::fs::create_dir_all(&tasks).with_context(|| format!("{}: cannot create", tasks.display()))?;
    remove_stale_temps(dir)?;
    remove_stale_temps(&tasks)?;
    if !same {
        write_atomic(&marker, fp.as_bytes())?;
    }
    Ok(())
}

fn record_path(dir: &Path, index: usize) -> std::path::PathBuf {
    dir.join(TASKS_DIR).join(format!("task-{index:05}.json"))
}

/// A finished task's record, if it exists and every part it lists verifies.
fn completed_task(dir: &Path, index: usize) -> Option<TaskOutput> {
    let text = std::fs::read_to_string(record_path(dir, index)).ok()?;
    let output: TaskOutput = serde_json::from_str(&text).ok()?;
    output
        .parts
        .iter()
        .all(|p| verify_entry(dir, p).is_none())
        .then_some(output)
}

#[allow(clippy::too_many_arguments)]
fn run_stage(
    plan: &Plan,
    index: usize,
    fp: &str,
    upstream: Option<&str>,
    lineage: Vec<LineageEntry>,
    input: Option<InputDataset>,
    cache: &FileCache,
    pool: &rayon::ThreadPool,
    resume: bool,
    progress: bool,
) -> Result<StageReport> {
    let started = Instant::now();
    let stage = &plan.stages[index];
    let dir = plan.stage_dir(index);
    prepare_dir(&dir, fp, resume)?;
    let env = StageEnv {
        plan,
        stage,
        cache,
        dir: dir.clone(),
        input,
        write: WriteOptions::intermediate(),
        notes: progress,
    };
    let runner = build_runner(&env)?;
    let n = runner.task_count();
    let done: Vec<Option<TaskOutput>> = (0..n).map(|t| completed_task(&dir, t)).collect();
    let resumed = done.iter().filter(|d| d.is_some()).count() as u64;
    tracing::info!(stage = %stage.name, tasks = n, resumed, "running");
    let bar = progress_bar(progress, n as u64, &stage.name);
    bar.inc(resumed);
    let results: Vec<Result<TaskOutput>> = pool.install(|| {
        done.into_par_iter()
            .enumerate()
            .map(|(t, prior)| {
                if let Some(out) = prior {
                    return Ok(out);
                }
                let out = runner.run_task(t).with_context(|| format!("task {t}"))?;
                crate::faults::point("before-task-record");
                write_atomic(&record_path(&dir, t), &serde_json::to_vec(&out)?)?;
                crate::faults::point("after-task-record");
                bar.inc(1);
                Ok(out)
            })
            .collect()
    });
    bar.finish_and_clear();
    let mut outputs = Vec::with_capacity(n);
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(o) => outputs.push(o),
            Err(e) => errors.push(format!("{e:#}")),
        }
    }
    if !errors.is_empty() {
        let shown = errors.len().min(10);
        bail!(
            "{} of {n} tasks failed:\n  {}",
            errors.len(),
            errors[..shown].join("\n  ")
        );
    }
    let stats = runner.finish(&outputs)?;
    let parts: Vec<_> = outputs.iter().flat_map(|o| o.parts.iter().cloned()).collect();
    let schema = match parts.iter().find(|p| p.role == "output") {
        Some(p) => sdf_datasets::schema::describe(&*sdf_datasets::part::read_schema(&dir.join(&p.name))?),
        None => Vec::new(),
    };
    crate::faults::point("before-manifest");
    let seconds = started.elapsed().as_secs_f64();
    let mut manifest = StageManifest {
        format: sdf_datasets::manifest::MANIFEST_FORMAT,
        sdf_version: TOOL_VERSION.into(),
        stage: stage.name.clone(),
        kind: stage.kind.name().into(),
        fingerprint: fp.into(),
        config: stage.settings.to_json(),
        inputs: stage
            .input
            .map(|j| InputEntry {
                stage: plan.stages[j].name.clone(),
                fingerprint: upstream.unwrap_or_default().into(),
            })
            .into_iter()
            .collect(),
        lineage,
        schema,
        parts,
        rows_in: outputs.iter().map(|o| o.rows_in).sum(),
        rows_out: outputs.iter().map(|o| o.rows_out).sum(),
        stats,
        timings: Timings {
            seconds,
            tasks_run: n as u64 - resumed,
            tasks_resumed: resumed,
        },
    };
    let extra = runner.extra_files(&manifest)?;
    manifest.parts.extend(extra);
    manifest.save(&dir)?;
    for part in &manifest.parts {
        cache.record(&dir.join(&part.name), &part.sha256)?;
    }
    std::fs::remove_dir_all(dir.join(TASKS_DIR))
        .with_context(|| format!("{}: cannot remove task records", dir.display()))?;
    Ok(StageReport {
        name: stage.name.clone(),
        status: StageStatus::Ran,
        rows_in: manifest.rows_in,
        rows_out: manifest.rows_out,
        seconds,
        tasks_resumed: resumed,
    })
}

fn progress_bar(enabled: bool, len: u64, name: &str) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{prefix:>12} [{bar:30}] {pos}/{len} tasks {elapsed_precise} eta {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(name.to_owned());
    bar
}
