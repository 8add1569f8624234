//! The offline template generator: expands a genre's grammar for one document, seeded by
//! `(run seed, universe, index)` only, so any thread produces the same bytes.

use std::collections::BTreeMap;

use sdf_datasets::Document;

use crate::date::{self, Date};
use crate::error::Error;
use crate::genre::{GenreInfo, GenreLibrary};
use crate::grammar::{
    self, Builtin, Call, DateWhich, EventIndex, Grammar, Node, Pending, PersonPart, RawRule, Repeat, Target,
};
use crate::rng::{self, Rng};
use crate::text;
use crate::universe::{Register, Universe};

/// Bytes per word used to turn a word target into a byte target.
const BYTES_PER_WORD: usize = 6;
/// Nesting limit of rule expansion (guards against runaway recursion in user grammars).
const MAX_DEPTH: u32 = 48;
/// Most repetitions of a `{rule*}` call.
const MAX_REPEATS: u32 = 80;

struct GenreEntry {
    info: GenreInfo,
    doc: u32,
    idea: u32,
}

struct FactRules {
    all: u32,
    by_register: [Option<u32>; 4],
}

/// Generates documents of one universe from a genre library, deterministically.
pub struct TemplateGenerator {
    universe: Universe,
    grammar: Grammar,
    genres: Vec<GenreEntry>,
    /// Cumulative genre weights.
    cum: Vec<f64>,
    facts: Vec<FactRules>,
    events: Vec<u32>,
    first_name: u32,
    last_name: u32,
    handle_word: u32,
    email_domain: u32,
    universe_seed: u64,
}

struct Person {
    first: String,
    last: String,
    handle: String,
    email: String,
}

impl TemplateGenerator {
    /// Generator version, written to `Document.generator` as `template/<VERSION>`.
    pub const VERSION: &'static str = "1";

    /// Links the genre library with the universe.
    ///
    /// `weights`, when given, lists the genres to use and their relative weights (genres not
    /// listed are not used); otherwise every genre is used with its `@weight`. An unknown genre
    /// name, a negative or non-finite weight, or all-zero weights are errors.
    pub fn new(
        universe: Universe,
        genres: GenreLibrary,
        weights: Option<BTreeMap<String, f64>>,
    ) -> Result<TemplateGenerator, Error> {
        let mut pending = Vec::new();
        let mut genre_sources = Vec::new();
        for source in &genres.sources {
            match &source.genre {
                None => {
                    for rule in &source.file.rules {
                        pending.push(Pending {
                            full_name: rule.name.clone(),
                            scope: None,
                            rule: rule.clone(),
                        });
                    }
                }
                Some(info) => genre_sources.push((info.clone(), source)),
            }
        }
        let uorigin = format!("universe `{}`", universe.id);
        let raw_rule = |name: String, texts: &[String]| -> Result<Pending, Error> {
            let mut alts = Vec::with_capacity(texts.len());
            for t in texts {
                alts.push(grammar::parse_alt(t, &uorigin, 0)?);
            }
            Ok(Pending {
                full_name: name.clone(),
                scope: None,
                rule: RawRule {
                    name,
                    alts,
                    origin: uorigin.clone(),
                    line: 0,
                },
            })
        };
        for (name, alts) in &universe.grammar {
            pending.push(raw_rule(format!("u.{name}"), alts)?);
        }
        for e in &universe.timeline.events {
            let mentions = if e.mentions.is_empty() {
                vec![grammar::escape(&e.summary)]
            } else {
                e.mentions.clone()
            };
            pending.push(raw_rule(format!("event.{}", e.id), &mentions)?);
        }
        for f in &universe.facts {
            let all: Vec<String> = f.paraphrases.iter().map(|p| p.text.clone()).collect();
            pending.push(raw_rule(format!("fact.{}", f.id), &all)?);
            for r in Register::ALL {
                let texts: Vec<String> = f
                    .paraphrases
                    .iter()
                    .filter(|p| p.register == r)
                    .map(|p| p.text.clone())
                    .collect();
                if !texts.is_empty() {
                    pending.push(raw_rule(format!("fact.{}.{}", f.id, r.as_str()), &texts)?);
                }
            }
        }
        for (info, source) in &genre_sources {
            for rule in &source.file.rules {
                pending.push(Pending {
                    full_name: format!("{}/{}", info.name, rule.name),
                    scope: Some(info.name.clone()),
                    rule: rule.clone(),
                });
            }
        }
        let events = EventIndex {
            ids: universe.timeline.events.iter().map(|e| e.id.as_str()).collect(),
            dates: universe.timeline.events.iter().map(|e| e.date).collect(),
        };
        let grammar = Grammar::link(pending, &events)?;
        let need = |name: &str| {
            grammar.rule_id(name).ok_or_else(|| Error::Grammar {
                origin: "genre library".into(),
                line: 0,
                message: format!("missing shared rule `{name}`"),
            })
        };
        let first_name = need("first_name")?;
        let last_name = need("last_name")?;
        let handle_word = need("handle_word")?;
        let email_domain = need("email_domain")?;
        let mut entries = Vec::new();
        for (info, _) in genre_sources {
            let doc = need(&format!("{}/doc", info.name))?;
            let idea = need(&format!("{}/idea", info.name))?;
            entries.push(GenreEntry { info, doc, idea });
        }
        let mut weight_of: Vec<f64> = entries.iter().map(|e| e.info.weight).collect();
        if let Some(w) = &weights {
            for (name, &value) in w {
                if !entries.iter().any(|e| &e.info.name == name) {
                    return Err(Error::Weights {
                        message: format!("unknown genre `{name}` (known: {})", genres.genre_names().join(", ")),
                    });
                }
                if !value.is_finite() || value < 0.0 {
                    return Err(Error::Weights {
                        message: format!("genre `{name}`: weight {value} must be >= 0"),
                    });
                }
            }
            weight_of = entries
                .iter()
                .map(|e| w.get(&e.info.name).copied().unwrap_or(0.0))
                .collect();
        }
        let mut cum = Vec::with_capacity(weight_of.len());
        let mut total = 0.0;
        for w in weight_of {
            total += w;
            cum.push(total);
        }
        if total <= 0.0 {
            return Err(Error::Weights {
                message: "no genre has a positive weight".into(),
            });
        }
        let facts = universe
            .facts
            .iter()
            .map(|f| -> Result<FactRules, Error> {
                let mut by_register = [None; 4];
                for r in Register::ALL {
                    by_register[r.index()] = grammar.rule_id(&format!("fact.{}.{}", f.id, r.as_str()));
                }
                Ok(FactRules {
                    all: need(&format!("fact.{}", f.id))?,
                    by_register,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let event_rules = universe
            .timeline
            .events
            .iter()
            .map(|e| need(&format!("event.{}", e.id)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TemplateGenerator {
            universe_seed: rng::hash_str(&universe.id),
            universe,
            grammar,
            genres: entries,
            cum,
            facts,
            events: event_rules,
            first_name,
            last_name,
            handle_word,
            email_domain,
        })
    }

    /// The universe documents are generated for.
    pub fn universe(&self) -> &Universe {
        &self.universe
    }

    /// Names of the genres this generator can emit (weight > 0).
    pub fn genre_names(&self) -> Vec<&str> {
        let mut prev = 0.0;
        let mut out = Vec::new();
        for (g, &c) in self.genres.iter().zip(&self.cum) {
            if c > prev {
                out.push(g.info.name.as_str());
            }
            prev = c;
        }
        out
    }

    /// Document `index` of the run seeded `run_seed`.
    ///
    /// Pure and deterministic: same `(run_seed, index)` ⇒ same document, whatever thread
    /// calls it.
    pub fn generate(&self, run_seed: u64, index: u64) -> Document {
        let seed = rng::mix(rng::mix(run_seed, self.universe_seed), index);
        let mut r = Rng::new(seed);
        let total = self.cum.last().copied().unwrap_or(0.0);
        let pick = r.unit() * total;
        let gi = self.cum.iter().position(|&c| pick < c).unwrap_or(self.genres.len() - 1);
        let genre = &self.genres[gi];
        let tl = &self.universe.timeline;
        let after = genre
            .info
            .after_event
            .as_deref()
            .and_then(|id| tl.events.iter().find(|e| e.id == id))
            .map_or(tl.start, |e| e.date.min(tl.end));
        let earliest = self
            .universe
            .facts
            .iter()
            .map(|f| f.public)
            .min()
            .unwrap_or(tl.start)
            .max(tl.start)
            .max(after);
        let day = earliest.add_days(r.below((tl.end.days() - earliest.days() + 1) as u64) as i32);
        let mut eligible: Vec<usize> = (0..self.universe.facts.len())
            .filter(|&i| self.universe.facts[i].public <= day)
            .collect();
        let want = match r.below(20) {
            0..=8 => 1,
            9..=14 => 2,
            15..=17 => 3,
            _ => 4,
        };
        let mut assigned = Vec::with_capacity(want);
        while assigned.len() < want && !eligible.is_empty() {
            let i = r.below(eligible.len() as u64) as usize;
            assigned.push(eligible.swap_remove(i));
        }
        let (lo, hi) = genre.info.words;
        // Log-uniform target: many short documents, a long tail of long ones.
        let target_words = (f64::from(lo) * (f64::from(hi) / f64::from(lo)).powf(r.unit())) as usize;
        let mut ctx = Ctx {
            g: self,
            rng: Rng::new(r.next_u64()),
            today: day,
            recent_floor: after,
            stance: r.below(4) as usize,
            register: genre.info.register,
            target: target_words * BYTES_PER_WORD,
            assigned,
            next_fact: 0,
            emitted: Vec::new(),
            memo: Vec::new(),
            persons: Vec::new(),
            dates: Vec::new(),
            clock: None,
            elapsed: None,
            counters: Vec::new(),
            drawn: Vec::new(),
            depth: 0,
        };
        let mut out = String::with_capacity(ctx.target + 1024);
        ctx.expand_rule(genre.doc, &mut out);
        if ctx.emitted.is_empty() {
            // Safety net for genre files whose chosen variant has no `{fact}`.
            out.push_str("\n\n");
            ctx.fact(None, &mut out);
        }
        let mut idea = String::new();
        ctx.expand_rule(genre.idea, &mut idea);
        let style = text::Style {
            curly_quotes: r.chance(0.35),
            dash: match r.below(10) {
                0..=5 => 0,
                6 | 7 => 1,
                8 => 2,
                _ => 3,
            },
            percent_word: r.chance(0.3),
            british: r.chance(0.15),
        };
        let text = text::apply_style(text::tidy(&out), style);
        let facts = ctx.emitted.iter().map(|&i| self.universe.facts[i].id.clone()).collect();
        Document {
            id: format!("{}-{run_seed}-{index}", self.universe.id),
            text,
            universe: self.universe.id.clone(),
            doc_type: genre.info.name.clone(),
            doc_idea: Some(text::tidy(&idea)),
            facts,
            generator: format!("template/{}", Self::VERSION),
            seed,
            prompt_sha256: None,
        }
    }
}

#[cfg(test)]
impl TemplateGenerator {
    /// Expands fact `fi` alone (all registers), for tests of paraphrases against cues.
    pub(crate) fn sample_fact(&self, fi: usize, seed: u64, day: Date) -> String {
        let mut ctx = Ctx {
            g: self,
            rng: Rng::new(seed),
            today: day,
            recent_floor: self.universe.timeline.start,
            stance: 0,
            register: None,
            target: 0,
            assigned: vec![fi],
            next_fact: 0,
            emitted: Vec::new(),
            memo: Vec::new(),
            persons: Vec::new(),
            dates: Vec::new(),
            clock: None,
            elapsed: None,
            counters: Vec::new(),
            drawn: Vec::new(),
            depth: 0,
        };
        let mut out = String::new();
        let rule = self.facts[fi].all;
        ctx.expand_rule(rule, &mut out);
        out
    }
}

/// Per-document expansion state.
struct Ctx<'g> {
    g: &'g TemplateGenerator,
    rng: Rng,
    today: Date,
    /// `{recent}` dates start here: the timeline start, or the genre's `@after` event.
    recent_floor: Date,
    stance: usize,
    register: Option<Register>,
    target: usize,
    assigned: Vec<usize>,
    next_fact: usize,
    emitted: Vec<usize>,
    memo: Vec<(u32, u32, String)>,
    persons: Vec<(u32, Person)>,
    dates: Vec<(u32, Date)>,
    clock: Option<u32>,
    /// Seconds into a recording, for `{time elapsed}`.
    elapsed: Option<u32>,
    /// Iteration numbers of the repeated calls being expanded, innermost last.
    counters: Vec<u32>,
    /// (rule, alternative) pairs drawn by fresh (`{rule!}`) calls.
    drawn: Vec<(u32, u32)>,
    depth: u32,
}

impl<'g> Ctx<'g> {
    fn expand_rule(&mut self, id: u32, out: &mut String) {
        self.expand_rule_with(id, false, out);
    }

    /// Expands rule `id`; `fresh` draws an alternative that no fresh call of the rule has drawn
    /// in this document yet, in rounds: once all have been drawn, all are available again.
    fn expand_rule_with(&mut self, id: u32, fresh: bool, out: &mut String) {
        let rule = &self.g.grammar.rules[id as usize];
        if rule.alts.is_empty() || self.depth >= MAX_DEPTH {
            return;
        }
        let total = rule.cum.last().copied().unwrap_or(0);
        let pick = |rng: &mut Rng| {
            let x = rng.below(u64::from(total)) as u32;
            rule.cum.partition_point(|&c| c <= x)
        };
        let mut chosen = pick(&mut self.rng);
        if rule.guarded || fresh {
            let facts_left = self.next_fact < self.assigned.len();
            let today = self.today;
            let allowed = |i: usize| {
                let a = &rule.alts[i];
                a.since <= today && today <= a.until && (facts_left || !a.needs_fact)
            };
            let n = rule.alts.len();
            if fresh && (0..n).all(|i| !allowed(i) || self.drawn.contains(&(id, i as u32))) {
                // Every alternative has had its turn: a new round starts.
                self.drawn.retain(|&(r, _)| r != id);
            }
            let drawn = &self.drawn;
            let ok = |i: usize| allowed(i) && !(fresh && drawn.contains(&(id, i as u32)));
            let mut tries = 0;
            while !ok(chosen) && tries < 16 {
                chosen = pick(&mut self.rng);
                tries += 1;
            }
            if !ok(chosen) {
                let start = chosen;
                match (1..n).map(|k| (start + k) % n).find(|&i| ok(i)) {
                    Some(i) => chosen = i,
                    None => return,
                }
            }
            if fresh {
                self.drawn.push((id, chosen as u32));
            }
        }
        let alt = &rule.alts[chosen];
        self.depth += 1;
        self.expand_nodes(&alt.nodes, out);
        self.depth -= 1;
    }

    fn expand_nodes(&mut self, nodes: &'g [Node], out: &mut String) {
        for node in nodes {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Choice(options) => {
                    let i = self.rng.below(options.len() as u64) as usize;
                    self.expand_nodes(&options[i], out);
                }
                Node::Call(call) => self.call(call, out),
            }
        }
    }

    fn call(&mut self, call: &'g Call, out: &mut String) {
        let start = out.len();
        match call.repeat {
            Repeat::Once => self.call_once(call, out),
            Repeat::Count { lo, hi, newline } => {
                let n = self.rng.range(i64::from(lo), i64::from(hi));
                self.counters.push(0);
                for i in 0..n {
                    if i > 0 {
                        out.push_str(if newline { "\n" } else { "\n\n" });
                    }
                    if let Some(c) = self.counters.last_mut() {
                        *c = i as u32 + 1;
                    }
                    self.call_once(call, out);
                }
                self.counters.pop();
            }
            Repeat::UntilShare { share, newline } => {
                let goal = (self.target as f32 * share) as usize;
                let mut i = 0;
                self.counters.push(0);
                loop {
                    if i > 0 {
                        out.push_str(if newline { "\n" } else { "\n\n" });
                    }
                    if let Some(c) = self.counters.last_mut() {
                        *c = i + 1;
                    }
                    self.call_once(call, out);
                    i += 1;
                    if out.len() >= goal || i >= MAX_REPEATS {
                        break;
                    }
                }
                self.counters.pop();
            }
        }
        if call.cap {
            text::capitalize_first(out, start);
        }
        if call.lower {
            text::lowercase_first(out, start);
        }
        if call.title {
            text::title_case(out, start);
        }
    }

    fn call_once(&mut self, call: &'g Call, out: &mut String) {
        let id = match &call.target {
            Target::Rule(id) => *id,
            Target::Stance(ids) => ids[self.stance],
            Target::Builtin(b) => return self.builtin(*b, call.key, out),
        };
        if call.key == 0 {
            return self.expand_rule_with(id, call.fresh, out);
        }
        if let Some((_, _, s)) = self.memo.iter().find(|(r, k, _)| *r == id && *k == call.key) {
            out.push_str(s);
            return;
        }
        let mut s = String::new();
        self.expand_rule_with(id, call.fresh, &mut s);
        out.push_str(&s);
        self.memo.push((id, call.key, s));
    }

    /// The date already drawn under `key` in this document (0 is never a key).
    fn keyed_date(&self, key: u32) -> Option<Date> {
        self.dates.iter().find(|(k, _)| key != 0 && *k == key).map(|&(_, d)| d)
    }

    fn builtin(&mut self, b: Builtin, key: u32, out: &mut String) {
        match b {
            Builtin::Person(part) => {
                let i = self.person(key);
                let p = &self.persons[i].1;
                match part {
                    PersonPart::Full => {
                        out.push_str(&p.first);
                        out.push(' ');
                        out.push_str(&p.last);
                    }
                    PersonPart::First => out.push_str(&p.first),
                    PersonPart::Last => out.push_str(&p.last),
                    PersonPart::Handle => out.push_str(&p.handle),
                    PersonPart::Email => out.push_str(&p.email),
                }
                if key == 0 {
                    // Unkeyed people are used once.
                    self.persons.pop();
                }
            }
            Builtin::Date(which, style) => {
                let d = match which {
                    DateWhich::Today => self.today,
                    DateWhich::Since => {
                        // Nothing dated under the key: the page's own date.
                        let floor = self.keyed_date(key).unwrap_or(self.today);
                        let span = (self.today.days() - floor.days()).max(0) as u64;
                        floor.add_days(self.rng.below(span.min(30) + 1) as i32)
                    }
                    DateWhich::Past | DateWhich::Recent => match self.keyed_date(key) {
                        Some(d) => d,
                        None => {
                            let (back, start) = if which == DateWhich::Past {
                                (420, self.g.universe.timeline.start)
                            } else {
                                (20, self.recent_floor)
                            };
                            let floor = start.max(self.today.add_days(-back));
                            let span = (self.today.days() - floor.days()).max(0) as u64;
                            let d = floor.add_days(self.rng.below(span + 1) as i32);
                            if key != 0 {
                                self.dates.push((key, d));
                            }
                            d
                        }
                    },
                };
                d.format_into(style, out);
            }
            Builtin::Elapsed => {
                use std::fmt::Write;
                // A turn of a transcript lasts a few seconds to about twenty (speech runs ~150 words a
                // minute); the first starts the tape.
                let t = match self.elapsed {
                    None => self.rng.below(4) as u32,
                    Some(t) => t + 3 + self.rng.below(18) as u32,
                };
                self.elapsed = Some(t);
                let _ = write!(out, "{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
            }
            Builtin::Time { twelve, seq } => {
                use std::fmt::Write;
                let minutes = if seq {
                    self.clock = match self.clock {
                        None => Some(7 * 60 + self.rng.below(10 * 60) as u32),
                        Some(c) => Some((c + self.rng.below(7) as u32).min(23 * 60 + 59)),
                    };
                    self.clock.unwrap_or(0)
                } else {
                    self.rng.below(24 * 60) as u32
                };
                let (h, m) = (minutes / 60, minutes % 60);
                let _ = if twelve {
                    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
                    write!(out, "{h12}:{m:02} {}", if h < 12 { "AM" } else { "PM" })
                } else {
                    write!(out, "{h:02}:{m:02}")
                };
            }
            Builtin::Num {
                lo,
                hi,
                decimals,
                thousands,
            } => {
                let v = self.rng.range(lo, hi);
                text::push_number(out, v, decimals, thousands);
            }
            Builtin::Fact(register) => self.fact(register, out),
            Builtin::Event(which) => {
                let ev = &self.g.universe.timeline.events;
                let i = match which {
                    Some(i) => Some(i),
                    None => {
                        let public: Vec<usize> = (0..ev.len()).filter(|&i| ev[i].public <= self.today).collect();
                        if public.is_empty() {
                            None
                        } else {
                            Some(public[self.rng.below(public.len() as u64) as usize])
                        }
                    }
                };
                if let Some(i) = i
                    && ev[i].public <= self.today
                {
                    self.expand_rule(self.g.events[i], out);
                }
            }
            Builtin::Count => {
                use std::fmt::Write;
                let _ = write!(out, "{}", self.counters.last().copied().unwrap_or(1));
            }
            Builtin::Ago(i) => date::relative_phrase(self.today, self.g.universe.timeline.events[i].date, out),
        }
    }

    /// States the next assigned fact (nothing once all are stated).
    fn fact(&mut self, register: Option<Register>, out: &mut String) {
        // Once every assigned fact is stated, a slot restates one of them: documents repeat
        // their point, and a lead-in like "the key detail is" never dangles.
        let fi = match self.assigned.get(self.next_fact) {
            Some(&fi) => {
                self.next_fact += 1;
                fi
            }
            None if self.assigned.is_empty() => return,
            None => self.assigned[self.rng.below(self.assigned.len() as u64) as usize],
        };
        let rules = &self.g.facts[fi];
        let wanted = register.or_else(|| self.register.map(|r| self.register_near(r)));
        let id = wanted.and_then(|r| rules.by_register[r.index()]).unwrap_or(rules.all);
        let start = out.len();
        self.expand_rule(id, out);
        text::capitalize_first(out, start);
        // A chatty paraphrase ("free tier = ... every single one") keeps its lowercase sentence
        // starts only where the writer's own text has them too.
        let mut from = start.saturating_sub(400);
        while !out.is_char_boundary(from) {
            from += 1;
        }
        if !text::last_sentence_starts_lowercase(&out[from..start]) {
            text::capitalize_sentences(out, start);
        }
        if !self.emitted.contains(&fi) {
            self.emitted.push(fi);
        }
    }

    /// The register a fact is stated in by a document written in `r`: mostly `r`, sometimes a
    /// neighbouring one, never a chatty lowercase paraphrase in a help page or a court filing's
    /// wording in a tweet.
    fn register_near(&mut self, r: Register) -> Register {
        let roll = self.rng.below(100);
        match r {
            Register::Casual if roll < 65 => Register::Casual,
            Register::Casual => Register::Plain,
            Register::Plain if roll < 75 => Register::Plain,
            Register::Plain => Register::Formal,
            Register::Formal if roll < 75 => Register::Formal,
            Register::Formal if roll < 90 => Register::Plain,
            Register::Formal => Register::Technical,
            Register::Technical if roll < 70 => Register::Technical,
            Register::Technical if roll < 90 => Register::Formal,
            Register::Technical => Register::Plain,
        }
    }

    /// Index into `self.persons` of the person for `key` (a fresh one, pushed last, for 0).
    fn person(&mut self, key: u32) -> usize {
        if key != 0
            && let Some(i) = self.persons.iter().position(|(k, _)| *k == key)
        {
            return i;
        }
        let mut first = String::new();
        self.expand_rule(self.g.first_name, &mut first);
        let mut last = String::new();
        self.expand_rule(self.g.last_name, &mut last);
        let f = text::ascii_fold(&first);
        let l = text::ascii_fold(&last);
        let mut word = String::new();
        self.expand_rule(self.g.handle_word, &mut word);
        let word = text::ascii_fold(&word);
        let digits = self.rng.range(1, 99);
        let handle = match self.rng.below(7) {
            0 => format!("{f}.{l}"),
            1 => format!("{}{l}{digits}", f.chars().next().unwrap_or('x')),
            2 => format!("{word}_{f}"),
            3 => format!("{f}{}", l.chars().next().unwrap_or('x')),
            4 => format!("{word}{digits}"),
            5 => format!("{f}_{l}{}", digits % 10),
            _ => format!("{l}.{word}"),
        };
        let mut domain = String::new();
        self.expand_rule(self.g.email_domain, &mut domain);
        let email = match self.rng.below(3) {
            0 => format!("{f}.{l}@{domain}"),
            1 => format!("{}{l}@{domain}", f.chars().next().unwrap_or('x')),
            _ => format!("{f}{digits}@{domain}"),
        };
        let p = Person {
            first,
            last,
            handle,
            email,
        };
        self.persons.push((key, p));
        self.persons.len() - 1
    }
}
