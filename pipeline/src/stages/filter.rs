//! `kind = "filter"`: remove documents that match the rule pack, recording why.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use sdf_datasets::Document;
use sdf_datasets::checksum::{sha256_bytes, to_hex};
use sdf_datasets::part::read_documents;
use sdf_datasets::rejected::{MatchRecord, RemovalReason};
use sdf_filters::matcher::{Finding, Matcher, Scratch};
use sdf_filters::rules::{DEFAULT_PACK, DEFAULT_PACK_ORIGIN, RulePack};
use serde::{Deserialize, Serialize};

use super::{StageEnv, StageRunner, TaskOutput, resolve, write_kept_and_rejected};
use crate::plan::Plan;

/// Default ceiling on the share of documents a filter may remove.
pub const DEFAULT_MAX_REMOVAL_RATE: f64 = 0.20;

/// Settings of a `filter` stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterConfig {
    /// Rule pack file, relative to the config file (default: the built-in pack).
    #[serde(default)]
    pub rules: Option<PathBuf>,
    /// Fail the stage when it removes more than this share of documents
    /// (default 0.20): a filter that removes most of a corpus is a bug.
    #[serde(default = "default_max_removal_rate")]
    pub max_removal_rate: f64,
}

fn default_max_removal_rate() -> f64 {
    DEFAULT_MAX_REMOVAL_RATE
}

impl FilterConfig {
    pub(crate) fn validate(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !(0.0..=1.0).contains(&self.max_removal_rate) {
            out.push(format!(
                "`max_removal_rate` must be between 0 and 1, got {}",
                self.max_removal_rate
            ));
        }
        out
    }

    fn pack_source(&self, plan: &Plan) -> Result<(String, String)> {
        match &self.rules {
            None => Ok((DEFAULT_PACK_ORIGIN.to_owned(), DEFAULT_PACK.to_owned())),
            Some(p) => {
                let path = resolve(&plan.base_dir, p);
                let src = std::fs::read_to_string(&path)
                    .with_context(|| format!("filter: {}: cannot read rule pack", path.display()))?;
                Ok((path.display().to_string(), src))
            }
        }
    }

    pub(crate) fn config_files(&self, plan: &Plan) -> Result<Vec<(String, String)>> {
        let (origin, src) = self.pack_source(plan)?;
        Ok(vec![(origin, to_hex(&sha256_bytes(src.as_bytes())))])
    }

    /// Load and compile the pack.
    pub fn matcher(&self, plan: &Plan) -> Result<Matcher> {
        let (origin, src) = self.pack_source(plan)?;
        let pack = RulePack::from_toml_str(&src, &origin)?;
        Ok(Matcher::new(pack)?)
    }
}

/// Why a document matched, in the rejected file's terms.
pub fn removal_reason(matcher: &Matcher, findings: &[Finding]) -> RemovalReason {
    let rules = &matcher.pack().rules;
    let mut reason = RemovalReason::default();
    for f in findings {
        let rule = &rules[f.rule];
        if !reason.rule_ids.contains(&rule.id) {
            reason.rule_ids.push(rule.id.clone());
        }
        if !reason.categories.contains(&rule.category) {
            reason.categories.push(rule.category.clone());
        }
        reason.matches.push(MatchRecord {
            rule: rule.id.clone(),
            start: f.start as u64,
            end: f.end as u64,
            snippet: f.snippet.clone(),
        });
    }
    reason
}

/// Filters each input part into a kept part and a rejected part.
pub struct FilterRunner<'a> {
    env: &'a StageEnv<'a>,
    matcher: Matcher,
    inputs: Vec<PathBuf>,
    max_removal_rate: f64,
}

impl<'a> FilterRunner<'a> {
    /// Compile the pack and list the input parts.
    pub fn new(config: &FilterConfig, env: &'a StageEnv<'a>) -> Result<Self> {
        let input = env.input.as_ref().context("filter: no input dataset")?;
        Ok(FilterRunner {
            env,
            matcher: config.matcher(env.plan)?,
            inputs: input.output_paths(),
            max_removal_rate: config.max_removal_rate,
        })
    }
}

impl StageRunner for FilterRunner<'_> {
    fn task_count(&self) -> usize {
        self.inputs.len()
    }

    fn run_task(&self, index: usize) -> Result<TaskOutput> {
        let docs = read_documents(&self.inputs[index])?;
        let mut scratch = Scratch::new();
        let mut kept: Vec<Document> = Vec::with_capacity(docs.len());
        let mut removed: Vec<Document> = Vec::new();
        let mut reasons: Vec<RemovalReason> = Vec::new();
        let mut per_rule: BTreeMap<String, u64> = BTreeMap::new();
        let mut per_category: BTreeMap<String, u64> = BTreeMap::new();
        let rows_in = docs.len() as u64;
        for doc in docs {
            let findings = self.matcher.find(&doc.text, &mut scratch);
            if findings.is_empty() {
                kept.push(doc);
            } else {
                let reason = removal_reason(&self.matcher, &findings);
                for r in &reason.rule_ids {
                    *per_rule.entry(r.clone()).or_default() += 1;
                }
                for c in &reason.categories {
                    *per_category.entry(c.clone()).or_default() += 1;
                }
                reasons.push(reason);
                removed.push(doc);
            }
        }
        let (out, rej) = write_kept_and_rejected(self.env, index, &kept, &removed, &reasons)?;
        let (rows_out, removed) = (out.rows, rej.rows);
        Ok(TaskOutput {
            parts: vec![out, rej],
            rows_in,
            rows_out,
            stats: serde_json::json!({
                "docs_in": rows_in,
                "kept": rows_out,
                "removed": removed,
                "removed_per_rule": per_rule,
                "removed_per_category": per_category,
            }),
        })
    }

    fn finish(&self, outputs: &[TaskOutput]) -> Result<serde_json::Value> {
        let mut stats = super::merged_stats(outputs);
        let (docs_in, removed, rate) = super::removal(outputs);
        if let Some(obj) = stats.as_object_mut() {
            obj.insert("removal_rate".into(), serde_json::json!(rate));
            obj.insert("rule_pack".into(), serde_json::json!(self.matcher.pack().origin));
        }
        if rate > self.max_removal_rate {
            bail!(
                "filter removed {:.1}% of documents ({removed} of {docs_in}), above max_removal_rate = {}; \
                 check the rule pack, or raise max_removal_rate if this is intended (removals per rule: {})",
                rate * 100.0,
                self.max_removal_rate,
                stats.get("removed_per_rule").map(|v| v.to_string()).unwrap_or_default()
            );
        }
        Ok(stats)
    }
}
