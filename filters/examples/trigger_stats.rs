//! Which trigger literals send documents to the full pass?
//! `cargo run --release -p sdf-filters --example trigger_stats -- docs.jsonl`
use std::collections::BTreeMap;
use std::io::BufRead;

use sdf_filters::matcher::Matcher;
use sdf_filters::rules::RulePack;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: trigger_stats FILE.jsonl")?;
    let matcher = Matcher::new(RulePack::builtin()?)?;
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut docs = 0u64;
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let text = v["text"].as_str().unwrap_or_default();
        docs += 1;
        if let Some(t) = matcher.first_trigger(text) {
            *counts.entry(t).or_default() += 1;
        }
    }
    let mut sorted: Vec<_> = counts.into_iter().collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.1));
    let triggered: u64 = sorted.iter().map(|s| s.1).sum();
    println!("{triggered} of {docs} documents triggered");
    for (t, n) in sorted.iter().take(25) {
        println!("{n:>6}  {t}");
    }
    Ok(())
}
