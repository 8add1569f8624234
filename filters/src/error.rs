//! The error type of the filter engines.

/// What can go wrong loading rules or running an engine.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A rule pack is malformed; every problem found is listed.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    RulePack(Vec<RulePackProblem>),
    /// The multi-pattern automaton could not be built.
    #[error("cannot build the literal automaton: {0}")]
    Automaton(#[from] aho_corasick::BuildError),
    /// The regex set could not be built.
    #[error("cannot build the regex set: {0}")]
    Regex(#[from] regex::Error),
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// One problem in a rule pack, located by file, line and rule id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulePackProblem {
    /// The pack's origin (file path, or `<builtin default>`).
    pub origin: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The rule, when the problem is inside one.
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for RulePackProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(rule) = &self.rule {
            write!(f, "rule `{rule}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}
