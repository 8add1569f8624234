//! Command-line interface: parses flags into plain options and calls the
//! executor and commands. Holds no engine logic.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

use crate::cache::FileCache;
use crate::executor::{RunOptions, StageReport, StageStatus, is_fresh};
use crate::fingerprint::all_fingerprints;
use crate::plan::Plan;

/// Exit code: success, nothing found.
pub const EXIT_OK: i32 = 0;
/// Exit code: the command worked and found something (scan matches, checksum mismatches).
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: an error (bad config, unreadable input, failed stage).
pub const EXIT_ERROR: i32 = 2;

/// The default pipeline, used when no `--config` is given and `./stages.toml` does not exist.
pub const EMBEDDED_STAGES: &str = include_str!("../../stages.toml");

const AFTER_HELP: &str = "\
Exit status: 0 success; 1 findings (checksum mismatches, scan matches); 2 error.";

/// Build synthetic-document fine-tuning corpora: generate, filter, deduplicate, shard.
#[derive(Debug, Parser)]
#[command(name = "sdf", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// More log output on stderr (-v info, -vv debug, -vvv trace).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// No progress bars.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the pipeline: every stale stage, in order (fresh stages are skipped).
    #[command(after_help = AFTER_HELP)]
    Run(RunArgs),
    /// Show each stage as fresh, stale or missing, with rows and bytes.
    #[command(after_help = AFTER_HELP)]
    Status(StatusArgs),
    /// Scan .txt, .jsonl and .parquet files with a rule pack; print every match.
    #[command(after_help = "Exit status: 0 nothing matched; 1 something matched; 2 error.")]
    Scan(ScanArgs),
    /// List a rule pack's rules, or with --literals every normalised literal phrase (one per line).
    Rules(RulesArgs),
    /// Re-hash every part and shard of a run's out_dir (or one stage folder) against its manifest.
    #[command(after_help = AFTER_HELP)]
    Verify(VerifyArgs),
    /// Write a dataset's documents as JSONL for fine-tuning: text-jsonl, messages-doctag or false-facts.
    #[command(after_help = AFTER_HELP)]
    Export(ExportArgs),
    /// Measure a rule pack: labelled recall/precision, mutations, canaries in a run, leak scan; write audit.html.
    #[command(after_help = "Exit status: 0 ok; 1 a --min-recall/--max-fpr gate failed; 2 error.")]
    Audit(crate::audit::AuditArgs),
    /// Render a finished run (stages, rows, timings, dedup clusters, QC findings) as report.html.
    #[command(after_help = AFTER_HELP)]
    Report(crate::report::ReportArgs),
    /// Summarise a dataset: documents, characters, tokens, distributions, length quantiles, removals.
    #[command(after_help = AFTER_HELP)]
    Stats(StatsArgs),
}

/// Which config and output folder.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Pipeline config [default: ./stages.toml, else the built-in default pipeline].
    #[arg(short, long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output folder; overrides `[run] out_dir`.
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `sdf run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Rerun this stage (repeatable); its stale upstream runs first, downstream is left alone.
    #[arg(short, long = "stage", value_name = "NAME")]
    stages: Vec<String>,
    /// Ignore cached results and task records: rerun every selected stage from scratch.
    #[arg(short, long)]
    force: bool,
    /// Worker threads [default: one per core]. Output bytes do not depend on it.
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Print a machine-readable summary on stdout.
    #[arg(long)]
    json: bool,
}

/// `sdf status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Print JSON on stdout.
    #[arg(long)]
    json: bool,
}

/// `sdf scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files to scan (.txt/.md = one document; .jsonl = one per line; .parquet = one per row).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Rule pack [default: the built-in pack].
    #[arg(short, long, value_name = "PACK")]
    rules: Option<PathBuf>,
    /// One JSON object per match: file, doc, rule, category, start, end, line, col, snippet.
    #[arg(long)]
    json: bool,
    /// Add a per-rule summary (and throughput) after the matches.
    #[arg(long)]
    stats: bool,
    /// Worker threads [default: one per core].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
}

/// `sdf rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Rule pack [default: the built-in pack].
    #[arg(short, long, value_name = "PACK")]
    rules: Option<PathBuf>,
    /// Print the normalised literals of `phrases` rules instead, one per line.
    #[arg(long)]
    literals: bool,
}

/// `sdf verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A run's out_dir (every stage in it) or one stage's folder.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Print JSON on stdout.
    #[arg(long)]
    json: bool,
}

/// `sdf export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Line shape: text-jsonl ({"text"}), messages-doctag (user tag + assistant document),
    /// false-facts (synth_docs.jsonl records).
    #[arg(short, long, value_name = "F", value_parser = crate::export::parse_format)]
    format: sdf_datasets::export::ExportFormat,
    /// A finished stage's folder with manifest.json, e.g. out/shard.
    #[arg(value_name = "DATASET")]
    dataset: PathBuf,
    /// Output file, or an existing folder (then text.jsonl, messages.jsonl or synth_docs.jsonl in it).
    #[arg(value_name = "OUT")]
    out: PathBuf,
    /// Leave out documents longer than N characters (they are counted in the summary).
    #[arg(long, value_name = "N")]
    max_chars: Option<u64>,
    /// User turn of messages-doctag.
    #[arg(long, value_name = "TAG", default_value = sdf_datasets::export::DEFAULT_DOCTAG)]
    doctag: String,
    /// false-facts: mark records `is_true: true` (the universe is the real world).
    #[arg(long)]
    is_true: bool,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    json: bool,
}

/// `sdf stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// A finished stage's folder with manifest.json, e.g. out/shard.
    #[arg(value_name = "DATASET")]
    dataset: PathBuf,
    /// Print JSON on stdout.
    #[arg(long)]
    json: bool,
    /// How many rows of each distribution to print (the JSON has them all).
    #[arg(long, value_name = "N", default_value_t = 15)]
    top: usize,
}

/// Entry point; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    init_logging(cli.verbose);
    let progress = !cli.quiet && std::io::stderr().is_terminal();
    let result = match cli.command {
        Command::Run(args) => cmd_run(args, progress),
        Command::Status(args) => cmd_status(args),
        Command::Verify(args) => cmd_verify(args),
        Command::Rules(args) => cmd_rules(args),
        Command::Export(args) => cmd_export(args),
        Command::Audit(args) => args.run(),
        Command::Report(args) => args.run(),
        Command::Stats(args) => crate::stats::run(&args.dataset, args.json, args.top),
        Command::Scan(args) => {
            let options = crate::scan::ScanOptions {
                paths: args.paths,
                rules: args.rules,
                json: args.json,
                stats: args.stats,
                jobs: args.jobs.unwrap_or(0),
            };
            crate::scan::scan(&options).map(|found| if found { EXIT_FINDINGS } else { EXIT_OK })
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sdf: error: {e:#}");
            EXIT_ERROR
        }
    }
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("SDF_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .try_init();
}

fn load_plan(args: &ConfigArgs) -> Result<Plan> {
    let plan = match &args.config {
        Some(path) => Plan::load(path, args.out.as_deref()),
        None if Path::new("stages.toml").exists() => Plan::load(Path::new("stages.toml"), args.out.as_deref()),
        None => Plan::from_source(Path::new("stages.toml"), EMBEDDED_STAGES, args.out.as_deref()),
    };
    plan.map_err(|e| anyhow::anyhow!("{e}"))
}

fn cmd_run(args: RunArgs, progress: bool) -> Result<i32> {
    let plan = load_plan(&args.config)?;
    let options = RunOptions {
        stages: args.stages,
        force: args.force,
        jobs: args.jobs.unwrap_or(0),
        progress,
    };
    let json = args.json;
    let reports = crate::executor::run(&plan, &options, |r: &StageReport| {
        if !json {
            let status = match r.status {
                StageStatus::Ran if r.tasks_resumed > 0 => {
                    format!("ran (resumed {} tasks)", r.tasks_resumed)
                }
                StageStatus::Ran => "ran".into(),
                StageStatus::Skipped => "skipped (fresh)".into(),
            };
            eprintln!(
                "{:>12}  {:<24} {:>10} → {:<10} rows  {:>7.2}s",
                r.name, status, r.rows_in, r.rows_out, r.seconds
            );
        }
    })?;
    if json {
        let summary = serde_json::json!({ "stages": reports, "out_dir": plan.out_dir });
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        eprintln!("output in {}", plan.out_dir.display());
    }
    Ok(EXIT_OK)
}

fn cmd_status(args: StatusArgs) -> Result<i32> {
    let plan = load_plan(&args.config)?;
    let cache = FileCache::open(&plan.out_dir);
    let fps = all_fingerprints(&plan, &cache)?;
    let mut rows = Vec::new();
    for (i, stage) in plan.stages.iter().enumerate() {
        let dir = plan.stage_dir(i);
        let manifest = sdf_datasets::manifest::StageManifest::load(&dir)?;
        let state = match (&manifest, is_fresh(&dir, &fps[i], &cache)?) {
            (_, Some(_)) => "fresh",
            (Some(_), None) => "stale",
            (None, None) => "missing",
        };
        let (rows_out, bytes) = manifest
            .as_ref()
            .map(|m| (m.rows_out, m.parts.iter().map(|p| p.bytes).sum::<u64>()))
            .unwrap_or((0, 0));
        rows.push(serde_json::json!({
            "name": stage.name, "kind": stage.kind.name(), "state": state,
            "rows": rows_out, "bytes": bytes, "fingerprint": fps[i],
        }));
    }
    cache.save()?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string(&serde_json::json!({"stages": rows, "out_dir": plan.out_dir}))?
        );
    } else {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "{:<16} {:<8} {:<8} {:>12} {:>14}",
            "stage", "kind", "state", "rows", "bytes"
        )?;
        for r in &rows {
            writeln!(
                out,
                "{:<16} {:<8} {:<8} {:>12} {:>14}",
                r["name"].as_str().unwrap_or(""),
                r["kind"].as_str().unwrap_or(""),
                r["state"].as_str().unwrap_or(""),
                r["rows"].as_u64().unwrap_or(0),
                r["bytes"].as_u64().unwrap_or(0)
            )?;
        }
    }
    Ok(EXIT_OK)
}

fn cmd_rules(args: RulesArgs) -> Result<i32> {
    let pack = match &args.rules {
        Some(p) => sdf_filters::rules::RulePack::load(p)?,
        None => sdf_filters::rules::RulePack::builtin()?,
    };
    let mut out = std::io::stdout().lock();
    if args.literals {
        for lit in pack.phrase_literals() {
            writeln!(out, "{lit}")?;
        }
    } else {
        for r in &pack.rules {
            writeln!(
                out,
                "{:<34} {:<20} {:<8} {}",
                r.id,
                r.category,
                r.kind_name(),
                r.description
            )?;
        }
    }
    Ok(EXIT_OK)
}

fn cmd_export(args: ExportArgs) -> Result<i32> {
    let request = crate::export::ExportRequest {
        dataset: args.dataset,
        out: args.out,
        options: sdf_datasets::export::ExportOptions {
            format: args.format,
            doctag: args.doctag,
            max_chars: args.max_chars,
            is_true: args.is_true,
        },
    };
    let summary = crate::export::run(&request)?;
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        eprintln!(
            "exported {} of {} documents to {} ({}, {} bytes){}",
            summary.exported,
            summary.documents,
            summary.path.display(),
            summary.format,
            summary.bytes,
            if summary.dropped_too_long > 0 {
                format!("; {} longer than --max-chars left out", summary.dropped_too_long)
            } else {
                String::new()
            }
        );
    }
    Ok(EXIT_OK)
}

fn cmd_verify(args: VerifyArgs) -> Result<i32> {
    use sdf_datasets::manifest::{MANIFEST_FILE, StageManifest};
    let mut dirs = Vec::new();
    if args.dir.join(MANIFEST_FILE).exists() {
        dirs.push(args.dir.clone());
    } else {
        let entries =
            std::fs::read_dir(&args.dir).with_context(|| format!("{}: cannot read folder", args.dir.display()))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.join(MANIFEST_FILE).exists())
            .collect();
        found.sort();
        dirs = found;
    }
    if dirs.is_empty() {
        anyhow::bail!("{}: no manifest.json here or in any sub-folder", args.dir.display());
    }
    let mut results = Vec::new();
    let mut bad = 0;
    for dir in &dirs {
        let manifest = StageManifest::load(dir)?.with_context(|| format!("{}: manifest vanished", dir.display()))?;
        let mismatches = manifest.verify(dir);
        bad += mismatches.len();
        if !args.json {
            for m in &mismatches {
                println!("MISMATCH {}: {}", m.path.display(), m.problem);
            }
            if mismatches.is_empty() {
                eprintln!("ok {} ({} files)", dir.display(), manifest.parts.len());
            }
        }
        results.push(serde_json::json!({
            "dir": dir, "files": manifest.parts.len(),
            "mismatches": mismatches.iter().map(|m| serde_json::json!({"path": m.path, "problem": m.problem})).collect::<Vec<_>>(),
        }));
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string(&serde_json::json!({"datasets": results, "ok": bad == 0}))?
        );
    }
    Ok(if bad == 0 { EXIT_OK } else { EXIT_FINDINGS })
}
