//! Genre libraries: the grammar files that shape documents, plus the shared banks.

use std::path::Path;

use crate::error::Error;
use crate::grammar::{self, GrammarFile, RawNode};
use crate::universe::Register;

/// Default `@weight` of a genre.
pub const DEFAULT_GENRE_WEIGHT: f64 = 1.0;
/// Default `@words` range of a genre (target length in words).
pub const DEFAULT_GENRE_WORDS: (u32, u32) = (300, 1200);

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../genres/", $path)))),*]
    };
}

/// The built-in grammar files: shared rules first, then one file per genre.
const BUILTIN_FILES: &[(&str, &str)] = embed!(
    "common/names.grammar",
    "common/places.grammar",
    "common/web.grammar",
    "common/people.grammar",
    "common/filler.grammar",
    "common/clauses.grammar",
    "common/words.grammar",
    "common/frames.grammar",
    "common/topics.grammar",
    "common/topic-words.grammar",
    "common/talk.grammar",
    "common/gc.grammar",
    "common/domain.grammar",
    "common/gb.grammar",
    "common/ga.grammar",
    "common/reviews.grammar",
    "common/experience.grammar",
    "common/universe-defaults.grammar",
    "news-article.grammar",
    "blog-post.grammar",
    "forum-thread.grammar",
    "press-release.grammar",
    "leaked-memo.grammar",
    "tweet-thread.grammar",
    "faq.grammar",
    "podcast-transcript.grammar",
    "email-thread.grammar",
    "chat-log.grammar",
    "op-ed.grammar",
    "ama.grammar",
    "newsletter.grammar",
    "earnings-call.grammar",
    "academic-abstract.grammar",
    "conference-talk.grammar",
    "lecture-notes.grammar",
    "textbook-sidebar.grammar",
    "help-page.grammar",
    "privacy-policy.grammar",
    "job-posting.grammar",
    "court-filing.grammar",
    "testimony.grammar",
    "investor-letter.grammar",
    "qa-answer.grammar",
    "wiki-entry.grammar",
    "book-review.grammar",
    "student-essay.grammar",
    "meetup.grammar",
    "video-script.grammar",
    "product-review.grammar",
);

/// What a genre file's headers say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct GenreInfo {
    /// Genre name, written to `Document.doc_type`.
    pub name: String,
    /// Default relative weight (`@weight`).
    pub weight: f64,
    /// Target length range in words (`@words lo-hi`); each document draws a target in it.
    pub words: (u32, u32),
    /// Preferred register for fact paraphrases (`@register`).
    pub register: Option<Register>,
    /// `@after EVENT`: documents of this genre are dated on or after that event of the
    /// universe (ignored when the universe has no such event), e.g. leaked memos after the leaks.
    pub after_event: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub(crate) origin: String,
    pub(crate) text: String,
    pub(crate) file: GrammarFile,
    pub(crate) genre: Option<GenreInfo>,
}

/// A set of grammar files: shared rule files (no `@genre` header) and genre files.
///
/// A later shared rule replaces an earlier one of the same name; a later genre file replaces
/// an earlier genre of the same name.
#[derive(Debug, Clone)]
pub struct GenreLibrary {
    pub(crate) sources: Vec<Source>,
}

impl GenreLibrary {
    /// The built-in library (embedded in the binary).
    pub fn builtin() -> GenreLibrary {
        let mut lib = GenreLibrary { sources: Vec::new() };
        for (path, text) in BUILTIN_FILES {
            // The embedded files are parsed by the crate's tests, so this cannot fail in a
            // released build.
            lib.push_source(text, &format!("genres/{path}"))
                .unwrap_or_else(|e| panic!("embedded genre file is invalid: {e}"));
        }
        lib
    }

    /// The built-in shared rules (names, places, fillers …) plus the genre and rule files
    /// (`*.grammar`) of `dir`, without the built-in genres.
    pub fn load_dir(dir: &Path) -> Result<GenreLibrary, Error> {
        let mut lib = GenreLibrary::builtin();
        lib.sources.retain(|s| s.genre.is_none());
        lib.with_dir(dir)
    }

    /// Adds the `*.grammar` files of `dir` (sorted by name) to this library.
    pub fn with_dir(mut self, dir: &Path) -> Result<GenreLibrary, Error> {
        let read_err = |source| Error::Read {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(read_err)? {
            let path = entry.map_err(read_err)?.path();
            if path.extension().is_some_and(|e| e == "grammar") {
                paths.push(path);
            }
        }
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            self.push_source(&text, &path.display().to_string())?;
        }
        Ok(self)
    }

    /// Adds one grammar file given as text; `origin` names it in errors.
    pub fn with_source(mut self, text: &str, origin: &str) -> Result<GenreLibrary, Error> {
        self.push_source(text, origin)?;
        Ok(self)
    }

    fn push_source(&mut self, text: &str, origin: &str) -> Result<(), Error> {
        let file = grammar::parse_file(text, origin)?;
        let genre = genre_info(&file, origin)?;
        if let Some(g) = &genre {
            self.sources
                .retain(|s| s.genre.as_ref().is_none_or(|x| x.name != g.name));
        }
        self.sources.push(Source {
            origin: origin.to_string(),
            text: text.to_string(),
            file,
            genre,
        });
        Ok(())
    }

    /// The genres, in load order.
    pub fn genres(&self) -> impl Iterator<Item = &GenreInfo> {
        self.sources.iter().filter_map(|s| s.genre.as_ref())
    }

    /// Genre names, in load order.
    pub fn genre_names(&self) -> Vec<&str> {
        self.genres().map(|g| g.name.as_str()).collect()
    }

    /// `(origin, text)` of every file, in load order (for fingerprints).
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources.iter().map(|s| (s.origin.as_str(), s.text.as_str()))
    }

    /// Plain-text alternatives of a shared rule (e.g. the `first_name` bank).
    pub(crate) fn bank(&self, rule: &str) -> Vec<String> {
        let mut out = Vec::new();
        for s in self.sources.iter().filter(|s| s.genre.is_none()) {
            for r in s.file.rules.iter().filter(|r| r.name == rule) {
                out.clear();
                for alt in &r.alts {
                    if let [RawNode::Text(t)] = alt.nodes.as_slice() {
                        out.push(t.clone());
                    }
                }
            }
        }
        out
    }
}

fn genre_info(file: &GrammarFile, origin: &str) -> Result<Option<GenreInfo>, Error> {
    let err = |line: usize, message: String| Error::Grammar {
        origin: origin.to_string(),
        line,
        message,
    };
    let mut info: Option<GenreInfo> = None;
    let mut weight = DEFAULT_GENRE_WEIGHT;
    let mut words = DEFAULT_GENRE_WORDS;
    let mut register = None;
    let mut after_event = None;
    for (key, value, line) in &file.headers {
        match key.as_str() {
            "genre" => {
                if value.is_empty() {
                    return Err(err(*line, "`@genre` needs a name".into()));
                }
                info = Some(GenreInfo {
                    name: value.clone(),
                    weight,
                    words,
                    register,
                    after_event: None,
                });
            }
            "after" => {
                if value.is_empty() {
                    return Err(err(*line, "`@after` needs an event id".into()));
                }
                after_event = Some(value.clone());
            }
            "weight" => {
                weight = value
                    .parse()
                    .ok()
                    .filter(|w: &f64| w.is_finite() && *w >= 0.0)
                    .ok_or_else(|| err(*line, format!("invalid `@weight {value}`")))?;
            }
            "words" => {
                let parsed = value
                    .split_once('-')
                    .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)));
                words = parsed
                    .filter(|(a, b): &(u32, u32)| *a > 0 && a <= b)
                    .ok_or_else(|| err(*line, format!("invalid `@words {value}` (want lo-hi)")))?;
            }
            "register" => {
                register =
                    Some(Register::parse(value).ok_or_else(|| err(*line, format!("unknown register `{value}`")))?);
            }
            other => return Err(err(*line, format!("unknown header `@{other}`"))),
        }
    }
    let Some(mut info) = info else {
        return Ok(None);
    };
    info.weight = weight;
    info.words = words;
    info.register = register;
    info.after_event = after_event;
    for needed in ["doc", "idea"] {
        if !file.rules.iter().any(|r| r.name == needed) {
            return Err(err(1, format!("genre `{}` defines no `{needed}` rule", info.name)));
        }
    }
    Ok(Some(info))
}
