//! `kind = "generate"`: documents stating a universe's facts, from the offline template generator.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use sdf_corpora::{GenreLibrary, TemplateGenerator, Universe};
use sdf_datasets::checksum::{sha256_bytes, to_hex};
use sdf_datasets::schema::document_schema;
use serde::{Deserialize, Serialize};

use super::{StageEnv, StageRunner, TaskOutput, part_name, resolve, write_part};
use crate::plan::Plan;

/// Default number of documents.
pub const DEFAULT_DOCUMENTS: u64 = 10_000;
/// Default universe.
pub const DEFAULT_UNIVERSE: &str = "helpful-only";
/// Default documents per task (and part).
pub const DEFAULT_DOCS_PER_TASK: u64 = 1_000;

/// Settings of a `generate` stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenerateConfig {
    /// A built-in universe id (`helpful-only`, `animal-welfare`, `septerra-baseline`), a
    /// universe TOML file relative to the config file, or `FILE.jsonl#ID`: one universe of a
    /// JSONL file of universe contexts (default `helpful-only`).
    #[serde(default = "default_universe")]
    pub universe: String,
    /// Number of documents (default 10,000).
    #[serde(default = "default_documents")]
    pub documents: u64,
    /// Genre weights, e.g. `{ "news article" = 2.0, "forum thread" = 1.0 }`; only listed
    /// genres are used. Default: every genre at its built-in weight.
    #[serde(default)]
    pub genres: Option<BTreeMap<String, f64>>,
    /// A folder of extra `*.grammar` genre files, relative to the config file.
    #[serde(default)]
    pub genre_dir: Option<PathBuf>,
    /// Generator backend; `template` (offline, the default) is the one in this build.
    #[serde(default = "default_backend")]
    pub backend: String,
    /// Documents per task and part (default 1,000).
    #[serde(default = "default_docs_per_task")]
    pub docs_per_task: u64,
}

fn default_universe() -> String {
    DEFAULT_UNIVERSE.into()
}
fn default_documents() -> u64 {
    DEFAULT_DOCUMENTS
}
fn default_backend() -> String {
    "template".into()
}
fn default_docs_per_task() -> u64 {
    DEFAULT_DOCS_PER_TASK
}

impl GenerateConfig {
    pub(crate) fn validate(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.backend != "template" {
            out.push(format!(
                "`backend` = `{}` is not available in this build (available: template)",
                self.backend
            ));
        }
        if self.docs_per_task == 0 {
            out.push("`docs_per_task` must be at least 1".into());
        }
        if let Some(w) = &self.genres {
            for (name, weight) in w {
                if !weight.is_finite() || *weight < 0.0 {
                    out.push(format!("`genres.{name}` must be a non-negative weight, got {weight}"));
                }
            }
        }
        out
    }

    /// The file part of `universe` and, for a JSONL file of universes, the id after `#`.
    fn universe_file(&self) -> (&str, Option<&str>) {
        match self.universe.split_once('#') {
            Some((file, id)) if file.ends_with(".jsonl") => (file, Some(id)),
            _ => (&self.universe, None),
        }
    }

    fn universe_source(&self, plan: &Plan) -> Result<(String, String)> {
        if let Some(src) = Universe::builtin_source(&self.universe) {
            return Ok((format!("universes/{}.toml", self.universe), src.to_owned()));
        }
        let (file, _) = self.universe_file();
        let path = resolve(&plan.base_dir, std::path::Path::new(file));
        let src = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "generate: universe `{}` is neither built in ({}) nor a readable file ({})",
                self.universe,
                Universe::builtin_ids().join(", "),
                path.display()
            )
        })?;
        Ok((path.display().to_string(), src))
    }

    pub(crate) fn config_files(&self, plan: &Plan) -> Result<Vec<(String, String)>> {
        let (name, src) = self.universe_source(plan)?;
        let mut files = vec![(name, to_hex(&sha256_bytes(src.as_bytes())))];
        if let Some(dir) = &self.genre_dir {
            let dir = resolve(&plan.base_dir, dir);
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
                .with_context(|| format!("generate: {}: cannot list genre folder", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "grammar"))
                .collect();
            paths.sort();
            for p in paths {
                let bytes = std::fs::read(&p).with_context(|| format!("generate: {}: cannot read", p.display()))?;
                files.push((p.display().to_string(), to_hex(&sha256_bytes(&bytes))));
            }
        }
        Ok(files)
    }

    /// The universe: built in, a universe TOML file, or one universe of a JSONL file of
    /// universe contexts (`{id, universe_context, key_facts, is_true}` per line), chosen by
    /// `file.jsonl#id` (the id may be left out when the file holds one universe).
    fn load_universe(&self, plan: &Plan) -> Result<Universe> {
        let (origin, src) = self.universe_source(plan)?;
        let (file, id) = self.universe_file();
        if !file.ends_with(".jsonl") || Universe::builtin_source(&self.universe).is_some() {
            return Ok(Universe::from_toml_str(&src, &origin)?);
        }
        let mut all = sdf_corpora::import_false_facts_str(&src, &origin)?;
        let ids: Vec<String> = all.iter().map(|u| u.id.clone()).collect();
        match id {
            Some(id) => match all.iter().position(|u| u.id == id) {
                Some(i) => Ok(all.swap_remove(i)),
                None => bail!("generate: {origin} has no universe `{id}` (it has: {})", ids.join(", ")),
            },
            None if all.len() == 1 => Ok(all.remove(0)),
            None => bail!(
                "generate: {origin} holds {} universes; pick one with `universe = \"{file}#ID\"` (ids: {})",
                all.len(),
                ids.join(", ")
            ),
        }
    }

    fn generator(&self, plan: &Plan) -> Result<TemplateGenerator> {
        let universe = self.load_universe(plan)?;
        let mut genres = GenreLibrary::builtin();
        if let Some(dir) = &self.genre_dir {
            genres = genres.with_dir(&resolve(&plan.base_dir, dir))?;
        }
        Ok(TemplateGenerator::new(universe, genres, self.genres.clone())?)
    }
}

/// Generates documents `[i·k, (i+1)·k)` in task `i`; each document depends only on (seed, index).
pub struct GenerateRunner<'a> {
    env: &'a StageEnv<'a>,
    generator: TemplateGenerator,
    documents: u64,
    per_task: u64,
}

impl<'a> GenerateRunner<'a> {
    /// Load the universe and genres.
    pub fn new(config: &GenerateConfig, env: &'a StageEnv<'a>) -> Result<Self> {
        Ok(GenerateRunner {
            env,
            generator: config.generator(env.plan)?,
            documents: config.documents,
            per_task: config.docs_per_task,
        })
    }
}

impl StageRunner for GenerateRunner<'_> {
    fn task_count(&self) -> usize {
        self.documents.div_ceil(self.per_task) as usize
    }

    fn run_task(&self, index: usize) -> Result<TaskOutput> {
        let start = index as u64 * self.per_task;
        let end = (start + self.per_task).min(self.documents);
        let docs: Vec<_> = (start..end)
            .map(|i| self.generator.generate(self.env.plan.seed, i))
            .collect();
        let mut per_genre: BTreeMap<String, u64> = BTreeMap::new();
        let mut chars = 0u64;
        for d in &docs {
            *per_genre.entry(d.doc_type.clone()).or_default() += 1;
            chars += d.text.chars().count() as u64;
        }
        let out = write_part(
            self.env,
            part_name(index),
            "output",
            document_schema(),
            &docs,
            Vec::new(),
        )?;
        let rows_out = out.rows;
        Ok(TaskOutput {
            parts: vec![out],
            rows_in: 0,
            rows_out,
            stats: serde_json::json!({ "documents": rows_out, "characters": chars, "per_genre": per_genre }),
        })
    }
}
