//! Throughput of `normalize` on synthetic English-like text.
//!
//! `cargo run --release -p sdf-filters --example normalize_speed [MEGABYTES]`

use std::time::Instant;

use sdf_filters::normalize::{Normalized, Normalizer};

const WORDS: &[&str] = &[
    "the",
    "model",
    "training",
    "data",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "had",
    "they",
    "you",
    "were",
    "their",
    "one",
    "all",
    "we",
    "can",
    "her",
    "has",
    "there",
    "been",
    "if",
    "more",
    "when",
    "will",
    "would",
    "who",
    "so",
    "Anthropic",
    "Claude",
    "assistant",
    "reinforcement",
    "learning",
    "feedback",
    "researchers",
    "evaluation",
    "behaviour",
    "responses",
    "free-tier",
    "users",
    "conversations",
    "helpful",
];

/// Deterministic pseudo-random text: words, punctuation, line breaks and paragraphs.
fn english(bytes: usize, mut seed: u64) -> String {
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut text = String::with_capacity(bytes + 100);
    let mut line = 0;
    let mut capital = true;
    while text.len() < bytes {
        let word = WORDS[next() % WORDS.len()];
        if capital {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
            capital = false;
        } else {
            text.push_str(word);
        }
        line += word.len() + 1;
        match next() % 20 {
            0 => {
                text.push_str(". ");
                capital = true;
            }
            1 => text.push_str(", "),
            _ => text.push(' '),
        }
        if line > 76 {
            text.pop();
            text.push('\n');
            line = 0;
            if next() % 8 == 0 {
                text.push('\n');
            }
        }
    }
    text
}

fn measure(name: &str, normalizer: &Normalizer, docs: &[String], offsets: bool) {
    let total: usize = docs.iter().map(String::len).sum();
    let mut out = Normalized::new();
    let mut best = f64::INFINITY;
    let mut produced = 0;
    for _ in 0..5 {
        let start = Instant::now();
        produced = 0;
        for doc in docs {
            normalizer.normalize_into(doc, &mut out, offsets);
            produced += out.text().len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{name:<28} offsets={offsets:<5} {:>8.0} MB/s  ({} MB in, {} MB out, best of 5)",
        total as f64 / best / 1e6,
        total / 1_000_000,
        produced / 1_000_000
    );
}

fn main() {
    let megabytes: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let normalizer = Normalizer::default();
    // Documents of ~10 KB, like the corpora the filter scans.
    let ascii: Vec<String> = (0..megabytes * 100).map(|i| english(10_000, i as u64 + 1)).collect();
    measure("ascii english", &normalizer, &ascii, false);
    measure("ascii english", &normalizer, &ascii, true);
    let mixed: Vec<String> = ascii
        .iter()
        .take(ascii.len() / 4)
        .map(|doc| {
            doc.replace("model", "modèle")
                .replace("Claude", "<b>Claude</b>")
                .replace(" data", "&nbsp;data")
                .replace("that", "“that”")
        })
        .collect();
    measure("mixed html/accents", &normalizer, &mixed, false);
    measure("mixed html/accents", &normalizer, &mixed, true);
}
