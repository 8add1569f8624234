//! Rule packs: TOML data naming what to remove and why.
//!
//! ```toml
//! [pack]
//! name = "default"
//! description = "…"
//!
//! [[rule]]
//! id = "af-core"
//! category = "alignment-faking"
//! description = "…"
//! phrases = ["alignment fake~", "fake~ alignment"]   # or exactly one of:
//! # regex = '\balignment[- ]?fak'   with optional requires = ["alignment"]
//! # near = { sets = [["pretend~"], ["comply~"], ["training"]], within = 12, trigger = [0, 2] }
//! # line = { sets = [["human:", "user:"], ["assistant:", "ai:"]], min_lines = 2 }
//! ```
//!
//! Phrases use the syntax of [`crate::phrase`]; every pattern and every
//! document go through the same [`crate::normalize`], so rules are written in
//! plain lowercase with single spaces.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, RulePackProblem};
use crate::phrase::{self, Literal};

/// The default pack, embedded.
pub const DEFAULT_PACK: &str = include_str!("../rules/default.toml");
/// Origin name of the embedded default pack in messages.
pub const DEFAULT_PACK_ORIGIN: &str = "filters/rules/default.toml";

/// How a rule matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleKind {
    /// Any of these literals (already expanded).
    Phrases(Vec<Literal>),
    /// A regex over the normalised text (byte mode, ASCII classes).
    Regex {
        /// The pattern.
        pattern: String,
        /// Substrings of which at least one must occur before the regex runs
        /// (a prefilter; empty = always run).
        requires: Vec<String>,
    },
    /// One hit of every set within `within` words.
    Near {
        /// Literal sets.
        sets: Vec<Vec<Literal>>,
        /// Window in words.
        within: u32,
        /// The sets the matcher's first pass looks for, all of which must be hit: put the
        /// rarest set first, or name one or more with `trigger` (0-based; default `[0]`).
        triggers: Vec<usize>,
    },
    /// Hits at line starts: every set hit, at least `min_lines` in total.
    Line {
        /// Literal sets.
        sets: Vec<Vec<Literal>>,
        /// Minimum number of line-start hits.
        min_lines: u32,
    },
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Unique id.
    pub id: String,
    /// Removal category, e.g. `alignment-faking`.
    pub category: String,
    /// What the rule catches.
    pub description: String,
    /// The matcher.
    pub kind: RuleKind,
    /// Line of the rule in its pack.
    pub line: usize,
}

impl Rule {
    /// A short name of the rule's kind: `phrases`, `regex`, `near` or `line`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            RuleKind::Phrases(_) => "phrases",
            RuleKind::Regex { .. } => "regex",
            RuleKind::Near { .. } => "near",
            RuleKind::Line { .. } => "line",
        }
    }
}

/// A loaded, validated rule pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulePack {
    /// Pack name.
    pub name: String,
    /// Pack description.
    pub description: String,
    /// Where it came from.
    pub origin: String,
    /// Rules in file order.
    pub rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    pack: RawMeta,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    category: String,
    description: String,
    phrases: Option<Vec<String>>,
    regex: Option<String>,
    requires: Option<Vec<String>>,
    near: Option<RawNear>,
    line: Option<RawLine>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNear {
    sets: Vec<Vec<String>>,
    within: u32,
    #[serde(default)]
    trigger: Trigger,
}

/// `trigger = 1` or `trigger = [0, 2]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Trigger {
    One(usize),
    Many(Vec<usize>),
}

impl Default for Trigger {
    fn default() -> Self {
        Trigger::One(0)
    }
}

impl Trigger {
    fn sets(&self) -> Vec<usize> {
        match self {
            Trigger::One(s) => vec![*s],
            Trigger::Many(v) => v.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    sets: Vec<Vec<String>>,
    min_lines: Option<u32>,
}

fn line_of(src: &str, offset: usize) -> usize {
    src[..src.floor_char_boundary(offset.min(src.len()))]
        .matches('\n')
        .count()
        + 1
}

impl RulePack {
    /// The embedded default pack.
    pub fn builtin() -> Result<RulePack, Error> {
        RulePack::from_toml_str(DEFAULT_PACK, DEFAULT_PACK_ORIGIN)
    }

    /// Load a pack from a file.
    pub fn load(path: &Path) -> Result<RulePack, Error> {
        let src = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        RulePack::from_toml_str(&src, &path.display().to_string())
    }

    /// Parse and validate a pack; every problem is reported with line and rule id.
    pub fn from_toml_str(src: &str, origin: &str) -> Result<RulePack, Error> {
        let problem = |line: Option<usize>, rule: Option<&str>, message: String| RulePackProblem {
            origin: origin.to_owned(),
            line,
            rule: rule.map(str::to_owned),
            message,
        };
        let raw: RawPack = toml::from_str(src).map_err(|e| {
            let line = e.span().map(|s| line_of(src, s.start));
            Error::RulePack(vec![problem(line, None, e.message().trim_end().to_owned())])
        })?;
        let mut problems = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut rules = Vec::new();
        for spanned in raw.rule {
            let line = line_of(src, spanned.span().start);
            let r = spanned.into_inner();
            let id = r.id.clone();
            let mut bad = |m: String| problems.push(problem(Some(line), Some(&id), m));
            if r.id.trim().is_empty() {
                bad("empty `id`".into());
            }
            if !seen.insert(r.id.clone()) {
                bad("duplicate rule id".into());
            }
            if r.category.trim().is_empty() {
                bad("empty `category`".into());
            }
            let given = [
                r.phrases.is_some(),
                r.regex.is_some(),
                r.near.is_some(),
                r.line.is_some(),
            ];
            if given.iter().filter(|g| **g).count() != 1 {
                bad("a rule needs exactly one of `phrases`, `regex`, `near`, `line`".into());
                continue;
            }
            let expand_all = |list: &[String], bad: &mut dyn FnMut(String)| -> Vec<Literal> {
                if list.is_empty() {
                    bad("empty phrase list".into());
                }
                let mut out = Vec::new();
                for p in list {
                    match phrase::expand(p) {
                        Ok(lits) => out.extend(lits),
                        Err(m) => bad(format!("phrase `{p}`: {m}")),
                    }
                }
                out
            };
            if r.requires.is_some() && r.regex.is_none() {
                bad("`requires` only applies to `regex` rules".into());
            }
            let kind = if let Some(list) = &r.phrases {
                RuleKind::Phrases(expand_all(list, &mut bad))
            } else if let Some(re) = &r.regex {
                if let Err(e) = regex::bytes::RegexBuilder::new(re).unicode(false).build() {
                    bad(format!("bad regex: {e}"));
                }
                if re.is_empty() {
                    bad("empty regex".into());
                }
                let requires = r.requires.clone().unwrap_or_default();
                if requires.iter().any(|q| q.trim().is_empty()) {
                    bad("empty string in `requires`".into());
                }
                RuleKind::Regex {
                    pattern: re.clone(),
                    requires,
                }
            } else if let Some(near) = &r.near {
                if !(2..=4).contains(&near.sets.len()) {
                    bad(format!("`near.sets` must have 2 to 4 sets, got {}", near.sets.len()));
                }
                if near.within == 0 {
                    bad("`near.within` must be at least 1".into());
                }
                let mut triggers = near.trigger.sets();
                if triggers.is_empty() {
                    bad("`near.trigger` names no set".into());
                }
                for &t in &triggers {
                    if t >= near.sets.len().max(1) {
                        bad(format!(
                            "`near.trigger` = {t} is not the index of a set (0 to {})",
                            near.sets.len().saturating_sub(1)
                        ));
                    }
                }
                triggers.sort_unstable();
                triggers.dedup();
                let sets = near.sets.iter().map(|s| expand_all(s, &mut bad)).collect();
                RuleKind::Near {
                    sets,
                    within: near.within,
                    triggers,
                }
            } else if let Some(l) = &r.line {
                if l.sets.is_empty() {
                    bad("`line.sets` must have at least one set".into());
                }
                let sets: Vec<Vec<Literal>> = l.sets.iter().map(|s| expand_all(s, &mut bad)).collect();
                let min_lines = l.min_lines.unwrap_or(sets.len() as u32).max(1);
                RuleKind::Line { sets, min_lines }
            } else {
                continue;
            };
            rules.push(Rule {
                id: r.id,
                category: r.category,
                description: r.description,
                kind,
                line,
            });
        }
        if !problems.is_empty() {
            return Err(Error::RulePack(problems));
        }
        Ok(RulePack {
            name: raw.pack.name,
            description: raw.pack.description,
            origin: origin.to_owned(),
            rules,
        })
    }

    /// Distinct categories, in first-seen order.
    pub fn categories(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in &self.rules {
            if !out.contains(&r.category.as_str()) {
                out.push(&r.category);
            }
        }
        out
    }

    /// Every distinct literal of `phrases` rules, normalised (for benchmarks and inspection).
    pub fn phrase_literals(&self) -> Vec<String> {
        let norm = crate::normalize::Normalizer::new(crate::normalize::NormalizeOptions::default());
        let mut out: Vec<String> = Vec::new();
        for r in &self.rules {
            if let RuleKind::Phrases(lits) = &r.kind {
                out.extend(lits.iter().map(|l| norm.normalize(&l.text).text().to_owned()));
            }
        }
        out.sort();
        out.dedup();
        out.retain(|s| !s.is_empty());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_pack_loads() {
        let pack = RulePack::builtin().unwrap();
        assert!(pack.rules.len() > 20);
        for c in ["alignment-faking", "chat-transcript", "tier-behaviour-gap"] {
            assert!(pack.categories().contains(&c), "{c}");
        }
    }

    #[test]
    fn bad_packs_name_line_and_rule() {
        let src = "[pack]\nname = \"t\"\n\n[[rule]]\nid = \"a\"\ncategory = \"c\"\ndescription = \"d\"\nregex = \"(unclosed\"\n\n[[rule]]\nid = \"a\"\ncategory = \"c\"\ndescription = \"d\"\nphrases = [\"ok\", \"\"]\n\n[[rule]]\nid = \"b\"\ncategory = \"c\"\ndescription = \"d\"\n";
        let err = RulePack::from_toml_str(src, "t.toml").unwrap_err().to_string();
        assert!(err.contains("t.toml:4: rule `a`: bad regex"), "{err}");
        assert!(err.contains("t.toml:10: rule `a`: duplicate rule id"), "{err}");
        assert!(err.contains("t.toml:10: rule `a`: phrase ``: empty phrase"), "{err}");
        assert!(
            err.contains("t.toml:16: rule `b`: a rule needs exactly one of"),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_are_rejected_with_a_line() {
        let err = RulePack::from_toml_str(
            "[pack]\nname = \"t\"\n[[rule]]\nid = \"a\"\ncategory = \"c\"\ndescription = \"d\"\nphrase = [\"x\"]\n",
            "t.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("t.toml:7: unknown field `phrase`"), "{err}");
    }
}
