//! The normalisation engine: one implementation, generic over whether offsets are recorded.

use std::mem::take;

use unicode_normalization::UnicodeNormalization;

use super::chars::{
    confusable, fold_into, is_attachment, is_dash, is_hyphen, is_ignorable, is_line_break, latin_base, starts_segment,
};
use super::html::Opener;
use super::{LINEAR, NormalizeOptions, Piece};

/// Byte class: an ASCII character that maps to itself (after ASCII lowercasing).
const PLAIN: u8 = 0;
/// Byte class: an ASCII separator.
const SEPARATOR: u8 = 1;
/// Byte class: an ASCII character the slow path handles (`&`, `<`, a joinable `-` that is not
/// a separator).
const SPECIAL: u8 = 2;
/// Byte class: a byte that may attach to the character before it, so that character needs the
/// slow path too: every non-ASCII byte, and the markdown characters that are skipped.
const HOLD: u8 = 3;

/// Bit `k` is set if byte `k` of a block (after the byte `prev`) may be something other than a
/// plain byte or a single space. Over-approximates: every ASCII byte that is special under some
/// options counts. The per-byte tests are independent so that they compile to vector code.
#[inline(always)]
fn stop_bits(block: &[u8; 16], prev: u8) -> u32 {
    let mut hits = [0u8; 16];
    let mut before = prev;
    for (hit, &b) in hits.iter_mut().zip(block) {
        let stop = (b.wrapping_sub(0x20) >= 0x60)
            | (b == b'&')
            | (b == b'<')
            | (b == b'*')
            | (b == b'`')
            | (b == b'-')
            | (b == b'_')
            | ((b == b' ') & (before == b' '));
        *hit = u8::from(stop) << 7;
        before = b;
    }
    let [a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7] = hits;
    // Gathers the top bit of each byte into the top byte.
    let pack = |bytes: [u8; 8]| (u64::from_le_bytes(bytes).wrapping_mul(0x0002_0408_1020_4081) >> 56) as u32;
    pack([a0, a1, a2, a3, a4, a5, a6, a7]) | pack([b0, b1, b2, b3, b4, b5, b6, b7]) << 8
}

/// Whether the byte at `pos` (`pos > 0`) ends a run of plain bytes and single spaces.
#[inline(always)]
fn ends_run(bytes: &[u8], class: &[u8; 256], pos: usize) -> bool {
    let b = bytes[pos];
    class[usize::from(b)] != PLAIN && (b != b' ' || bytes[pos - 1] == b' ')
}

/// The end of a run of plain bytes and single spaces that continues at `pos` (`pos > 0`).
#[inline(always)]
fn plain_run_end(bytes: &[u8], class: &[u8; 256], mut pos: usize) -> usize {
    while let Some(chunk) = bytes.get(pos..pos + 16) {
        let mut block = [0; 16];
        block.copy_from_slice(chunk);
        let mut bits = stop_bits(&block, bytes[pos - 1]);
        while bits != 0 {
            let at = pos + bits.trailing_zeros() as usize;
            if ends_run(bytes, class, at) {
                return at;
            }
            bits &= bits - 1;
        }
        pos += 16;
    }
    while pos < bytes.len() && !ends_run(bytes, class, pos) {
        pos += 1;
    }
    pos
}

/// Options plus the byte class table derived from them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Config {
    pub(super) options: NormalizeOptions,
    class: [u8; 256],
    /// Off only in tests, which compare the fast path against the general one.
    fast_path: bool,
    /// Whether ASCII texts normalised without offsets take [`super::ascii::normalize`].
    pub(super) whole_ascii: bool,
}

impl Config {
    pub(super) fn new(options: NormalizeOptions) -> Self {
        let mut class = [HOLD; 256];
        for (b, slot) in class.iter_mut().enumerate().take(128) {
            let c = char::from(b as u8);
            *slot = if options.html && (c == '&' || c == '<') {
                SPECIAL
            } else if options.strip_markdown
                && (c == '*' || c == '`' || (c == '_' && options.dash_separators && options.collapse_separators))
            {
                HOLD
            } else if c.is_whitespace() || (options.dash_separators && is_dash(c)) {
                SEPARATOR
            } else if options.join_hyphenated && c == '-' {
                SPECIAL
            } else {
                PLAIN
            };
        }
        Config {
            options,
            class,
            fast_path: true,
            whole_ascii: super::ascii::applies(&options),
        }
    }

    /// A configuration that sends every character through the general path.
    #[cfg(test)]
    pub(super) fn without_fast_path(options: NormalizeOptions) -> Self {
        Config {
            fast_path: false,
            whole_ascii: false,
            ..Config::new(options)
        }
    }
}

/// Where normalised bytes come from: a no-op, or the piece list of [`super::Normalized`].
pub(super) trait Sink {
    /// Output bytes `out_pos..out_pos + out_len` (one char, or a run of ASCII copied byte for
    /// byte) come from `src_start..src_end`.
    fn map(&mut self, out_pos: usize, out_len: usize, src_start: usize, src_end: usize);
}

/// The fast mode: no offsets.
pub(super) struct NoOffsets;

impl Sink for NoOffsets {
    #[inline(always)]
    fn map(&mut self, _: usize, _: usize, _: usize, _: usize) {}
}

/// Records pieces; `overflow` is set if a position does not fit in `u32`.
pub(super) struct Pieces<'a> {
    pub(super) pieces: &'a mut Vec<Piece>,
    pub(super) overflow: bool,
}

impl Sink for Pieces<'_> {
    #[inline]
    fn map(&mut self, out_pos: usize, out_len: usize, src_start: usize, src_end: usize) {
        let (Ok(out), Ok(src), Ok(end), Ok(_)) = (
            u32::try_from(out_pos),
            u32::try_from(src_start),
            u32::try_from(src_end),
            u32::try_from(out_pos + out_len),
        ) else {
            self.overflow = true;
            return;
        };
        if out_len == src_end - src_start {
            if let Some(last) = self.pieces.last()
                && last.end == LINEAR
                && u64::from(last.src) + u64::from(out - last.out) == u64::from(src)
            {
                return;
            }
            self.pieces.push(Piece { out, src, end: LINEAR });
        } else {
            self.pieces.push(Piece { out, src, end });
        }
    }
}

/// One mapped character and the original bytes it stands for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Item {
    pub(super) ch: char,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Buffers kept in [`super::Normalized`] between calls.
#[derive(Debug, Clone, Default)]
pub(super) struct Scratch {
    segment: String,
    nfkc: String,
    folded: String,
    items: Vec<Item>,
    decoded: Vec<Item>,
    verbatim: Vec<Item>,
    pub(super) stack: Vec<Item>,
    pub(super) openers: Vec<Opener>,
    /// Mappings of lone non-ASCII characters seen in this text (direct-mapped).
    mapped: Vec<MappedChar>,
}

/// Entries of `Scratch::mapped`.
const MAPPED_SLOTS: usize = 128;

/// What a non-ASCII character that forms a segment on its own maps to.
#[derive(Debug, Clone, Copy, Default)]
struct MappedChar {
    /// The character; ASCII (never cached) marks an empty slot.
    key: char,
    len: u8,
    out: [char; 3],
}

impl MappedChar {
    fn slot(c: char) -> usize {
        let u = c as usize;
        (u ^ (u >> 7)) % MAPPED_SLOTS
    }
}

impl Scratch {
    /// Prepares for a new text (the cache is per text: the options may change).
    pub(super) fn clear(&mut self) {
        self.items.clear();
        self.decoded.clear();
        self.verbatim.clear();
        self.stack.clear();
        self.openers.clear();
        self.mapped.clear();
        self.mapped.resize(MAPPED_SLOTS, MappedChar::default());
    }
}

/// A pending run of separators.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    active: bool,
    /// Start of the first separator (`None` while the run is only a non-separator hyphen or
    /// a dot).
    separator_start: Option<usize>,
    end: usize,
    /// A hyphen that is not a separator but may join a word broken across lines, or a dot
    /// after a letter that becomes a space if a letter follows it directly.
    lead: Option<Item>,
    breaks: u32,
    last_cr: bool,
    joinable: bool,
}

/// One normalisation in progress.
pub(super) struct Engine<'a, S> {
    pub(super) config: &'a Config,
    text: &'a str,
    pos: usize,
    out: &'a mut String,
    lines: &'a mut Vec<u32>,
    sink: S,
    run: Run,
    pub(super) scratch: &'a mut Scratch,
}

impl<'a, S: Sink> Engine<'a, S> {
    pub(super) fn new(
        config: &'a Config,
        text: &'a str,
        out: &'a mut String,
        lines: &'a mut Vec<u32>,
        scratch: &'a mut Scratch,
        sink: S,
    ) -> Self {
        Engine {
            config,
            text,
            pos: 0,
            out,
            lines,
            sink,
            run: Run::default(),
            scratch,
        }
    }

    /// Normalises the whole text; returns the sink.
    pub(super) fn run(mut self) -> S {
        let len = self.text.len();
        loop {
            if self.scratch.stack.is_empty() && self.config.fast_path {
                self.fast();
                if self.pos >= len {
                    break;
                }
            }
            if !self.segment() {
                break;
            }
        }
        self.finish_html();
        self.finish_run();
        self.sink
    }

    /// Copies ASCII straight to the output until a byte needs the slow path.
    fn fast(&mut self) {
        let text = self.text;
        let class = &self.config.class;
        let bytes = text.as_bytes();
        let len = bytes.len();
        let mut i = self.pos;
        while i < len {
            match class[usize::from(bytes[i])] {
                PLAIN => {
                    let (end, hold) = self.plain_run(i);
                    if hold {
                        self.pos = end;
                        return;
                    }
                    i = end;
                }
                SEPARATOR => {
                    if i + 1 < len && class[usize::from(bytes[i + 1])] == HOLD {
                        self.pos = i;
                        return;
                    }
                    let ch = char::from(bytes[i]);
                    self.separator(Item {
                        ch,
                        start: i,
                        end: i + 1,
                    });
                    i += 1;
                }
                _ => {
                    self.pos = i;
                    return;
                }
            }
        }
        self.pos = len;
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..)?.chars().next()
    }

    fn skippable(&self, c: char) -> bool {
        let o = &self.config.options;
        (o.strip_markdown && (c == '*' || c == '`')) || (o.strip_format && is_ignorable(c))
    }

    /// [`Engine::skippable`] for the character `c` of the text at `pos`: also an underscore
    /// used as emphasis, one at the edge of a word (`_User_:`, `__init__`): the nearest
    /// characters other than underscores on its two sides are not both letters or digits,
    /// nor both something else. An underscore inside a word (`snake_case`) or standing alone
    /// stays a separator. Only when underscores are otherwise separators that collapse into a
    /// space, so that a span cut at an underscore normalises to the same words either way.
    fn skippable_at(&self, c: char, pos: usize) -> bool {
        let o = &self.config.options;
        if c == '_' && o.strip_markdown && o.dash_separators && o.collapse_separators {
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let before = self.text[..pos].trim_end_matches('_').chars().next_back();
            let after = self.text[pos..].trim_start_matches('_').chars().next();
            return word(before) != word(after);
        }
        self.skippable(c)
    }

    pub(super) fn is_separator(&self, c: char) -> bool {
        c.is_whitespace() || (self.config.options.dash_separators && is_dash(c))
    }

    /// Reads one segment (a character and everything that attaches to it, skipping removed
    /// characters), maps it and shifts the result. False at the end of the text.
    fn segment(&mut self) -> bool {
        let (first, start) = loop {
            let Some(c) = self.char_at(self.pos) else {
                return false;
            };
            if self.skippable_at(c, self.pos) {
                self.pos += c.len_utf8();
                continue;
            }
            break (c, self.pos);
        };
        let mut end = start + first.len_utf8();
        let mut pos = end;
        let mut segment = take(&mut self.scratch.segment);
        segment.clear();
        segment.push(first);
        while let Some(c) = self.char_at(pos) {
            if self.skippable_at(c, pos) {
                pos += c.len_utf8();
                continue;
            }
            if starts_segment(c) {
                break;
            }
            segment.push(c);
            pos += c.len_utf8();
            end = pos;
        }
        self.pos = pos;
        if segment.len() == 1 {
            let ch = if self.config.options.case_fold {
                first.to_ascii_lowercase()
            } else {
                first
            };
            self.scratch.segment = segment;
            self.shift(Item { ch, start, end });
            return true;
        }
        let lone = segment.len() == first.len_utf8();
        let slot = MappedChar::slot(first);
        if lone
            && let Some(&mapped) = self.scratch.mapped.get(slot)
            && mapped.key == first
        {
            self.scratch.segment = segment;
            for &ch in &mapped.out[..usize::from(mapped.len)] {
                self.shift(Item { ch, start, end });
            }
            return true;
        }
        let mut items = take(&mut self.scratch.items);
        items.clear();
        self.map_chars(&segment, start, end, &mut items);
        self.scratch.segment = segment;
        if lone
            && items.len() <= 3
            && let Some(entry) = self.scratch.mapped.get_mut(slot)
        {
            *entry = MappedChar {
                key: first,
                len: items.len() as u8,
                out: [0, 1, 2].map(|i| items.get(i).map_or('\0', |it| it.ch)),
            };
        }
        for &item in &items {
            self.shift(item);
        }
        items.clear();
        self.scratch.items = items;
        true
    }

    /// Maps the characters of one segment (NFKC, look-alikes, case folding, marks) to items
    /// that all stand for `start..end`.
    fn map_chars(&mut self, segment: &str, start: usize, end: usize, items: &mut Vec<Item>) {
        let o = self.config.options;
        let mut nfkc = take(&mut self.scratch.nfkc);
        let mut folded = take(&mut self.scratch.folded);
        nfkc.clear();
        folded.clear();
        let composed: &str = if o.nfkc {
            // NFKC turns the lunate sigmas (which look like `c`/`C`) into ordinary sigmas,
            // which look like nothing Latin; map them before it does.
            if o.confusables && segment.contains(['\u{03F2}', '\u{03F9}']) {
                let lunate = |c: char| match c {
                    '\u{03F2}' => 'c',
                    '\u{03F9}' => 'C',
                    c => c,
                };
                nfkc.extend(segment.chars().map(lunate).nfkc());
            } else {
                nfkc.extend(segment.chars().nfkc());
            }
            &nfkc
        } else {
            segment
        };
        // Look-alikes are looked up before folding so that upper-case ones map to the letter
        // their upper-case shape imitates.
        let mut refold = false;
        for c in composed.chars() {
            if let Some(latin) = confusable(c).filter(|_| o.confusables) {
                folded.push(latin);
            } else if o.case_fold {
                refold |= fold_into(c, &mut folded) && !c.is_ascii();
            } else {
                folded.push(c);
            }
        }
        let mapped: &str = if refold && o.nfkc && !folded.is_ascii() {
            nfkc.clear();
            nfkc.extend(folded.chars().nfkc());
            &nfkc
        } else {
            &folded
        };
        // Marks survive only on a kept non-ASCII, non-separator character of this segment.
        let mut attach = false;
        for c in mapped.chars() {
            let ch = if c.is_ascii() {
                attach = false;
                if o.strip_markdown && (c == '*' || c == '`') {
                    // From NFKC (full-width asterisk, Greek varia) or an entity.
                    continue;
                }
                c
            } else if o.strip_format && is_ignorable(c) {
                attach = false;
                continue;
            } else if is_attachment(c) {
                if o.strip_format && !attach {
                    continue;
                }
                c
            } else if let Some(latin) = latin_base(c).filter(|_| o.confusables) {
                attach = false;
                latin
            } else {
                attach = !self.is_separator(c);
                c
            };
            items.push(Item { ch, start, end });
        }
        self.scratch.nfkc = nfkc;
        self.scratch.folded = folded;
    }

    /// Maps a character decoded from an entity (standing for `start..end`) and shifts it.
    pub(super) fn shift_decoded(&mut self, ch: char, start: usize, end: usize) {
        if self.skippable(ch) {
            return;
        }
        let mut items = take(&mut self.scratch.decoded);
        items.clear();
        let mut buf = [0; 4];
        self.map_chars(ch.encode_utf8(&mut buf), start, end, &mut items);
        for &item in &items {
            self.shift(item);
        }
        items.clear();
        self.scratch.decoded = items;
    }

    fn shift(&mut self, item: Item) {
        if self.config.options.html {
            self.shift_html(item);
        } else {
            self.push_item(item);
        }
    }

    // ---- Separators, hyphenation and output ------------------------------------------------

    /// Whether a `.` between two letters separates them.
    fn dot_separates(&self) -> bool {
        let o = &self.config.options;
        o.dot_separators && o.collapse_separators
    }

    /// Takes one character that no construct can include any more.
    pub(super) fn push_item(&mut self, item: Item) {
        let c = item.ch;
        if self.is_separator(c) {
            self.separator(item);
        } else if ((self.config.options.join_hyphenated && is_hyphen(c)) || (c == '.' && self.dot_separates()))
            && !self.run.active
            && self.prev_alphabetic()
        {
            self.run = Run {
                active: true,
                separator_start: None,
                end: item.end,
                lead: Some(item),
                breaks: 0,
                last_cr: false,
                joinable: c != '.',
            };
            if !self.config.options.collapse_separators {
                self.scratch.verbatim.push(item);
            }
        } else {
            if self.run.active {
                self.end_run(c.is_alphabetic());
            }
            self.emit(c, item.start, item.end);
        }
    }

    fn prev_alphabetic(&self) -> bool {
        self.out.chars().next_back().is_some_and(char::is_alphabetic)
    }

    fn separator(&mut self, item: Item) {
        let c = item.ch;
        if self.run.active {
            if !c.is_whitespace() {
                self.run.joinable = false;
            }
            self.run.separator_start.get_or_insert(item.start);
            self.run.end = item.end;
        } else {
            let joinable = self.config.options.join_hyphenated && is_hyphen(c) && self.prev_alphabetic();
            self.run = Run {
                active: true,
                separator_start: Some(item.start),
                end: item.end,
                lead: None,
                breaks: 0,
                last_cr: false,
                joinable,
            };
        }
        let run = &mut self.run;
        if is_line_break(c) {
            if !(c == '\n' && run.last_cr) {
                run.breaks += 1;
            }
            run.last_cr = c == '\r';
        } else {
            run.last_cr = false;
        }
        if !self.config.options.collapse_separators {
            self.scratch.verbatim.push(item);
        }
    }

    /// Copies the run of plain bytes starting at `start`, with the single spaces and the
    /// single separator bytes between them (each becomes one space, which maps to it byte for
    /// byte). Returns where the run ends and whether the byte there needs the slow path for
    /// the character before it.
    #[inline]
    fn plain_run(&mut self, start: usize) -> (usize, bool) {
        let text = self.text;
        let bytes = text.as_bytes();
        let class = &self.config.class;
        let is_class = |pos: usize, c: u8| bytes.get(pos).is_some_and(|&b| class[usize::from(b)] == c);
        if self.run.active {
            self.end_run(bytes[start].is_ascii_alphabetic());
        }
        if self.out.is_empty() {
            self.line_start(0);
        }
        let out_start = self.out.len();
        let mut segment = start;
        let mut scan = start + 1;
        let (end, hold) = loop {
            let stop = plain_run_end(bytes, class, scan);
            // A separator byte between plain bytes becomes a space like any separator run,
            // unless the byte after it needs the slow path.
            if is_class(stop, SEPARATOR)
                && is_class(stop - 1, PLAIN)
                && is_class(stop + 1, PLAIN)
                && !is_class(stop + 2, HOLD)
            {
                self.out.push_str(&text[segment..stop]);
                let separator = bytes[stop];
                self.out.push(if self.config.options.collapse_separators {
                    ' '
                } else {
                    char::from(separator)
                });
                if matches!(separator, b'\n' | b'\r' | 0x0B | 0x0C) {
                    self.line_start(self.out.len());
                }
                segment = stop + 1;
                scan = stop + 2;
                continue;
            }
            let mut hold = is_class(stop, HOLD);
            // The character before a byte that may attach to it needs the slow path.
            let mut end = if hold { stop - 1 } else { stop };
            // A space maps to itself only between plain characters.
            if end > segment && bytes[end - 1] == b' ' {
                end -= 1;
            }
            // A dot that the slow path may follow with a letter is left to it.
            if self.dot_separates()
                && end > segment
                && bytes[end - 1] == b'.'
                && bytes
                    .get(end)
                    .is_some_and(|&b| !b.is_ascii_whitespace() && class[usize::from(b)] != SEPARATOR)
            {
                end -= 1;
                hold = true;
            }
            break (end, hold);
        };
        self.out.push_str(&text[segment..end]);
        if self.config.options.case_fold {
            self.out[out_start..].make_ascii_lowercase();
        }
        if self.dot_separates() {
            self.dots_to_spaces(out_start);
        }
        if end > start {
            self.sink.map(out_start, end - start, start, end);
        }
        (end, hold)
    }

    /// Turns each `.` of `out[from..]` (copied ASCII) between two letters into a space, which
    /// maps to the dot byte for byte. The character before `from` may be any earlier output.
    fn dots_to_spaces(&mut self, from: usize) {
        let mut at = from;
        while let Some(found) = self.out[at..].find('.') {
            let dot = at + found;
            let bytes = self.out.as_bytes();
            if bytes.get(dot + 1).is_some_and(u8::is_ascii_alphabetic)
                && if dot > from {
                    bytes[dot - 1].is_ascii_alphabetic()
                } else {
                    self.out[..dot].chars().next_back().is_some_and(char::is_alphabetic)
                }
            {
                self.out.replace_range(dot..=dot, " ");
            }
            at = dot + 1;
        }
    }

    /// Ends the pending run before a character (`next_alphabetic` says whether it is a letter).
    fn end_run(&mut self, next_alphabetic: bool) {
        let run = take(&mut self.run);
        if !run.active {
            return;
        }
        if run.joinable && run.breaks == 1 && next_alphabetic {
            self.scratch.verbatim.clear();
            return;
        }
        if let Some(dot) = run.lead.filter(|l| l.ch == '.')
            && run.separator_start.is_none()
            && next_alphabetic
        {
            self.emit(' ', dot.start, dot.end);
            return;
        }
        self.flush_run(&run, false);
        if run.breaks > 0 {
            self.line_start(self.out.len());
        }
    }

    fn finish_run(&mut self) {
        let run = take(&mut self.run);
        if run.active {
            self.flush_run(&run, true);
        }
    }

    fn flush_run(&mut self, run: &Run, trailing: bool) {
        if self.config.options.collapse_separators {
            if let Some(hyphen) = run.lead {
                self.emit(hyphen.ch, hyphen.start, hyphen.end);
            }
            if let Some(start) = run.separator_start
                && !trailing
                && !self.out.is_empty()
            {
                self.emit(' ', start, run.end);
            }
        } else {
            let mut verbatim = take(&mut self.scratch.verbatim);
            for item in &verbatim {
                self.emit(item.ch, item.start, item.end);
            }
            verbatim.clear();
            self.scratch.verbatim = verbatim;
        }
    }

    fn emit(&mut self, ch: char, start: usize, end: usize) {
        if self.out.is_empty() {
            self.line_start(0);
        }
        let pos = self.out.len();
        self.out.push(ch);
        self.sink.map(pos, ch.len_utf8(), start, end);
    }

    fn line_start(&mut self, pos: usize) {
        let pos = u32::try_from(pos).unwrap_or(u32::MAX);
        if self.lines.last() != Some(&pos) {
            self.lines.push(pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::stop_bits;

    proptest! {
        #[test]
        fn stop_bits_marks_every_candidate(block in any::<[u8; 16]>(), prev in any::<u8>()) {
            let bits = stop_bits(&block, prev);
            for k in 0..16 {
                let b = block[k];
                let before = if k == 0 { prev } else { block[k - 1] };
                let expected = !(0x20..0x80).contains(&b)
                    || b"&<*`-_".contains(&b)
                    || (b == b' ' && before == b' ');
                prop_assert_eq!(bits >> k & 1 == 1, expected, "byte {}", k);
            }
        }
    }
}
