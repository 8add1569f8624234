//! The template language: parsing grammar files and text fragments, then linking rule
//! names into one compiled grammar. See the crate docs for the syntax.

use std::collections::HashMap;

use crate::date::{Date, DateStyle};
use crate::error::Error;
use crate::universe::Register;

/// Names of built-in slots; rules may not use them.
pub(crate) const BUILTINS: &[&str] = &[
    "person", "first", "last", "handle", "email", "date", "past", "recent", "since", "time", "num", "fact", "event",
    "ago", "count",
];

/// Alternative modifiers (`@key:value` at the start of an alternative).
const MODIFIERS: &[&str] = &["w", "since", "until", "after", "before", "if"];

/// The four stances a document can take; `{rule@}` calls `rule.<stance>`.
pub(crate) const STANCES: [&str; 4] = ["supportive", "critical", "neutral", "confused"];

// ---------------------------------------------------------------- raw (parsed) form

#[derive(Debug, Clone)]
pub(crate) enum RawNode {
    Text(String),
    Choice(Vec<Vec<RawNode>>),
    Call(RawCall),
}

#[derive(Debug, Clone)]
pub(crate) struct RawCall {
    pub(crate) name: String,
    pub(crate) key: Option<String>,
    pub(crate) cap: bool,
    pub(crate) lower: bool,
    pub(crate) title: bool,
    pub(crate) fresh: bool,
    pub(crate) stance: bool,
    pub(crate) repeat: Repeat,
    pub(crate) arg: Option<String>,
}

/// How often a call is expanded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Repeat {
    Once,
    /// Until the text written so far reaches `share` of the document's target length.
    UntilShare {
        share: f32,
        newline: bool,
    },
    /// A random count in `lo..=hi`.
    Count {
        lo: u32,
        hi: u32,
        newline: bool,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct RawAlt {
    pub(crate) nodes: Vec<RawNode>,
    pub(crate) weight: u32,
    pub(crate) since: Option<Date>,
    pub(crate) until: Option<Date>,
    pub(crate) after: Option<String>,
    pub(crate) before: Option<String>,
    /// `@if:facts`: only while the document has assigned facts not yet stated.
    pub(crate) needs_fact: bool,
    pub(crate) line: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct RawRule {
    pub(crate) name: String,
    pub(crate) alts: Vec<RawAlt>,
    pub(crate) origin: String,
    pub(crate) line: usize,
}

/// A parsed grammar file: `@key value` headers, then rules.
#[derive(Debug, Clone, Default)]
pub(crate) struct GrammarFile {
    pub(crate) headers: Vec<(String, String, usize)>,
    pub(crate) rules: Vec<RawRule>,
}

fn gerr(origin: &str, line: usize, message: impl Into<String>) -> Error {
    Error::Grammar {
        origin: origin.to_string(),
        line,
        message: message.into(),
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.' || c == '-'
}

/// Checks a rule name: lowercase letters, digits, `_`, `-`, `.`.
pub(crate) fn valid_rule_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(is_name_char)
}

/// Parses a whole grammar file.
pub(crate) fn parse_file(src: &str, origin: &str) -> Result<GrammarFile, Error> {
    let mut file = GrammarFile::default();
    let mut current: Option<RawRule> = None;
    let mut pending = String::new();
    let mut pending_line = 0;
    for (idx, raw_line) in src.lines().enumerate() {
        let line_no = idx + 1;
        let trimmed = raw_line.trim();
        if pending.is_empty() {
            if trimmed.is_empty() || trimmed.starts_with("//") {
                continue;
            }
            if raw_line.starts_with([' ', '\t']) {
                // Leading blanks are dropped, so a space meant to separate this text from
                // the one before would silently vanish ("percent.The survey").
                return Err(gerr(
                    origin,
                    line_no,
                    "a line cannot start with a blank (leading blanks are dropped); write `\\ ` for a space that belongs to the text",
                ));
            }
            pending_line = line_no;
        }
        // A trailing backslash (not an escaped one) continues the line.
        let continued = trimmed.ends_with('\\') && !trimmed.ends_with("\\\\");
        if continued {
            pending.push_str(&trimmed[..trimmed.len() - 1]);
            continue;
        }
        pending.push_str(trimmed);
        let line = std::mem::take(&mut pending);
        let line_no = pending_line;
        if let Some(name) = line.strip_prefix("==") {
            let name = name.trim();
            if !valid_rule_name(name) {
                return Err(gerr(origin, line_no, format!("invalid rule name `{name}`")));
            }
            if BUILTINS.contains(&name) {
                return Err(gerr(
                    origin,
                    line_no,
                    format!("`{name}` is a built-in slot and cannot be a rule name"),
                ));
            }
            if let Some(rule) = current.take() {
                file.rules.push(rule);
            }
            current = Some(RawRule {
                name: name.to_string(),
                alts: Vec::new(),
                origin: origin.to_string(),
                line: line_no,
            });
            continue;
        }
        match current.as_mut() {
            None => {
                let Some(header) = line.strip_prefix('@') else {
                    return Err(gerr(
                        origin,
                        line_no,
                        "text before the first `== rule` line (headers start with `@`)",
                    ));
                };
                let (key, value) = header.split_once(' ').unwrap_or((header, ""));
                file.headers.push((key.to_string(), value.trim().to_string(), line_no));
            }
            Some(rule) => rule.alts.push(parse_alt(&line, origin, line_no)?),
        }
    }
    if !pending.is_empty() {
        return Err(gerr(origin, pending_line, "file ends with a continuation `\\`"));
    }
    if let Some(rule) = current.take() {
        file.rules.push(rule);
    }
    for rule in &file.rules {
        if rule.alts.is_empty() {
            return Err(gerr(
                origin,
                rule.line,
                format!("rule `{}` has no alternatives", rule.name),
            ));
        }
    }
    Ok(file)
}

/// Parses one alternative: optional `@w:N`, `@since:DATE`, `@until:DATE`, `@after:EVENT`,
/// `@before:EVENT` prefixes, then template text.
pub(crate) fn parse_alt(text: &str, origin: &str, line: usize) -> Result<RawAlt, Error> {
    let mut alt = RawAlt {
        nodes: Vec::new(),
        weight: 1,
        since: None,
        until: None,
        after: None,
        before: None,
        needs_fact: false,
        line,
    };
    let mut rest = text.trim_start();
    while let Some(tail) = rest.strip_prefix('@') {
        let (modifier, after) = tail.split_once(' ').unwrap_or((tail, ""));
        // Only `@key:value` with a known key is a modifier; `@handle` text stays text.
        let Some((key, value)) = modifier.split_once(':').filter(|(k, _)| MODIFIERS.contains(k)) else {
            break;
        };
        let date =
            || Date::parse(value).ok_or_else(|| gerr(origin, line, format!("invalid date `{value}` in `@{key}`")));
        match key {
            "w" => {
                alt.weight = value
                    .parse()
                    .ok()
                    .filter(|w| *w > 0)
                    .ok_or_else(|| gerr(origin, line, format!("invalid weight `{value}`")))?
            }
            "since" => alt.since = Some(date()?),
            "until" => alt.until = Some(date()?),
            "after" => alt.after = Some(value.to_string()),
            "before" => alt.before = Some(value.to_string()),
            "if" if value == "facts" => alt.needs_fact = true,
            "if" => {
                return Err(gerr(
                    origin,
                    line,
                    format!("unknown condition `@if:{value}` (known: facts)"),
                ));
            }
            _ => unreachable!("filtered by MODIFIERS above"),
        }
        rest = after.trim_start();
    }
    alt.nodes = parse_text(rest, origin, line)?;
    Ok(alt)
}

/// Parses template text into nodes.
pub(crate) fn parse_text(text: &str, origin: &str, line: usize) -> Result<Vec<RawNode>, Error> {
    let chars: Vec<char> = text.chars().collect();
    let mut pos = 0;
    let nodes = parse_seq(&chars, &mut pos, false, origin, line)?;
    if pos < chars.len() {
        return Err(gerr(
            origin,
            line,
            format!("unexpected `{}` at column {}", chars[pos], pos + 1),
        ));
    }
    Ok(nodes)
}

fn parse_seq(
    chars: &[char],
    pos: &mut usize,
    in_choice: bool,
    origin: &str,
    line: usize,
) -> Result<Vec<RawNode>, Error> {
    let mut nodes = Vec::new();
    let mut text = String::new();
    while *pos < chars.len() {
        let c = chars[*pos];
        match c {
            '\\' => {
                let next = chars
                    .get(*pos + 1)
                    .copied()
                    .ok_or_else(|| gerr(origin, line, "text ends with a lone `\\`"))?;
                text.push(match next {
                    'n' => '\n',
                    't' => '\t',
                    other => other,
                });
                *pos += 2;
            }
            '{' => {
                if !text.is_empty() {
                    nodes.push(RawNode::Text(std::mem::take(&mut text)));
                }
                let start = *pos;
                let end = chars[start..]
                    .iter()
                    .position(|&c| c == '}')
                    .map(|p| start + p)
                    .ok_or_else(|| gerr(origin, line, format!("unclosed `{{` at column {}", start + 1)))?;
                let inner: String = chars[start + 1..end].iter().collect();
                nodes.push(RawNode::Call(parse_call(&inner, origin, line)?));
                *pos = end + 1;
            }
            '[' => {
                if !text.is_empty() {
                    nodes.push(RawNode::Text(std::mem::take(&mut text)));
                }
                let start = *pos;
                *pos += 1;
                let mut options = Vec::new();
                loop {
                    options.push(parse_seq(chars, pos, true, origin, line)?);
                    match chars.get(*pos) {
                        Some('|') => *pos += 1,
                        Some(']') => {
                            *pos += 1;
                            break;
                        }
                        _ => {
                            return Err(gerr(origin, line, format!("unclosed `[` at column {}", start + 1)));
                        }
                    }
                }
                nodes.push(RawNode::Choice(options));
            }
            '|' | ']' if in_choice => break,
            '}' => {
                return Err(gerr(
                    origin,
                    line,
                    format!("stray `}}` at column {} (write `\\}}`)", *pos + 1),
                ));
            }
            ']' => {
                return Err(gerr(
                    origin,
                    line,
                    format!("stray `]` at column {} (write `\\]`)", *pos + 1),
                ));
            }
            _ => {
                text.push(c);
                *pos += 1;
            }
        }
    }
    if !text.is_empty() {
        nodes.push(RawNode::Text(text));
    }
    Ok(nodes)
}

fn parse_call(inner: &str, origin: &str, line: usize) -> Result<RawCall, Error> {
    let bad = |why: &str| gerr(origin, line, format!("invalid slot `{{{inner}}}`: {why}"));
    let (head, arg) = match inner.split_once(' ') {
        Some((h, a)) => (h, Some(a.trim().to_string())),
        None => (inner, None),
    };
    let mut head = head;
    let cap = if let Some(h) = head.strip_prefix('^') {
        head = h;
        true
    } else {
        false
    };
    let lower = if let Some(h) = head.strip_prefix('_') {
        head = h;
        true
    } else {
        false
    };
    let title = if let Some(h) = head.strip_prefix('~') {
        head = h;
        true
    } else {
        false
    };
    let mut repeat = Repeat::Once;
    if let Some(p) = head.find(['*', '+']) {
        let newline = head[p..].starts_with('+');
        let spec = &head[p + 1..];
        head = &head[..p];
        repeat = if spec.is_empty() {
            Repeat::UntilShare { share: 1.0, newline }
        } else if let Some(pct) = spec.strip_suffix('%') {
            let pct: f32 = pct.parse().map_err(|_| bad("bad percentage"))?;
            Repeat::UntilShare {
                share: pct / 100.0,
                newline,
            }
        } else {
            let (lo, hi) = spec.split_once('-').unwrap_or((spec, spec));
            let lo: u32 = lo.parse().map_err(|_| bad("bad repeat count"))?;
            let hi: u32 = hi.parse().map_err(|_| bad("bad repeat count"))?;
            if hi < lo || hi > 200 {
                return Err(bad("repeat range must be `lo-hi` with lo <= hi <= 200"));
            }
            Repeat::Count { lo, hi, newline }
        };
    }
    let fresh = if let Some(h) = head.strip_suffix('!') {
        head = h;
        true
    } else {
        false
    };
    let stance = if let Some(h) = head.strip_suffix('@') {
        head = h;
        true
    } else {
        false
    };
    let (name, key) = match head.split_once(':') {
        Some((n, k)) => (n, Some(k.to_string())),
        None => (head, None),
    };
    if !valid_rule_name(name) {
        return Err(bad("names use lowercase letters, digits, `_`, `-`, `.`"));
    }
    if let Some(k) = &key
        && (k.is_empty() || !k.chars().all(is_name_char))
    {
        return Err(bad("keys use lowercase letters, digits, `_`, `-`, `.`"));
    }
    Ok(RawCall {
        name: name.to_string(),
        key,
        cap,
        lower,
        title,
        fresh,
        stance,
        repeat,
        arg,
    })
}

/// Escapes plain text so that it parses back to itself.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '{' | '}' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    // A leading `@` would read as a modifier.
    if out.starts_with('@') {
        out.insert(0, '\\');
    }
    out
}

// ---------------------------------------------------------------- compiled form

#[derive(Debug)]
pub(crate) enum Node {
    Text(Box<str>),
    Choice(Box<[Box<[Node]>]>),
    Call(Call),
}

#[derive(Debug)]
pub(crate) struct Call {
    pub(crate) target: Target,
    /// Interned key; 0 means unkeyed.
    pub(crate) key: u32,
    pub(crate) cap: bool,
    pub(crate) lower: bool,
    /// Title Case the expansion.
    pub(crate) title: bool,
    /// Prefer an alternative not yet drawn in this document by a fresh call of the rule.
    pub(crate) fresh: bool,
    pub(crate) repeat: Repeat,
}

#[derive(Debug)]
pub(crate) enum Target {
    Rule(u32),
    Stance([u32; 4]),
    Builtin(Builtin),
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum PersonPart {
    Full,
    First,
    Last,
    Handle,
    Email,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateWhich {
    /// The document's own date.
    Today,
    /// Some date in the months before it.
    Past,
    /// A date in the three weeks before it.
    Recent,
    /// A date between the date of the same key (a post, a question) and the document's date:
    /// replies, answers and comments never predate what they answer.
    Since,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Builtin {
    Person(PersonPart),
    Date(DateWhich, DateStyle),
    /// A clock time; `seq` times increase through the document.
    Time {
        twelve: bool,
        seq: bool,
    },
    /// Time into a recording (`HH:MM:SS`), rising through the document.
    Elapsed,
    Num {
        lo: i64,
        hi: i64,
        decimals: bool,
        thousands: bool,
    },
    Fact(Option<Register>),
    /// A random public event, or one given by index.
    Event(Option<usize>),
    /// How far an event lies from the document date.
    Ago(usize),
    /// 1-based position inside the innermost repeated call (for numbered lists).
    Count,
}

#[derive(Debug)]
pub(crate) struct Alt {
    pub(crate) nodes: Box<[Node]>,
    pub(crate) since: Date,
    pub(crate) until: Date,
    pub(crate) needs_fact: bool,
}

#[derive(Debug)]
pub(crate) struct Rule {
    #[allow(dead_code)] // kept for debugging output
    pub(crate) name: String,
    pub(crate) alts: Box<[Alt]>,
    /// Cumulative weights, for weighted choice.
    pub(crate) cum: Box<[u32]>,
    pub(crate) guarded: bool,
}

/// Everything the linker needs to know about the universe's events.
pub(crate) struct EventIndex<'a> {
    pub(crate) ids: Vec<&'a str>,
    pub(crate) dates: Vec<Date>,
}

/// A set of rules (already scoped by name) linked into one grammar.
#[derive(Debug, Default)]
pub(crate) struct Grammar {
    pub(crate) rules: Vec<Rule>,
    pub(crate) by_name: HashMap<String, u32>,
    keys: HashMap<String, u32>,
}

/// One rule waiting to be linked: its full name and the genre scope it resolves names in.
pub(crate) struct Pending {
    pub(crate) full_name: String,
    pub(crate) scope: Option<String>,
    pub(crate) rule: RawRule,
}

impl Grammar {
    /// Links rules; a later rule with the same full name replaces an earlier one.
    pub(crate) fn link(pending: Vec<Pending>, events: &EventIndex<'_>) -> Result<Grammar, Error> {
        let mut order: Vec<Pending> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for p in pending {
            match index.get(&p.full_name) {
                Some(&i) => order[i] = p,
                None => {
                    index.insert(p.full_name.clone(), order.len());
                    order.push(p);
                }
            }
        }
        let mut g = Grammar {
            rules: Vec::with_capacity(order.len()),
            by_name: index.iter().map(|(k, &v)| (k.clone(), v as u32)).collect(),
            keys: HashMap::new(),
        };
        let mut errors = Vec::new();
        for p in &order {
            let mut alts = Vec::with_capacity(p.rule.alts.len());
            let mut cum = Vec::with_capacity(p.rule.alts.len());
            let mut total = 0u32;
            let mut guarded = false;
            for alt in &p.rule.alts {
                let mut since = alt.since.unwrap_or(Date::from_days(i32::MIN / 2));
                let mut until = alt.until.unwrap_or(Date::from_days(i32::MAX / 2));
                let mut resolve_event = |name: &str| -> Option<Date> {
                    match events.ids.iter().position(|id| *id == name) {
                        Some(i) => Some(events.dates[i]),
                        None => {
                            errors.push(gerr(
                                &p.rule.origin,
                                alt.line,
                                format!("unknown event `{name}` in rule `{}`", p.full_name),
                            ));
                            None
                        }
                    }
                };
                if let Some(e) = &alt.after
                    && let Some(d) = resolve_event(e)
                {
                    since = since.max(d);
                }
                if let Some(e) = &alt.before
                    && let Some(d) = resolve_event(e)
                {
                    until = until.min(d.add_days(-1));
                }
                guarded |= alt.since.is_some()
                    || alt.until.is_some()
                    || alt.after.is_some()
                    || alt.before.is_some()
                    || alt.needs_fact;
                match g.link_nodes(&alt.nodes, p, alt.line, events) {
                    Ok(nodes) => alts.push(Alt {
                        nodes: nodes.into(),
                        since,
                        until,
                        needs_fact: alt.needs_fact,
                    }),
                    Err(e) => errors.push(e),
                }
                total += alt.weight;
                cum.push(total);
            }
            g.rules.push(Rule {
                name: p.full_name.clone(),
                alts: alts.into(),
                cum: cum.into(),
                guarded,
            });
        }
        match errors.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(g),
        }
    }

    pub(crate) fn rule_id(&self, name: &str) -> Option<u32> {
        self.by_name.get(name).copied()
    }

    fn resolve(&self, name: &str, scope: Option<&str>) -> Option<u32> {
        if let Some(scope) = scope
            && let Some(&id) = self.by_name.get(&format!("{scope}/{name}"))
        {
            return Some(id);
        }
        self.by_name.get(name).copied()
    }

    fn key_id(&mut self, key: &Option<String>) -> u32 {
        match key {
            None => 0,
            Some(k) => {
                let next = self.keys.len() as u32 + 1;
                *self.keys.entry(k.clone()).or_insert(next)
            }
        }
    }

    fn link_nodes(
        &mut self,
        raw: &[RawNode],
        p: &Pending,
        line: usize,
        events: &EventIndex<'_>,
    ) -> Result<Vec<Node>, Error> {
        let origin = &p.rule.origin;
        let scope = p.scope.as_deref();
        let mut out = Vec::with_capacity(raw.len());
        for node in raw {
            out.push(match node {
                RawNode::Text(t) => Node::Text(t.as_str().into()),
                RawNode::Choice(options) => {
                    let mut linked = Vec::with_capacity(options.len());
                    for o in options {
                        linked.push(self.link_nodes(o, p, line, events)?.into_boxed_slice());
                    }
                    Node::Choice(linked.into())
                }
                RawNode::Call(c) => {
                    let key = self.key_id(&c.key);
                    let target = if BUILTINS.contains(&c.name.as_str()) {
                        if c.stance || c.fresh || c.repeat != Repeat::Once {
                            return Err(gerr(
                                origin,
                                line,
                                format!("built-in `{}` takes no `@`, `!`, `*` or `+`", c.name),
                            ));
                        }
                        Target::Builtin(
                            parse_builtin(c, events)
                                .map_err(|m| gerr(origin, line, format!("in rule `{}`: {m}", p.full_name)))?,
                        )
                    } else if c.stance {
                        let mut ids = [0u32; 4];
                        for (i, stance) in STANCES.iter().enumerate() {
                            let name = format!("{}.{stance}", c.name);
                            ids[i] = self.resolve(&name, scope).ok_or_else(|| {
                                gerr(
                                    origin,
                                    line,
                                    format!("unknown rule `{name}` (needed by `{{{}@}}`)", c.name),
                                )
                            })?;
                        }
                        Target::Stance(ids)
                    } else {
                        let id = self.resolve(&c.name, scope).ok_or_else(|| {
                            gerr(
                                origin,
                                line,
                                format!("unknown rule `{}` in rule `{}`", c.name, p.full_name),
                            )
                        })?;
                        Target::Rule(id)
                    };
                    if c.arg.is_some() && !matches!(target, Target::Builtin(_)) {
                        return Err(gerr(origin, line, format!("rule `{}` takes no argument", c.name)));
                    }
                    Node::Call(Call {
                        target,
                        key,
                        cap: c.cap,
                        lower: c.lower,
                        title: c.title,
                        fresh: c.fresh,
                        repeat: c.repeat,
                    })
                }
            });
        }
        Ok(out)
    }
}

fn parse_builtin(c: &RawCall, events: &EventIndex<'_>) -> Result<Builtin, String> {
    let arg = c.arg.as_deref().unwrap_or("");
    let date_style = |default: DateStyle| -> Result<DateStyle, String> {
        if arg.is_empty() {
            Ok(default)
        } else {
            DateStyle::parse(arg)
                .ok_or_else(|| format!("unknown date style `{arg}` (long, short, dmy, iso, month, md, year, weekday)"))
        }
    };
    let event = |arg: &str| -> Result<usize, String> {
        events
            .ids
            .iter()
            .position(|id| *id == arg)
            .ok_or_else(|| format!("unknown event `{arg}`"))
    };
    Ok(match c.name.as_str() {
        "person" => Builtin::Person(PersonPart::Full),
        "first" => Builtin::Person(PersonPart::First),
        "last" => Builtin::Person(PersonPart::Last),
        "handle" => Builtin::Person(PersonPart::Handle),
        "email" => Builtin::Person(PersonPart::Email),
        "date" => Builtin::Date(DateWhich::Today, date_style(DateStyle::Long)?),
        "past" => Builtin::Date(DateWhich::Past, date_style(DateStyle::Long)?),
        "recent" => Builtin::Date(DateWhich::Recent, date_style(DateStyle::Long)?),
        "since" => Builtin::Date(DateWhich::Since, date_style(DateStyle::Long)?),
        "time" if arg == "elapsed" => Builtin::Elapsed,
        "time" => Builtin::Time {
            twelve: arg == "12",
            seq: arg == "seq",
        },
        "num" => {
            let (spec, thousands) = match arg.strip_suffix(" ,") {
                Some(s) => (s, true),
                None => (arg, false),
            };
            let (lo, hi) = spec.split_once('-').ok_or_else(|| "`num` needs `lo-hi`".to_string())?;
            let decimals = lo.contains('.') || hi.contains('.');
            let parse = |s: &str| -> Result<i64, String> {
                if decimals {
                    s.parse::<f64>()
                        .map(|v| (v * 10.0).round() as i64)
                        .map_err(|_| format!("bad number `{s}`"))
                } else {
                    s.parse::<i64>().map_err(|_| format!("bad number `{s}`"))
                }
            };
            let (lo, hi) = (parse(lo)?, parse(hi)?);
            if hi < lo {
                return Err("`num lo-hi` needs lo <= hi".into());
            }
            Builtin::Num {
                lo,
                hi,
                decimals,
                thousands,
            }
        }
        "fact" => Builtin::Fact(if arg.is_empty() {
            None
        } else {
            Some(Register::parse(arg).ok_or_else(|| format!("unknown register `{arg}`"))?)
        }),
        "event" => Builtin::Event(if arg.is_empty() { None } else { Some(event(arg)?) }),
        "ago" => Builtin::Ago(event(arg)?),
        "count" => Builtin::Count,
        other => return Err(format!("unknown built-in `{other}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_slots_choices_and_modifiers() {
        let alt = parse_alt(
            "@w:3 @since:2024-01-01 [Hi|Hello] {^person:a}, {para*2-3} \\[x\\]",
            "t",
            1,
        )
        .expect("valid alternative");
        assert_eq!(alt.weight, 3);
        assert_eq!(alt.since, Date::parse("2024-01-01"));
        assert_eq!(alt.nodes.len(), 6);
        let call = |text: &str| match parse_text(text, "t", 1).expect("valid slot").as_slice() {
            [RawNode::Call(c)] => c.clone(),
            other => panic!("unexpected {other:?}"),
        };
        let c = call("{~sec!*2-3}");
        assert!(
            c.title
                && c.fresh
                && !c.cap
                && c.repeat
                    == Repeat::Count {
                        lo: 2,
                        hi: 3,
                        newline: false
                    }
        );
        let c = call("{^sec:k@!}");
        assert!(c.cap && c.stance && c.fresh && c.key.as_deref() == Some("k"));
        assert!(parse_text("[a|b", "t", 1).is_err());
        assert!(parse_text("{x", "t", 1).is_err());
        assert!(parse_text("{Bad}", "t", 1).is_err());
        let e = parse_file("== a\nok\n== b\n{x", "f.grammar").expect_err("unclosed slot");
        assert!(e.to_string().starts_with("f.grammar:4:"), "{e}");
        let e = parse_file("== a\nok\n == b\n", "f.grammar").expect_err("leading blank");
        assert!(e.to_string().starts_with("f.grammar:3:"), "{e}");
        assert!(
            parse_file("== a\none \\\n  two\n", "f.grammar").is_ok(),
            "continuation lines may be indented"
        );
    }

    #[test]
    fn escape_round_trips() {
        let s = "a [b] {c} | d\\ e\nf";
        let nodes = parse_text(&escape(s), "t", 1).expect("escaped text parses");
        match nodes.as_slice() {
            [RawNode::Text(t)] => assert_eq!(t, s),
            other => panic!("unexpected {other:?}"),
        }
    }
}
