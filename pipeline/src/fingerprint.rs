//! Stage fingerprints: what a stage's output is a function of.
//!
//! sha256 over canonical JSON (object keys sorted) of the stage kind, its
//! resolved settings, the run seed where the kind uses it, the name and
//! content hash of every file it reads as configuration or input, the
//! fingerprint of its upstream stage, and the tool version. Equal fingerprints
//! mean equal output bytes; that is what lets `sdf run` skip a stage.

use anyhow::Result;
use sdf_datasets::TOOL_VERSION;
use sdf_datasets::checksum::{sha256_bytes, to_hex};

use crate::cache::FileCache;
use crate::plan::Plan;
use crate::stages::config_files;

/// Fingerprint of stage `index`, given its upstream's fingerprint.
pub fn stage_fingerprint(plan: &Plan, index: usize, upstream: Option<&str>, cache: &FileCache) -> Result<String> {
    let stage = &plan.stages[index];
    let files: Vec<serde_json::Value> = config_files(stage, plan, cache)?
        .into_iter()
        .map(|(name, sha)| serde_json::json!({"name": name, "sha256": sha}))
        .collect();
    let doc = serde_json::json!({
        "kind": stage.kind.name(),
        "settings": stage.settings.to_json(),
        "seed": stage.settings.uses_seed().then_some(plan.seed),
        "files": files,
        "input": upstream,
        "sdf_version": TOOL_VERSION,
    });
    // serde_json's default map is a BTreeMap, so this serialisation is canonical.
    let bytes = serde_json::to_vec(&doc)?;
    Ok(to_hex(&sha256_bytes(&bytes)))
}

/// Fingerprints of every stage, in plan order.
pub fn all_fingerprints(plan: &Plan, cache: &FileCache) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(plan.stages.len());
    for (i, stage) in plan.stages.iter().enumerate() {
        let upstream = stage.input.map(|j| out[j].clone());
        out.push(stage_fingerprint(plan, i, upstream.as_deref(), cache)?);
    }
    Ok(out)
}
