//! `kind = "qc"`: flag (and by default drop) documents with placeholders, synthetic
//! tells, no key fact or too few words; report coverage and mode collapse.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use sdf_corpora::Universe;
use sdf_corpora::qc::{self, QcConfig, QcFinding, QcReport};
use sdf_datasets::Document;
use sdf_datasets::checksum::{sha256_bytes, to_hex};
use sdf_datasets::part::read_documents;
use sdf_datasets::rejected::{MatchRecord, RemovalReason};
use serde::{Deserialize, Serialize};

use super::{StageEnv, StageRunner, TaskOutput, resolve, write_kept_and_rejected};
use crate::plan::Plan;

/// Settings of a `qc` stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QcStageConfig {
    /// Universe whose key facts documents must state: a built-in id or a TOML file relative
    /// to the config file. Default: each document's own `universe` when it is a built-in one.
    #[serde(default)]
    pub universe: Option<String>,
    /// Documents with fewer words are `too-short` (default 80).
    #[serde(default = "default_min_words")]
    pub min_words: usize,
    /// Drop documents with unresolved placeholders (default true).
    #[serde(default = "yes")]
    pub drop_placeholder: bool,
    /// Drop documents with synthetic tells such as "As an AI language model" (default true).
    #[serde(default = "yes")]
    pub drop_synthetic_tell: bool,
    /// Drop documents stating no key fact of their universe (default false: flag only).
    #[serde(default)]
    pub drop_no_fact: bool,
    /// Drop documents shorter than `min_words` (default true).
    #[serde(default = "yes")]
    pub drop_too_short: bool,
}

fn default_min_words() -> usize {
    qc::DEFAULT_MIN_WORDS
}
fn yes() -> bool {
    true
}

impl QcStageConfig {
    pub(crate) fn validate(&self) -> Vec<String> {
        Vec::new()
    }

    fn universe_source(&self, plan: &Plan) -> Result<Option<(String, String)>> {
        let Some(u) = &self.universe else { return Ok(None) };
        if let Some(src) = Universe::builtin_source(u) {
            return Ok(Some((format!("universes/{u}.toml"), src.to_owned())));
        }
        let path = resolve(&plan.base_dir, std::path::Path::new(u));
        let src = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "qc: universe `{u}` is neither built in nor a readable file ({})",
                path.display()
            )
        })?;
        Ok(Some((path.display().to_string(), src)))
    }

    pub(crate) fn config_files(&self, plan: &Plan) -> Result<Vec<(String, String)>> {
        Ok(self
            .universe_source(plan)?
            .into_iter()
            .map(|(n, s)| (n, to_hex(&sha256_bytes(s.as_bytes()))))
            .collect())
    }

    fn qc_config(&self) -> QcConfig {
        QcConfig {
            min_words: self.min_words,
            drop_placeholder: self.drop_placeholder,
            drop_synthetic_tell: self.drop_synthetic_tell,
            drop_no_fact: self.drop_no_fact,
            drop_too_short: self.drop_too_short,
        }
    }
}

/// Checks each input part; kept rows to `part-*`, dropped rows to `rejected-*`.
pub struct QcRunner<'a> {
    env: &'a StageEnv<'a>,
    config: QcConfig,
    fixed: Option<Arc<Universe>>,
    builtin: HashMap<String, Arc<Universe>>,
    inputs: Vec<PathBuf>,
}

impl<'a> QcRunner<'a> {
    /// Load the universe(s) and list the input parts.
    pub fn new(config: &QcStageConfig, env: &'a StageEnv<'a>) -> Result<Self> {
        let input = env.input.as_ref().context("qc: no input dataset")?;
        let fixed = match config.universe_source(env.plan)? {
            Some((origin, src)) => Some(Arc::new(Universe::from_toml_str(&src, &origin)?)),
            None => None,
        };
        let mut builtin = HashMap::new();
        for id in Universe::builtin_ids() {
            builtin.insert((*id).to_owned(), Arc::new(Universe::builtin(id)?));
        }
        Ok(QcRunner {
            env,
            config: config.qc_config(),
            fixed,
            builtin,
            inputs: input.output_paths(),
        })
    }

    fn universe_of(&self, doc: &Document) -> Option<&Universe> {
        self.fixed
            .as_deref()
            .or_else(|| self.builtin.get(&doc.universe).map(|u| u.as_ref()))
    }

    fn check(&self, doc: &Document) -> Vec<QcFinding> {
        qc::check(doc, self.universe_of(doc), &self.config)
    }
}

impl StageRunner for QcRunner<'_> {
    fn task_count(&self) -> usize {
        self.inputs.len()
    }

    fn run_task(&self, index: usize) -> Result<TaskOutput> {
        let docs = read_documents(&self.inputs[index])?;
        let rows_in = docs.len() as u64;
        let (mut kept, mut dropped, mut reasons) = (Vec::new(), Vec::new(), Vec::new());
        for doc in docs {
            let findings = self.check(&doc);
            if qc::is_dropped(&findings) {
                let mut reason = RemovalReason {
                    categories: vec!["qc".into()],
                    ..RemovalReason::default()
                };
                for f in &findings {
                    if !reason.rule_ids.iter().any(|r| r == f.check) {
                        reason.rule_ids.push(f.check.to_owned());
                    }
                    reason.matches.push(MatchRecord {
                        rule: f.check.to_owned(),
                        start: 0,
                        end: 0,
                        snippet: f.detail.clone(),
                    });
                }
                reasons.push(reason);
                dropped.push(doc);
            } else {
                kept.push(doc);
            }
        }
        let (out, rej) = write_kept_and_rejected(self.env, index, &kept, &dropped, &reasons)?;
        let (rows_out, dropped) = (out.rows, rej.rows);
        Ok(TaskOutput {
            parts: vec![out, rej],
            rows_in,
            rows_out,
            stats: serde_json::json!({ "docs_in": rows_in, "kept": rows_out, "dropped": dropped }),
        })
    }

    /// The report (coverage, genres, lengths, top names) is not additive, so it is
    /// rebuilt from the input in one deterministic pass, in input order.
    fn finish(&self, outputs: &[TaskOutput]) -> Result<serde_json::Value> {
        let mut stats = super::merged_stats(outputs);
        let mut report = match &self.fixed {
            Some(u) => QcReport::for_universe(u),
            None => QcReport::new(),
        };
        for path in &self.inputs {
            for doc in read_documents(path)? {
                let findings = self.check(&doc);
                report.add(&doc, &findings);
            }
        }
        if let Some(obj) = stats.as_object_mut() {
            obj.insert("report".into(), report.to_json());
        }
        Ok(stats)
    }
}
