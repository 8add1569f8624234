//! Single-thread throughput of the exact-dedup key: dedup normalisation, sha256, and both, over
//! the `text` fields of a JSONL file, each timed in the same process.
//!
//! `cargo run --release -p sdf-filters --example dedup_key_speed -- FILE.jsonl [REPEAT] [--ascii]`

use std::time::Instant;

use sdf_filters::dedup::exact_key;
use sdf_filters::normalize::{NormalizeOptions, Normalized, Normalizer};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: dedup_key_speed FILE.jsonl [REPEAT]");
    let repeat: usize = args.next().map_or(3, |r| r.parse().expect("REPEAT is a number"));
    let raw = std::fs::read_to_string(&path).expect("readable JSONL");
    let texts: Vec<String> = raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["text"].as_str().expect("a text field").to_owned()
        })
        .collect();
    let ascii_only = args.next().is_some_and(|a| a == "--ascii");
    let texts: Vec<String> = texts.into_iter().filter(|t| !ascii_only || t.is_ascii()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} documents, {:.1} MB{}",
        texts.len(),
        bytes as f64 / 1e6,
        if ascii_only { " (ASCII documents only)" } else { "" }
    );

    let normalizer = Normalizer::new(NormalizeOptions::dedup());
    let mut normalized = Normalized::new();
    let mut sink = 0u64;
    let mut time = |name: &str, f: &mut dyn FnMut(&str) -> u64| {
        let mut best = f64::INFINITY;
        for _ in 0..repeat {
            let start = Instant::now();
            for t in &texts {
                sink = sink.wrapping_add(f(t));
            }
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!("{name:<34} {:>8.0} MB/s", bytes as f64 / 1e6 / best);
    };
    time("sha256 of the raw text", &mut |t| u64::from(exact_key(t).0[0]));
    time("normalise (dedup options)", &mut |t| {
        normalizer.normalize_into(t, &mut normalized, false);
        normalized.text().len() as u64
    });
    time("normalise, then sha256", &mut |t| {
        normalizer.normalize_into(t, &mut normalized, false);
        u64::from(exact_key(normalized.text()).0[0])
    });
    println!("(checksum {sink})");
}
