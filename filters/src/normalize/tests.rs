//! Tests of the normaliser: one table per step, offsets, options, and properties.

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};

use super::chars::{confusable_table, ignorable_table, is_attachment};
use super::html::{entity_names, inline_tags};
use super::{NormalizeOptions, Normalized, Normalizer, normalize};

/// `(name, input, expected normalised text)` with every step on.
const CASES: &[(&str, &str, &str)] = &[
    // Case and separators.
    ("lowercase", "Alignment FAKING", "alignment faking"),
    ("hyphen separator", "alignment-faking", "alignment faking"),
    ("underscore separator", "alignment_faking", "alignment faking"),
    ("space run", "alignment   faking", "alignment faking"),
    ("newline", "alignment\nfaking", "alignment faking"),
    ("tab and crlf", "alignment\t\r\nfaking", "alignment faking"),
    ("nbsp", "alignment\u{00A0}faking", "alignment faking"),
    ("ideographic space", "alignment\u{3000}faking", "alignment faking"),
    ("em dash", "alignment \u{2014} faking", "alignment faking"),
    ("minus sign", "alignment\u{2212}faking", "alignment faking"),
    ("mixed run", "a - _ \u{2013}\n b", "a b"),
    ("leading and trailing", "  \n lead and trail -\n", "lead and trail"),
    ("only separators", " -_\n ", ""),
    ("empty", "", ""),
    // 1. NFKC.
    ("full-width", "ＡＬＩＧＮＭＥＮＴ", "alignment"),
    ("math bold", "𝐚𝐥𝐢𝐠𝐧𝐦𝐞𝐧𝐭", "alignment"),
    ("ligature", "ﬁne", "fine"),
    ("circled digit", "①", "1"),
    ("superscript", "x²", "x2"),
    ("composition", "e\u{0301}", "e"),
    // 2. Case folding.
    ("sharp s", "STRASSE straße STRAẞE", "strasse strasse strasse"),
    ("dotted capital i", "İ", "i"),
    ("kelvin sign", "\u{212A}", "k"),
    ("lunate sigmas", "\u{03F2}ompliance \u{03F9}OMPLY", "compliance comply"),
    // 3. Format characters and stray marks.
    ("zero-width space", "align\u{200B}ment", "alignment"),
    ("soft hyphen", "align\u{00AD}ment", "alignment"),
    ("zwj zwnj", "al\u{200D}ig\u{200C}nment", "alignment"),
    ("bom", "\u{FEFF}alignment", "alignment"),
    ("bidi controls", "\u{202E}align\u{2066}ment\u{2069}", "alignment"),
    ("word joiner", "align\u{2060}ment", "alignment"),
    ("mongolian vowel separator", "align\u{180E}ment", "alignment"),
    ("hangul filler", "align\u{3164}ment", "alignment"),
    ("variation selector", "align\u{FE0F}ment", "alignment"),
    ("tag characters", "align\u{E0061}ment", "alignment"),
    ("mark on ascii", "al\u{0332}ig\u{0336}nment", "alignment"),
    ("mark after removed char", "a\u{200B}\u{0301}b", "ab"),
    ("leading mark", "\u{0301}abc", "abc"),
    ("mark kept on non-latin letter", "\u{0436}\u{0301}", "\u{0436}\u{0301}"),
    ("hangul composes across removed", "\u{1100}\u{200B}\u{1161}", "\u{AC00}"),
    // 4. Look-alikes and diacritics.
    ("cyrillic a", "\u{0430}lignment", "alignment"),
    (
        "cyrillic capitals",
        "\u{0410}LIGN\u{041C}\u{0415}N\u{0422}",
        "alignment",
    ),
    ("cyrillic lowercase", "\u{0441}\u{043E}\u{0440}\u{0435}", "cope"),
    ("greek", "f\u{03B1}king \u{039F}K", "faking ok"),
    (
        "small capitals",
        "\u{1D00}\u{029F}\u{026A}\u{0262}\u{0274}\u{1D0D}\u{1D07}\u{0274}\u{1D1B}",
        "alignment",
    ),
    (
        "diacritics",
        "\u{00E0}l\u{00EF}gnm\u{00E8}nt F\u{00C4}KING",
        "alignment faking",
    ),
    ("cyrillic with diaeresis", "\u{0451}", "e"),
    ("non look-alike kept", "\u{0436}\u{0434}", "\u{0436}\u{0434}"),
    // 5. HTML.
    ("amp", "a &amp; b", "a & b"),
    ("lt gt", "&lt;OUTPUT&gt;", "<output>"),
    ("nbsp entity", "x&nbsp;y", "x y"),
    ("shy entity", "al&shy;ign", "align"),
    ("zwj entity", "al&zwj;ign", "align"),
    ("dashes", "a&ndash;b&mdash;c", "a b c"),
    ("quotes", "&ldquo;it&rsquo;s&rdquo;", "\u{201C}it\u{2019}s\u{201D}"),
    ("letter entity", "ali&eacute;nment", "alienment"),
    ("upper-case entity", "&Eacute;&AMP;", "e&"),
    ("greek entity look-alike", "&alpha;lignment", "alignment"),
    ("decimal reference", "al&#105;gn", "align"),
    ("hex reference", "align&#x200b;ment", "alignment"),
    ("upper hex reference", "align&#X200B;ment", "alignment"),
    ("reference without semicolon", "align&#8203ment", "alignment"),
    ("reference at end", "x&#97", "xa"),
    ("c1 reference", "a&#150;b", "a b"),
    ("invalid reference", "&#0;", "\u{FFFD}"),
    ("named entity needs semicolon", "&amp x", "&amp x"),
    ("unknown entity", "&bogus;", "&bogus;"),
    ("lone ampersand", "AT&T & co", "at&t & co"),
    ("double escaped", "&amp;lt;b&amp;gt;x", "x"),
    ("recursive entity", "&amp;amp;amp;", "&"),
    ("entity split by tag", "&am<b>p;", "&"),
    ("bold", "<b>Alignment</b> faking", "alignment faking"),
    ("inside word", "al<i>ign</i>ment", "alignment"),
    ("attributes", "<span class=\"x\" style='a:b'>t</span>", "t"),
    ("link", "<A HREF=\"https://x.y/?a=1&amp;b=2\">go</A>", "go"),
    ("self closing", "a<br/>b<wbr>c<BR />d", "abcd"),
    ("font", "<font color=red>red</font>", "red"),
    ("tag across lines", "<span\nclass=x>t</span>", "t"),
    (
        "other tags stay",
        "<SCRATCHPAD_REASONING>x</SCRATCHPAD_REASONING>",
        "<scratchpad reasoning>x</scratchpad reasoning>",
    ),
    ("output tag stays", "<OUTPUT>x</OUTPUT>", "<output>x</output>"),
    ("div stays", "<div>x</div>", "<div>x</div>"),
    ("tag prefix is not inline", "<bx>y</bx>", "<bx>y</bx>"),
    ("comparison", "a < b > c", "a < b > c"),
    ("unclosed tag", "<b x", "<b x"),
    ("nested tags", "<<b>b>x", "x"),
    ("escaped tag decoded then removed", "&lt;b&gt;bold", "bold"),
    // 6. Hyphenation.
    ("hyphenated", "align-\nment", "alignment"),
    ("hyphenated crlf spaces", "align-  \r\n   ment", "alignment"),
    ("unicode hyphen", "align\u{2010}\nment", "alignment"),
    ("non-breaking hyphen", "align\u{2011}\nment", "alignment"),
    ("blank line is no hyphenation", "align-\n\nment", "align ment"),
    ("space before hyphen", "align -\nment", "align ment"),
    ("digits do not join", "2-\n3", "2 3"),
    ("hyphen without newline", "well-known", "well known"),
    ("hyphenated inside tag", "<b>align-\nment</b>", "alignment"),
    ("hyphenated entity name", "&am-\np;", "&"),
    ("hyphenated hex reference", "&#x-\nE9;", "e"),
    // 7. Markdown.
    ("bold markdown", "**alignment** faking", "alignment faking"),
    ("inside word markdown", "al*ign*ment", "alignment"),
    ("underscore emphasis", "_User_: hi", "user: hi"),
    ("underscore emphasis in parentheses", "(_see_ below)", "(see below)"),
    ("dunder", "__init__.py", "init py"),
    ("dot between words", "Alignment.Faking", "alignment faking"),
    (
        "dots between initials",
        "A.I. systems, e.g. this",
        "a i. systems, e g. this",
    ),
    ("sentence end", "end. Next", "end. next"),
    ("decimal", "v3.14 and 2.5x", "v3.14 and 2.5x"),
    ("ellipsis", "wait...what", "wait...what"),
    ("dot before a tag", "deceptive.<b>alignment</b>", "deceptive alignment"),
    ("dot before an entity", "fake.&#97;lignment", "fake alignment"),
    ("dot from an entity", "fake&#46;alignment", "fake alignment"),
    ("dot before emphasis", "gradient._hacking_", "gradient hacking"),
    ("dot then a line break", "end.\nNext", "end. next"),
    ("full-width dot", "goal\u{FF0E}guarding", "goal guarding"),
    ("double underscore inside a word", "foo__bar", "foo bar"),
    ("lone underscore", "a _ b", "a b"),
    ("backticks", "`alignment` ```faking```", "alignment faking"),
    ("underscores", "__alignment__faking", "alignment faking"),
    ("star before mark", "e*\u{0301}x", "ex"),
];

fn check_case(normalizer: &Normalizer, name: &str, input: &str, expected: &str) {
    for offsets in [true, false] {
        let mut out = Normalized::new();
        normalizer.normalize_into(input, &mut out, offsets);
        assert_eq!(out.text(), expected, "case {name:?} (offsets {offsets}): {input:?}");
        assert_eq!(out.has_offsets(), offsets, "case {name:?}");
    }
}

#[test]
fn table_cases() {
    let normalizer = Normalizer::default();
    for (name, input, expected) in CASES {
        check_case(&normalizer, name, input, expected);
    }
}

#[test]
fn table_cases_are_fixed_points() {
    for (name, _, expected) in CASES {
        assert_eq!(normalize(expected).text(), *expected, "case {name:?}");
    }
}

/// `(options, input, expected)` for the options other than the default.
#[test]
fn options() {
    let none = NormalizeOptions {
        nfkc: false,
        case_fold: false,
        strip_format: false,
        confusables: false,
        html: false,
        join_hyphenated: false,
        strip_markdown: false,
        collapse_separators: false,
        dash_separators: false,
        dot_separators: false,
    };
    let cases: &[(NormalizeOptions, &str, &str)] = &[
        (
            none,
            " A&amp;*<b>ﬁ\u{200B}\u{0430}-\nb ",
            " A&amp;*<b>ﬁ\u{200B}\u{0430}-\nb ",
        ),
        (
            NormalizeOptions::dedup(),
            "Well-known\u{00A0}  FACTS\n",
            "well-known facts",
        ),
        (
            NormalizeOptions::dedup(),
            "a_b *c* &amp; <b>d</b>",
            "a_b *c* &amp; <b>d</b>",
        ),
        (
            NormalizeOptions::dedup(),
            "ﬁ\u{200B}n\u{0430}l STRAẞE",
            "fin\u{0430}l strasse",
        ),
        (
            NormalizeOptions::dedup(),
            "caf\u{00E9} cafe\u{0301}",
            "caf\u{00E9} caf\u{00E9}",
        ),
        (NormalizeOptions::dedup(), "align-\nment", "align- ment"),
        (
            NormalizeOptions {
                nfkc: false,
                ..NormalizeOptions::all()
            },
            "\u{FF21}B",
            "\u{FF41}b",
        ),
        (
            NormalizeOptions {
                case_fold: false,
                ..NormalizeOptions::all()
            },
            "AbC ß",
            "AbC ß",
        ),
        (
            NormalizeOptions {
                confusables: false,
                ..NormalizeOptions::all()
            },
            "\u{0430}\u{00E9}ς",
            "\u{0430}\u{00E9}σ",
        ),
        (
            NormalizeOptions {
                strip_format: false,
                ..NormalizeOptions::all()
            },
            "a\u{200B}b",
            "a\u{200B}b",
        ),
        (
            NormalizeOptions {
                html: false,
                ..NormalizeOptions::all()
            },
            "<b>x</b>&amp;",
            "<b>x</b>&amp;",
        ),
        (
            NormalizeOptions {
                join_hyphenated: false,
                ..NormalizeOptions::all()
            },
            "align-\nment",
            "align ment",
        ),
        (
            NormalizeOptions {
                strip_markdown: false,
                ..NormalizeOptions::all()
            },
            "**x**",
            "**x**",
        ),
        (
            NormalizeOptions {
                collapse_separators: false,
                ..NormalizeOptions::all()
            },
            " a  b-\nc\n",
            " a  bc\n",
        ),
        (
            NormalizeOptions {
                collapse_separators: false,
                ..NormalizeOptions::all()
            },
            "a -\nb",
            "a -\nb",
        ),
        (
            NormalizeOptions {
                dash_separators: false,
                ..NormalizeOptions::all()
            },
            "a-b align-\nment x-\n\ny",
            "a-b alignment x- y",
        ),
        (
            NormalizeOptions {
                dash_separators: false,
                ..NormalizeOptions::all()
            },
            "end-",
            "end-",
        ),
    ];
    for (i, (options, input, expected)) in cases.iter().enumerate() {
        check_case(&Normalizer::new(*options), &format!("options #{i}"), input, expected);
    }
}

#[test]
fn line_starts() {
    let cases: &[(&str, &str, &[u32])] = &[
        ("", "", &[]),
        ("\n\n", "", &[]),
        ("x", "x", &[0]),
        ("\n  x", "x", &[0]),
        ("Human: hi\n\nAssistant: yo", "human: hi assistant: yo", &[0, 10]),
        ("a\r\nb\rc\u{2028}d\u{2029}e", "a b c d e", &[0, 2, 4, 6, 8]),
        ("a \n b", "a b", &[0, 2]),
        ("align-\nment\nx", "alignment x", &[0, 10]),
        ("a\n<b></b>\nc", "a c", &[0, 2]),
        ("a\n", "a", &[0]),
    ];
    for (input, text, starts) in cases {
        for offsets in [true, false] {
            let mut out = Normalized::new();
            Normalizer::default().normalize_into(input, &mut out, offsets);
            assert_eq!(out.text(), *text, "{input:?}");
            assert_eq!(out.line_starts(), *starts, "{input:?}");
            for pos in 0..=out.text().len() {
                let expected = starts.contains(&(pos as u32));
                assert_eq!(out.is_line_start(pos), expected, "{input:?} at {pos}");
            }
        }
    }
    let raw = Normalizer::new(NormalizeOptions {
        collapse_separators: false,
        ..NormalizeOptions::all()
    });
    let out = raw.normalize("a\n\nb");
    assert_eq!(out.text(), "a\n\nb");
    assert_eq!(out.line_starts(), &[0, 3]);
}

/// `(input, normalised substring, its expected original span)`.
const SPANS: &[(&str, &str, &str)] = &[
    ("Hello World", "world", "World"),
    ("ﬁne", "f", "ﬁ"),
    ("ﬁne", "i", "ﬁ"),
    ("Straße x", "ss", "ß"),
    ("Straße x", "asse", "aße"),
    ("a  \n b", "a b", "a  \n b"),
    ("a  \n b", " ", "  \n "),
    ("x &amp; y", "&", "&amp;"),
    ("x &amp; y", "x & y", "x &amp; y"),
    ("align-\nment!", "alignment", "align-\nment"),
    ("align-\nment!", "nm", "n-\nm"),
    ("**bold** x", "bold", "bold"),
    ("e\u{0301}x", "e", "e\u{0301}"),
    ("\u{0410}LIGN", "align", "\u{0410}LIGN"),
    ("a\u{200B}b", "ab", "a\u{200B}b"),
    ("a\u{200B}\u{200B} b", "a", "a"),
    ("al<b>ign</b>ment faking", "alignment", "al<b>ign</b>ment"),
    ("ＡＢ", "b", "Ｂ"),
    ("жж", "ж", "ж"),
];

#[test]
fn spans() {
    for (input, needle, expected) in SPANS {
        let out = normalize(input);
        let start = out
            .text()
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} in {out:?}"));
        let span = out.original_span(start..start + needle.len());
        assert_eq!(span.map(|s| &input[s]), Some(*expected), "{input:?} / {needle:?}");
    }
}

#[test]
fn span_edge_cases() {
    let out = normalize("a b");
    assert_eq!(out.original_span(0..0), Some(0..0));
    assert_eq!(out.original_span(3..3), Some(3..3));
    let (two, one) = (2, 1);
    assert_eq!(out.original_span(two..one), None);
    assert_eq!(out.original_span(0..4), None);
    let empty = normalize("  ");
    assert_eq!(empty.original_span(0..0), Some(0..0));
    // A range splitting a character is widened to the whole character.
    let out = normalize("xжy");
    assert_eq!(out.original_span(2..3), Some(1..3));
    let mut fast = Normalized::new();
    Normalizer::default().normalize_into("a b", &mut fast, false);
    assert!(!fast.has_offsets());
    assert_eq!(fast.original_span(0..1), None);
}

#[test]
fn plain_ascii_needs_few_pieces() {
    let text = "The quick brown fox jumps over the lazy dog. ".repeat(100);
    let out = normalize(&text);
    assert_eq!(out.pieces.len(), 1);
    assert_eq!(out.original_span(4..9), Some(4..9));
}

#[test]
fn reuse_clears_previous_result() {
    let normalizer = Normalizer::default();
    let mut out = Normalized::new();
    normalizer.normalize_into("<b>First\ntext</b> &amp", &mut out, true);
    normalizer.normalize_into("x", &mut out, true);
    assert_eq!(out.text(), "x");
    assert_eq!(out.line_starts(), &[0]);
    assert_eq!(out.original_span(0..1), Some(0..1));
}

#[test]
fn shared_between_threads() {
    fn is_send_sync<T: Send + Sync>() {}
    is_send_sync::<Normalizer>();
    is_send_sync::<Normalized>();
    is_send_sync::<NormalizeOptions>();
}

#[test]
fn pathological_input_is_linear() {
    for unit in ["&", "<", "<b ", "&#", "&a", "-\n", "\u{0301}", "<<b>", "&amp;"] {
        let text = unit.repeat(20_000);
        let out = normalize(&text);
        assert!(out.text().len() <= text.len() * 2, "{unit:?}");
    }
}

#[test]
fn tables_are_sorted() {
    let confusables = confusable_table();
    assert!(confusables.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(confusables.len() >= 100);
    for &(c, latin) in confusables {
        assert!(latin.is_ascii_lowercase(), "{c:?}");
        assert!(!c.is_ascii(), "{c:?}");
    }
    let ignorable = ignorable_table();
    assert!(ignorable.windows(2).all(|w| w[0].1 < w[1].0));
    assert!(ignorable.iter().all(|(lo, hi)| lo <= hi));
    let names: Vec<&str> = entity_names().collect();
    assert!(names.windows(2).all(|w| w[0] < w[1]));
    assert!(
        names
            .iter()
            .all(|n| { n.len() <= 16 && n.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) })
    );
    assert!(names.len() >= 100);
    let tags = inline_tags();
    assert!(tags.windows(2).all(|w| w[0] < w[1]));
}

/// Every starter that canonical composition can merge into the character before it must count
/// as an attachment, or segments would split compositions.
#[test]
fn attachments_cover_backward_composition() {
    for u in 0..=0x10FFFFu32 {
        let Some(composite) = char::from_u32(u) else {
            continue;
        };
        let mut parts = Vec::new();
        decompose_canonical(composite, |d| parts.push(d));
        let Some((&last, prefix)) = parts.split_last() else {
            continue;
        };
        if prefix.is_empty() || canonical_combining_class(last) != 0 {
            continue;
        }
        let prefix: String = prefix.iter().collect::<String>().nfc().collect();
        let mut chars = prefix.chars();
        if let (Some(first), None) = (chars.next(), chars.next())
            && compose(first, last) == Some(composite)
        {
            assert!(is_attachment(last), "U+{:04X}", last as u32);
        }
    }
}

/// Every single character, alone and between letters, normalises to a fixed point.
#[test]
fn every_char_is_idempotent() {
    let normalizers = [Normalizer::default(), Normalizer::new(NormalizeOptions::dedup())];
    let mut once = Normalized::new();
    let mut twice = Normalized::new();
    let mut text = String::new();
    for u in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(u) else {
            continue;
        };
        // Unassigned and private-use characters all behave alike; sample them.
        if !unicode_normalization::char::is_public_assigned(c) && u % 257 != 0 {
            continue;
        }
        for normalizer in &normalizers {
            for (before, after) in [("", ""), ("a", "b"), ("\u{0436}", "\u{0301}")] {
                text.clear();
                text.push_str(before);
                text.push(c);
                text.push_str(after);
                normalizer.normalize_into(&text, &mut once, false);
                normalizer.normalize_into(once.text(), &mut twice, false);
                assert_eq!(twice.text(), once.text(), "U+{u:04X} in {text:?}");
            }
        }
    }
}

fn token() -> impl Strategy<Value = String> {
    let confusables: Vec<String> = confusable_table().iter().map(|(c, _)| c.to_string()).collect();
    let fixed: Vec<&'static str> = vec![
        "a",
        "b",
        "e",
        "i",
        "n",
        "t",
        "x",
        "A",
        "B",
        "Z",
        "0",
        "7",
        "word",
        "Align",
        " ",
        "  ",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "-",
        "_",
        "\u{2010}",
        "\u{2011}",
        "\u{2014}",
        "\u{00A0}",
        "\u{2028}",
        "\u{200B}",
        "\u{200D}",
        "\u{00AD}",
        "\u{FEFF}",
        "\u{202E}",
        "\u{0301}",
        "\u{0332}",
        "\u{0308}",
        "\u{0338}",
        "\u{093E}",
        "\u{1100}",
        "\u{1161}",
        "\u{11A8}",
        "\u{FF9E}",
        "\u{30AB}",
        "é",
        "ß",
        "ẞ",
        "ﬁ",
        "İ",
        "Σ",
        "ς",
        "ж",
        "\u{FDFA}",
        "\u{FC5E}",
        "&",
        "&amp;",
        "&lt;",
        "&gt;",
        "&shy;",
        "&nbsp;",
        "&eacute;",
        "&#",
        "&#x",
        "&#97",
        "&#x200b;",
        "&#768;",
        "#",
        ";",
        "amp",
        "lt",
        "gt",
        "=",
        "<",
        ">",
        "/",
        "<b>",
        "</b>",
        "<span a=\"1\">",
        "<br/>",
        "<OUTPUT>",
        "b>",
        "*",
        "**",
        "`",
        "\"",
        "'",
    ];
    prop_oneof![
        6 => proptest::sample::select(fixed).prop_map(str::to_owned),
        2 => proptest::sample::select(confusables),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// Few distinct tokens, so that entities, tags and hyphenations interleave often.
fn markup_token() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "&", "<", ">", ";", "#", "x", "X", "a", "b", "B", "m", "p", "r", "e", "9", "7", "-", "\n", " ", "/", "=", "\"",
        "_", "*", "\u{0301}", "\u{200B}", "\u{1161}", "&amp;", "&lt;", "&gt;", "<b>", "</b>", "amp", "lt;", "&#",
        "&#x", "-\n", "\r\n", "br", "span",
    ])
}

fn markup_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(markup_token(), 0..60).prop_map(|tokens| tokens.concat())
}

/// Mostly plain ASCII with long runs, so the fast path's blocks and absorbed separators are
/// exercised.
fn prose_token() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "alignment ",
        "Faking ",
        "the ",
        "model, ",
        "and ",
        "A ",
        "x",
        "y",
        "free-tier ",
        "\n",
        " ",
        "  ",
        "\t",
        "-",
        "_",
        "\r\n",
        "-\n",
        ". ",
        "\u{2019}",
        "\u{0301}",
        "\u{00E9}",
        "\u{0430}",
        "*",
        "**",
        "`",
        "&amp;",
        "&",
        "<",
        "<b>",
        "</i>",
        "\u{200B}",
        "\u{00A0}",
        "0123456789abcdefghijklmnopqrstuvwxyz",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%'()+,./:;=>?@[\\]^{|}~",
    ])
}

fn prose_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(prose_token(), 0..120).prop_map(|tokens| tokens.concat())
}

/// The fast path must produce exactly what the general path produces, offsets included.
/// ASCII text with every kind of ASCII whitespace, control bytes and runs longer than a block.
fn ascii_text() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "The",
        "quick",
        "brown",
        "FOX",
        "a",
        "Z",
        "0",
        "-",
        "_",
        "&",
        "<",
        "*",
        "`",
        ".",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\t",
        "\r",
        "\u{0B}",
        "\u{0C}",
        "\u{1C}",
        "\u{1F}",
        "\u{0}",
        "\u{7F}",
        " \n ",
        "\n\n",
        "abcdefghijklmnopq",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    ]);
    proptest::collection::vec(tokens, 0..60).prop_map(|t| t.concat())
}

fn check_fast_path(options: NormalizeOptions, input: &str) {
    let fast = Normalizer::new(options).normalize(input);
    let general = Normalizer::without_fast_path(options).normalize(input);
    assert_eq!(fast.text(), general.text(), "{options:?} {input:?}");
    assert_eq!(fast.line_starts(), general.line_starts(), "{input:?}");
    let mut quick = Normalized::new();
    Normalizer::new(options).normalize_into(input, &mut quick, false);
    assert_eq!(quick.text(), general.text(), "without offsets: {options:?} {input:?}");
    assert_eq!(
        quick.line_starts(),
        general.line_starts(),
        "without offsets: {options:?} {input:?}"
    );
    for w in char_bounds(fast.text()).windows(2) {
        assert_eq!(
            fast.original_span(w[0]..w[1]),
            general.original_span(w[0]..w[1]),
            "{input:?}"
        );
    }
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(token(), 0..40).prop_map(|tokens| tokens.concat())
}

fn char_bounds(text: &str) -> Vec<usize> {
    text.char_indices().map(|(i, _)| i).chain([text.len()]).collect()
}

fn options_from(bits: u16) -> NormalizeOptions {
    let on = |i: u16| bits & (1 << i) != 0;
    NormalizeOptions {
        nfkc: on(0),
        case_fold: on(1),
        strip_format: on(2),
        confusables: on(3),
        html: on(4),
        join_hyphenated: on(5),
        strip_markdown: on(6),
        collapse_separators: on(7),
        dash_separators: on(8),
        dot_separators: on(9),
    }
}

fn check_properties(normalizer: &Normalizer, input: &str, a: usize, b: usize) {
    check_offsets(normalizer, input, a, b);
    let text = normalizer.normalize(input).text().to_owned();
    // (d) Idempotence.
    assert_eq!(normalizer.normalize(&text).text(), text, "not idempotent for {input:?}");
}

/// Properties (a) to (c), which hold for every combination of options.
fn check_offsets(normalizer: &Normalizer, input: &str, a: usize, b: usize) {
    let out = normalizer.normalize(input);
    let text = out.text();

    // (a) Offsets are in bounds, on char boundaries and monotone.
    let bounds = char_bounds(text);
    let mut last = 0..0;
    for w in bounds.windows(2) {
        let span = out.original_span(w[0]..w[1]).expect("span of a char");
        assert!(
            span.start < span.end && span.end <= input.len(),
            "{span:?} of {input:?}"
        );
        assert!(input.is_char_boundary(span.start) && input.is_char_boundary(span.end));
        assert!(
            span.start >= last.start && span.end >= last.end,
            "monotone in {input:?}"
        );
        last = span;
    }

    // (b) The fast mode produces the same text and line starts.
    let mut fast = Normalized::new();
    normalizer.normalize_into(input, &mut fast, false);
    assert_eq!(fast.text(), text);
    assert_eq!(fast.line_starts(), out.line_starts());
    assert!(out.line_starts().windows(2).all(|w| w[0] < w[1]));
    assert!(out.line_starts().iter().all(|&p| (p as usize) < text.len()));

    // (c) Re-normalising the original span finds the range again.
    let (start, end) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
    let (start, end) = (start.min(end), start.max(end));
    let span = out.original_span(start..end).expect("span");
    let again = normalizer.normalize(&input[span.clone()]);
    let wanted = text[start..end].trim();
    assert!(
        again.text().contains(wanted),
        "{wanted:?} not in {:?} = normalize({:?}) of {input:?}",
        again.text(),
        &input[span]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn properties_default(input in text(), a in any::<usize>(), b in any::<usize>()) {
        check_properties(&Normalizer::default(), &input, a, b);
    }

    #[test]
    fn properties_dedup(input in text(), a in any::<usize>(), b in any::<usize>()) {
        check_properties(&Normalizer::new(NormalizeOptions::dedup()), &input, a, b);
    }

    #[test]
    fn properties_markup(input in markup_text(), a in any::<usize>(), b in any::<usize>()) {
        check_properties(&Normalizer::default(), &input, a, b);
    }

    #[test]
    fn offsets_any_options(input in text(), bits in 0..1024u16, a in any::<usize>(), b in any::<usize>()) {
        check_offsets(&Normalizer::new(options_from(bits)), &input, a, b);
    }

    #[test]
    fn offsets_any_options_markup(input in markup_text(), bits in 0..1024u16, a in any::<usize>(), b in any::<usize>()) {
        check_offsets(&Normalizer::new(options_from(bits)), &input, a, b);
    }

    #[test]
    fn properties_prose(input in prose_text(), a in any::<usize>(), b in any::<usize>()) {
        check_properties(&Normalizer::default(), &input, a, b);
    }

    #[test]
    fn ascii_path_matches_general_path(input in ascii_text(), bits in 0..1024u16) {
        check_fast_path(options_from(bits), &input);
        check_fast_path(NormalizeOptions::dedup(), &input);
    }

    #[test]
    fn fast_path_matches_general_path(input in prose_text(), bits in 0..1024u16) {
        check_fast_path(options_from(bits), &input);
        check_fast_path(NormalizeOptions::all(), &input);
    }

    #[test]
    fn properties_arbitrary_unicode(input in any::<String>(), a in any::<usize>(), b in any::<usize>()) {
        check_properties(&Normalizer::default(), &input, a, b);
    }
}
