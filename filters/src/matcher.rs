//! The multi-pattern matcher: every rule of a pack compiled into one pass.
//!
//! * Every literal of every `phrases`, `near` and `line` rule is normalised
//!   and compiled into ONE aho-corasick automaton (a DFA, chosen explicitly:
//!   the crate only picks a DFA by itself for small pattern sets). Text is
//!   case-folded by [`crate::normalize`] once, so the automaton matches
//!   exact bytes and keeps its prefilters.
//! * Regex rules compile into one `RegexSet`; a rule's own regex is run for
//!   spans only when the set says it matched.
//! * `near` rules are evaluated from the literal hits' positions in word units;
//!   `line` rules from hits that begin a line.
//!
//! Scanning normalises without an offset map (the fast path). Only a document
//! that matched is normalised again with offsets, to report every match at
//! its byte span in the original text.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::bytes::{Regex, RegexBuilder};

use crate::error::{Error, RulePackProblem};
use crate::normalize::{NormalizeOptions, Normalized, Normalizer};
use crate::phrase::Literal;
use crate::rules::{RuleKind, RulePack};

/// Above this many literals the automaton is a contiguous NFA instead of a DFA.
pub const MAX_DFA_PATTERNS: usize = 20_000;
/// At most this many matches are recorded per rule and document.
pub const MAX_MATCHES_PER_RULE: usize = 16;
/// Compiled-size limit of each regex (and of the regex set).
pub const REGEX_SIZE_LIMIT: usize = 64 << 20;
/// Lazy-DFA cache of each regex. The tier regexes are long alternations whose lazy DFA
/// outgrows the default cache on documents that name both tiers, and rebuilding states then
/// costs more than the search.
pub const REGEX_DFA_CACHE: usize = 32 << 20;
/// Characters of context on each side of a match in a snippet.
pub const SNIPPET_CONTEXT: usize = 40;

#[derive(Debug, Clone, Copy)]
enum Usage {
    Phrase { rule: usize },
    Requires { regex: usize },
    Near { slot: usize, set: usize },
    Line { slot: usize, set: usize },
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    left_boundary: bool,
    right_boundary: bool,
}

#[derive(Debug)]
struct NearRule {
    rule: usize,
    sets: usize,
    within: u32,
}

#[derive(Debug)]
struct LineRule {
    rule: usize,
    sets: usize,
    min_lines: u32,
}

/// A match in normalised coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleMatch {
    /// Index of the rule in the pack.
    pub rule: usize,
    /// Start byte in the normalised text.
    pub start: usize,
    /// End byte in the normalised text.
    pub end: usize,
}

/// A match reported against the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the rule in the pack.
    pub rule: usize,
    /// Start byte in the original text.
    pub start: usize,
    /// End byte in the original text.
    pub end: usize,
    /// The original text around the match, whitespace flattened.
    pub snippet: String,
}

/// Per-thread buffers for scanning; reuse one per worker.
#[derive(Debug, Default)]
pub struct Scratch {
    normalized: Normalized,
    near_hits: Vec<(usize, usize, usize, usize)>,
    line_hits: Vec<(usize, usize, usize, usize)>,
    enabled_regexes: Vec<bool>,
    matches: Vec<RuleMatch>,
    group_hit: Vec<bool>,
    groups_left: Vec<u32>,
}

impl Scratch {
    /// Empty buffers.
    pub fn new() -> Scratch {
        Scratch::default()
    }
}

/// A compiled rule pack. `Send + Sync`: build once, share across threads.
#[derive(Debug)]
pub struct Matcher {
    pack: RulePack,
    normalizer: Normalizer,
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    uses: Vec<Vec<Usage>>,
    trigger: Option<AhoCorasick>,
    /// Word-boundary checks of each trigger literal.
    trigger_patterns: Vec<Pattern>,
    /// The trigger groups of each trigger literal. A group is a literal set of a rule that the
    /// first pass looks for; a rule needs a hit in each of its groups.
    trigger_groups: Vec<Vec<usize>>,
    /// The rule of each trigger group.
    group_rule: Vec<usize>,
    /// Number of trigger groups of each rule.
    groups_of_rule: Vec<u32>,
    always_regexes: Vec<usize>,
    regexes: Vec<(usize, Regex)>,
    near: Vec<NearRule>,
    line: Vec<LineRule>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

impl Matcher {
    /// Compile `pack`.
    pub fn new(pack: RulePack) -> Result<Matcher, Error> {
        let normalizer = Normalizer::new(NormalizeOptions::default());
        let mut literal_ids: std::collections::HashMap<(String, bool, bool), usize> = Default::default();
        let mut literals: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut uses: Vec<Vec<Usage>> = Vec::new();
        let mut problems = Vec::new();
        // Trigger literals (with boundary checks) and the trigger groups each belongs to.
        let mut trigger_ids: std::collections::HashMap<(String, bool, bool), usize> = Default::default();
        let mut triggers: Vec<(String, bool, bool)> = Vec::new();
        let mut trigger_groups: Vec<Vec<usize>> = Vec::new();
        let mut group_rule: Vec<usize> = Vec::new();
        let mut add = |lit: &Literal, usage: Usage, rule_id: &str, line: usize, group: Option<usize>| {
            let norm = normalizer.normalize(&lit.text).text().to_owned();
            if let Some(group) = group
                && !norm.is_empty()
            {
                let left = lit.left_boundary && norm.chars().next().is_some_and(is_word_char);
                let right = lit.right_boundary && norm.chars().next_back().is_some_and(is_word_char);
                let key = (norm.clone(), left, right);
                let id = *trigger_ids.entry(key.clone()).or_insert_with(|| {
                    triggers.push(key);
                    trigger_groups.push(Vec::new());
                    triggers.len() - 1
                });
                if !trigger_groups[id].contains(&group) {
                    trigger_groups[id].push(group);
                }
            }
            if norm.is_empty() {
                problems.push(RulePackProblem {
                    origin: pack.origin.clone(),
                    line: Some(line),
                    rule: Some(rule_id.to_owned()),
                    message: format!("phrase `{}` is empty after normalisation", lit.text),
                });
                return;
            }
            // A boundary check only applies where the pattern's edge is a word character.
            let left = lit.left_boundary && norm.chars().next().is_some_and(is_word_char);
            let right = lit.right_boundary && norm.chars().next_back().is_some_and(is_word_char);
            let key = (norm, left, right);
            let id = *literal_ids.entry(key.clone()).or_insert_with(|| {
                literals.push(key.0.clone());
                patterns.push(Pattern {
                    left_boundary: left,
                    right_boundary: right,
                });
                uses.push(Vec::new());
                literals.len() - 1
            });
            uses[id].push(usage);
        };
        let mut near = Vec::new();
        let mut line = Vec::new();
        let mut regexes = Vec::new();
        let mut always_regexes = Vec::new();
        let mut new_group = |rule: usize| {
            group_rule.push(rule);
            group_rule.len() - 1
        };
        let mut groups_of_rule = vec![0u32; pack.rules.len()];
        for (i, rule) in pack.rules.iter().enumerate() {
            match &rule.kind {
                RuleKind::Phrases(lits) => {
                    let g = new_group(i);
                    groups_of_rule[i] = 1;
                    lits.iter()
                        .for_each(|l| add(l, Usage::Phrase { rule: i }, &rule.id, rule.line, Some(g)));
                }
                RuleKind::Regex { pattern, requires } => {
                    let regex = regexes.len();
                    regexes.push((i, byte_regex(pattern)?));
                    if requires.is_empty() {
                        always_regexes.push(regex);
                    } else {
                        groups_of_rule[i] = 1;
                    }
                    let g = (!requires.is_empty()).then(|| new_group(i));
                    for q in requires {
                        let lit = Literal {
                            text: q.clone(),
                            left_boundary: false,
                            right_boundary: false,
                        };
                        add(&lit, Usage::Requires { regex }, &rule.id, rule.line, g);
                    }
                }
                RuleKind::Near { sets, within, triggers } => {
                    let slot = near.len();
                    for (s, set) in sets.iter().enumerate() {
                        let g = triggers.contains(&s).then(|| new_group(i));
                        set.iter()
                            .for_each(|l| add(l, Usage::Near { slot, set: s }, &rule.id, rule.line, g));
                    }
                    groups_of_rule[i] = triggers.len() as u32;
                    near.push(NearRule {
                        rule: i,
                        sets: sets.len(),
                        within: *within,
                    });
                }
                RuleKind::Line { sets, min_lines } => {
                    let slot = line.len();
                    for (s, set) in sets.iter().enumerate() {
                        let g = new_group(i);
                        set.iter()
                            .for_each(|l| add(l, Usage::Line { slot, set: s }, &rule.id, rule.line, Some(g)));
                    }
                    groups_of_rule[i] = sets.len() as u32;
                    line.push(LineRule {
                        rule: i,
                        sets: sets.len(),
                        min_lines: *min_lines,
                    });
                }
            }
        }
        if !problems.is_empty() {
            return Err(Error::RulePack(problems));
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            let kind = if literals.len() <= MAX_DFA_PATTERNS {
                AhoCorasickKind::DFA
            } else {
                AhoCorasickKind::ContiguousNFA
            };
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(kind))
                    .build(&literals)?,
            )
        };
        let trigger_patterns: Vec<Pattern> = triggers
            .iter()
            .map(|&(_, left_boundary, right_boundary)| Pattern {
                left_boundary,
                right_boundary,
            })
            .collect();
        let triggers: Vec<String> = triggers.into_iter().map(|t| t.0).collect();
        let trigger = if triggers.is_empty() {
            None
        } else {
            let kind = if triggers.len() <= MAX_DFA_PATTERNS {
                AhoCorasickKind::DFA
            } else {
                AhoCorasickKind::ContiguousNFA
            };
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(kind))
                    .build(&triggers)?,
            )
        };
        Ok(Matcher {
            pack,
            normalizer,
            automaton,
            patterns,
            uses,
            trigger,
            trigger_patterns,
            trigger_groups,
            group_rule,
            groups_of_rule,
            always_regexes,
            regexes,
            near,
            line,
        })
    }

    /// The pack this matcher was built from.
    pub fn pack(&self) -> &RulePack {
        &self.pack
    }

    /// Number of distinct normalised literals in the automaton.
    pub fn literal_count(&self) -> usize {
        self.patterns.len()
    }

    /// Rule matches of already-normalised text, sorted and deduplicated.
    pub fn matches_normalized<'s>(&self, norm: &Normalized, scratch: &'s mut Scratch) -> &'s [RuleMatch] {
        let Scratch {
            near_hits,
            line_hits,
            matches,
            enabled_regexes,
            ..
        } = scratch;
        matches.clear();
        near_hits.clear();
        line_hits.clear();
        enabled_regexes.clear();
        enabled_regexes.resize(self.regexes.len(), false);
        for &r in &self.always_regexes {
            enabled_regexes[r] = true;
        }
        let text = norm.text();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                let (start, end) = (m.start(), m.end());
                let p = self.patterns[m.pattern().as_usize()];
                if let [Usage::Requires { regex }] = self.uses[m.pattern().as_usize()][..] {
                    enabled_regexes[regex] = true;
                    continue;
                }
                if p.left_boundary && char_before(text, start).is_some_and(is_word_char) {
                    continue;
                }
                if p.right_boundary && char_at(text, end).is_some_and(is_word_char) {
                    continue;
                }
                for usage in &self.uses[m.pattern().as_usize()] {
                    match *usage {
                        Usage::Requires { regex } => enabled_regexes[regex] = true,
                        Usage::Phrase { rule } => matches.push(RuleMatch { rule, start, end }),
                        Usage::Near { slot, set } => near_hits.push((start, end, slot, set)),
                        Usage::Line { slot, set } => {
                            if norm.is_line_start(start) {
                                line_hits.push((start, end, slot, set));
                            }
                        }
                    }
                }
            }
        }
        for (idx, (rule, re)) in self.regexes.iter().enumerate() {
            if enabled_regexes[idx] {
                for m in re.find_iter(text.as_bytes()).take(MAX_MATCHES_PER_RULE) {
                    let start = text.floor_char_boundary(m.start());
                    let end = text.ceil_char_boundary(m.end());
                    matches.push(RuleMatch {
                        rule: *rule,
                        start,
                        end,
                    });
                }
            }
        }
        if !near_hits.is_empty() {
            self.eval_near(text, near_hits, matches);
        }
        if !line_hits.is_empty() {
            self.eval_line(line_hits, matches);
        }
        matches.sort_unstable();
        matches.dedup();
        // Cap per rule, keeping the earliest matches.
        let mut kept = 0;
        let mut count = 0;
        let mut last_rule = usize::MAX;
        for i in 0..matches.len() {
            let m = matches[i];
            if m.rule != last_rule {
                last_rule = m.rule;
                count = 0;
            }
            count += 1;
            if count <= MAX_MATCHES_PER_RULE {
                matches[kept] = m;
                kept += 1;
            }
        }
        matches.truncate(kept);
        matches
    }

    fn eval_near(&self, text: &str, hits: &mut [(usize, usize, usize, usize)], out: &mut Vec<RuleMatch>) {
        hits.sort_unstable();
        // Word index of each hit: spaces before it (normalised text has single spaces).
        let bytes = text.as_bytes();
        let mut words_before = 0usize;
        let mut scanned = 0usize;
        let mut with_words = Vec::with_capacity(hits.len());
        for &(start, end, slot, set) in hits.iter() {
            words_before += bytes[scanned..start].iter().filter(|&&b| b == b' ').count();
            scanned = start;
            with_words.push((words_before, start, end, slot, set));
        }
        for (slot, rule) in self.near.iter().enumerate() {
            // Latest (word, start, end) hit of each set.
            let mut latest: [Option<(usize, usize, usize)>; 4] = [None; 4];
            let mut found = 0;
            for &(word, start, end, s, set) in &with_words {
                if s != slot {
                    continue;
                }
                latest[set] = Some((word, start, end));
                let all: Vec<(usize, usize, usize)> = latest[..rule.sets].iter().flatten().copied().collect();
                if all.len() < rule.sets {
                    continue;
                }
                let first = all.iter().min().copied().unwrap_or((word, start, end));
                if word - first.0 <= rule.within as usize {
                    let span_end = all.iter().map(|h| h.2).max().unwrap_or(end);
                    out.push(RuleMatch {
                        rule: rule.rule,
                        start: first.1,
                        end: span_end,
                    });
                    found += 1;
                    if found >= MAX_MATCHES_PER_RULE {
                        break;
                    }
                }
            }
        }
    }

    fn eval_line(&self, hits: &[(usize, usize, usize, usize)], out: &mut Vec<RuleMatch>) {
        for (slot, rule) in self.line.iter().enumerate() {
            let mine: Vec<&(usize, usize, usize, usize)> = hits.iter().filter(|h| h.2 == slot).collect();
            let mut lines: Vec<usize> = mine.iter().map(|h| h.0).collect();
            lines.sort_unstable();
            lines.dedup();
            let every_set = (0..rule.sets).all(|s| mine.iter().any(|h| h.3 == s));
            if every_set && lines.len() >= rule.min_lines as usize {
                out.extend(mine.iter().map(|h| RuleMatch {
                    rule: rule.rule,
                    start: h.0,
                    end: h.1,
                }));
            }
        }
    }

    /// The trigger literal that completed the first rule's trigger groups in `text` (after
    /// normalisation), if any: tells why a text needed the full pass (for tuning packs).
    pub fn first_trigger(&self, text: &str) -> Option<String> {
        let norm = self.normalizer.normalize(text);
        let (start, end) = self.trigger_hit(norm.text(), &mut Scratch::new())?;
        Some(norm.text()[start..end].to_owned())
    }

    /// The first pass over normalised `text`: the span of the trigger literal with which some
    /// rule has a hit in each of its trigger groups, if any.
    ///
    /// Each hit passes the same word-boundary checks as in the full pass, and the search
    /// reports overlapping matches, so a trigger that fails its check (`rated` inside
    /// `generated`) never hides one that passes.
    pub(crate) fn trigger_hit(&self, text: &str, scratch: &mut Scratch) -> Option<(usize, usize)> {
        let ac = self.trigger.as_ref()?;
        let Scratch {
            group_hit, groups_left, ..
        } = scratch;
        group_hit.clear();
        group_hit.resize(self.group_rule.len(), false);
        groups_left.clone_from(&self.groups_of_rule);
        for m in ac.find_overlapping_iter(text) {
            let pattern = m.pattern().as_usize();
            let p = self.trigger_patterns[pattern];
            let (start, end) = (m.start(), m.end());
            if (p.left_boundary && char_before(text, start).is_some_and(is_word_char))
                || (p.right_boundary && char_at(text, end).is_some_and(is_word_char))
            {
                continue;
            }
            for &g in &self.trigger_groups[pattern] {
                if !group_hit[g] {
                    group_hit[g] = true;
                    let left = &mut groups_left[self.group_rule[g]];
                    *left -= 1;
                    if *left == 0 {
                        return Some((start, end));
                    }
                }
            }
        }
        None
    }

    /// Does `text` match any rule? Normalises without offsets (fast path).
    ///
    /// A first pass looks only for *triggers* — literal sets without a hit of
    /// which a rule cannot fire (a `phrases` rule's literals, a regex's
    /// `requires`, the `trigger` sets of a `near` rule, every set of a `line`
    /// rule) — with the same word-boundary checks as in the full pass, and stops
    /// as soon as some rule has a hit in each of its trigger sets. Only such a
    /// text gets the full overlapping pass, so the first pass never rejects a
    /// text the full pass would match.
    pub fn is_match(&self, text: &str, scratch: &mut Scratch) -> bool {
        let mut norm = std::mem::take(&mut scratch.normalized);
        self.normalizer.normalize_into(text, &mut norm, false);
        let triggered = self.trigger_hit(norm.text(), scratch).is_some();
        let hit = (triggered || !self.always_regexes.is_empty()) && !self.matches_normalized(&norm, scratch).is_empty();
        scratch.normalized = norm;
        hit
    }

    /// Every match of `text`, at original byte spans, sorted by rule then position.
    /// Costs one fast scan; only a matching text is normalised again with offsets.
    pub fn find(&self, text: &str, scratch: &mut Scratch) -> Vec<Finding> {
        if !self.is_match(text, scratch) {
            return Vec::new();
        }
        let mut norm = std::mem::take(&mut scratch.normalized);
        self.normalizer.normalize_into(text, &mut norm, true);
        let matches = self.matches_normalized(&norm, scratch).to_vec();
        let findings = matches
            .into_iter()
            .filter_map(|m| {
                let span = norm.original_span(m.start..m.end)?;
                Some(Finding {
                    rule: m.rule,
                    start: span.start,
                    end: span.end,
                    snippet: snippet(text, span.start, span.end),
                })
            })
            .collect();
        scratch.normalized = norm;
        findings
    }
}

/// Regex rules run in byte mode without Unicode classes: normalised text is
/// almost all ASCII, and Unicode classes such as `[^.]{0,60}` or `\b` keep the
/// regex crate's lazy DFA from running, which made regex rules ~100x slower.
/// Match ends are widened to character boundaries by the caller.
fn byte_regex(re: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(re)
        .unicode(false)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_CACHE)
        .build()
}

/// The original text around `[start, end)`, with whitespace flattened to spaces.
pub fn snippet(text: &str, start: usize, end: usize) -> String {
    let mut lo = start;
    for _ in 0..SNIPPET_CONTEXT {
        match text[..lo].chars().next_back() {
            Some(c) => lo -= c.len_utf8(),
            None => break,
        }
    }
    let mut hi = end;
    for _ in 0..SNIPPET_CONTEXT {
        match text[hi..].chars().next() {
            Some(c) => hi += c.len_utf8(),
            None => break,
        }
    }
    let mut out = String::with_capacity(hi - lo);
    let mut last_space = false;
    for c in text[lo..hi].chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(rules: &str) -> Matcher {
        let src = format!("[pack]\nname = \"t\"\n{rules}");
        Matcher::new(RulePack::from_toml_str(&src, "t.toml").unwrap()).unwrap()
    }

    fn rules_hit(m: &Matcher, text: &str) -> Vec<String> {
        let mut s = Scratch::new();
        let mut ids: Vec<String> = m
            .find(text, &mut s)
            .into_iter()
            .map(|f| m.pack().rules[f.rule].id.clone())
            .collect();
        ids.dedup();
        ids
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Matcher>();
    }

    #[test]
    fn phrases_respect_word_boundaries_and_report_original_spans() {
        let m = pack("[[rule]]\nid = \"p\"\ncategory = \"c\"\ndescription = \"d\"\nphrases = [\"fake~ alignment\"]\n");
        let text = "They said it Faked\u{200B} Alignment, twice.";
        let mut s = Scratch::new();
        let f = m.find(text, &mut s);
        assert_eq!(f.len(), 1);
        assert_eq!(&text[f[0].start..f[0].end], "Faked\u{200B} Alignment");
        assert!(rules_hit(&m, "unfaked alignment").is_empty());
        assert!(rules_hit(&m, "faked alignments").is_empty());
    }

    #[test]
    fn near_rules_need_every_set_within_the_window() {
        let m = pack(
            "[[rule]]\nid = \"n\"\ncategory = \"c\"\ndescription = \"d\"\nnear = { sets = [[\"pretend~\"], [\"comply~\"]], within = 5 }\n",
        );
        assert_eq!(rules_hit(&m, "It pretended that it would comply."), ["n"]);
        assert_eq!(rules_hit(&m, "It would comply, they pretended."), ["n"]);
        assert!(rules_hit(&m, "It pretended a b c d e f g h to comply.").is_empty());
        assert!(rules_hit(&m, "It pretended.").is_empty());
    }

    #[test]
    fn line_rules_need_line_starts() {
        let m = pack(
            "[[rule]]\nid = \"l\"\ncategory = \"c\"\ndescription = \"d\"\nline = { sets = [[\"human:\"], [\"assistant:\"]], min_lines = 2 }\n",
        );
        assert_eq!(rules_hit(&m, "Human: hi\nAssistant: hello"), ["l"]);
        assert!(rules_hit(&m, "The word human: and assistant: mid-line.").is_empty());
        assert!(rules_hit(&m, "Human: only one side\nHuman: again").is_empty());
    }

    #[test]
    fn every_trigger_set_must_be_hit() {
        let m = pack(
            "[[rule]]\nid = \"n\"\ncategory = \"c\"\ndescription = \"d\"\nnear = { sets = [[\"trick~\"], [\"the raters\"], [\"model\"]], within = 8, trigger = [0, 1] }\n",
        );
        let mut s = Scratch::new();
        assert!(m.trigger_hit("a trick, a model", &mut s).is_none());
        assert!(m.trigger_hit("the model tricked the raters", &mut s).is_some());
        // Boundaries count in the first pass too.
        assert!(m.trigger_hit("a trickle reached the raters", &mut s).is_none());
        assert_eq!(rules_hit(&m, "The model tricked the raters."), ["n"]);
        assert_eq!(
            m.first_trigger("The model tricked the raters.").as_deref(),
            Some("the raters")
        );
        let err = RulePack::from_toml_str(
            "[pack]\nname = \"t\"\n[[rule]]\nid = \"n\"\ncategory = \"c\"\ndescription = \"d\"\nnear = { sets = [[\"a\"], [\"b\"]], within = 8, trigger = [0, 2] }\n",
            "t.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("`near.trigger` = 2 is not the index of a set"), "{err}");
    }

    #[test]
    fn line_rules_trigger_only_with_every_set() {
        let m = pack(
            "[[rule]]\nid = \"l\"\ncategory = \"c\"\ndescription = \"d\"\nline = { sets = [[\"h:\"], [\"a:\"]], min_lines = 2 }\n",
        );
        let mut s = Scratch::new();
        assert!(m.trigger_hit("h: one\nh: two", &mut s).is_none());
        assert!(m.trigger_hit("h: one\na: two", &mut s).is_some());
    }

    #[test]
    fn regex_rules_report_spans() {
        let m = pack(
            "[[rule]]\nid = \"r\"\ncategory = \"c\"\ndescription = \"d\"\nregex = '\\btrain(ing)? gam(e|ing)\\b'\n",
        );
        let mut s = Scratch::new();
        let text = "Playing the TRAINING-GAME well.";
        let f = m.find(text, &mut s);
        assert_eq!(&text[f[0].start..f[0].end], "TRAINING-GAME");
    }
}
