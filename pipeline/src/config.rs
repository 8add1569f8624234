//! `stages.toml` → plain, serde-checked config ("low" arguments).
//!
//! Parsing keeps going after an error so that every problem in a file is
//! reported at once, each with `file:line:col` and the stage it belongs to.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::stages::StageKind;

/// Default `run.out_dir`, relative to the config file.
pub const DEFAULT_OUT_DIR: &str = "out";
/// Default `run.seed`.
pub const DEFAULT_SEED: u64 = 1;

/// The `[run]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RunSection {
    /// Where stage folders are written, relative to the config file.
    #[serde(default = "default_out_dir")]
    pub out_dir: PathBuf,
    /// Seed of everything random in the run (generation, shuffles).
    #[serde(default = "default_seed")]
    pub seed: u64,
}

fn default_out_dir() -> PathBuf {
    PathBuf::from(DEFAULT_OUT_DIR)
}

fn default_seed() -> u64 {
    DEFAULT_SEED
}

impl Default for RunSection {
    fn default() -> Self {
        RunSection {
            out_dir: default_out_dir(),
            seed: DEFAULT_SEED,
        }
    }
}

/// One `[[stages]]` entry: the common keys, and the kind-specific rest still as TOML.
#[derive(Debug, Clone)]
pub struct RawStage {
    /// Unique name; also the output folder name.
    pub name: String,
    /// Stage kind.
    pub kind: StageKind,
    /// The stage whose output this one reads.
    pub input: Option<Spanned<String>>,
    /// Kind-specific settings, parsed by the kind.
    pub settings: crate::stages::StageSettings,
    /// Where the stage is declared (line, col).
    pub at: (usize, usize),
}

/// The parsed file.
#[derive(Debug, Clone)]
pub struct StagesFile {
    /// Path of the file.
    pub path: PathBuf,
    /// `[run]`.
    pub run: RunSection,
    /// Stages in file order.
    pub stages: Vec<RawStage>,
}

/// One problem in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub file: PathBuf,
    /// 1-based line and column, when known.
    pub at: Option<(usize, usize)>,
    /// The stage the problem is in.
    pub stage: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, col)) = self.at {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": ")?;
        if let Some(stage) = &self.stage {
            write!(f, "stage `{stage}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// All problems found in a config file.
#[derive(Debug, Clone)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if n > 1 {
            write!(f, "\n{n} errors in {}", self.0[0].file.display())?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

/// Turns byte offsets into 1-based line:col.
pub struct LineIndex<'a> {
    src: &'a str,
}

impl<'a> LineIndex<'a> {
    /// Index `src`.
    pub fn new(src: &'a str) -> Self {
        LineIndex { src }
    }

    /// Line and column (in characters) of byte `offset`.
    pub fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        let before = &self.src[..self.src.floor_char_boundary(offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }
}

/// Collects errors with positions while parsing one file.
pub(crate) struct Collector<'a> {
    file: PathBuf,
    index: LineIndex<'a>,
    pub(crate) errors: Vec<ConfigError>,
}

impl<'a> Collector<'a> {
    pub(crate) fn new(file: &Path, src: &'a str) -> Self {
        Collector {
            file: file.to_owned(),
            index: LineIndex::new(src),
            errors: Vec::new(),
        }
    }

    pub(crate) fn push(
        &mut self,
        span: Option<std::ops::Range<usize>>,
        stage: Option<&str>,
        message: impl Into<String>,
    ) {
        self.errors.push(ConfigError {
            file: self.file.clone(),
            at: span.map(|s| self.index.locate(s.start)),
            stage: stage.map(str::to_owned),
            message: message.into(),
        });
    }

    pub(crate) fn push_at(&mut self, at: (usize, usize), stage: Option<&str>, message: impl Into<String>) {
        self.errors.push(ConfigError {
            file: self.file.clone(),
            at: Some(at),
            stage: stage.map(str::to_owned),
            message: message.into(),
        });
    }

    pub(crate) fn locate(&self, offset: usize) -> (usize, usize) {
        self.index.locate(offset)
    }

    /// Deserialize a kind's settings from a TOML table, recording any error.
    pub(crate) fn deserialize<T: DeserializeOwned>(
        &mut self,
        value: Spanned<DeValue<'_>>,
        stage: Option<&str>,
    ) -> Option<T> {
        let fallback = value.span();
        match T::deserialize(value.into_deserializer()) {
            Ok(v) => Some(v),
            Err(e) => {
                let span = e.span().unwrap_or(fallback);
                self.push(Some(span), stage, e.message().trim_end_matches('\n').to_owned());
                None
            }
        }
    }
}

fn string_value(value: &Spanned<DeValue<'_>>) -> Option<String> {
    match value.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        _ => None,
    }
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Parse `src` (the contents of `path`) into a [`StagesFile`]; stages with
/// errors are left out and every problem is returned alongside.
pub fn parse_stages_file(path: &Path, src: &str) -> (StagesFile, Vec<ConfigError>) {
    let mut c = Collector::new(path, src);
    let (root, parse_errors) = DeTable::parse_recoverable(src);
    for e in parse_errors {
        c.push(e.span(), None, e.message().trim_end_matches('\n').to_owned());
    }
    let root_span = root.span();
    let mut root = root.into_inner();
    let mut run = RunSection::default();
    if let Some(value) = root.remove("run")
        && let Some(r) = c.deserialize::<RunSection>(value, None)
    {
        run = r;
    }
    let mut stages = Vec::new();
    match root.remove("stages") {
        None => c.push(Some(root_span.start..root_span.start), None, "no `[[stages]]` declared"),
        Some(value) => {
            let span = value.span();
            match value.into_inner() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        if let Some(stage) = parse_stage(&mut c, item.clone()) {
                            stages.push(stage);
                        }
                    }
                }
                other => c.push(
                    Some(span),
                    None,
                    format!(
                        "`stages` must be an array of tables (`[[stages]]`), found {}",
                        type_name(&other)
                    ),
                ),
            }
        }
    }
    for (key, _) in root.iter() {
        c.push(
            Some(key.span()),
            None,
            format!("unknown top-level key `{}`, expected `run` or `stages`", key.get_ref()),
        );
    }
    (
        StagesFile {
            path: path.to_owned(),
            run,
            stages,
        },
        c.errors,
    )
}

fn parse_stage(c: &mut Collector<'_>, item: Spanned<DeValue<'_>>) -> Option<RawStage> {
    let span = item.span();
    let at = c.locate(span.start);
    let mut table = match item.into_inner() {
        DeValue::Table(t) => t,
        other => {
            c.push(
                Some(span),
                None,
                format!("a stage must be a table, found {}", type_name(&other)),
            );
            return None;
        }
    };
    let name_value = table.remove("name");
    let name = match &name_value {
        Some(v) => match string_value(v) {
            Some(s) if !s.trim().is_empty() => Some(s),
            _ => {
                c.push(Some(v.span()), None, "`name` must be a non-empty string");
                None
            }
        },
        None => {
            c.push(Some(span.clone()), None, "stage has no `name`");
            None
        }
    };
    if let Some(n) = &name
        && (n.contains(['/', '\\']) || n.starts_with('.'))
    {
        let s = name_value.as_ref().map(|v| v.span());
        c.push(
            s,
            Some(n),
            "`name` is a folder name: it must not contain `/` or `\\` or start with `.`",
        );
    }
    let stage_name = name.clone();
    let label = stage_name.as_deref();
    let kind = match table.remove("kind") {
        Some(v) => match string_value(&v) {
            Some(s) => match s.parse::<StageKind>() {
                Ok(k) => Some(k),
                Err(()) => {
                    c.push(
                        Some(v.span()),
                        label,
                        format!(
                            "unknown stage kind `{s}`, expected one of: {}",
                            StageKind::names().join(", ")
                        ),
                    );
                    None
                }
            },
            None => {
                c.push(
                    Some(v.span()),
                    label,
                    format!("`kind` must be a string, found {}", type_name(v.get_ref())),
                );
                None
            }
        },
        None => {
            c.push(Some(span.clone()), label, "stage has no `kind`");
            None
        }
    };
    let input = match table.remove("input") {
        Some(v) => match string_value(&v) {
            Some(s) => Some(Spanned::new(v.span(), s)),
            None => {
                c.push(
                    Some(v.span()),
                    label,
                    format!(
                        "`input` must be a stage name (a string), found {}",
                        type_name(v.get_ref())
                    ),
                );
                None
            }
        },
        None => None,
    };
    let kind = kind?;
    let settings = crate::stages::StageSettings::parse(kind, c, Spanned::new(span, DeValue::Table(table)), label)?;
    Some(RawStage {
        name: name?,
        kind,
        input,
        settings,
        at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_lines_and_columns() {
        let idx = LineIndex::new("ab\ncdé\nf");
        assert_eq!(idx.locate(0), (1, 1));
        assert_eq!(idx.locate(4), (2, 2));
        assert_eq!(idx.locate(8), (3, 1));
        assert_eq!(idx.locate(7), (2, 4));
    }
}
