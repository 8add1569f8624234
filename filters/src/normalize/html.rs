//! HTML entities and inline tags: a shift-reduce machine between the character mapping and
//! the separator stage (see "How it works" in the module documentation).

use super::NormalizeOptions;
use super::chars::{is_hyphen, is_line_break};
use super::engine::{Engine, Item, Sink};

/// Most constructs that may wait for their end at once; a further `&` or `<` is plain text.
const MAX_OPENERS: usize = 64;

/// Most non-separator characters inside one inline tag's attributes.
const MAX_ATTRIBUTES: u16 = 512;

/// Longest entity or tag name kept while scanning.
const MAX_NAME: usize = 16;

/// Named entities, sorted by name, matched after case folding (so `&Eacute;` decodes like
/// `&eacute;`, which case folding would produce anyway).
const ENTITIES: &[(&str, char)] = &[
    ("aacute", '\u{00E1}'),
    ("acirc", '\u{00E2}'),
    ("acute", '\u{00B4}'),
    ("aelig", '\u{00E6}'),
    ("agrave", '\u{00E0}'),
    ("alpha", '\u{03B1}'),
    ("amp", '\u{0026}'),
    ("apos", '\u{0027}'),
    ("aring", '\u{00E5}'),
    ("ast", '\u{002A}'),
    ("atilde", '\u{00E3}'),
    ("auml", '\u{00E4}'),
    ("bdquo", '\u{201E}'),
    ("beta", '\u{03B2}'),
    ("bsol", '\u{005C}'),
    ("bull", '\u{2022}'),
    ("ccedil", '\u{00E7}'),
    ("cent", '\u{00A2}'),
    ("chi", '\u{03C7}'),
    ("circ", '\u{02C6}'),
    ("colon", '\u{003A}'),
    ("comma", '\u{002C}'),
    ("commat", '\u{0040}'),
    ("copy", '\u{00A9}'),
    ("curren", '\u{00A4}'),
    ("dagger", '\u{2020}'),
    ("darr", '\u{2193}'),
    ("dash", '\u{2010}'),
    ("deg", '\u{00B0}'),
    ("delta", '\u{03B4}'),
    ("divide", '\u{00F7}'),
    ("dollar", '\u{0024}'),
    ("eacute", '\u{00E9}'),
    ("ecirc", '\u{00EA}'),
    ("egrave", '\u{00E8}'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("epsilon", '\u{03B5}'),
    ("equals", '\u{003D}'),
    ("eta", '\u{03B7}'),
    ("eth", '\u{00F0}'),
    ("euml", '\u{00EB}'),
    ("euro", '\u{20AC}'),
    ("excl", '\u{0021}'),
    ("frac12", '\u{00BD}'),
    ("frac14", '\u{00BC}'),
    ("frac34", '\u{00BE}'),
    ("gamma", '\u{03B3}'),
    ("ge", '\u{2265}'),
    ("grave", '\u{0060}'),
    ("gt", '\u{003E}'),
    ("hairsp", '\u{200A}'),
    ("harr", '\u{2194}'),
    ("hellip", '\u{2026}'),
    ("horbar", '\u{2015}'),
    ("hyphen", '\u{2010}'),
    ("iacute", '\u{00ED}'),
    ("icirc", '\u{00EE}'),
    ("iexcl", '\u{00A1}'),
    ("igrave", '\u{00EC}'),
    ("infin", '\u{221E}'),
    ("iota", '\u{03B9}'),
    ("iquest", '\u{00BF}'),
    ("iuml", '\u{00EF}'),
    ("kappa", '\u{03BA}'),
    ("lambda", '\u{03BB}'),
    ("laquo", '\u{00AB}'),
    ("larr", '\u{2190}'),
    ("lcub", '\u{007B}'),
    ("ldquo", '\u{201C}'),
    ("le", '\u{2264}'),
    ("lowbar", '\u{005F}'),
    ("lpar", '\u{0028}'),
    ("lrm", '\u{200E}'),
    ("lsaquo", '\u{2039}'),
    ("lsqb", '\u{005B}'),
    ("lsquo", '\u{2018}'),
    ("lt", '\u{003C}'),
    ("macr", '\u{00AF}'),
    ("mdash", '\u{2014}'),
    ("micro", '\u{00B5}'),
    ("middot", '\u{00B7}'),
    ("minus", '\u{2212}'),
    ("mu", '\u{03BC}'),
    ("nbsp", '\u{00A0}'),
    ("ndash", '\u{2013}'),
    ("ne", '\u{2260}'),
    ("newline", '\u{000A}'),
    ("nobreak", '\u{2060}'),
    ("not", '\u{00AC}'),
    ("ntilde", '\u{00F1}'),
    ("nu", '\u{03BD}'),
    ("num", '\u{0023}'),
    ("oacute", '\u{00F3}'),
    ("ocirc", '\u{00F4}'),
    ("ograve", '\u{00F2}'),
    ("omega", '\u{03C9}'),
    ("omicron", '\u{03BF}'),
    ("ordf", '\u{00AA}'),
    ("ordm", '\u{00BA}'),
    ("oslash", '\u{00F8}'),
    ("otilde", '\u{00F5}'),
    ("ouml", '\u{00F6}'),
    ("para", '\u{00B6}'),
    ("percnt", '\u{0025}'),
    ("period", '\u{002E}'),
    ("phi", '\u{03C6}'),
    ("pi", '\u{03C0}'),
    ("plus", '\u{002B}'),
    ("plusmn", '\u{00B1}'),
    ("pound", '\u{00A3}'),
    ("prime", '\u{2032}'),
    ("psi", '\u{03C8}'),
    ("quest", '\u{003F}'),
    ("quot", '\u{0022}'),
    ("raquo", '\u{00BB}'),
    ("rarr", '\u{2192}'),
    ("rcub", '\u{007D}'),
    ("rdquo", '\u{201D}'),
    ("reg", '\u{00AE}'),
    ("rho", '\u{03C1}'),
    ("rlm", '\u{200F}'),
    ("rpar", '\u{0029}'),
    ("rsaquo", '\u{203A}'),
    ("rsqb", '\u{005D}'),
    ("rsquo", '\u{2019}'),
    ("sbquo", '\u{201A}'),
    ("sect", '\u{00A7}'),
    ("semi", '\u{003B}'),
    ("shy", '\u{00AD}'),
    ("sigma", '\u{03C3}'),
    ("sigmaf", '\u{03C2}'),
    ("sol", '\u{002F}'),
    ("sup1", '\u{00B9}'),
    ("sup2", '\u{00B2}'),
    ("sup3", '\u{00B3}'),
    ("szlig", '\u{00DF}'),
    ("tab", '\u{0009}'),
    ("tau", '\u{03C4}'),
    ("theta", '\u{03B8}'),
    ("thinsp", '\u{2009}'),
    ("thorn", '\u{00FE}'),
    ("tilde", '\u{02DC}'),
    ("times", '\u{00D7}'),
    ("trade", '\u{2122}'),
    ("uacute", '\u{00FA}'),
    ("uarr", '\u{2191}'),
    ("ucirc", '\u{00FB}'),
    ("ugrave", '\u{00F9}'),
    ("uml", '\u{00A8}'),
    ("upsilon", '\u{03C5}'),
    ("uuml", '\u{00FC}'),
    ("verbar", '\u{007C}'),
    ("xi", '\u{03BE}'),
    ("yacute", '\u{00FD}'),
    ("yen", '\u{00A5}'),
    ("yuml", '\u{00FF}'),
    ("zerowidthspace", '\u{200B}'),
    ("zeta", '\u{03B6}'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// Inline formatting tags that are removed (opening, closing or self-closing), sorted.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "del", "dfn", "em", "font", "i", "ins", "kbd", "mark",
    "nobr", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "var", "wbr",
];

/// Windows-1252 characters that HTML substitutes for numeric references to C1 controls.
const C1_REPLACEMENTS: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{02C6}',
    '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}',
    '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}',
    '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

/// A short ASCII name collected while scanning an entity or a tag.
#[derive(Debug, Clone, Copy)]
pub(super) struct Name {
    buf: [u8; MAX_NAME],
    len: u8,
}

impl Name {
    fn new(c: char) -> Self {
        let mut name = Name {
            buf: [0; MAX_NAME],
            len: 0,
        };
        name.push(c);
        name
    }

    /// Appends an ASCII character (lowercased); false when the name is too long.
    fn push(&mut self, c: char) -> bool {
        let len = usize::from(self.len);
        if len == MAX_NAME || !c.is_ascii() {
            return false;
        }
        self.buf[len] = (c as u8).to_ascii_lowercase();
        self.len += 1;
        true
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }
}

/// Where the scan of a construct is.
#[derive(Debug, Clone, Copy)]
enum State {
    /// After `&`.
    EntityStart,
    /// After `&#`.
    EntityHash,
    /// After `&#x`.
    EntityHexStart,
    /// Decimal digits read, with their (saturated) value.
    EntityDecimal(u32),
    /// Hexadecimal digits read, with their (saturated) value.
    EntityHex(u32),
    /// A named reference being read.
    EntityName(Name),
    /// After `<`.
    TagStart,
    /// After `</`.
    TagSlash,
    /// A tag name being read.
    TagName(Name),
    /// After `<name/`.
    TagSelfClose,
    /// Inside an inline tag's attributes, with the count of non-separators read.
    TagAttributes(u16),
}

/// A hyphen inside a name that may turn out to join a word broken across lines.
#[derive(Debug, Clone, Copy)]
struct PendingJoin {
    /// Stack index of the hyphen.
    run_start: usize,
    breaks: u8,
    last_cr: bool,
}

/// An `&` or `<` on the stack whose construct may still complete.
#[derive(Debug, Clone, Copy)]
pub(super) struct Opener {
    /// Stack index of the `&` or `<`.
    index: usize,
    state: State,
    join: Option<PendingJoin>,
}

/// What feeding one character to the innermost opener did.
enum Step {
    /// The character belongs to the construct so far.
    Continue,
    /// The construct can no longer complete.
    Dead,
    /// A letter completed a hyphen-newline run that started at this stack index.
    Join(usize),
    /// The construct is complete: replace it by `decoded` (nothing for a tag). `include`
    /// says whether the character fed is part of it (false when a numeric reference ends
    /// without `;`).
    Reduce { decoded: Option<char>, include: bool },
}

fn lookup_entity(name: &Name) -> Option<char> {
    ENTITIES
        .binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()))
        .ok()
        .map(|i| ENTITIES[i].1)
}

fn is_inline_tag(name: &Name) -> bool {
    INLINE_TAGS
        .binary_search_by(|n| n.as_bytes().cmp(name.as_bytes()))
        .is_ok()
}

/// The character a numeric reference stands for, as HTML decodes it.
fn numeric_reference(value: u32) -> char {
    match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1_REPLACEMENTS[(value - 0x80) as usize],
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

fn accumulate(value: u32, radix: u32, digit: u32) -> u32 {
    value.saturating_mul(radix).saturating_add(digit).min(0x11_0000)
}

fn attributes(op: &mut Opener, c: char, is_separator: bool) -> Step {
    let State::TagAttributes(count) = &mut op.state else {
        return Step::Dead;
    };
    match c {
        '>' => Step::Reduce {
            decoded: None,
            include: true,
        },
        '<' => Step::Dead,
        _ => {
            // Hyphens do not count: a joined hyphenation removes them.
            *count += u16::from(!is_separator && !is_hyphen(c));
            if *count > MAX_ATTRIBUTES {
                Step::Dead
            } else {
                Step::Continue
            }
        }
    }
}

/// Whether `c` is a dot after a letter, which ends a tag name like a separator: the text that
/// a failed construct leaves has the dot as a space when a letter follows it, and that text
/// must read as the same tag.
fn separating_dot(c: char, prev: Option<char>, options: &NormalizeOptions) -> bool {
    c == '.' && options.dot_separators && options.collapse_separators && prev.is_some_and(char::is_alphabetic)
}

/// Feeds `c` (at stack index `at`, after `prev`) to the construct of `op`.
fn step(
    op: &mut Opener,
    c: char,
    prev: Option<char>,
    at: usize,
    is_separator: bool,
    options: &NormalizeOptions,
) -> Step {
    if let Some(join) = &mut op.join {
        if c.is_whitespace() {
            if is_line_break(c) {
                if !(c == '\n' && join.last_cr) {
                    join.breaks = join.breaks.saturating_add(1);
                }
                join.last_cr = c == '\r';
            } else {
                join.last_cr = false;
            }
            if join.breaks <= 1 {
                return Step::Continue;
            }
        } else if join.breaks == 1 && c.is_alphabetic() {
            return Step::Join(join.run_start);
        }
        // The hyphen is a real one: it ends a tag name like any separator, and no entity
        // contains one.
        op.join = None;
        match op.state {
            State::TagName(name) if options.dash_separators && is_inline_tag(&name) => {
                op.state = State::TagAttributes(0);
            }
            _ => return Step::Dead,
        }
    }
    let may_join = options.join_hyphenated && is_hyphen(c) && prev.is_some_and(|p| p.is_alphabetic());
    match op.state {
        State::EntityStart => {
            if c == '#' {
                op.state = State::EntityHash;
            } else if c.is_ascii_alphabetic() {
                op.state = State::EntityName(Name::new(c));
            } else {
                return Step::Dead;
            }
        }
        State::EntityHash => {
            if c == 'x' || c == 'X' {
                op.state = State::EntityHexStart;
            } else if let Some(d) = c.to_digit(10) {
                op.state = State::EntityDecimal(d);
            } else {
                return Step::Dead;
            }
        }
        State::EntityHexStart => match c.to_digit(16) {
            Some(d) => op.state = State::EntityHex(d),
            // `&#x-\nb` joins into `&#xb` like any word.
            None if may_join => {
                op.join = Some(PendingJoin {
                    run_start: at,
                    breaks: 0,
                    last_cr: false,
                });
            }
            None => return Step::Dead,
        },
        State::EntityDecimal(value) | State::EntityHex(value) => {
            let radix = if matches!(op.state, State::EntityHex(_)) {
                16
            } else {
                10
            };
            match c.to_digit(radix) {
                Some(d) => {
                    let value = accumulate(value, radix, d);
                    op.state = if radix == 16 {
                        State::EntityHex(value)
                    } else {
                        State::EntityDecimal(value)
                    };
                }
                None => {
                    return Step::Reduce {
                        decoded: Some(numeric_reference(value)),
                        include: c == ';',
                    };
                }
            }
        }
        State::EntityName(mut name) => {
            if c.is_ascii_alphanumeric() {
                if !name.push(c) {
                    return Step::Dead;
                }
                op.state = State::EntityName(name);
            } else if c == ';' {
                return match lookup_entity(&name) {
                    Some(decoded) => Step::Reduce {
                        decoded: Some(decoded),
                        include: true,
                    },
                    None => Step::Dead,
                };
            } else if may_join {
                op.join = Some(PendingJoin {
                    run_start: at,
                    breaks: 0,
                    last_cr: false,
                });
            } else {
                return Step::Dead;
            }
        }
        State::TagStart | State::TagSlash => {
            if c == '/' && matches!(op.state, State::TagStart) {
                op.state = State::TagSlash;
            } else if c.is_ascii_alphabetic() {
                op.state = State::TagName(Name::new(c));
            } else {
                return Step::Dead;
            }
        }
        State::TagName(mut name) => {
            if c.is_ascii_alphanumeric() {
                if !name.push(c) {
                    return Step::Dead;
                }
                op.state = State::TagName(name);
            } else if may_join {
                op.join = Some(PendingJoin {
                    run_start: at,
                    breaks: 0,
                    last_cr: false,
                });
            } else if !is_inline_tag(&name) {
                return Step::Dead;
            } else if c == '>' {
                return Step::Reduce {
                    decoded: None,
                    include: true,
                };
            } else if c == '/' {
                op.state = State::TagSelfClose;
            } else if is_separator || separating_dot(c, prev, options) {
                op.state = State::TagAttributes(0);
            } else {
                return Step::Dead;
            }
        }
        State::TagSelfClose => {
            if c == '>' {
                return Step::Reduce {
                    decoded: None,
                    include: true,
                };
            }
            op.state = State::TagAttributes(0);
            return attributes(op, c, is_separator);
        }
        State::TagAttributes(_) => return attributes(op, c, is_separator),
    }
    Step::Continue
}

impl<S: Sink> Engine<'_, S> {
    /// Takes the next character after the character mapping: keeps it on the stack while a
    /// construct may still include it, otherwise passes it on to the separator stage.
    pub(super) fn shift_html(&mut self, item: Item) {
        loop {
            let opens = item.ch == '&' || item.ch == '<';
            let Some(top) = self.scratch.openers.last() else {
                if opens {
                    self.open(item);
                } else {
                    self.push_item(item);
                }
                return;
            };
            let numeric = matches!(top.state, State::EntityDecimal(_) | State::EntityHex(_));
            if opens && !numeric && self.scratch.openers.len() < MAX_OPENERS {
                self.open(item);
                return;
            }
            let prev = self.scratch.stack.last().map(|it| it.ch);
            let at = self.scratch.stack.len();
            match self.feed(item.ch, prev, at) {
                Step::Continue => {
                    self.scratch.stack.push(item);
                    return;
                }
                Step::Join(run_start) => {
                    self.scratch.stack.truncate(run_start);
                    if let Some(op) = self.scratch.openers.last_mut() {
                        op.join = None;
                    }
                }
                Step::Reduce { decoded, include } => {
                    self.reduce(decoded, include.then_some(item.end));
                    if include {
                        return;
                    }
                }
                Step::Dead => self.kill_top(),
            }
        }
    }

    /// Ends the input: completes numeric references, gives up every other construct.
    pub(super) fn finish_html(&mut self) {
        while let Some(top) = self.scratch.openers.last() {
            match top.state {
                State::EntityDecimal(value) | State::EntityHex(value) => {
                    self.reduce(Some(numeric_reference(value)), None);
                }
                _ => self.kill_top(),
            }
        }
    }

    fn open(&mut self, item: Item) {
        let state = if item.ch == '&' {
            State::EntityStart
        } else {
            State::TagStart
        };
        let index = self.scratch.stack.len();
        self.scratch.openers.push(Opener {
            index,
            state,
            join: None,
        });
        self.scratch.stack.push(item);
    }

    fn feed(&mut self, c: char, prev: Option<char>, at: usize) -> Step {
        let is_separator = self.is_separator(c);
        let options = self.config.options;
        match self.scratch.openers.last_mut() {
            Some(op) => step(op, c, prev, at, is_separator, &options),
            None => Step::Dead,
        }
    }

    /// Replaces the innermost construct (from its opener to the top of the stack, and up to
    /// `end` if given) by its decoded character.
    fn reduce(&mut self, decoded: Option<char>, end: Option<usize>) {
        let Some(op) = self.scratch.openers.pop() else {
            return;
        };
        let start = self.scratch.stack.get(op.index).map_or(0, |it| it.start);
        let end = end
            .or_else(|| self.scratch.stack.last().map(|it| it.end))
            .unwrap_or(start);
        self.scratch.stack.truncate(op.index);
        if let Some(ch) = decoded {
            self.shift_decoded(ch, start, end);
        }
    }

    /// The innermost construct cannot complete: its characters become plain text of the
    /// enclosing construct, which may die of them in turn; with none left, the stack goes on
    /// to the separator stage.
    fn kill_top(&mut self) {
        while let Some(op) = self.scratch.openers.pop() {
            if self.scratch.openers.is_empty() {
                let mut stack = std::mem::take(&mut self.scratch.stack);
                for &it in &stack {
                    self.push_item(it);
                }
                stack.clear();
                self.scratch.stack = stack;
                return;
            }
            if !self.refeed(op.index) {
                return;
            }
        }
    }

    /// Feeds the stack from `from` on to the (new) innermost opener; true if it died.
    ///
    /// The first character fed is the `&` or `<` of a construct that died, which ends every
    /// name; only an inline tag's attributes take it, and they take the rest (the name
    /// characters of a dead entity) too, so nothing here can complete a construct.
    fn refeed(&mut self, from: usize) -> bool {
        for k in from..self.scratch.stack.len() {
            let c = self.scratch.stack[k].ch;
            let prev = k.checked_sub(1).map(|j| self.scratch.stack[j].ch);
            match self.feed(c, prev, k) {
                Step::Continue => {}
                Step::Dead | Step::Join(_) | Step::Reduce { .. } => return true,
            }
        }
        false
    }
}

#[cfg(test)]
pub(super) fn entity_names() -> impl Iterator<Item = &'static str> {
    ENTITIES.iter().map(|(n, _)| *n)
}

#[cfg(test)]
pub(super) fn inline_tags() -> &'static [&'static str] {
    INLINE_TAGS
}
