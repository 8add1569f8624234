//! `sdf audit`: measure a rule pack's recall and precision on labelled sets,
//! its recall under adversarial mutations, the catch rate of canaries planted
//! into a finished run's clean documents, and a loose leak scan of the run's
//! kept output; write `audit.json` and a self-contained `audit.html`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use sdf_filters::audit::canary::{CanaryReport, check, plant};
use sdf_filters::audit::eval::{Evaluation, evaluate};
use sdf_filters::audit::labelled::{LabelledDoc, SHIPPED_ORIGINS, parse_labelled, shipped_sets};
use sdf_filters::audit::leak::{LeakDetector, LeakHit, lexicon_terms};
use sdf_filters::audit::robustness::{Robustness, evaluate_mutations};
use sdf_filters::audit::stats::Rate;
use sdf_filters::matcher::{Matcher, Scratch};
use sdf_filters::rules::RulePack;
use serde::Serialize;
use serde_json::{Value, json};

use crate::cli::{EXIT_FINDINGS, EXIT_OK};
use crate::html::{self, Bar, Section, esc};
use crate::report::{
    RunInfo, StageInfo, length_bin_labels, length_chart, length_counts, pretty, removed_per_rule, rule_removal_chart,
    stage_charts, stage_table, write_outputs,
};

/// Default seed of mutations and canaries.
pub const DEFAULT_SEED: u64 = 1;
/// Default variants per positive and mutation class.
pub const DEFAULT_VARIANTS: u32 = 3;
/// Default number of leak candidates listed in full.
pub const DEFAULT_LEAK_TOP: usize = 100;

/// What to audit.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    /// A finished run's out_dir: canaries and the leak scan use it.
    pub run_dir: Option<PathBuf>,
    /// Rule pack (default: the run's filter pack, else the built-in pack).
    pub rules: Option<PathBuf>,
    /// Labelled JSONL files (default: the shipped sets).
    pub labelled: Vec<PathBuf>,
    /// Seed of mutations and canaries.
    pub seed: u64,
    /// Variants per positive and mutation class.
    pub variants: u32,
    /// Canaries to plant into the run (0 = none).
    pub canaries: usize,
    /// Leak candidates listed in full.
    pub leak_top: usize,
    /// Fail (exit 1) below this labelled recall.
    pub min_recall: Option<f64>,
    /// Fail (exit 1) above this labelled false-positive rate.
    pub max_fpr: Option<f64>,
    /// Print the summary as JSON on stdout.
    pub json: bool,
    /// Folder receiving audit.json and audit.html.
    pub out: PathBuf,
    /// Worker threads (0 = one per core).
    pub jobs: usize,
}

/// A kept document the loose detector flags.
#[derive(Debug, Clone, Serialize)]
pub struct LeakCandidate {
    /// Rank, 1 = most suspicious.
    pub rank: usize,
    /// Document id.
    pub id: String,
    /// The detector's finding.
    #[serde(flatten)]
    pub hit: LeakHit,
}

/// The leak scan of a run's final output.
#[derive(Debug, Clone, Serialize)]
pub struct LeakScan {
    /// Stage whose output was scanned.
    pub stage: String,
    /// Documents scanned.
    pub documents: u64,
    /// Documents flagged.
    pub candidates: u64,
    /// Candidates per lexicon term.
    pub per_term: BTreeMap<String, u64>,
    /// The highest-ranked candidates.
    pub top: Vec<LeakCandidate>,
}

fn load_pack(options: &AuditOptions, run: Option<&RunInfo>) -> Result<(RulePack, &'static str)> {
    if let Some(p) = &options.rules {
        return Ok((RulePack::load(p)?, "command line (--rules)"));
    }
    let Some(filter) = run.and_then(RunInfo::filter_stage) else {
        return Ok((RulePack::builtin()?, "built-in pack"));
    };
    let configured = filter.manifest.config.get("rules").and_then(Value::as_str);
    let Some(configured) = configured else {
        return Ok((RulePack::builtin()?, "the run's filter stage (built-in pack)"));
    };
    let origin = filter
        .manifest
        .stats
        .get("rule_pack")
        .and_then(Value::as_str)
        .unwrap_or(configured);
    let base = run.map(|r| r.dir.join("..")).unwrap_or_default();
    let candidates = [PathBuf::from(origin), base.join(configured)];
    match candidates.iter().find(|p| p.is_file()) {
        Some(p) => Ok((RulePack::load(p)?, "the run's filter stage")),
        None => bail!(
            "{}: the filter stage `{}` used rule pack `{origin}`, which cannot be found (looked at {}); pass it with --rules",
            filter.dir.join("manifest.json").display(),
            filter.name(),
            candidates
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn load_labelled(options: &AuditOptions) -> Result<(Vec<LabelledDoc>, Vec<String>)> {
    if options.labelled.is_empty() {
        return Ok((
            shipped_sets(),
            SHIPPED_ORIGINS.iter().map(|s| (*s).to_owned()).collect(),
        ));
    }
    let mut docs = Vec::new();
    let mut files = Vec::new();
    for path in &options.labelled {
        let name = path.display().to_string();
        let src = std::fs::read_to_string(path).with_context(|| format!("{name}: cannot read labelled file"))?;
        docs.extend(parse_labelled(&src, &name)?);
        files.push(name);
    }
    if docs.is_empty() {
        bail!("{}: no labelled records", files.join(", "));
    }
    Ok((docs, files))
}

fn leak_scan(stage: &StageInfo, top: usize, pool: &rayon::ThreadPool) -> Result<LeakScan> {
    let docs = stage.documents("output")?;
    let detector = LeakDetector::default();
    let hits: Vec<Option<LeakHit>> = pool.install(|| docs.par_iter().map(|d| detector.scan(&d.text)).collect());
    let mut found: Vec<(String, LeakHit)> = docs
        .iter()
        .zip(hits)
        .filter_map(|(d, h)| h.map(|h| (d.id.clone(), h)))
        .collect();
    found.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then_with(|| a.0.cmp(&b.0)));
    let mut per_term: BTreeMap<String, u64> = lexicon_terms().into_iter().map(|t| (t.to_owned(), 0)).collect();
    for (_, h) in &found {
        for t in &h.terms {
            *per_term.entry(t.clone()).or_default() += 1;
        }
    }
    Ok(LeakScan {
        stage: stage.name().to_owned(),
        documents: docs.len() as u64,
        candidates: found.len() as u64,
        per_term,
        top: found
            .into_iter()
            .take(top)
            .enumerate()
            .map(|(i, (id, hit))| LeakCandidate { rank: i + 1, id, hit })
            .collect(),
    })
}

fn canaries(
    matcher: &Matcher,
    stage: &StageInfo,
    docs: &[LabelledDoc],
    n: usize,
    seed: u64,
) -> Result<(CanaryReport, Value)> {
    let mut scratch = Scratch::new();
    let all = stage.documents("output")?;
    let total = all.len();
    let hosts: Vec<(String, String)> = all
        .into_iter()
        .filter(|d| !matcher.is_match(&d.text, &mut scratch))
        .map(|d| (d.id, d.text))
        .collect();
    if hosts.is_empty() {
        bail!(
            "{}: the stage kept no clean documents to plant canaries into",
            stage.dir.display()
        );
    }
    let positives: Vec<&LabelledDoc> = docs.iter().filter(|d| d.positive).collect();
    if positives.is_empty() {
        bail!("no positive labelled documents to plant as canaries");
    }
    let planted = plant(matcher, &hosts, &positives, n, seed);
    let report = check(matcher, &planted, seed);
    let extra = json!({
        "stage": stage.name(), "host_documents": hosts.len(), "hosts_excluded": total - hosts.len(),
        "canaries": planted,
    });
    Ok((report, extra))
}

fn rate_json(r: &Rate) -> Value {
    json!(r)
}

fn pct(v: Option<f64>) -> String {
    v.map_or("n/a".into(), |v| format!("{:.1} %", v * 100.0))
}

fn rate_bar(label: &str, r: &Rate) -> Bar {
    Bar {
        label: label.to_owned(),
        value: r.value.unwrap_or(0.0),
        interval: r.low.zip(r.high),
        text: format!("{} ({}/{})", pct(r.value), r.hits, r.n),
    }
}

fn ci(r: &Rate) -> String {
    match (r.low, r.high) {
        (Some(l), Some(h)) => format!("[{:.1}, {:.1}]", l * 100.0, h * 100.0),
        _ => "n/a".into(),
    }
}

fn notice(text: &str) -> String {
    format!("<p class=\"notice\">{}</p>", esc(text))
}

/// Run the audit; returns the exit code (1 when a `--min-recall`/`--max-fpr` gate fails).
pub fn audit(options: &AuditOptions) -> Result<i32> {
    for (flag, v) in [("--min-recall", options.min_recall), ("--max-fpr", options.max_fpr)] {
        if let Some(v) = v
            && !(0.0..=1.0).contains(&v)
        {
            bail!("{flag} must be between 0 and 1, got {v}");
        }
    }
    if options.canaries > 0 && options.run_dir.is_none() {
        bail!("--canaries needs a RUN_DIR (a finished run's out_dir)");
    }
    if options.variants == 0 {
        bail!("--variants must be at least 1");
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .context("cannot start worker threads")?;
    let run = options.run_dir.as_deref().map(RunInfo::load).transpose()?;
    let (pack, pack_source) = load_pack(options, run.as_ref())?;
    let (docs, files) = load_labelled(options)?;
    let matcher = Matcher::new(pack)?;
    let evaluation = evaluate(&matcher, &docs);
    let robustness = evaluate_mutations(&matcher, &docs, &evaluation.outcomes, options.seed, options.variants);

    let mut canary: Option<(CanaryReport, Value)> = None;
    let mut leaks: Option<LeakScan> = None;
    let mut run_json = Value::Null;
    let (kept_lengths, removed_lengths, lengths_from);
    if let Some(run) = &run {
        if options.canaries > 0 {
            let Some(filter) = run.filter_stage() else {
                bail!(
                    "{}: the run has no filter stage to plant canaries against",
                    run.dir.display()
                );
            };
            canary = Some(canaries(&matcher, filter, &docs, options.canaries, options.seed)?);
        }
        leaks = Some(leak_scan(run.final_stage(), options.leak_top, &pool)?);
        match run.filter_stage() {
            Some(f) => {
                kept_lengths = length_counts(f.documents("output")?.iter().map(|d| d.text.as_str()));
                removed_lengths = length_counts(f.documents("rejected")?.iter().map(|d| d.text.as_str()));
                lengths_from = format!("the run's filter stage `{}`", f.name());
            }
            None => {
                kept_lengths = length_counts(run.final_stage().documents("output")?.iter().map(|d| d.text.as_str()));
                removed_lengths = vec![0; kept_lengths.len()];
                lengths_from = format!("the run's final stage `{}` (no filter stage)", run.final_stage().name());
            }
        }
        run_json = json!({
            "dir": run.dir, "stages": run.stage_rows(),
            "removed_per_rule": run.filter_stage().map(removed_per_rule),
        });
    } else {
        let texts = |want: bool| {
            docs.iter()
                .zip(&evaluation.outcomes)
                .filter(move |(_, o)| o.flagged() == want)
                .map(|(d, _)| d.text.as_str())
        };
        kept_lengths = length_counts(texts(false));
        removed_lengths = length_counts(texts(true));
        lengths_from = "the labelled documents (no run given)".to_owned();
    }

    // The gate.
    let mut failures = Vec::new();
    if let Some(min) = options.min_recall {
        match evaluation.recall.value {
            Some(r) if r >= min => {}
            Some(r) => failures.push(format!(
                "recall {:.4} is below --min-recall {min} ({} of {} positives missed)",
                r, evaluation.false_negatives, evaluation.positives
            )),
            None => failures.push("no positive labelled documents: recall is undefined".into()),
        }
    }
    if let Some(max) = options.max_fpr {
        match evaluation.false_positive_rate.value {
            Some(f) if f <= max => {}
            Some(f) => failures.push(format!(
                "false-positive rate {:.4} is above --max-fpr {max} ({} of {} negatives removed)",
                f, evaluation.false_positives, evaluation.negatives
            )),
            None => failures.push("no negative labelled documents: false-positive rate is undefined".into()),
        }
    }
    let passed = failures.is_empty();
    let json_path = options.out.join("audit.json");
    let html_path = options.out.join("audit.html");
    let pack = matcher.pack();
    let summary = json!({
        "ok": passed,
        "gate": {"min_recall": options.min_recall, "max_fpr": options.max_fpr, "passed": passed, "failures": failures},
        "pack": {"name": pack.name, "origin": pack.origin, "source": pack_source, "rules": pack.rules.len()},
        "labelled": {
            "files": files, "positives": evaluation.positives, "negatives": evaluation.negatives,
            "recall": rate_json(&evaluation.recall), "precision": rate_json(&evaluation.precision),
            "false_positive_rate": rate_json(&evaluation.false_positive_rate),
            "misses": evaluation.misses.len(), "false_alarms": evaluation.false_alarms.len(),
        },
        "mutations": {
            "seed": options.seed, "variants_per_class": options.variants, "overall": rate_json(&robustness.overall),
            "classes": robustness.classes.iter().map(|c| (c.class.name().to_owned(), rate_json(&c.recall)))
                .collect::<serde_json::Map<_, _>>(),
        },
        "canaries": canary.as_ref().map(|(r, extra)| json!({
            "stage": extra["stage"], "planted": r.planted, "catch_rate": rate_json(&r.catch_rate), "missed": r.missed.len(),
        })),
        "leaks": leaks.as_ref().map(|l| json!({"stage": l.stage, "documents": l.documents, "candidates": l.candidates})),
        "run_dir": options.run_dir,
        "out": {"json": json_path, "html": html_path},
    });
    let full = json!({
        "summary": summary,
        "labelled": evaluation,
        "mutations": robustness,
        "canaries": canary.as_ref().map(|(r, extra)| json!({"report": r, "planted": extra})),
        "leaks": leaks,
        "run": run_json,
        "lengths": {"source": lengths_from, "bins": length_bin_labels(), "kept": kept_lengths, "removed": removed_lengths},
        "llm_judge": {"status": "not-run", "note": "an LLM-judge sample audit needs an LLM backend, which this build does not have"},
    });
    let page = render(&RenderInput {
        options,
        pack_source,
        files: &files,
        evaluation: &evaluation,
        robustness: &robustness,
        canary: canary.as_ref().map(|c| &c.0),
        leaks: leaks.as_ref(),
        run: run.as_ref(),
        matcher: &matcher,
        kept_lengths: &kept_lengths,
        removed_lengths: &removed_lengths,
        lengths_from: &lengths_from,
        failures: summary["gate"]["failures"].as_array().cloned().unwrap_or_default(),
    });
    write_outputs(&options.out, &[("audit.json", pretty(&full)?), ("audit.html", page)])?;
    if options.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        print_summary(
            &summary,
            &evaluation,
            &robustness,
            canary.as_ref().map(|c| &c.0),
            leaks.as_ref(),
            &html_path,
        );
    }
    for f in summary["gate"]["failures"].as_array().into_iter().flatten() {
        eprintln!("sdf: audit gate failed: {}", f.as_str().unwrap_or(""));
    }
    Ok(if passed { EXIT_OK } else { EXIT_FINDINGS })
}

fn print_summary(
    summary: &Value,
    e: &Evaluation,
    r: &Robustness,
    canary: Option<&CanaryReport>,
    leaks: Option<&LeakScan>,
    html_path: &Path,
) {
    println!(
        "pack `{}` ({}), {} positives, {} negatives",
        summary["pack"]["name"].as_str().unwrap_or(""),
        summary["pack"]["source"].as_str().unwrap_or(""),
        e.positives,
        e.negatives
    );
    println!(
        "recall               {}  ({}/{})",
        e.recall.display(),
        e.recall.hits,
        e.recall.n
    );
    println!(
        "precision            {}  ({}/{})",
        e.precision.display(),
        e.precision.hits,
        e.precision.n
    );
    println!(
        "false-positive rate  {}  ({}/{})",
        e.false_positive_rate.display(),
        e.false_positive_rate.hits,
        e.false_positive_rate.n
    );
    println!(
        "mutations (seed {}, {} variants per class):",
        r.seed, r.variants_per_class
    );
    for c in &r.classes {
        println!(
            "  {:<18} {}  ({}/{})",
            c.class.name(),
            c.recall.display(),
            c.recall.hits,
            c.recall.n
        );
    }
    if let Some(c) = canary {
        println!(
            "canaries             {}  ({}/{} caught)",
            c.catch_rate.display(),
            c.catch_rate.hits,
            c.planted
        );
    }
    if let Some(l) = leaks {
        println!(
            "leak scan            {} candidates in {} documents of stage `{}`",
            l.candidates, l.documents, l.stage
        );
    }
    let passed = summary["gate"]["passed"].as_bool().unwrap_or(false);
    println!("gate                 {}", if passed { "passed" } else { "FAILED" });
    println!("report               {}", html_path.display());
}

struct RenderInput<'a> {
    options: &'a AuditOptions,
    pack_source: &'a str,
    files: &'a [String],
    evaluation: &'a Evaluation,
    robustness: &'a Robustness,
    canary: Option<&'a CanaryReport>,
    leaks: Option<&'a LeakScan>,
    run: Option<&'a RunInfo>,
    matcher: &'a Matcher,
    kept_lengths: &'a [u64],
    removed_lengths: &'a [u64],
    lengths_from: &'a str,
    failures: Vec<Value>,
}

fn render(input: &RenderInput<'_>) -> String {
    let e = input.evaluation;
    let r = input.robustness;
    let o = input.options;
    let mut sections = Vec::new();

    // Summary.
    let mut tiles = vec![
        (
            "recall".to_string(),
            pct(e.recall.value),
            format!("95 % CI {}", ci(&e.recall)),
        ),
        (
            "precision".into(),
            pct(e.precision.value),
            format!("95 % CI {}", ci(&e.precision)),
        ),
        (
            "false-positive rate".into(),
            pct(e.false_positive_rate.value),
            format!("95 % CI {}", ci(&e.false_positive_rate)),
        ),
        (
            "recall under mutations".into(),
            pct(r.overall.value),
            format!("{} variants", r.overall.n),
        ),
    ];
    if let Some(c) = input.canary {
        tiles.push((
            "canary catch rate".into(),
            pct(c.catch_rate.value),
            format!("{} planted", c.planted),
        ));
    }
    if let Some(l) = input.leaks {
        tiles.push((
            "leak candidates".into(),
            l.candidates.to_string(),
            format!("in {} kept documents", l.documents),
        ));
    }
    let gate = match (o.min_recall, o.max_fpr) {
        (None, None) => "<p>No gate set (use <code>--min-recall</code> / <code>--max-fpr</code>).</p>".to_owned(),
        _ if input.failures.is_empty() => format!(
            "<p>Gate <span class=\"pass\" id=\"gate-status\">PASSED</span>: min recall {}, max false-positive rate {}.</p>",
            o.min_recall.map_or("–".into(), |v| v.to_string()),
            o.max_fpr.map_or("–".into(), |v| v.to_string())
        ),
        _ => format!(
            "<p>Gate <span class=\"fail\" id=\"gate-status\">FAILED</span>:</p><ul>{}</ul>",
            input
                .failures
                .iter()
                .map(|f| format!("<li>{}</li>", esc(f.as_str().unwrap_or(""))))
                .collect::<String>()
        ),
    };
    sections.push(Section::new(
        "summary",
        "Summary",
        format!(
            "{}{gate}<p>Rule pack <code>{}</code> ({} rules) from {}; labelled sets: {}; seed {}.</p>",
            html::tiles(&tiles),
            esc(&input.matcher.pack().origin),
            input.matcher.pack().rules.len(),
            esc(input.pack_source),
            input
                .files
                .iter()
                .map(|f| format!("<code>{}</code>", esc(f)))
                .collect::<Vec<_>>()
                .join(", "),
            o.seed
        ),
    ));

    // Labelled recall.
    let pos_bars: Vec<Bar> = e
        .categories
        .iter()
        .filter(|c| c.label == "positive")
        .map(|c| rate_bar(&c.category, &c.rate))
        .collect();
    let neg_bars: Vec<Bar> = e
        .categories
        .iter()
        .filter(|c| c.label == "negative")
        .map(|c| rate_bar(&c.category, &c.rate))
        .collect();
    let cat_rows: Vec<Vec<String>> = e
        .categories
        .iter()
        .map(|c| {
            vec![
                esc(&c.category),
                c.label.to_owned(),
                c.documents.to_string(),
                c.flagged.to_string(),
                format!(
                    "{} {}",
                    if c.label == "positive" {
                        "recall"
                    } else {
                        "false-positive rate"
                    },
                    c.rate.display()
                ),
                c.by_own_category.map_or("–".into(), |v| v.to_string()),
            ]
        })
        .collect();
    sections.push(Section::new(
        "labelled",
        "Labelled recall and false alarms",
        format!(
            "<p>{} positives and {} negatives: {} removed correctly, {} missed, {} removed wrongly. Intervals are 95 % Wilson score intervals.</p>{}{}{}",
            e.positives,
            e.negatives,
            e.true_positives,
            e.false_negatives,
            e.false_positives,
            html::bar_chart("chart-recall-category", "Recall by category", "recall (share of positives removed)", &pos_bars, Some(1.0), true),
            html::bar_chart("chart-fpr-category", "False-positive rate by category", "share of negatives removed", &neg_bars, Some(1.0), true),
            html::table("table-categories", &["category", "label", "documents", "removed", "rate [95 % CI]", "by a rule of that category"], &cat_rows, "No categories."),
        ),
    ));

    // Rules.
    let removals: BTreeMap<String, u64> = match input.run.and_then(RunInfo::filter_stage) {
        Some(f) => removed_per_rule(f),
        None => e
            .rules
            .iter()
            .filter(|x| x.true_positives + x.false_positives > 0)
            .map(|x| (x.rule.clone(), x.true_positives + x.false_positives))
            .collect(),
    };
    let removals_title = if input.run.and_then(RunInfo::filter_stage).is_some() {
        "Removals per rule in the run"
    } else {
        "Labelled documents removed per rule"
    };
    let rule_rows: Vec<Vec<String>> = e
        .rules
        .iter()
        .map(|x| {
            vec![
                format!("<code>{}</code>", esc(&x.rule)),
                esc(&x.category),
                x.true_positives.to_string(),
                x.unique_true_positives.to_string(),
                x.false_positives.to_string(),
                x.recall.display(),
                x.precision.display(),
            ]
        })
        .collect();
    sections.push(Section::new(
        "rules",
        "Rules",
        format!(
            "{}<h3>Per rule on the labelled sets</h3><p>“only rule” counts positives no other rule catches: removing that rule loses them.</p>{}",
            rule_removal_chart("chart-rule-removals", removals_title, &removals),
            html::table(
                "table-rules",
                &["rule", "category", "positives caught", "only rule", "false alarms", "share of positives [CI]", "precision [CI]"],
                &rule_rows,
                "No rules."
            )
        ),
    ));

    // Mutations.
    let mut_bars: Vec<Bar> = r.classes.iter().map(|c| rate_bar(c.class.name(), &c.recall)).collect();
    let mut_rows: Vec<Vec<String>> = r
        .classes
        .iter()
        .map(|c| {
            vec![
                format!("<code>{}</code>", c.class.name()),
                esc(c.description),
                c.variants.to_string(),
                c.not_applicable.to_string(),
                c.recall.display(),
            ]
        })
        .collect();
    let mut_miss_rows: Vec<Vec<String>> = r
        .classes
        .iter()
        .flat_map(|c| {
            c.misses.iter().take(4).map(move |m| {
                vec![
                    format!("<code>{}</code>", c.class.name()),
                    format!("{}:{}", esc(&m.file), m.line),
                    esc(&m.original_rules.join(", ")),
                    format!("<span class=\"snippet\">{}</span>", esc(&m.snippet)),
                ]
            })
        })
        .collect();
    sections.push(Section::new(
        "mutations",
        "Adversarial variants",
        format!(
            "<p>Each of the {} positives the pack catches was disguised {} times per class (seed {}), only inside the spans the pack matched; recall is the share of variants still removed.</p>{}{}<h3>Examples of variants that got through</h3>{}",
            r.base_positives,
            r.variants_per_class,
            r.seed,
            html::bar_chart("chart-recall-mutation", "Recall by mutation class", "recall (share of variants removed)", &mut_bars, Some(1.0), true),
            html::table("table-mutations", &["class", "what it does", "variants", "not applicable", "recall [95 % CI]"], &mut_rows, "No mutations."),
            html::table("table-mutation-misses", &["class", "positive", "rules on the original", "variant (around the disguised span)"], &mut_miss_rows, "Every variant was removed."),
        ),
    ));

    // Misses and false alarms.
    let miss_rows: Vec<Vec<String>> = e
        .misses
        .iter()
        .map(|m| {
            vec![
                format!("{}:{}", esc(&m.file), m.line),
                esc(&m.category),
                format!("<span class=\"snippet\">{}</span>", esc(&m.snippet)),
            ]
        })
        .collect();
    let fa_rows: Vec<Vec<String>> = e
        .false_alarms
        .iter()
        .map(|m| {
            vec![
                format!("{}:{}", esc(&m.file), m.line),
                esc(&m.category),
                format!("<code>{}</code>", esc(&m.rules.join(", "))),
                format!("<span class=\"snippet\">{}</span>", esc(&m.snippet)),
            ]
        })
        .collect();
    sections.push(Section::new(
        "misses",
        "Misses and false alarms",
        format!(
            "<h3>Misses: positives the pack keeps ({})</h3>{}<h3>False alarms: negatives the pack removes ({})</h3>{}",
            e.misses.len(),
            html::table(
                "table-misses",
                &["document", "category", "text"],
                &miss_rows,
                "No misses."
            ),
            e.false_alarms.len(),
            html::table(
                "table-false-alarms",
                &["document", "category", "rule that fired", "matched context"],
                &fa_rows,
                "No false alarms."
            ),
        ),
    ));

    // Canaries.
    let canary_body = match input.canary {
        None => notice(
            "Not run: pass --canaries N RUN_DIR to plant positive passages into a finished run's clean documents.",
        ),
        Some(c) => {
            let bars: Vec<Bar> = c.classes.iter().map(|k| rate_bar(&k.class, &k.caught)).collect();
            let rows: Vec<Vec<String>> = c
                .missed
                .iter()
                .map(|m| {
                    vec![
                        m.index.to_string(),
                        format!("<code>{}</code>", esc(&m.host)),
                        esc(&m.source),
                        m.mutation.map_or("none".into(), |x| x.name().to_owned()),
                        format!("<span class=\"snippet\">{}</span>", esc(&m.snippet)),
                    ]
                })
                .collect();
            format!(
                "<p>{} canaries planted into clean documents of the run (seed {}); the filter caught {} — {}. The run's files were only read.</p>{}<h3>Canaries that got through</h3>{}",
                c.planted,
                c.seed,
                c.catch_rate.hits,
                esc(&c.catch_rate.display()),
                html::bar_chart(
                    "chart-canary-class",
                    "Canary catch rate by mutation class",
                    "share of canaries removed",
                    &bars,
                    Some(1.0),
                    true
                ),
                html::table(
                    "table-canary-misses",
                    &["canary", "host document", "planted positive", "mutation", "passage"],
                    &rows,
                    "Every canary was caught."
                ),
            )
        }
    };
    sections.push(Section::new("canaries", "Planted canaries", canary_body));

    // Leak scan.
    let leak_body = match input.leaks {
        None => notice("Not run: pass RUN_DIR to rescan a run's kept documents with the loose detector."),
        Some(l) => {
            let bars: Vec<Bar> = l
                .per_term
                .iter()
                .map(|(t, &n)| Bar {
                    label: t.clone(),
                    value: n as f64,
                    interval: None,
                    text: html::count(n, "document"),
                })
                .collect();
            let rows: Vec<Vec<String>> = l
                .top
                .iter()
                .map(|c| {
                    vec![
                        c.rank.to_string(),
                        format!("<code>{}</code>", esc(&c.id)),
                        format!("{:.2}", c.hit.score),
                        esc(&c.hit.terms.join(", ")),
                        format!("<span class=\"snippet\">{}</span>", esc(&c.hit.snippet)),
                    ]
                })
                .collect();
            format!(
                "<p>The kept output of stage <code>{}</code> ({} documents) rescanned with a loose single-word lexicon near AI-context words: {} candidates, highest score first (top {} listed). These are for human review, not removals.</p>{}{}",
                esc(&l.stage),
                l.documents,
                l.candidates,
                l.top.len(),
                html::bar_chart(
                    "chart-leak-terms",
                    "Candidates per lexicon term",
                    "documents",
                    &bars,
                    None,
                    false
                ),
                html::table(
                    "table-leaks",
                    &["rank", "document", "score", "terms", "context"],
                    &rows,
                    "No candidates."
                ),
            )
        }
    };
    sections.push(Section::new("leaks", "Leak scan of the kept output", leak_body));

    // Run.
    let run_body = match input.run {
        None => notice("No run given: stage charts need RUN_DIR."),
        Some(run) => format!("{}{}", stage_table(run), stage_charts(run)),
    };
    sections.push(Section::new(
        "run",
        "Run",
        format!(
            "{run_body}{}",
            length_chart(
                "chart-length",
                &format!("Length of kept and removed documents ({})", input.lengths_from),
                input.kept_lengths,
                input.removed_lengths
            )
        ),
    ));

    sections.push(Section::new(
        "llm-judge",
        "LLM judge",
        notice(
            "Not run. A sample audit by an LLM judge (reading kept documents and flagging mentions the rules miss) \
             needs an LLM backend, which this build does not have; its results will appear here.",
        ),
    ));

    let mut subtitle = vec![format!(
        "Rule pack {} — {} positives, {} negatives",
        input.matcher.pack().origin,
        e.positives,
        e.negatives
    )];
    if let Some(run) = input.run {
        subtitle.push(format!("Run folder: {}", run.dir.display()));
    }
    html::page("sdf audit", &subtitle, &sections)
}

/// `sdf audit` flags.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// A finished run's out_dir: plant canaries into it (--canaries) and rescan its kept output.
    #[arg(value_name = "RUN_DIR")]
    pub run_dir: Option<PathBuf>,
    /// Rule pack [default: the run's filter pack, else the built-in pack].
    #[arg(short, long, value_name = "PACK")]
    pub rules: Option<PathBuf>,
    /// Labelled JSONL files {"text", "label": "positive"|"negative", "category"} [default: the shipped sets].
    #[arg(short, long, value_name = "FILE", num_args = 1..)]
    pub labelled: Vec<PathBuf>,
    /// Plant N canaries into clean documents of RUN_DIR and report the catch rate.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub canaries: usize,
    /// Seed of mutations and canaries.
    #[arg(long, value_name = "SEED", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Variants per positive and mutation class.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_VARIANTS)]
    pub variants: u32,
    /// Leak candidates listed in full in the report.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LEAK_TOP)]
    pub leak_top: usize,
    /// Exit 1 when labelled recall is below R.
    #[arg(long, value_name = "R")]
    pub min_recall: Option<f64>,
    /// Exit 1 when the labelled false-positive rate is above F.
    #[arg(long, value_name = "F")]
    pub max_fpr: Option<f64>,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// Folder receiving audit.json and audit.html.
    #[arg(short, long, value_name = "DIR", default_value = "audit")]
    pub out: PathBuf,
    /// Worker threads [default: one per core].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

impl AuditArgs {
    /// Run `sdf audit`; returns the exit code.
    pub fn run(self) -> Result<i32> {
        audit(&AuditOptions {
            run_dir: self.run_dir,
            rules: self.rules,
            labelled: self.labelled,
            seed: self.seed,
            variants: self.variants,
            canaries: self.canaries,
            leak_top: self.leak_top,
            min_recall: self.min_recall,
            max_fpr: self.max_fpr,
            json: self.json,
            out: self.out,
            jobs: self.jobs.unwrap_or(0),
        })
    }
}
