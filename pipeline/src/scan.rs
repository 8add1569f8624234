//! `sdf scan`: run a rule pack over arbitrary files, grep-style.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use sdf_datasets::import::{InputFormat, Record, RecordKey, for_each_record_batch};
use sdf_filters::matcher::{Finding, Matcher, Scratch};
use sdf_filters::rules::RulePack;
use serde::Serialize;

/// Records handed to the workers at a time.
pub const SCAN_BATCH: usize = 2048;

/// What to scan and how to print it.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Files to scan.
    pub paths: Vec<PathBuf>,
    /// Rule pack file (default: the built-in pack).
    pub rules: Option<PathBuf>,
    /// One JSON object per match on stdout.
    pub json: bool,
    /// Print a per-rule summary after the matches.
    pub stats: bool,
    /// Worker threads (0 = one per core).
    pub jobs: usize,
}

/// One match, as printed with `--json`.
#[derive(Debug, Serialize)]
struct MatchLine<'a> {
    file: &'a str,
    doc: &'a RecordKey,
    rule: &'a str,
    category: &'a str,
    start: usize,
    end: usize,
    line: usize,
    col: usize,
    snippet: &'a str,
}

#[derive(Debug, Default, Serialize)]
struct RuleStats {
    category: String,
    matches: u64,
    documents: u64,
}

/// 1-based line and column (in characters) of byte `pos` of `text`.
pub fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let before = &text[..pos];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Run the scan; returns whether anything matched.
pub fn scan(options: &ScanOptions) -> Result<bool> {
    let pack = match &options.rules {
        Some(p) => RulePack::load(p)?,
        None => RulePack::builtin()?,
    };
    let matcher = Matcher::new(pack)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .context("cannot start worker threads")?;
    let started = Instant::now();
    let mut per_rule: BTreeMap<String, RuleStats> = BTreeMap::new();
    let (mut docs, mut bytes, mut matched_docs, mut total_matches) = (0u64, 0u64, 0u64, 0u64);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in &options.paths {
        let Some(format) = InputFormat::from_path(path) else {
            bail!(
                "{}: unknown file type (expected .txt, .md, .jsonl, .ndjson, .json or .parquet)",
                path.display()
            );
        };
        let file = path.display().to_string();
        for_each_record_batch(path, format, SCAN_BATCH, |batch: Vec<Record>| {
            let found: Vec<Vec<Finding>> = pool.install(|| {
                batch
                    .par_iter()
                    .map_init(Scratch::new, |scratch, r| matcher.find(&r.text, scratch))
                    .collect()
            });
            for (record, findings) in batch.iter().zip(found) {
                docs += 1;
                bytes += record.text.len() as u64;
                if findings.is_empty() {
                    continue;
                }
                matched_docs += 1;
                let mut rules_in_doc: Vec<usize> = Vec::new();
                for f in &findings {
                    let rule = &matcher.pack().rules[f.rule];
                    total_matches += 1;
                    let entry = per_rule.entry(rule.id.clone()).or_default();
                    entry.category.clone_from(&rule.category);
                    entry.matches += 1;
                    if !rules_in_doc.contains(&f.rule) {
                        rules_in_doc.push(f.rule);
                        entry.documents += 1;
                    }
                    let (line, col) = line_col(&record.text, f.start);
                    let written = if options.json {
                        let m = MatchLine {
                            file: &file,
                            doc: &record.key,
                            rule: &rule.id,
                            category: &rule.category,
                            start: f.start,
                            end: f.end,
                            line,
                            col,
                            snippet: &f.snippet,
                        };
                        serde_json::to_writer(&mut out, &m)
                            .map_err(std::io::Error::other)
                            .and_then(|_| writeln!(out))
                    } else {
                        match &record.key {
                            RecordKey::None => writeln!(out, "{file}:{line}:{col} {} {}", rule.id, f.snippet),
                            RecordKey::Id(id) => writeln!(out, "{file}:{id}:{line}:{col} {} {}", rule.id, f.snippet),
                            RecordKey::Number(n) => writeln!(out, "{file}:{n}:{line}:{col} {} {}", rule.id, f.snippet),
                        }
                    };
                    written.map_err(|e| sdf_datasets::Error::Format {
                        path: "<stdout>".into(),
                        location: None,
                        message: e.to_string(),
                    })?;
                }
            }
            Ok(())
        })
        .with_context(|| format!("scan: {}", path.display()))?;
    }
    let seconds = started.elapsed().as_secs_f64();
    if options.stats {
        let mb_s = if seconds > 0.0 {
            bytes as f64 / 1e6 / seconds
        } else {
            0.0
        };
        if options.json {
            let summary = serde_json::json!({"stats": {
                "documents": docs, "bytes": bytes, "documents_matched": matched_docs, "matches": total_matches,
                "seconds": seconds, "mb_per_s": mb_s, "rules": per_rule, "literals": matcher.literal_count(),
            }});
            writeln!(out, "{summary}")?;
        } else {
            writeln!(out)?;
            writeln!(
                out,
                "{:<36} {:<20} {:>10} {:>10}",
                "rule", "category", "documents", "matches"
            )?;
            for (id, s) in &per_rule {
                writeln!(out, "{id:<36} {:<20} {:>10} {:>10}", s.category, s.documents, s.matches)?;
            }
            writeln!(out)?;
            writeln!(
                out,
                "{docs} documents scanned, {matched_docs} matched, {total_matches} matches"
            )?;
            writeln!(out, "{bytes} bytes in {seconds:.3} s ({mb_s:.1} MB/s)")?;
        }
    }
    out.flush()?;
    Ok(matched_docs > 0)
}

/// Does `path` look like something `scan` reads?
pub fn is_scannable(path: &Path) -> bool {
    InputFormat::from_path(path).is_some()
}
