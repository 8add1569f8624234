//! `sdf export`: a dataset folder's rows as JSONL for fine-tuning services and SDF tooling.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use sdf_datasets::export::{ExportFormat, ExportOptions, ExportSummary, export};
use sdf_datasets::manifest::{MANIFEST_FILE, StageManifest};

/// What `sdf export` was asked to do.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// A dataset folder (the shard stage's, or any stage's) with a `manifest.json`.
    pub dataset: PathBuf,
    /// Output file, or an existing folder to write the format's default file name into.
    pub out: PathBuf,
    /// Line shape and options.
    pub options: ExportOptions,
}

/// The `output` Parquet files of the dataset at `dir`, in manifest order, after
/// checking that each exists with its recorded size.
pub fn dataset_parts(dir: &Path) -> Result<(StageManifest, Vec<PathBuf>)> {
    let Some(manifest) = StageManifest::load(dir)? else {
        bail!(
            "{}: no {MANIFEST_FILE}; give a finished stage's folder, e.g. out/shard",
            dir.display()
        );
    };
    let mut parts = Vec::new();
    for p in manifest.output_parts() {
        let path = dir.join(&p.name);
        let len = std::fs::metadata(&path)
            .with_context(|| format!("{}: listed in {MANIFEST_FILE} but unreadable", path.display()))?
            .len();
        if len != p.bytes {
            bail!(
                "{}: {len} bytes, {MANIFEST_FILE} says {}; run `sdf verify {}`",
                path.display(),
                p.bytes,
                dir.display()
            );
        }
        parts.push(path);
    }
    Ok((manifest, parts))
}

/// Run the export; the file appears only when complete.
pub fn run(request: &ExportRequest) -> Result<ExportSummary> {
    let (_, parts) = dataset_parts(&request.dataset)?;
    let out = if request.out.is_dir() {
        request.out.join(request.options.format.default_file_name())
    } else {
        request.out.clone()
    };
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        bail!("{}: folder does not exist", parent.display());
    }
    let universes = std::sync::Mutex::new(std::collections::HashMap::<String, Option<sdf_corpora::Universe>>::new());
    let fact_text = |universe: &str, fact: &str| -> Option<String> {
        let mut cache = universes.lock().ok()?;
        let u = cache
            .entry(universe.to_owned())
            .or_insert_with(|| sdf_corpora::Universe::builtin(universe).ok());
        u.as_ref()?.fact(fact).map(|f| f.statement.clone())
    };
    let summary = export(&parts, &out, &request.options, &fact_text)
        .with_context(|| format!("export of {} failed", request.dataset.display()))?;
    Ok(summary)
}

/// Parse a `--format` value.
pub fn parse_format(name: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(name).ok_or_else(|| {
        let known: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format `{name}` (formats: {})", known.join(", "))
    })
}
