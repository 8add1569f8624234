//! Character classes and per-character mappings used by the normaliser.

use unicode_normalization::char::{
    canonical_combining_class, decompose_canonical, decompose_compatible, is_combining_mark,
};

/// Inclusive ranges of characters that `strip_format` removes: every general category `Cf`
/// character, plus the other default-ignorable code points that render as nothing (combining
/// grapheme joiner, Hangul fillers, variation selectors, the tag and variation-selector
/// supplement block).
const IGNORABLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

/// Whether `c` is a zero-width, format or other invisible character that `strip_format` removes.
pub(super) fn is_ignorable(c: char) -> bool {
    let u = c as u32;
    if u < 0xAD {
        return false;
    }
    IGNORABLE
        .binary_search_by(|&(lo, hi)| {
            if hi < u {
                std::cmp::Ordering::Less
            } else if lo > u {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether `c` attaches to the character before it: a combining mark, a character with a
/// non-zero canonical combining class, or a starter that canonical composition can merge into
/// the preceding character (Hangul medial vowels and final consonants, one Kirat Rai sign; every
/// other such starter is a combining mark already — a test checks this against the tables).
pub(super) fn is_attachment(c: char) -> bool {
    (c as u32) >= 0x300
        && (is_combining_mark(c)
            || canonical_combining_class(c) != 0
            || matches!(c as u32, 0x1161..=0x1175 | 0x11A8..=0x11C2 | 0x16D67))
}

/// Whether a normalisation segment may start at `c`: NFKC of a text equals the concatenation of
/// NFKC of its segments when every segment starts at such a character.
pub(super) fn starts_segment(c: char) -> bool {
    if c.is_ascii() {
        return true;
    }
    if is_attachment(c) {
        return false;
    }
    let mut first = None;
    decompose_compatible(c, |d| {
        if first.is_none() {
            first = Some(d);
        }
    });
    first.is_none_or(|d| d == c || !is_attachment(d))
}

/// Dash-like characters that count as separators when dashes do (see
/// `NormalizeOptions::dash_separators`), including `-` and `_`.
pub(super) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '_' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '\u{FF3F}'
    )
}

/// Hyphens that may end a line in the middle of a hyphenated word.
pub(super) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Characters that end a line of the original text.
pub(super) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Full case folding of one character into `out`. Returns whether the character changed.
///
/// Lowercasing plus the full-folding cases where it differs and NFKC does not already cover
/// it: `ß`/`ẞ` → `ss` and final sigma `ς` → `σ`. (Ligatures, `ſ`, the Greek symbol variants
/// and the Armenian ligatures are folded by NFKC; Cherokee keeps its lowercase letters.)
pub(super) fn fold_into(c: char, out: &mut String) -> bool {
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'ς' => out.push('σ'),
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => {
                    out.push(l);
                    return l != c;
                }
                (first, second) => {
                    out.extend(first);
                    out.extend(second);
                    out.extend(lower);
                }
            }
        }
    }
    true
}

/// Look-alikes of the 26 Latin lowercase letters, sorted by character: Cyrillic, Greek and
/// Armenian letters of both cases, and Latin small capitals and dotless forms. Upper-case
/// entries map to the letter their upper-case shape imitates (Cyrillic `Н` → `h`), lower-case
/// ones to the letter their own shape imitates (Cyrillic `н` is a small-capital H, so also `h`).
const CONFUSABLES: &[(char, u8)] = &[
    ('\u{0131}', b'i'), // dotless i
    ('\u{0138}', b'k'), // kra
    ('\u{0192}', b'f'), // f with hook
    ('\u{01C0}', b'l'), // dental click
    ('\u{0237}', b'j'), // dotless j
    ('\u{0251}', b'a'), // Latin alpha
    ('\u{0261}', b'g'), // script g
    ('\u{0262}', b'g'), // small capital G
    ('\u{0269}', b'i'), // Latin iota
    ('\u{026A}', b'i'), // small capital I
    ('\u{0274}', b'n'), // small capital N
    ('\u{0280}', b'r'), // small capital R
    ('\u{028F}', b'y'), // small capital Y
    ('\u{0299}', b'b'), // small capital B
    ('\u{029C}', b'h'), // small capital H
    ('\u{029F}', b'l'), // small capital L
    ('\u{0391}', b'a'), // Greek Alpha
    ('\u{0392}', b'b'), // Beta
    ('\u{0395}', b'e'), // Epsilon
    ('\u{0396}', b'z'), // Zeta
    ('\u{0397}', b'h'), // Eta
    ('\u{0399}', b'i'), // Iota
    ('\u{039A}', b'k'), // Kappa
    ('\u{039C}', b'm'), // Mu
    ('\u{039D}', b'n'), // Nu
    ('\u{039F}', b'o'), // Omicron
    ('\u{03A1}', b'p'), // Rho
    ('\u{03A4}', b't'), // Tau
    ('\u{03A5}', b'y'), // Upsilon
    ('\u{03A7}', b'x'), // Chi
    ('\u{03B1}', b'a'), // alpha
    ('\u{03B2}', b'b'), // beta
    ('\u{03B3}', b'y'), // gamma
    ('\u{03B5}', b'e'), // epsilon
    ('\u{03B7}', b'n'), // eta
    ('\u{03B9}', b'i'), // iota
    ('\u{03BA}', b'k'), // kappa
    ('\u{03BC}', b'u'), // mu
    ('\u{03BD}', b'v'), // nu
    ('\u{03BF}', b'o'), // omicron
    ('\u{03C1}', b'p'), // rho
    ('\u{03C4}', b't'), // tau
    ('\u{03C5}', b'u'), // upsilon
    ('\u{03C7}', b'x'), // chi
    ('\u{03C9}', b'w'), // omega
    ('\u{03F2}', b'c'), // lunate sigma
    ('\u{03F3}', b'j'), // yot
    ('\u{0405}', b's'), // Cyrillic Dze
    ('\u{0406}', b'i'), // Byelorussian-Ukrainian I
    ('\u{0408}', b'j'), // Je
    ('\u{0410}', b'a'), // A
    ('\u{0412}', b'b'), // Ve
    ('\u{0415}', b'e'), // Ie
    ('\u{041A}', b'k'), // Ka
    ('\u{041C}', b'm'), // Em
    ('\u{041D}', b'h'), // En
    ('\u{041E}', b'o'), // O
    ('\u{0420}', b'p'), // Er
    ('\u{0421}', b'c'), // Es
    ('\u{0422}', b't'), // Te
    ('\u{0423}', b'y'), // U
    ('\u{0425}', b'x'), // Ha
    ('\u{042C}', b'b'), // soft sign
    ('\u{0430}', b'a'), // a
    ('\u{0432}', b'b'), // ve
    ('\u{0435}', b'e'), // ie
    ('\u{043A}', b'k'), // ka
    ('\u{043C}', b'm'), // em
    ('\u{043D}', b'h'), // en
    ('\u{043E}', b'o'), // o
    ('\u{043F}', b'n'), // pe
    ('\u{0440}', b'p'), // er
    ('\u{0441}', b'c'), // es
    ('\u{0442}', b't'), // te
    ('\u{0443}', b'y'), // u
    ('\u{0445}', b'x'), // ha
    ('\u{044C}', b'b'), // soft sign
    ('\u{0455}', b's'), // dze
    ('\u{0456}', b'i'), // byelorussian-ukrainian i
    ('\u{0458}', b'j'), // je
    ('\u{0461}', b'w'), // omega
    ('\u{0474}', b'v'), // Izhitsa
    ('\u{0475}', b'v'), // izhitsa
    ('\u{04AE}', b'y'), // Straight U
    ('\u{04AF}', b'y'), // straight u
    ('\u{04BA}', b'h'), // Shha
    ('\u{04BB}', b'h'), // shha
    ('\u{04C0}', b'l'), // Palochka
    ('\u{04CF}', b'l'), // palochka
    ('\u{0500}', b'd'), // Komi De
    ('\u{0501}', b'd'), // komi de
    ('\u{051A}', b'q'), // Qa
    ('\u{051B}', b'q'), // qa
    ('\u{051C}', b'w'), // We
    ('\u{051D}', b'w'), // we
    ('\u{0566}', b'q'), // Armenian za
    ('\u{0570}', b'h'), // ho
    ('\u{0578}', b'n'), // vo
    ('\u{057D}', b'u'), // seh
    ('\u{0581}', b'g'), // co
    ('\u{0585}', b'o'), // oh
    ('\u{1D00}', b'a'), // small capital A
    ('\u{1D04}', b'c'), // small capital C
    ('\u{1D05}', b'd'), // small capital D
    ('\u{1D07}', b'e'), // small capital E
    ('\u{1D0A}', b'j'), // small capital J
    ('\u{1D0B}', b'k'), // small capital K
    ('\u{1D0D}', b'm'), // small capital M
    ('\u{1D0F}', b'o'), // small capital O
    ('\u{1D18}', b'p'), // small capital P
    ('\u{1D1B}', b't'), // small capital T
    ('\u{1D1C}', b'u'), // small capital U
    ('\u{1D20}', b'v'), // small capital V
    ('\u{1D21}', b'w'), // small capital W
    ('\u{1D22}', b'z'), // small capital Z
    ('\u{A731}', b's'), // small capital S
];

/// The Latin letter `c` imitates, if it is in the look-alike table.
pub(super) fn confusable(c: char) -> Option<char> {
    if (c as u32) < 0x131 {
        return None;
    }
    CONFUSABLES
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .map(|i| char::from(CONFUSABLES[i].1))
}

/// The ASCII letter behind a decorated Latin letter or a look-alike: `é` → `e`, `ё` → `e`,
/// `а` → `a`. `None` for everything else (including letters whose canonical decomposition
/// holds more than a base and marks).
pub(super) fn latin_base(c: char) -> Option<char> {
    let mut base = None;
    let mut marks_only = true;
    decompose_canonical(c, |d| match base {
        None => base = Some(d),
        Some(_) => marks_only &= is_attachment(d),
    });
    let base = base?;
    if !marks_only {
        return None;
    }
    if base.is_ascii_alphabetic() {
        Some(base)
    } else {
        confusable(base)
    }
}

#[cfg(test)]
pub(super) fn confusable_table() -> &'static [(char, u8)] {
    CONFUSABLES
}

#[cfg(test)]
pub(super) fn ignorable_table() -> &'static [(u32, u32)] {
    IGNORABLE
}
