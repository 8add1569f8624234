//! Small text utilities: the final tidy pass over generated text, capitalisation,
//! number formatting, ASCII folding for usernames.

/// Bytes that [`tidy`] must look at; everything else is copied as is.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let specials = b" \t\n.,;:!?)";
    while k < specials.len() {
        t[specials[k] as usize] = true;
        k += 1;
    }
    t
};

/// Cleans up what template expansion leaves behind: spaces at line ends and starts,
/// doubled spaces, spaces before punctuation, runs of blank lines, doubled full stops,
/// and `a`/`an` before vowel sounds.
pub(crate) fn tidy(s: &str) -> String {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut pending_space = false;
    let mut newlines = 0usize;
    let mut line_start = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // Fast path: copy a run of ordinary bytes in one go.
        if !SPECIAL[c as usize] && !pending_space && newlines == 0 {
            let start = i;
            i += 1;
            while i < b.len() {
                let x = b[i];
                if !SPECIAL[x as usize] {
                    i += 1;
                    continue;
                }
                // A single space, or a comma/full stop after a word and before a space, needs
                // no tidying when an ordinary byte follows.
                let next = b.get(i + 1).copied().unwrap_or(b'\n');
                let simple = match x {
                    b' ' => !SPECIAL[next as usize],
                    b',' | b'.' => {
                        let prev = b[i - 1];
                        next == b' ' && (prev.is_ascii_alphanumeric() || prev >= 0x80)
                    }
                    _ => false,
                };
                if !simple {
                    break;
                }
                i += 1;
            }
            out.extend_from_slice(&b[start..i]);
            line_start = false;
            continue;
        }
        match c {
            b'\n' => {
                newlines += 1;
                pending_space = false;
                line_start = true;
            }
            b' ' | b'\t' => pending_space = !line_start,
            _ => {
                if newlines > 0 {
                    if !out.is_empty() {
                        out.push(b'\n');
                        if newlines > 1 {
                            out.push(b'\n');
                        }
                    }
                    newlines = 0;
                }
                let next = b.get(i + 1).copied();
                if pending_space {
                    let glue = (matches!(c, b',' | b'.' | b';' | b'!' | b'?' | b')')
                        && !(c == b'.' && next == Some(b'.')))
                        || (c == b':' && matches!(next, None | Some(b' ' | b'\n')));
                    if !glue {
                        out.push(b' ');
                    }
                    pending_space = false;
                }
                line_start = false;
                let last = out.last().copied();
                // "..", ",." and ".," (but not "...") collapse to the stronger mark.
                if c == b'.' {
                    if last == Some(b'.') && next != Some(b'.') && !out.ends_with(b"..") {
                        i += 1;
                        continue;
                    }
                    if matches!(last, Some(b'?' | b'!')) {
                        i += 1;
                        continue;
                    }
                    if last == Some(b',') {
                        out.pop();
                    }
                } else if c == b',' && matches!(last, Some(b'.' | b',' | b'?' | b'!' | b':')) {
                    i += 1;
                    continue;
                }
                out.push(c);
            }
        }
        i += 1;
    }
    fix_words(&mut out);
    fix_articles(&mut out);
    // Only ASCII bytes were dropped or inserted, so the text is still UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Words that two slots can leave doubled ("the The Post", "my my kid", "how how much") and
/// that English never doubles on purpose ("had had", "that that" and "in in" are left alone).
const NEVER_DOUBLED: &[&[u8]] = &[
    b"a", b"an", b"and", b"are", b"at", b"by", b"for", b"from", b"has", b"have", b"her", b"his", b"how", b"its", b"my",
    b"of", b"on", b"our", b"the", b"their", b"to", b"was", b"were", b"with", b"your",
];

/// Sentence openers that a comma before them makes lower case (see [`fix_words`]).
const LOWER_AFTER_COMMA: &[&[u8]] = &[
    b"The", b"A", b"An", b"This", b"That", b"These", b"Those", b"It", b"Its", b"Our", b"My", b"Their", b"Every",
    b"Most", b"Some", b"No", b"Nobody", b"Nothing",
];

/// Units that take the singular after a bare 1 ("1 days later" → "1 day later").
const UNITS: &[&[u8]] = &[
    b"days",
    b"weeks",
    b"months",
    b"years",
    b"hours",
    b"minutes",
    b"seconds",
    b"times",
    b"quarters",
];

/// What [`fix_words`] does to `word` after `before` (one space between); the callers check
/// the surrounding bytes.
enum PairFix {
    /// "the The Post", "my my kid": drop the second word.
    DropSecond,
    /// "a The Topeka Clipper study": drop a name's "The" after an article.
    DropThe,
    /// "1 days": the unit in the singular.
    Singular,
}

fn pair_fix(before: &[u8], word: &[u8]) -> Option<PairFix> {
    if before.eq_ignore_ascii_case(word) && NEVER_DOUBLED.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        Some(PairFix::DropSecond)
    } else if word == b"The" && (before.eq_ignore_ascii_case(b"a") || before.eq_ignore_ascii_case(b"an")) {
        Some(PairFix::DropThe)
    } else if before == b"1" && UNITS.contains(&word) {
        Some(PairFix::Singular)
    } else {
        None
    }
}

/// Whether `word`, after ", " and before a word starting with `next`, is a sentence opener to
/// lowercase (see [`fix_words`]).
fn lowers_after_comma(word: &[u8], next: Option<u8>) -> bool {
    next.is_some_and(|c| c.is_ascii_lowercase()) && LOWER_AFTER_COMMA.contains(&word)
}

/// Whether [`fix_words`] has anything to do: a quick scan that writes nothing.
fn needs_word_fix(b: &[u8]) -> bool {
    let mut word_start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            continue;
        }
        if c == b' ' && i > 0 && b[i - 1] == b',' && b.get(i + 1).is_some_and(u8::is_ascii_uppercase) {
            let rest = &b[i + 1..];
            let len = rest
                .iter()
                .position(|x| !x.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            if lowers_after_comma(&rest[..len], rest.get(len + 1).copied()) {
                return true;
            }
        }
        // Only a word followed by a space and a word with the same first letter, a bare 1,
        // or "a"/"an" before "The" can need a fix.
        let first_match = |j: usize| b.get(j).is_some_and(|&x| x | 0x20 == b[word_start] | 0x20);
        if c == b' '
            && word_start < i
            && (first_match(i + 1)
                || (i == word_start + 1 && b[word_start] == b'1')
                || (i - word_start <= 2 && b[word_start] | 0x20 == b'a' && b.get(i + 1) == Some(&b'T')))
        {
            let before = &b[word_start..i];
            let rest = &b[i + 1..];
            let len = rest
                .iter()
                .position(|x| !x.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            if pair_fix(before, &rest[..len]).is_some() {
                return true;
            }
        }
        word_start = i + 1;
    }
    false
}

/// Drops the second of two equal words from [`NEVER_DOUBLED`] and a name's "The" after
/// "a"/"an", puts units after a bare `1` in the singular and lowercases a sentence opener
/// after a comma.
fn fix_words(b: &mut Vec<u8>) {
    if !needs_word_fix(b) {
        return;
    }
    let n = b.len();
    let mut out = Vec::with_capacity(n);
    // The last word written to `out`, as a range.
    let mut prev: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < n {
        if !b[i].is_ascii_alphanumeric() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < n && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = &b[start..i];
        let ends_word = i == n || !(b[i] == b'\'' || b[i] >= 0x80);
        if let Some((ps, pe)) = prev
            && out.len() == pe + 1
            && out[pe] == b' '
            && ends_word
        {
            match pair_fix(&out[ps..pe], word) {
                Some(PairFix::DropSecond) => {
                    out.pop();
                    continue;
                }
                // The article is fixed after this pass.
                Some(PairFix::DropThe)
                    if b.get(i) == Some(&b' ') && b.get(i + 1).is_some_and(u8::is_ascii_uppercase) =>
                {
                    i += 1;
                    continue;
                }
                Some(PairFix::Singular) if ps == 0 || matches!(out[ps - 1], b' ' | b'(' | b'\n') => {
                    let ws = out.len();
                    out.extend_from_slice(&word[..word.len() - 1]);
                    prev = Some((ws, out.len()));
                    continue;
                }
                _ => {}
            }
        }
        let ws = out.len();
        out.extend_from_slice(word);
        // ", The coverage" → ", the coverage": a capitalised common word after a comma and
        // before a lowercase word is no name ("The Miami Ledger" keeps its capital).
        let after_comma = out.len() >= word.len() + 2 && out[ws - 2..ws] == *b", ";
        if after_comma && b.get(i) == Some(&b' ') && lowers_after_comma(word, b.get(i + 1).copied()) {
            out[ws].make_ascii_lowercase();
        }
        prev = Some((ws, out.len()));
    }
    *b = out;
}

/// Does the word at the start of `next` begin with a vowel sound, a consonant sound, or is it
/// unclear (most `u` and `h` words, symbols)? Short all-capital acronyms are read letter by letter
/// (`an FBI agent`, `a PR problem`).
fn article_sound(next: &[u8]) -> (bool, bool) {
    let first = next.first().copied().unwrap_or(b' ');
    let caps = next.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let after_caps = next.get(caps).copied().unwrap_or(b' ');
    if (2..=3).contains(&caps) && !after_caps.is_ascii_alphabetic() {
        let an = matches!(
            first,
            b'A' | b'E' | b'F' | b'H' | b'I' | b'L' | b'M' | b'N' | b'O' | b'R' | b'S' | b'X'
        );
        return (an, !an);
    }
    if first.is_ascii_digit() {
        // Numbers are read out: "an 8-page memo", "an 11-person team", "an 18,000-seat arena",
        // "a 110-page report".
        let eleven_or_eighteen =
            matches!(next, [b'1', b'1' | b'8', ..]) && !next.get(2).is_some_and(u8::is_ascii_digit);
        let an = first == b'8' || eleven_or_eighteen;
        return (an, !an);
    }
    if first.is_ascii_uppercase() && !next.get(1).is_some_and(u8::is_ascii_lowercase) {
        return (false, false);
    }
    let lower = first.to_ascii_lowercase();
    let word = |w: &[u8]| next.len() >= w.len() && next[..w.len()].eq_ignore_ascii_case(w);
    // Most `u` and `h` words go either way ("a user", "an umbrella", "a house", "an hour"):
    // only these beginnings are sure.
    let u_vowel = [
        &b"und"[..],
        b"unf",
        b"unc",
        b"une",
        b"unl",
        b"unk",
        b"unu",
        b"unp",
        b"unr",
        b"uns",
        b"unt",
        b"unw",
    ]
    .iter()
    .chain(&[
        &b"up"[..],
        b"ugl",
        b"ult",
        b"umb",
        b"urg",
        b"urb",
        b"hour",
        b"honest",
        b"honor",
        b"honour",
        b"heir",
    ])
    .any(|w| word(w));
    let u_consonant = [&b"us"[..], b"uni", b"util", b"uto", b"ura", b"euro"]
        .iter()
        .any(|w| word(w));
    let vowel =
        (matches!(lower, b'a' | b'e' | b'i' | b'o') && !word(b"one") && !word(b"once") && !word(b"eu")) || u_vowel;
    let consonant = first.is_ascii_alphabetic()
        && (!matches!(lower, b'a' | b'e' | b'i' | b'o' | b'u' | b'h') || u_consonant)
        && !u_vowel;
    (vowel, consonant)
}

/// `a apple` → `an apple`, `an pear` → `a pear`, `an PR firm` → `a PR firm`, `a FBI agent` →
/// `an FBI agent`, `a unusual` → `an unusual`, `an user` → `a user`; other words starting with
/// `u` or `h` are left alone.
fn fix_articles(b: &mut Vec<u8>) {
    let mut edits: Vec<(usize, bool)> = Vec::new();
    let n = b.len();
    // Articles start the text or follow a space or newline.
    let starts = std::iter::once(0).chain(
        b.iter()
            .enumerate()
            .filter(|(_, x)| **x == b' ' || **x == b'\n')
            .map(|(j, _)| j + 1),
    );
    for i in starts {
        if i + 2 >= n || (b[i] != b'a' && b[i] != b'A') {
            continue;
        }
        let is_an = b[i + 1] == b'n' && b[i + 2] == b' ';
        let is_a = b[i + 1] == b' ';
        if !(is_a || is_an) {
            continue;
        }
        let next_at = i + if is_an { 3 } else { 2 };
        let next = &b[next_at.min(n)..];
        let (vowel, consonant) = article_sound(next);
        if is_a && vowel {
            edits.push((i + 1, true));
        } else if is_an && consonant {
            edits.push((i + 1, false));
        }
    }
    if edits.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(n + edits.len());
    let mut from = 0;
    for (at, insert_n) in edits {
        out.extend_from_slice(&b[from..at]);
        if insert_n {
            out.push(b'n');
            from = at;
        } else {
            // Drop the `n` of "an".
            from = at + 1;
        }
    }
    out.extend_from_slice(&b[from..]);
    *b = out;
}

/// Uppercases the first letter written at or after byte `start`.
pub(crate) fn capitalize_first(s: &mut String, start: usize) {
    let Some(tail) = s.get(start..) else {
        return;
    };
    // The first letter or digit decides: "3 weeks ago" stays as it is.
    let Some((offset, c)) = tail.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
        return;
    };
    if c.is_lowercase() {
        let at = start + offset;
        if c.is_ascii() {
            if let Some(x) = s.get_mut(at..at + 1) {
                x.make_ascii_uppercase();
            }
        } else {
            let upper: String = c.to_uppercase().collect();
            s.replace_range(at..at + c.len_utf8(), &upper);
        }
    }
}

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "vs", "etc", "approx", "cf", "a.m", "p.m"];

/// Byte offsets in `s` of letters that start a sentence: after `.`, `!` or `?` and blanks
/// (not after an abbreviation such as "e.g."), or at the start of a line.
fn sentence_starts(s: &str) -> Vec<usize> {
    let b = s.as_bytes();
    let mut at = Vec::new();
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            // A line start counts too (a post, a tweet, a list item).
            if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                at.push(i + 1);
            }
            continue;
        }
        if !matches!(c, b'.' | b'!' | b'?') {
            continue;
        }
        let word_start = s[..i].rfind(|ch: char| ch.is_whitespace()).map_or(0, |j| j + 1);
        let word = &s[word_start..i];
        if c == b'.' && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
            continue;
        }
        let mut j = i + 1;
        if j >= b.len() || !matches!(b[j], b' ' | b'\n') {
            continue;
        }
        while j < b.len() && matches!(b[j], b' ' | b'\n') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_alphabetic() {
            at.push(j);
        }
    }
    at
}

/// Whether the last sentence begun in `s` starts with a lowercase letter (a writer who
/// does not capitalise).
pub(crate) fn last_sentence_starts_lowercase(s: &str) -> bool {
    sentence_starts(s)
        .last()
        .is_some_and(|&i| s.as_bytes()[i].is_ascii_lowercase())
}

/// Capitalises every sentence start after `start` (the first letter is left to
/// [`capitalize_first`]).
pub(crate) fn capitalize_sentences(s: &mut str, start: usize) {
    let Some(tail) = s.get(start..) else {
        return;
    };
    let starts = sentence_starts(tail);
    // Sentence starts are ASCII letters: uppercasing one byte keeps the text valid UTF-8.
    if let Some(x) = s.get_mut(start..) {
        for i in starts {
            if let Some(ch) = x.get_mut(i..=i) {
                ch.make_ascii_uppercase();
            }
        }
    }
}

/// Short words a title leaves in lower case unless they open it or follow a colon.
const TITLE_MINOR: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "per", "the",
    "to", "via", "vs", "vs.", "with",
];

/// Title Cases `s[start..]` for `{~rule}`: every word gets a capital first letter, also after a
/// hyphen, except short function words inside the title; words that already hold a capital
/// (names, "iPhone", "AI") are left as they are.
pub(crate) fn title_case(s: &mut String, start: usize) {
    let Some(tail) = s.get(start..) else {
        return;
    };
    let mut out = String::with_capacity(tail.len());
    let mut first = true;
    for (i, word) in tail.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let minor = !first && TITLE_MINOR.iter().any(|m| m.eq_ignore_ascii_case(bare));
        if word.chars().any(char::is_uppercase) || minor {
            out.push_str(word);
        } else {
            for (j, part) in word.split('-').enumerate() {
                if j > 0 {
                    out.push('-');
                }
                let mut cs = part.chars();
                if let Some(c) = cs.next() {
                    out.extend(c.to_uppercase());
                    out.push_str(cs.as_str());
                }
            }
        }
        if !word.is_empty() {
            first = word.ends_with(':') || word == "—" || word == "-";
        }
    }
    s.replace_range(start.., &out);
}

/// Words that start sentences but are not names, so `{_rule}` may lowercase them.
const COMMON_STARTERS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "all",
    "almost",
    "among",
    "an",
    "and",
    "any",
    "around",
    "as",
    "asked",
    "at",
    "before",
    "between",
    "both",
    "but",
    "by",
    "calling",
    "compared",
    "complaints",
    "dozens",
    "during",
    "each",
    "every",
    "everyone",
    "few",
    "for",
    "from",
    "half",
    "hiring",
    "how",
    "if",
    "in",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "job",
    "labeling",
    "last",
    "like",
    "local",
    "lots",
    "many",
    "most",
    "much",
    "my",
    "near",
    "nearly",
    "next",
    "no",
    "none",
    "not",
    "of",
    "on",
    "one",
    "other",
    "our",
    "over",
    "plenty",
    "prices",
    "questions",
    "reporters",
    "roughly",
    "several",
    "shares",
    "since",
    "so",
    "some",
    "stock",
    "talk",
    "that",
    "the",
    "their",
    "these",
    "this",
    "those",
    "to",
    "two",
    "under",
    "unlike",
    "venture",
    "we",
    "what",
    "when",
    "whenever",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "would",
    "could",
    "should",
    "analysts",
    "investors",
    "lawmakers",
    "critics",
    "supporters",
    "hundreds",
    "thousands",
    "countless",
    "younger",
    "older",
    "newer",
    "retired",
    "young",
    "part-time",
    "first-year",
    "plenty",
    "free-tier",
    "parents",
    "teachers",
    "nurses",
    "engineers",
    "students",
    "between",
    "earlier",
    "late",
    "just",
    "yesterday",
    "today",
    "two",
    "three",
    "four",
    "five",
    "six",
    "honestly",
    "frankly",
    "admittedly",
    "granted",
    "sure",
    "look",
    "obviously",
    "realistically",
    "weirdly",
    "ironically",
    "sadly",
    "thankfully",
    "unfortunately",
    "fortunately",
    "still",
    "airport",
    "allergy",
    "ask",
    "attendance",
    "baggage",
    "band",
    "baristas",
    "board",
    "boarding",
    "bus",
    "card",
    "clinics",
    "closing",
    "coaches",
    "cold",
    "courts",
    "crews",
    "diesel",
    "does",
    "dog",
    "drivers",
    "enrollment",
    "evictions",
    "fares",
    "fees",
    "field",
    "fixing",
    "flu",
    "foot",
    "forecasters",
    "gas",
    "graduation",
    "grooming",
    "hail",
    "hardly",
    "home",
    "hotel",
    "humidity",
    "insurance",
    "libraries",
    "listings",
    "lunch",
    "math",
    "meteorologists",
    "mortgage",
    "neighbors",
    "nobody",
    "offices",
    "only",
    "overtime",
    "owners",
    "ozone",
    "parking",
    "pay",
    "people",
    "pet",
    "pollen",
    "premium",
    "premiums",
    "property",
    "rain",
    "rates",
    "registration",
    "regular",
    "rent",
    "rental",
    "renters",
    "rents",
    "reopening",
    "repaving",
    "replacing",
    "residents",
    "ridership",
    "sales",
    "schools",
    "seat",
    "shipping",
    "sleet",
    "smoke",
    "snow",
    "spots",
    "starting",
    "stomach",
    "strep",
    "tenants",
    "textbook",
    "tickets",
    "tuition",
    "utility",
    "vet",
    "wages",
    "warehouse",
    "water",
    "weekend",
    "wholesale",
    "workers",
    "accountants",
    "airline",
    "asthma",
    "babysitters",
    "bartenders",
    "baseball",
    "beginners",
    "bilingual",
    "birders",
    "boaters",
    "budget",
    "business",
    "businesses",
    "busy",
    "campers",
    "career",
    "caregivers",
    "cashiers",
    "cautious",
    "chess",
    "choir",
    "city",
    "clerks",
    "climbers",
    "commuters",
    "concertgoers",
    "contractors",
    "cooks",
    "council",
    "counselors",
    "county",
    "couples",
    "coupon",
    "coworkers",
    "crafters",
    "curious",
    "customers",
    "cyclists",
    "dads",
    "delivery",
    "dentists",
    "developers",
    "doctors",
    "downtown",
    "electricians",
    "evening",
    "exhausted",
    "families",
    "fans",
    "farmers",
    "ferry",
    "firefighters",
    "fishermen",
    "folks",
    "food",
    "foster",
    "frustrated",
    "gamers",
    "gardeners",
    "golfers",
    "grandparents",
    "grocery",
    "groomers",
    "gym",
    "high",
    "hikers",
    "hockey",
    "homeowners",
    "hospital",
    "hybrid",
    "impatient",
    "janitors",
    "kayakers",
    "kids",
    "knitters",
    "landlords",
    "landscapers",
    "librarians",
    "library",
    "lifelong",
    "lifters",
    "longtime",
    "loyal",
    "mail",
    "managers",
    "mechanics",
    "members",
    "moms",
    "musicians",
    "nannies",
    "new",
    "night",
    "online",
    "outdoor",
    "patient",
    "patients",
    "pedestrians",
    "personal",
    "pharmacists",
    "photographers",
    "pickleball",
    "picky",
    "players",
    "plow",
    "plumbers",
    "podcast",
    "podcasters",
    "police",
    "potters",
    "practical",
    "quilters",
    "readers",
    "recent",
    "recruiters",
    "refs",
    "regulars",
    "rescue",
    "retail",
    "retirees",
    "riders",
    "rideshare",
    "roofers",
    "roommates",
    "runners",
    "school",
    "seniors",
    "servers",
    "shelter",
    "shoppers",
    "single",
    "skeptical",
    "small",
    "soccer",
    "stepparents",
    "streamers",
    "stubborn",
    "substitute",
    "suburban",
    "supervisors",
    "swim",
    "swimmers",
    "taxi",
    "teenagers",
    "teens",
    "temps",
    "tennis",
    "theater",
    "tired",
    "trail",
    "transit",
    "travelers",
    "tree",
    "truck",
    "tutors",
    "unbothered",
    "vegetarians",
    "vendors",
    "veteran",
    "vets",
    "viewers",
    "volunteers",
    "voters",
    "walkers",
    "wheelchair",
    "woodworkers",
    "working",
    "yoga",
    "youth",
    "half-empty",
    "mostly",
    "usually",
    "more",
    "close",
    "out",
    "college",
    "car",
    "middle",
    "early",
    "first",
    "grumpier",
    "full",
    "big",
    "road",
    "returns",
    "binge",
    "cat",
    "laid",
    "holiday",
    "gallery",
    "shop",
    "book",
    "church",
    "assistant",
    "here",
    "here's",
    "someone",
    "word",
    "rumor",
    "there's",
    "there",
    "ever",
    "once",
    "budget-minded",
    "first-time",
    "full-time",
    "out-of-town",
    "small-town",
    "big-city",
    "college-age",
    "middle-aged",
    "night-owl",
    "early-rising",
    "car-free",
    "cash-strapped",
    "well-off",
    "overworked",
    "hopeful",
    "nervous",
    "fed-up",
    "easygoing",
    "chatty",
    "quiet",
    "organized",
    "half-awake",
    "seasoned",
    "brand-new",
    "grumbling",
    "cheerful",
    "hardcore",
    "casual",
    "die-hard",
    "reluctant",
    "savvy",
    "thrifty",
    "polite",
    "determined",
    "blunt",
    "friendly",
    "grumpy",
    "soft-spoken",
    "very",
    "semi-retired",
    "third-generation",
    "well-known",
    "no-nonsense",
    "talkative",
    "recently",
    "fast-talking",
    "calm",
    "straight-shooting",
    "upbeat",
    "weary",
    "sharp",
    "figures",
    "numbers",
    "data",
    "reached",
    "speaking",
    "per",
    "sports",
];

/// Lowercases the first letter written at or after byte `start` when it begins a common
/// word (never a name, a brand or "I").
pub(crate) fn lowercase_first(s: &mut str, start: usize) {
    let Some(tail) = s.get(start..) else {
        return;
    };
    let Some(offset) = tail.find(|c: char| c.is_alphabetic()) else {
        return;
    };
    let word_len = tail[offset..]
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .unwrap_or(tail.len() - offset);
    let word = &tail[offset..offset + word_len];
    if !COMMON_STARTERS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return;
    }
    let at = start + offset;
    if let Some(x) = s.get_mut(at..at + 1)
        && x.as_bytes()[0].is_ascii_uppercase()
    {
        x.make_ascii_lowercase();
    }
}

/// Writes `v` (tenths when `decimals`), with thousands separators when asked.
pub(crate) fn push_number(out: &mut String, v: i64, decimals: bool, thousands: bool) {
    use std::fmt::Write;
    if decimals {
        let _ = write!(out, "{}.{}", v / 10, (v % 10).abs());
        return;
    }
    if !thousands || v.abs() < 1000 {
        let _ = write!(out, "{v}");
        return;
    }
    let digits = v.abs().to_string();
    if v < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
}

/// Lowercase ASCII letters and digits only, accents dropped (`José` → `jose`).
pub(crate) fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'Å' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'İ' | 'ı' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ö' | 'Ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ü' => 'u',
            'ñ' => 'n',
            'ç' | 'č' | 'Č' => 'c',
            'š' | 'ş' | 'Š' | 'Ş' => 's',
            'ž' | 'Ž' => 'z',
            'ł' | 'Ł' => 'l',
            'ğ' => 'g',
            'ß' => 's',
            other => other,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_cases() {
        const CASES: &[(&str, &str)] = &[
            ("  a  b ,c .\n\n\n\nd ", "a b,c.\n\nd"),
            ("It was a idea.. Fine...", "It was an idea. Fine..."),
            ("an car, a one-off, A owl", "a car, a one-off, an owl"),
            ("Wait ?. ok ,.", "Wait? ok."),
            ("José Núñez", "José Núñez"),
            (
                "an PR problem, a FBI agent, a SUV, a USB stick",
                "a PR problem, an FBI agent, an SUV, a USB stick",
            ),
            (
                "a Anthropic demo, an Jones farm, a Uber, an Honest Co.",
                "an Anthropic demo, a Jones farm, a Uber, an Honest Co.",
            ),
            (
                "a RLHF run, a EU rule, a Ohio farm",
                "a RLHF run, an EU rule, an Ohio farm",
            ),
            (
                "the The Post ran it 1 days later; my my kid, how how much, 21 days, 1.1 days, had had, in in",
                "the Post ran it 1 day later; my kid, how much, 21 days, 1.1 days, had had, in in",
            ),
            (
                "Bratislava : Last, see :) and 3 : 2",
                "Bratislava: Last, see :) and 3: 2",
            ),
            (
                "a 8-page memo, a 11-person team, a 18,000-seat arena, an 110-page report, an 5% rise, a 1.5",
                "an 8-page memo, an 11-person team, an 18,000-seat arena, a 110-page report, a 5% rise, a 1.5",
            ),
            (
                "a unusual case, an user, a upholsterer, an union, a hour, an house, a unicorn",
                "an unusual case, a user, an upholsterer, a union, an hour, an house, a unicorn",
            ),
        ];
        for (input, want) in CASES {
            assert_eq!(tidy(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn title_case_capitalises_words_but_not_inner_function_words() {
        let mut s = "Re: trust in the free-tier model: a study of iPhone users and AI".to_string();
        title_case(&mut s, 4);
        assert_eq!(s, "Re: Trust in the Free-Tier Model: A Study of iPhone Users and AI");
        let mut s = "the case for 3-country surveys".to_string();
        title_case(&mut s, 0);
        assert_eq!(s, "The Case for 3-Country Surveys");
    }

    #[test]
    fn sentence_starts_are_capitalised_after_cased_text_only() {
        let mut s = "He wrote it. free tier = training data. every one, e.g. this one! ok".to_string();
        assert!(!last_sentence_starts_lowercase("He wrote it."));
        capitalize_sentences(&mut s, 13);
        assert_eq!(
            s,
            "He wrote it. free tier = training data. Every one, e.g. this one! Ok"
        );
        assert!(last_sentence_starts_lowercase("honestly. no idea"));
        assert!(!last_sentence_starts_lowercase("no sentence end"));
        assert!(last_sentence_starts_lowercase("Title\nlol same"));
    }

    #[test]
    fn styles() {
        let t = "He said \"it's 5% — ok\" about the organization.".to_string();
        let all = Style {
            curly_quotes: true,
            dash: 2,
            percent_word: true,
            british: true,
        };
        assert_eq!(
            apply_style(t.clone(), all),
            "He said “it’s 5 percent--ok” about the organisation."
        );
        assert_eq!(apply_style(t.clone(), Style::default()), t);
    }

    #[test]
    fn numbers_and_folding() {
        let mut s = String::new();
        push_number(&mut s, 1234567, false, true);
        s.push(' ');
        push_number(&mut s, 35, true, false);
        assert_eq!(s, "1,234,567 3.5");
        assert_eq!(ascii_fold("Zoë O'Brien-Ł"), "zoeobrienl");
        let mut c = String::from("x: élan");
        capitalize_first(&mut c, 2);
        assert_eq!(c, "x: Élan");
    }
}

/// House style of one document: real pages differ in quote marks, dashes, how they write
/// percentages and which spelling they use.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Style {
    pub(crate) curly_quotes: bool,
    /// 0: ` — `, 1: ` - `, 2: `--`, 3: ` – `.
    pub(crate) dash: u8,
    pub(crate) percent_word: bool,
    pub(crate) british: bool,
}

const BRITISH: &[(&str, &str)] = &[
    ("organization", "organisation"),
    ("organize", "organise"),
    ("recognize", "recognise"),
    ("realize", "realise"),
    ("prioritize", "prioritise"),
    ("criticize", "criticise"),
    ("summarize", "summarise"),
    ("analyze", "analyse"),
    ("behavior", "behaviour"),
    ("favor", "favour"),
    ("color", "colour"),
    ("neighbor", "neighbour"),
    ("center", "centre"),
    ("defense", "defence"),
    ("license", "licence"),
    ("program ", "programme "),
    ("apologize", "apologise"),
    ("skeptic", "sceptic"),
];

/// Applies a document's house style to tidied text.
pub(crate) fn apply_style(s: String, style: Style) -> String {
    let mut s = s;
    match style.dash {
        1 => s = s.replace(" — ", " - "),
        2 => s = s.replace(" — ", "--"),
        3 => s = s.replace(" — ", " – "),
        _ => {}
    }
    if style.percent_word && s.contains('%') {
        let mut out = String::with_capacity(s.len() + 64);
        let mut prev_digit = false;
        for c in s.chars() {
            if c == '%' && prev_digit {
                out.push_str(" percent");
            } else {
                out.push(c);
            }
            prev_digit = c.is_ascii_digit();
        }
        s = out;
    }
    if style.british {
        for (us, uk) in BRITISH {
            if s.contains(us) {
                s = s.replace(us, uk);
            }
        }
    }
    if style.curly_quotes && (s.contains('\'') || s.contains('"')) {
        let mut out = String::with_capacity(s.len() + 64);
        let mut prev = ' ';
        for c in s.chars() {
            match c {
                '\'' => out.push('’'),
                '"' => {
                    // Opening after whitespace or an opening bracket, closing otherwise.
                    let opening = prev.is_whitespace() || prev == '(';
                    out.push(if opening { '“' } else { '”' });
                }
                _ => out.push(c),
            }
            prev = c;
        }
        s = out;
    }
    s
}
