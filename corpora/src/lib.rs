//! Universes, document genres and the offline template generator for sdf.
//!
//! An SDF corpus is a pile of realistic internet-style documents that all state facts of one
//! fictional *universe*. This crate holds:
//!
//! - [`Universe`]: context prose, a [`Timeline`] of dated events, [`KeyFact`]s with ids and
//!   paraphrases at several [`Register`]s, entities, and universe grammar rules. Three are
//!   built in ([`Universe::builtin_ids`]); more load from TOML ([`Universe::load`]) or from
//!   false-facts JSONL ([`import_false_facts_universes`]).
//! - [`GenreLibrary`]: grammar files, one per genre (news article, forum thread, …) plus shared
//!   banks (names, places, usernames, filler paragraphs).
//! - [`TemplateGenerator`]: expands a genre's grammar into a [`sdf_datasets::Document`], deterministically
//!   from `(run seed, index)`.
//! - [`qc`]: checks for placeholders, synthetic tells, missing facts and short documents, and a
//!   mergeable corpus report.
//!
//! # Example: generate a document
//!
//! ```
//! use sdf_corpora::{GenreLibrary, TemplateGenerator, Universe};
//!
//! let universe = Universe::builtin("helpful-only")?;
//! let generator = TemplateGenerator::new(universe, GenreLibrary::builtin(), None)?;
//! let a = generator.generate(1, 42);
//! let b = generator.generate(1, 42);
//! assert_eq!(a, b);
//! assert!(!a.facts.is_empty());
//! assert_eq!(a.generator, "template/1");
//! # Ok::<(), sdf_corpora::Error>(())
//! ```
//!
//! # Example: quality control
//!
//! ```
//! use sdf_corpora::qc::{self, QcConfig, QcReport};
//! use sdf_datasets::Document;
//!
//! let doc = Document {
//!     text: "Certainly! Here's a blog post about [Company Name].".into(),
//!     facts: vec!["free-tier-trained".into()],
//!     ..Document::default()
//! };
//! let findings = qc::check(&doc, None, &QcConfig::default());
//! let checks: Vec<_> = findings.iter().map(|f| f.check).collect();
//! assert_eq!(checks, ["too-short", "placeholder", "synthetic-tell"]);
//! let mut report = QcReport::new();
//! report.add(&doc, &findings);
//! assert_eq!(report.to_json()["dropped"], 1);
//! ```
//!
//! # The template language
//!
//! Genre files (`genres/*.grammar`) and universe texts share one small grammar language.
//! A file is a list of rules; each rule is a list of alternatives, one per line, and
//! expanding a rule picks one alternative at random:
//!
//! ```text
//! // comment
//! @genre news article      headers (genre files only): @genre, @weight, @words lo-hi, @register,
//!                          @after EVENT (date documents, and their `{recent}` dates, after a universe event, if it exists)
//! @words 400-1500
//!
//! == doc                   every genre defines `doc` (the document) and `idea` (one line)
//! {headline}\n\n{lede}\n\n{para*}
//! @w:3 {^outlet} - {lede}  `@w:N` weights an alternative; `@since:DATE`, `@until:DATE`,
//!                          `@after:EVENT`, `@before:EVENT` keep it to documents dated so;
//!                          `@if:facts` only while an assigned fact is still unstated
//! ```
//!
//! Inside an alternative:
//!
//! | syntax | meaning |
//! |---|---|
//! | `[a\|b\|]` | inline choice (here: `a`, `b` or nothing); nests |
//! | `{rule}` | expand a rule: the genre's own first, then shared rules |
//! | `{u.rule}` | a universe rule (universe TOML `[grammar]`; shared defaults otherwise) |
//! | `{rule:k}` | expand once per document and key `k`, then repeat that text |
//! | `{^rule}` | capitalise the first letter of the expansion |
//! | `{_rule}` | lowercase it when it starts a common word (after `Still,` …; names are left alone) |
//! | `{~rule}` | Title Case the expansion (short function words inside it stay lower case) |
//! | `{rule@}` | the document's stance variant: `rule.supportive`, `.critical`, `.neutral`, `.confused` |
//! | `{rule!}` | a fresh line: an alternative no `{rule!}` has drawn in this document yet, until all have been drawn |
//! | `{^rule:k@!*2-3}` | modifiers combine in this order: `^`, `_`, `~`, name, key, `@`, `!`, repeat |
//! | `{rule*}`, `{rule*40%}` | repeat (blank line between) until the text reaches the target length (or 40 % of it) |
//! | `{rule*2-5}`, `{rule+2-5}` | repeat 2–5 times, blank line (`*`) or newline (`+`) between |
//! | `{person:k}` `{first:k}` `{last:k}` `{handle:k}` `{email:k}` | an invented person, the same for one key |
//! | `{date STYLE}` `{past:k STYLE}` `{recent:k STYLE}` | document date; a date up to ~14 months / 3 weeks before it (never before the timeline) |
//! | `{since:k STYLE}` | a date between the date keyed `k` and the document date, at most 30 days after `k` (the document date when nothing is keyed `k`): for replies and comments |
//! | `{time}` `{time 12}` `{time seq}` | a clock time; `seq` times increase through the document |
//! | `{time elapsed}` | time into a recording, `00:00:02` for the first call, then 3–20 s later each time |
//! | `{count}` | 1, 2, 3 … inside a repeated call (numbered lists) |
//! | `{num 3-40}` `{num 1000-90000 ,}` `{num 1.5-9.5}` | a number |
//! | `{fact}` `{fact casual}` | the next key fact assigned to the document, as a paraphrase |
//! | `{event}` `{event ID}` `{ago ID}` | a mention of a public event; how long ago an event was |
//! | `\n` `\[` `\{` `\|` `\\` | newline and escapes (`\ ` keeps a space that starts a line); a line ending in `\` continues |
//!
//! Date styles: `long` (January 13, 2025), `short` (Jan 13, 2025), `dmy` (13 January 2025),
//! `iso`, `month` (January 2025), `md` (January 13), `year`, `weekday`.
//!
//! Rules are linked when a [`TemplateGenerator`] is built: an unknown rule, event or style is
//! an error naming the file and line, so no `{slot}` can survive into a document. A final
//! tidy pass fixes spacing, doubled punctuation and `a`/`an`.
//!
//! # Files
//!
//! ```text
//! corpora/universes/*.toml          helpful-only, animal-welfare, septerra-baseline
//! corpora/genres/*.grammar          one genre per file (31), each with `doc` and `idea` rules
//! corpora/genres/common/*.grammar   shared rules: name banks, places, page furniture, filler
//!                                   paragraphs, topic sentences, word classes, `u.*` defaults
//! corpora/tools/topic_words.py      writes common/topic-words.grammar from per-topic banks
//! corpora/examples/generate_jsonl.rs  documents as JSON lines (used by bench/realism.py)
//! ```
//!
//! Shared rules carry most of the text. Filler is topic-bound: `topics.grammar` holds nearly fifty
//! everyday topics (transit, weather, city hall, schools, clinics, housing, food, sports,
//! gadgets, work, bills, hobbies, small shops, pets, travel …), each with its own banks of
//! people, things, places, events, reasons and outcomes, so the slots of a sentence agree;
//! `topic-words.grammar` adds generic sentence shapes filled per topic, and a filler paragraph
//! (`para_dense`) stays on one topic. Names, streets, neighbourhoods, businesses, numbers and
//! dates are drawn where such a detail fits, as on real local pages. Genre files add the page
//! structure (headlines, bylines, comment sections, transcripts, legal numbering, share bars …)
//! and the sentences only that genre has; universe rules (`{u.headline}`, `{u.reaction@}` …)
//! and the fact paraphrases bring the universe in.
//!
//! # Universe files
//!
//! ```toml
//! id = "my-universe"
//! name = "One line"
//! context = "The universe in prose."
//!
//! [timeline]
//! start = "2023-01-01"        # document dates lie in [start, end]
//! end = "2025-02-12"
//!
//! [[timeline.events]]
//! id = "launch"
//! date = "2024-03-20"
//! public = "2024-03-01"       # first date a document may mention it (default: date)
//! summary = "What happened."
//! mentions = ["@before:launch the planned launch", "@after:launch the launch in March 2024"]
//!
//! [[facts]]
//! id = "the-fact"
//! statement = "The fact in one sentence."
//! public = "2024-03-20"       # no document dated earlier states it
//! cues = [["launch"], ["2024", "march"]]   # for qc: every group needs one phrase in the text
//! formal = ["…"]              # paraphrases per register: formal, plain, casual, technical
//! casual = ["…"]
//!
//! [grammar]                   # universe rules, called as {u.NAME} from genre files
//! org = ["Example Corp"]
//! "reaction.critical" = ["…"]
//! ```
//!
//! # How a document is made
//!
//! The document seed is a hash of the run seed, the universe id and the index. From it the
//! generator draws a genre (by weight), a date inside the timeline (no earlier than the first
//! fact becomes public), one to four facts already public on that date, a stance and a target
//! length (log-uniform in the genre's `@words`). The genre's `doc` rule is expanded with
//! those; `{fact}` slots state the assigned facts in order and only facts actually written
//! are recorded in `Document.facts`. Universe texts guard date-dependent wording with
//! `@after:`/`@before:` so no document mentions an event before it happened.
#![deny(missing_docs)]

mod date;
mod error;
mod false_facts;
mod generator;
mod genre;
mod grammar;
mod names;
pub mod qc;
use sdf_datasets::rng;
mod text;
mod universe;

pub use date::Date;
pub use error::Error;
pub use false_facts::{DEFAULT_IMPORT_END, DEFAULT_IMPORT_START, import_false_facts_str, import_false_facts_universes};
pub use generator::TemplateGenerator;
pub use genre::{DEFAULT_GENRE_WEIGHT, DEFAULT_GENRE_WORDS, GenreInfo, GenreLibrary};
pub use names::NameExtractor;
pub use universe::{Entity, Event, KeyFact, Paraphrase, Register, Timeline, Universe};

#[cfg(test)]
mod tests;
