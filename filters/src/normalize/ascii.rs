//! The whole-text ASCII path: for options that only fold case and collapse whitespace on
//! ASCII (no HTML, markdown, hyphen joining or dash separators), a text made only of ASCII
//! bytes normalises to its words, lowercased, joined by single spaces. This path produces the
//! same text and line starts as the general engine (tested against it) without looking at
//! characters one by one: 8-byte words of plain bytes and single spaces are lowercased and
//! copied whole; only runs of other whitespace go byte by byte.

use super::NormalizeOptions;

/// Whether texts normalised with `options` may take this path (when they are ASCII and no
/// offsets are asked for).
pub(super) fn applies(options: &NormalizeOptions) -> bool {
    options.collapse_separators
        && !options.html
        && !options.strip_markdown
        && !options.join_hyphenated
        && !options.dash_separators
        && !options.dot_separators
}

/// ASCII whitespace as `char::is_whitespace` sees it: tab, line feed, vertical tab, form
/// feed, carriage return and space.
#[inline(always)]
fn is_space(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(0x09) < 5
}

/// A line break among ASCII whitespace (everything but tab and space).
#[inline(always)]
fn is_break(b: u8) -> bool {
    b.wrapping_sub(0x0A) < 4
}

const ONES: u64 = 0x0101_0101_0101_0101;
const TOPS: u64 = 0x8080_8080_8080_8080;

/// The top bit of every byte of `word` (all bytes ASCII) that lies in `lo..=hi`
/// (`1 <= lo <= hi < 0x80`); no carry crosses bytes since every sum stays below 0x100.
#[inline(always)]
fn in_range(word: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = word.wrapping_add(ONES * u64::from(0x80 - lo));
    let above_hi = word.wrapping_add(ONES * u64::from(0x7F - hi));
    at_least_lo & !above_hi & TOPS
}

/// The top bit of every byte of `word` that is whitespace other than a space after a
/// non-space (`prev` is the byte before the word): the bytes a plain copy would get wrong.
#[inline(always)]
fn irregular(word: u64, prev: u8) -> u64 {
    let spaces = in_range(word, b' ', b' ');
    let after_space = (spaces << 8) | (u64::from(prev == b' ') << 7);
    in_range(word, 0x09, 0x0D) | (spaces & after_space)
}

/// Bytes per block of the vector loop.
const BLOCK: usize = 32;

/// Whether every byte of `block` is ASCII and not irregular whitespace, given `prev`, the
/// bytes one position earlier.
#[inline(always)]
fn block_is_plain(block: &[u8; BLOCK], prev: &[u8; BLOCK]) -> bool {
    let mut stops = 0u8;
    for (&b, &p) in block.iter().zip(prev) {
        stops |= u8::from((b >= 0x80) | (b.wrapping_sub(0x09) < 5) | ((b == b' ') & (p == b' ')));
    }
    stops == 0
}

/// Lowercases the ASCII capitals of `block`.
#[inline(always)]
fn lower_block(block: &mut [u8; BLOCK]) {
    for b in block {
        *b += u8::from(b.wrapping_sub(b'A') < 26) << 5;
    }
}

/// `word` with its ASCII capitals lowercased.
#[inline(always)]
fn lower(word: u64) -> u64 {
    word | (in_range(word, b'A', b'Z') >> 2)
}

/// Normalises `text` into `out` (cleared first) and its line starts into `lines` if it is
/// ASCII; returns false (with `out` and `lines` empty) at its first non-ASCII byte.
pub(super) fn normalize(text: &str, case_fold: bool, out: &mut String, lines: &mut Vec<u32>) -> bool {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut buf = std::mem::take(out).into_bytes();
    lines.clear();
    // The output is never longer than the input: write in place, cut at the end. `j <= i`
    // throughout, so a word written at `j` always fits.
    buf.clear();
    buf.resize(len, 0);
    let mut j = 0;
    let mut i = bytes.iter().position(|&b| !is_space(b)).unwrap_or(len);
    if i < len {
        lines.push(0);
    }
    let fold = |b: u8| if case_fold { b.to_ascii_lowercase() } else { b };
    while i < len {
        // Copy 32-byte blocks of plain bytes and single spaces (lane-wise tests on the block
        // and on the block shifted by one byte, which compile to vector code), then single
        // words until one holds irregular whitespace (or a non-ASCII byte), then up to it.
        while i > 0
            && let (Some(cur), Some(before)) = (bytes.get(i..i + BLOCK), bytes.get(i - 1..i - 1 + BLOCK))
        {
            let mut block = [0u8; BLOCK];
            block.copy_from_slice(cur);
            let mut prev = [0u8; BLOCK];
            prev.copy_from_slice(before);
            if !block_is_plain(&block, &prev) {
                break;
            }
            if case_fold {
                lower_block(&mut block);
            }
            buf[j..j + BLOCK].copy_from_slice(&block);
            i += BLOCK;
            j += BLOCK;
        }
        while let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let word = u64::from_le_bytes(word);
            let prev = if i == 0 { 0 } else { bytes[i - 1] };
            if word & TOPS != 0 {
                return bail(buf, out, lines);
            }
            let stops = irregular(word, prev);
            let lowered = if case_fold { lower(word) } else { word };
            buf[j..j + 8].copy_from_slice(&lowered.to_le_bytes());
            if stops == 0 {
                i += 8;
                j += 8;
            } else {
                let at = stops.trailing_zeros() as usize / 8;
                i += at;
                j += at;
                break;
            }
        }
        // The tail shorter than a word, up to the next irregular byte.
        while i < len && (!is_space(bytes[i]) || (bytes[i] == b' ' && i > 0 && bytes[i - 1] != b' ')) {
            if !bytes[i].is_ascii() {
                return bail(buf, out, lines);
            }
            buf[j] = fold(bytes[i]);
            i += 1;
            j += 1;
        }
        if i >= len {
            break;
        }
        // A whitespace run: the space that began it may already be copied.
        let mut breaks = false;
        while i < len && is_space(bytes[i]) {
            breaks |= is_break(bytes[i]);
            i += 1;
        }
        if i >= len {
            break;
        }
        if buf[j - 1] != b' ' {
            buf[j] = b' ';
            j += 1;
        }
        if breaks {
            lines.push(u32::try_from(j).unwrap_or(u32::MAX));
        }
    }
    if j > 0 && buf[j - 1] == b' ' {
        j -= 1;
    }
    buf.truncate(j);
    *out = String::from_utf8(buf).expect("ASCII in, ASCII out");
    true
}

/// Gives the buffer back empty after a non-ASCII byte.
fn bail(mut buf: Vec<u8>, out: &mut String, lines: &mut Vec<u32>) -> bool {
    buf.clear();
    *out = String::from_utf8(buf).expect("empty");
    lines.clear();
    false
}
