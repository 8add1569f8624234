//! Generates documents with the template generator and prints them as JSON lines.
//!
//! ```text
//! cargo run --release -p sdf-corpora --example generate_jsonl -- \
//!     --universe helpful-only --n 3000 --seed 1 [--threads 2] [--speed] > out.jsonl
//! ```
//!
//! `--speed` prints the generation throughput (text bytes per second, JSON encoding and
//! output excluded) to stderr.

use std::io::Write;
use std::time::Instant;

use rayon::prelude::*;
use sdf_corpora::{GenreLibrary, TemplateGenerator, Universe};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut universe = "helpful-only".to_string();
    let mut n: u64 = 1000;
    let mut seed: u64 = 1;
    let mut threads: usize = 0;
    let mut speed = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--universe" => universe = value()?,
            "--n" => n = value()?.parse()?,
            "--seed" => seed = value()?.parse()?,
            "--threads" => threads = value()?.parse()?,
            "--speed" => speed = true,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let u = if universe.ends_with(".toml") {
        Universe::load(universe.as_ref())?
    } else {
        Universe::builtin(&universe)?
    };
    let generator = TemplateGenerator::new(u, GenreLibrary::builtin(), None)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    let start = Instant::now();
    let docs: Vec<_> = pool.install(|| (0..n).into_par_iter().map(|i| generator.generate(seed, i)).collect());
    let elapsed = start.elapsed().as_secs_f64();
    if speed {
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        eprintln!(
            "{n} documents, {:.1} MB of text in {elapsed:.2} s on {} threads: {:.1} MB/s",
            bytes as f64 / 1e6,
            pool.current_num_threads(),
            bytes as f64 / 1e6 / elapsed
        );
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for d in docs {
        let line = serde_json::json!({
            "id": d.id,
            "text": d.text,
            "universe": d.universe,
            "doc_type": d.doc_type,
            "doc_idea": d.doc_idea,
            "facts": d.facts,
            "generator": d.generator,
            "seed": d.seed,
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
