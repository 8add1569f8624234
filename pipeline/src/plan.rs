//! The validated plan ("high" arguments): stages in dependency order with
//! resolved paths. Built from a [`StagesFile`]; stages receive only this.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::{Collector, ConfigError, ConfigErrors, StagesFile, parse_stages_file};
use crate::stages::{StageKind, StageSettings};

/// One stage, validated.
#[derive(Debug, Clone)]
pub struct PlannedStage {
    /// Unique name; output folder.
    pub name: String,
    /// Kind.
    pub kind: StageKind,
    /// Index (into [`Plan::stages`]) of the upstream stage.
    pub input: Option<usize>,
    /// Kind-specific settings.
    pub settings: StageSettings,
}

/// A validated pipeline.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The config file.
    pub config_path: PathBuf,
    /// Folder relative paths in the config resolve against.
    pub base_dir: PathBuf,
    /// Where stage folders go.
    pub out_dir: PathBuf,
    /// Run seed.
    pub seed: u64,
    /// Stages, upstream before downstream (file order where free).
    pub stages: Vec<PlannedStage>,
}

impl Plan {
    /// Read, parse and validate a config file; `out_dir` overrides `[run] out_dir`.
    pub fn load(path: &Path, out_dir: Option<&Path>) -> Result<Plan, ConfigErrors> {
        let src = std::fs::read_to_string(path).map_err(|e| {
            ConfigErrors(vec![ConfigError {
                file: path.to_owned(),
                at: None,
                stage: None,
                message: format!("cannot read: {e}"),
            }])
        })?;
        Plan::from_source(path, &src, out_dir)
    }

    /// Parse and validate `src`, the contents of `path`.
    pub fn from_source(path: &Path, src: &str, out_dir: Option<&Path>) -> Result<Plan, ConfigErrors> {
        let (file, mut errors) = parse_stages_file(path, src);
        let mut c = Collector::new(path, src);
        let plan = build(&file, &mut c, out_dir);
        errors.extend(c.errors);
        if errors.is_empty() {
            Ok(plan)
        } else {
            errors.sort_by_key(|e| e.at);
            errors.dedup();
            Err(ConfigErrors(errors))
        }
    }

    /// Index of the stage called `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.name == name)
    }

    /// The folder of stage `index`.
    pub fn stage_dir(&self, index: usize) -> PathBuf {
        self.out_dir.join(&self.stages[index].name)
    }
}

fn build(file: &StagesFile, c: &mut Collector<'_>, out_override: Option<&Path>) -> Plan {
    let base_dir = file.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let base_dir = if base_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base_dir
    };
    let out_dir = match out_override {
        Some(o) => o.to_owned(),
        None => crate::stages::resolve(&base_dir, &file.run.out_dir),
    };
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (i, s) in file.stages.iter().enumerate() {
        if let Some(prev) = by_name.insert(&s.name, i) {
            let (line, _) = file.stages[prev].at;
            c.push_at(
                s.at,
                Some(&s.name),
                format!("duplicate stage name (first declared on line {line})"),
            );
        }
    }
    // Resolve inputs.
    let mut inputs: Vec<Option<usize>> = vec![None; file.stages.len()];
    for (i, s) in file.stages.iter().enumerate() {
        for problem in s.settings.validate() {
            c.push_at(s.at, Some(&s.name), problem);
        }
        match (&s.input, s.kind.takes_input()) {
            (Some(input), false) => {
                c.push(
                    Some(input.span()),
                    Some(&s.name),
                    format!("a `{}` stage reads no upstream stage; remove `input`", s.kind.name()),
                );
            }
            (None, true) => c.push_at(
                s.at,
                Some(&s.name),
                format!(
                    "a `{}` stage needs `input`, the name of the stage it reads",
                    s.kind.name()
                ),
            ),
            (Some(input), true) => match by_name.get(input.get_ref().as_str()) {
                Some(&j) if j == i => c.push(Some(input.span()), Some(&s.name), "a stage cannot read its own output"),
                Some(&j) => inputs[i] = Some(j),
                None => {
                    let known: Vec<&str> = file.stages.iter().map(|s| s.name.as_str()).collect();
                    c.push(
                        Some(input.span()),
                        Some(&s.name),
                        format!(
                            "input `{}` is not a stage of this file (stages: {})",
                            input.get_ref(),
                            known.join(", ")
                        ),
                    );
                }
            },
            (None, false) => {}
        }
    }
    // Cycles, then a stable topological order.
    let n = file.stages.len();
    let mut order = Vec::with_capacity(n);
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    for start in 0..n {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let names: Vec<&str> = chain.iter().map(|&k: &usize| file.stages[k].name.as_str()).collect();
                    c.push_at(
                        file.stages[i].at,
                        Some(&file.stages[i].name),
                        format!("stages form a cycle: {} -> {}", names.join(" -> "), file.stages[i].name),
                    );
                    break;
                }
                _ => {
                    state[i] = 1;
                    chain.push(i);
                    at = inputs[i];
                }
            }
        }
        for &k in chain.iter().rev() {
            state[k] = 2;
            if !order.contains(&k) {
                order.push(k);
            }
        }
    }
    let position: HashMap<usize, usize> = order.iter().enumerate().map(|(pos, &i)| (i, pos)).collect();
    let stages = order
        .iter()
        .map(|&i| {
            let s = &file.stages[i];
            PlannedStage {
                name: s.name.clone(),
                kind: s.kind,
                input: inputs[i].and_then(|j| position.get(&j).copied()),
                settings: s.settings.clone(),
            }
        })
        .collect();
    Plan {
        config_path: file.path.clone(),
        base_dir,
        out_dir,
        seed: file.run.seed,
        stages,
    }
}
