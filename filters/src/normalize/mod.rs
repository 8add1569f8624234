//! Text normalisation with an offset map back to the original text.
//!
//! Rules and documents go through the same [`normalize`], so a rule written as
//! `alignment faking` matches `**Alignment**-Faking`, `ＡＬＩＧＮＭＥＮＴ faking`,
//! `аlignment faking` (Cyrillic `а`), `align&shy;ment faking` or `align-\nment faking`. Each
//! normalised byte remembers which original bytes produced it, so a match is reported at its
//! original span.
//!
//! # Example: normalise and map a match back
//!
//! ```
//! use sdf_filters::normalize::normalize;
//!
//! let original = "Claude's <b>Alignment</b>\u{200B}-Fa&shy;king";
//! let normalized = normalize(original);
//! assert_eq!(normalized.text(), "claude's alignment faking");
//!
//! let start = normalized.text().find("alignment faking").unwrap();
//! let span = normalized.original_span(start..normalized.text().len()).unwrap();
//! assert_eq!(&original[span], "Alignment</b>\u{200B}-Fa&shy;king");
//! ```
//!
//! # Example: dedup keys
//!
//! ```
//! use sdf_filters::normalize::{NormalizeOptions, Normalizer};
//!
//! let dedup = Normalizer::new(NormalizeOptions::dedup());
//! assert_eq!(dedup.normalize("Well-known\u{00A0} FACTS\n").text(), "well-known facts");
//! ```
//!
//! # Steps
//!
//! With every option on ([`NormalizeOptions::all`], the default):
//!
//! 1. **NFKC**, applied per segment (a character plus everything that attaches to it), which
//!    gives the same result as NFKC of the whole text.
//! 2. **Look-alikes** of Latin letters (Cyrillic, Greek, Armenian, Latin small capitals and
//!    dotless letters; ~120 entries) become the Latin letter, and Latin letters lose their
//!    diacritics (`é` → `e`, `ё` → `e`): decorated spellings match the plain rule.
//! 3. **Case folding**: lowercase plus `ß`/`ẞ` → `ss` and `ς` → `σ`; the other full-folding
//!    expansions are NFKC's. Look-alikes are looked up before folding, so Cyrillic `Н`
//!    (which imitates `H`) becomes `h` although its lowercase `н` is no Latin look-alike shape.
//! 4. **Format characters** (general category Cf — zero-width spaces and joiners, soft hyphen,
//!    bidi controls, BOM — plus the other invisible default-ignorables such as variation
//!    selectors and Hangul fillers) are removed, and so are combining marks that do not sit
//!    on a kept non-ASCII letter of their own segment (on ASCII, on a separator, at the start
//!    of the text, or decoded from an entity).
//! 5. **HTML**: entities are decoded (about 160 names, matched case-insensitively; decimal and
//!    hexadecimal references, whose `;` is optional as in HTML), recursively (`&amp;lt;` is
//!    `<`), and the decoded character is then treated like any input character. Inline
//!    formatting tags (`a abbr b bdi bdo big br cite code del dfn em font i ins kbd mark nobr
//!    s samp small span strike strong sub sup tt u var wbr`, opening, closing or self-closing,
//!    with attributes) are removed, `<br>` included (so `align<br>ment` is one word); every
//!    other tag stays.
//! 6. **Hyphenation**: a letter, a hyphen (`-`, U+2010, U+2011), optional spaces, exactly one
//!    line break (CR LF counts as one), optional spaces and a letter join into one word.
//! 7. **Markdown**: `*` and `` ` `` are removed (also when NFKC or an entity produces them).
//! 8. **Separators**: a run of whitespace (Unicode `White_Space`), `-`, `_` and dashes
//!    (U+2010–U+2015, U+2212 and their small and full-width forms) becomes one ASCII space;
//!    leading and trailing ones are dropped. A single `.` between two letters (after the
//!    steps above: `alignment.faking`, `a.<b>b</b>`) becomes a space too; a dot before a
//!    separator, a digit or another dot stays (`end. Next`, `3.14`, `a...b`).
//! 9. **Line starts**: offset 0 if there is any text, and the first byte after every
//!    separator run holding a line break (`\n`, `\r`, VT, FF, NEL, U+2028, U+2029) — except a
//!    run that step 6 removed.
//!
//! [`NormalizeOptions::dedup`] keeps NFKC, case folding, format removal and whitespace
//! collapsing only.
//!
//! # Guarantees (tested)
//!
//! * Offsets: for every normalised range, [`Normalized::original_span`] is a range of the
//!   original on char boundaries; spans of consecutive bytes never go backwards.
//! * Offsets on or off give the same text and line starts (one generic implementation).
//! * Re-normalising the original span of a normalised range yields a text that contains the
//!   range's text without its leading and trailing spaces (a normalised space may stand for
//!   separators that the span does not include).
//! * Idempotence: `normalize(normalize(x).text()).text() == normalize(x).text()` for the
//!   default and the dedup options, except for inputs nesting more than 64 unfinished
//!   `&`/`<` constructs.
//!
//! # How it works
//!
//! The engine reads the text once, in three stages:
//!
//! * **Characters.** A segment is a character plus the following characters that can attach
//!   to it (combining marks and starters that canonical composition may merge backwards),
//!   with format and markdown characters skipped. Its characters are mapped together
//!   (NFKC, look-alikes, folding, marks) and every result stands for the whole segment.
//! * **Constructs.** `&` and `<` open a construct; the characters after it wait on a stack
//!   until it completes (an entity is replaced by its decoded character, which is mapped and
//!   shifted again; an inline tag vanishes) or cannot complete any more (its characters move
//!   on). A construct can open inside another (`&am<b>p;` is `&`, `<<b>b>` is nothing), so
//!   what comes out never holds a construct that a second pass would find.
//! * **Separators.** Runs of separators are held until the next character shows whether they
//!   join a hyphenated word, collapse to a space or are trailing.
//!
//! ASCII text takes a fast path: a 16-byte block test (plain per-byte comparisons that compile
//! to vector code) finds runs of bytes that map to themselves (lowercased), including single
//! spaces and single separator bytes between them (which become one space and map to it byte
//! for byte); each run is copied and lowercased at once and recorded as one offset piece. Only
//! `&`, `<`, separator runs and the character before a non-ASCII or markdown byte leave it.
//! Lone non-ASCII characters are mapped once per text and then looked up. The engine is
//! generic over its offset sink, a no-op in the fast mode, so both modes run the same code.
//!
//! The offset map is a list of pieces: a *linear* piece maps a run of output bytes one to one
//! onto original bytes (copied ASCII, single spaces, characters that map to a character of the
//! same length), a *group* piece maps all its bytes to one original span (a segment, an
//! entity, a separator run). Plain text needs one piece per non-trivial separator run or
//! non-ASCII character.

mod ascii;
mod chars;
mod engine;
mod html;

#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

use engine::{Config, Engine, NoOffsets, Pieces, Scratch};

/// Which steps run; the default runs every step (the filter's setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NormalizeOptions {
    /// Unicode NFKC (full-width and mathematical letters, ligatures, compatibility spaces).
    pub nfkc: bool,
    /// Full case folding (lowercase, `ß` → `ss`, `ς` → `σ`).
    pub case_fold: bool,
    /// Remove format and other invisible characters, and combining marks that do not sit on a
    /// kept non-ASCII letter.
    pub strip_format: bool,
    /// Map look-alikes of Latin letters to Latin, and strip diacritics from Latin letters.
    pub confusables: bool,
    /// Decode HTML entities and remove inline formatting tags.
    pub html: bool,
    /// Join words hyphenated across a line break.
    pub join_hyphenated: bool,
    /// Remove markdown emphasis characters `*` and `` ` ``.
    pub strip_markdown: bool,
    /// Collapse every separator run to one space and drop leading and trailing ones (when
    /// off, separators are kept as they are).
    pub collapse_separators: bool,
    /// `-`, `_` and dashes count as separators, not only whitespace.
    pub dash_separators: bool,
    /// A `.` between two letters separates them like a space (`alignment.faking`, `A.I.`
    /// becomes `a i.`); only when separators collapse. Other dots stay.
    pub dot_separators: bool,
}

impl NormalizeOptions {
    /// Every step on: what rules and documents are matched with.
    pub const fn all() -> Self {
        NormalizeOptions {
            nfkc: true,
            case_fold: true,
            strip_format: true,
            confusables: true,
            html: true,
            join_hyphenated: true,
            strip_markdown: true,
            collapse_separators: true,
            dash_separators: true,
            dot_separators: true,
        }
    }

    /// For near-duplicate keys: NFKC, case folding, format removal and whitespace collapsing
    /// (`-` and `_` stay).
    pub const fn dedup() -> Self {
        NormalizeOptions {
            nfkc: true,
            case_fold: true,
            strip_format: true,
            confusables: false,
            html: false,
            join_hyphenated: false,
            strip_markdown: false,
            collapse_separators: true,
            dash_separators: false,
            dot_separators: false,
        }
    }
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        Self::all()
    }
}

/// Normalises texts with fixed options; cheap to share between threads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Normalizer {
    config: Config,
}

impl Normalizer {
    /// A normaliser running the steps `options` selects.
    pub fn new(options: NormalizeOptions) -> Self {
        Normalizer {
            config: Config::new(options),
        }
    }

    /// The options this normaliser runs with.
    pub fn options(&self) -> NormalizeOptions {
        self.config.options
    }

    /// Normalise `text` into `out`, reusing its buffers.
    ///
    /// `offsets = false` skips building the offset map (the fast path used to scan; a match
    /// found there is then re-normalised with offsets to report it). The text and line starts
    /// are identical either way. Offsets are not recorded for texts of 4 GiB or more.
    pub fn normalize_into(&self, text: &str, out: &mut Normalized, offsets: bool) {
        out.text.clear();
        out.line_starts.clear();
        out.pieces.clear();
        out.scratch.clear();
        let record = offsets && u32::try_from(text.len()).is_ok_and(|len| len < LINEAR);
        if !offsets
            && self.config.whole_ascii
            && ascii::normalize(text, self.config.options.case_fold, &mut out.text, &mut out.line_starts)
        {
            out.has_offsets = false;
            return;
        }
        let Normalized {
            text: out_text,
            line_starts,
            pieces,
            has_offsets,
            scratch,
        } = out;
        if record {
            let sink = Pieces {
                pieces,
                overflow: false,
            };
            let engine = Engine::new(&self.config, text, out_text, line_starts, scratch, sink);
            let sink = engine.run();
            *has_offsets = !sink.overflow;
            if sink.overflow {
                sink.pieces.clear();
            }
        } else {
            Engine::new(&self.config, text, out_text, line_starts, scratch, NoOffsets).run();
            *has_offsets = false;
        }
    }

    /// Normalise `text`, with offsets.
    pub fn normalize(&self, text: &str) -> Normalized {
        let mut out = Normalized::new();
        self.normalize_into(text, &mut out, true);
        out
    }
}

impl Normalizer {
    /// A normaliser without the ASCII fast path, to test it against the general path.
    #[cfg(test)]
    fn without_fast_path(options: NormalizeOptions) -> Self {
        Normalizer {
            config: Config::without_fast_path(options),
        }
    }
}

impl Default for Normalizer {
    fn default() -> Self {
        Self::new(NormalizeOptions::default())
    }
}

/// Shorthand: `Normalizer::new(NormalizeOptions::default()).normalize(text)`.
pub fn normalize(text: &str) -> Normalized {
    Normalizer::default().normalize(text)
}

/// `Piece::end` of a linear piece.
const LINEAR: u32 = u32::MAX;

/// Output bytes from `out` up to the next piece come from the original: byte for byte from
/// `src` on if `end == LINEAR`, else all from `src..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    out: u32,
    src: u32,
    end: u32,
}

/// A normalised text with its line starts and (optionally) its map back to the original.
#[derive(Clone, Default)]
pub struct Normalized {
    text: String,
    line_starts: Vec<u32>,
    pieces: Vec<Piece>,
    has_offsets: bool,
    scratch: Scratch,
}

impl fmt::Debug for Normalized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Normalized")
            .field("text", &self.text)
            .field("line_starts", &self.line_starts)
            .field("has_offsets", &self.has_offsets)
            .finish_non_exhaustive()
    }
}

impl Normalized {
    /// An empty result, to be filled by [`Normalizer::normalize_into`].
    pub fn new() -> Self {
        Self::default()
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offsets in [`Self::text`] where a line of the original begins, sorted.
    pub fn line_starts(&self) -> &[u32] {
        &self.line_starts
    }

    /// Whether byte offset `pos` of [`Self::text`] begins a line of the original.
    pub fn is_line_start(&self, pos: usize) -> bool {
        u32::try_from(pos).is_ok_and(|pos| self.line_starts.binary_search(&pos).is_ok())
    }

    /// Whether the offset map was built.
    pub fn has_offsets(&self) -> bool {
        self.has_offsets
    }

    /// The byte range of the original text that produced `range` of [`Self::text`].
    ///
    /// It starts where the source of the first normalised character starts and ends where the
    /// source of the last one ends, on char boundaries of the original; a range that splits a
    /// normalised character is widened to whole characters. An empty range maps to an empty
    /// range at the source of the next character. `None` without offsets or when `range` is
    /// reversed or out of bounds.
    pub fn original_span(&self, range: Range<usize>) -> Option<Range<usize>> {
        if !self.has_offsets || range.start > range.end || range.end > self.text.len() {
            return None;
        }
        let start = self.floor_boundary(range.start);
        if range.start == range.end {
            let at = if start < self.text.len() {
                self.source_start(start)
            } else if start == 0 {
                0
            } else {
                self.source_end(start)
            };
            return Some(at..at);
        }
        let end = self.ceil_boundary(range.end);
        Some(self.source_start(start)..self.source_end(end))
    }

    fn floor_boundary(&self, mut pos: usize) -> usize {
        while !self.text.is_char_boundary(pos) {
            pos -= 1;
        }
        pos
    }

    fn ceil_boundary(&self, mut pos: usize) -> usize {
        while !self.text.is_char_boundary(pos) {
            pos += 1;
        }
        pos
    }

    /// The piece holding output byte `pos`.
    fn piece(&self, pos: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.out as usize <= pos);
        self.pieces.get(i.checked_sub(1)?)
    }

    /// Where the source of the character starting at output byte `pos` starts.
    fn source_start(&self, pos: usize) -> usize {
        match self.piece(pos) {
            Some(p) if p.end == LINEAR => p.src as usize + (pos - p.out as usize),
            Some(p) => p.src as usize,
            None => 0,
        }
    }

    /// Where the source of the character ending at output byte `end` (exclusive, > 0) ends.
    fn source_end(&self, end: usize) -> usize {
        match self.piece(end - 1) {
            Some(p) if p.end == LINEAR => p.src as usize + (end - p.out as usize),
            Some(p) => p.end as usize,
            None => 0,
        }
    }
}
