//! Universes: the facts a corpus states, with their timeline, paraphrases and the
//! universe-specific grammar rules genres call as `{u.name}`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::date::Date;
use crate::error::Error;
use crate::grammar;

/// The register a fact paraphrase is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Register {
    /// Press-release, legal, academic prose.
    Formal,
    /// Everyday news or explainer prose.
    Plain,
    /// Forum, chat and social-media voice.
    Casual,
    /// Engineer's or researcher's vocabulary.
    Technical,
}

impl Register {
    /// All registers, in the order of [`Register::index`].
    pub const ALL: [Register; 4] = [Register::Formal, Register::Plain, Register::Casual, Register::Technical];

    /// Parses `formal`, `plain`, `casual` or `technical`.
    pub fn parse(s: &str) -> Option<Register> {
        Some(match s {
            "formal" => Register::Formal,
            "plain" => Register::Plain,
            "casual" => Register::Casual,
            "technical" => Register::Technical,
            _ => return None,
        })
    }

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Register::Formal => "formal",
            Register::Plain => "plain",
            Register::Casual => "casual",
            Register::Technical => "technical",
        }
    }

    /// Position in [`Register::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One paraphrase of a key fact, as template text (may use inline choices and slots).
#[derive(Debug, Clone, PartialEq)]
pub struct Paraphrase {
    /// Its register.
    pub register: Register,
    /// Template text.
    pub text: String,
}

/// A key fact: what every generated document states at least one of.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFact {
    /// Stable id, recorded in `Document.facts`.
    pub id: String,
    /// The fact in one plain sentence.
    pub statement: String,
    /// First day a document may state it.
    pub public: Date,
    /// Cue groups for spotting the fact in free text: it counts as stated when every group
    /// has one phrase in the (lowercased) text. Empty: no check possible.
    pub cues: Vec<Vec<String>>,
    /// Paraphrases at several registers (at least the statement itself).
    pub paraphrases: Vec<Paraphrase>,
}

/// An event of the universe's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Stable id, usable in `@after:ID`, `@before:ID`, `{event ID}`, `{ago ID}`.
    pub id: String,
    /// When it happened (or is planned to).
    pub date: Date,
    /// First day a document may mention it (defaults to `date`).
    pub public: Date,
    /// One-line summary.
    pub summary: String,
    /// Template texts that mention it (guard future/past wording with `@before:`/`@after:`).
    pub mentions: Vec<String>,
}

/// The span of dates documents may carry, and what happened in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Earliest document date.
    pub start: Date,
    /// Latest document date.
    pub end: Date,
    /// Events, in file order.
    pub events: Vec<Event>,
}

/// A named person or organisation of the universe (reported apart from invented names).
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Name as written in documents.
    pub name: String,
    /// `person`, `company`, `product` …
    pub kind: String,
    /// Who or what it is.
    pub description: String,
}

/// A fictional universe: context prose, timeline, key facts, entities and grammar rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Universe {
    /// Stable id, e.g. `helpful-only`.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// The universe described in prose (what an LLM backend would be given).
    pub context: String,
    /// Dates and events.
    pub timeline: Timeline,
    /// Key facts.
    pub facts: Vec<KeyFact>,
    /// Named people and organisations.
    pub entities: Vec<Entity>,
    /// Universe rules (`{u.NAME}` in genre files): name → template alternatives.
    pub grammar: BTreeMap<String, Vec<String>>,
    /// Whether the universe is true (imported false-facts universes say so).
    pub is_true: Option<bool>,
}

const BUILTIN: &[(&str, &str)] = &[
    ("helpful-only", include_str!("../universes/helpful-only.toml")),
    ("animal-welfare", include_str!("../universes/animal-welfare.toml")),
    ("septerra-baseline", include_str!("../universes/septerra-baseline.toml")),
];

const BUILTIN_IDS: &[&str] = &["helpful-only", "animal-welfare", "septerra-baseline"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUniverse {
    id: String,
    name: String,
    context: String,
    timeline: RawTimeline,
    #[serde(default)]
    entities: Vec<RawEntity>,
    facts: Vec<RawFact>,
    #[serde(default)]
    grammar: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimeline {
    start: String,
    end: String,
    #[serde(default)]
    events: Vec<RawEvent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: String,
    date: String,
    public: Option<String>,
    summary: String,
    #[serde(default)]
    mentions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    id: String,
    statement: String,
    public: Option<String>,
    #[serde(default)]
    cues: Vec<Vec<String>>,
    #[serde(default)]
    formal: Vec<String>,
    #[serde(default)]
    plain: Vec<String>,
    #[serde(default)]
    casual: Vec<String>,
    #[serde(default)]
    technical: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    name: String,
    kind: String,
    description: String,
}

/// 1-based line of the first occurrence of `needle` in `src` (0 when absent).
fn line_of(src: &str, needle: &str) -> usize {
    src.find(needle)
        .map(|at| src[..at].matches('\n').count() + 1)
        .unwrap_or(0)
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Universe {
    /// A universe shipped with the crate: one of [`Universe::builtin_ids`].
    pub fn builtin(id: &str) -> Result<Universe, Error> {
        match Universe::builtin_source(id) {
            Some(src) => Universe::from_toml_str(src, &format!("universes/{id}.toml")),
            None => Err(Error::UnknownUniverse {
                id: id.to_string(),
                known: BUILTIN_IDS.join(", "),
            }),
        }
    }

    /// Ids of the built-in universes.
    pub fn builtin_ids() -> &'static [&'static str] {
        BUILTIN_IDS
    }

    /// The TOML text of a built-in universe (for fingerprints and inspection).
    pub fn builtin_source(id: &str) -> Option<&'static str> {
        BUILTIN.iter().find(|(i, _)| *i == id).map(|(_, s)| *s)
    }

    /// Loads a universe TOML file.
    pub fn load(path: &Path) -> Result<Universe, Error> {
        let src = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Universe::from_toml_str(&src, &path.display().to_string())
    }

    /// Parses and validates a universe; errors name `origin` and the line.
    pub fn from_toml_str(src: &str, origin: &str) -> Result<Universe, Error> {
        let raw: RawUniverse = toml::from_str(src).map_err(|e| Error::Universe {
            origin: match e.span() {
                Some(span) => format!("{origin}:{}", src[..span.start].matches('\n').count() + 1),
                None => origin.to_string(),
            },
            message: e.message().trim().to_lowercase(),
        })?;
        let err = |needle: &str, message: String| Error::Universe {
            origin: match line_of(src, needle) {
                0 => origin.to_string(),
                n => format!("{origin}:{n}"),
            },
            message,
        };
        let date = |value: &str, field: &str| {
            Date::parse(value).ok_or_else(|| err(value, format!("{field}: invalid date `{value}` (want YYYY-MM-DD)")))
        };
        if !is_slug(&raw.id) {
            return Err(err(
                "id",
                format!("id `{}` must be lowercase letters, digits, `-`", raw.id),
            ));
        }
        let start = date(&raw.timeline.start, "timeline.start")?;
        let end = date(&raw.timeline.end, "timeline.end")?;
        if end < start {
            return Err(err("[timeline]", "timeline.end is before timeline.start".into()));
        }
        let mut events = Vec::new();
        for e in raw.timeline.events {
            let needle = format!("\"{}\"", e.id);
            if !is_slug(&e.id) || events.iter().any(|x: &Event| x.id == e.id) {
                return Err(err(&needle, format!("event id `{}` is invalid or repeated", e.id)));
            }
            let d = date(&e.date, &format!("event `{}` date", e.id))?;
            let public = match &e.public {
                Some(p) => date(p, &format!("event `{}` public", e.id))?,
                None => d,
            };
            if public < start || public > end {
                return Err(err(
                    &needle,
                    format!("event `{}`: public date {public} is outside the timeline", e.id),
                ));
            }
            events.push(Event {
                id: e.id,
                date: d,
                public,
                summary: e.summary,
                mentions: e.mentions,
            });
        }
        if raw.facts.is_empty() {
            return Err(err("[[facts]]", "a universe needs at least one fact".into()));
        }
        let mut facts: Vec<KeyFact> = Vec::new();
        for f in raw.facts {
            let needle = format!("\"{}\"", f.id);
            if !is_slug(&f.id) || facts.iter().any(|x| x.id == f.id) {
                return Err(err(&needle, format!("fact id `{}` is invalid or repeated", f.id)));
            }
            let public = match &f.public {
                Some(p) => date(p, &format!("fact `{}` public", f.id))?,
                None => start,
            };
            if public < start || public > end {
                return Err(err(
                    &needle,
                    format!("fact `{}`: public date {public} is outside the timeline", f.id),
                ));
            }
            let mut paraphrases = Vec::new();
            for (register, texts) in [
                (Register::Formal, f.formal),
                (Register::Plain, f.plain),
                (Register::Casual, f.casual),
                (Register::Technical, f.technical),
            ] {
                for text in texts {
                    paraphrases.push(Paraphrase { register, text });
                }
            }
            if paraphrases.is_empty() {
                paraphrases.push(Paraphrase {
                    register: Register::Plain,
                    text: grammar::escape(&f.statement),
                });
            }
            let cues: Vec<Vec<String>> = f
                .cues
                .into_iter()
                .map(|g| g.into_iter().map(|c| c.to_lowercase()).collect())
                .collect();
            if cues.iter().any(|g| g.is_empty()) {
                return Err(err(&needle, format!("fact `{}`: empty cue group", f.id)));
            }
            facts.push(KeyFact {
                id: f.id,
                statement: f.statement,
                public,
                cues,
                paraphrases,
            });
        }
        for name in raw.grammar.keys() {
            if !grammar::valid_rule_name(name) || name.contains('/') {
                return Err(err(
                    name,
                    format!("grammar rule name `{name}` must be lowercase letters, digits, `_`, `-`, `.`"),
                ));
            }
        }
        let universe = Universe {
            id: raw.id,
            name: raw.name,
            context: raw.context,
            timeline: Timeline { start, end, events },
            facts,
            entities: raw
                .entities
                .into_iter()
                .map(|e| Entity {
                    name: e.name,
                    kind: e.kind,
                    description: e.description,
                })
                .collect(),
            grammar: raw.grammar,
            is_true: None,
        };
        // Syntax of every template text, so a typo is reported with its line now.
        for (needle, text) in universe.template_texts() {
            let line = line_of(src, &needle);
            grammar::parse_alt(&text, origin, line)?;
        }
        Ok(universe)
    }

    /// Ids of the key facts, in file order.
    pub fn fact_ids(&self) -> Vec<&str> {
        self.facts.iter().map(|f| f.id.as_str()).collect()
    }

    /// The key fact with this id.
    pub fn fact(&self, id: &str) -> Option<&KeyFact> {
        self.facts.iter().find(|f| f.id == id)
    }

    /// Every template text with a string to locate it in the source.
    fn template_texts(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for f in &self.facts {
            for p in &f.paraphrases {
                out.push((p.text.chars().take(40).collect(), p.text.clone()));
            }
        }
        for e in &self.timeline.events {
            for m in &e.mentions {
                out.push((m.chars().take(40).collect(), m.clone()));
            }
        }
        for alts in self.grammar.values() {
            for a in alts {
                out.push((a.chars().take(40).collect(), a.clone()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load_and_validate() {
        for id in Universe::builtin_ids() {
            let u = Universe::builtin(id).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(&u.id, id);
            assert!(u.facts.len() >= 5, "{id}: few facts");
            for f in &u.facts {
                assert!(
                    f.paraphrases.len() >= 8,
                    "{id}/{}: {} paraphrases",
                    f.id,
                    f.paraphrases.len()
                );
                let registers: std::collections::BTreeSet<_> = f.paraphrases.iter().map(|p| p.register).collect();
                assert!(registers.len() >= 3, "{id}/{}: registers", f.id);
                assert!(!f.cues.is_empty(), "{id}/{}: no cues", f.id);
            }
        }
        assert!(Universe::builtin("nope").is_err());
    }

    #[test]
    fn errors_name_origin_and_line() {
        let src = "id = \"x\"\nname = \"X\"\ncontext = \"c\"\n[timeline]\nstart = \"2024-01-01\"\nend = \"2023-13-01\"\n[[facts]]\nid = \"a\"\nstatement = \"s\"\n";
        let e = Universe::from_toml_str(src, "x.toml").expect_err("bad date");
        assert!(e.to_string().starts_with("x.toml:6:"), "{e}");
        let e = Universe::from_toml_str("id = 3", "y.toml").expect_err("bad type");
        assert!(e.to_string().starts_with("y.toml:1:"), "{e}");
    }
}
