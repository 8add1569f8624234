//! Developer probe: expands single rules many times and prints how well zstd compresses them.
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use sdf_corpora::{GenreLibrary, TemplateGenerator, Universe};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rules: Vec<String> = std::env::args().skip(1).collect();
    let u = Universe::builtin("helpful-only")?;
    for rule in rules {
        let src = format!("@genre probe\n@words 2000-2000\n== doc\n{{fact}}\\n\\n{{{rule}*}}\n== idea\nx\n");
        let lib = GenreLibrary::builtin().with_source(&src, "probe.grammar")?;
        let mut w = BTreeMap::new();
        w.insert("probe".to_string(), 1.0);
        let g = TemplateGenerator::new(u.clone(), lib, Some(w))?;
        let mut text = String::new();
        let n: u64 = std::env::var("PROBE_DOCS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(150);
        for i in 0..n {
            text.push_str(&g.generate(1, i).text);
            text.push_str("\n\n");
        }
        let mut child = Command::new("zstd")
            .args(["-19", "--long=27", "-c", "-q"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let mut stdin = child.stdin.take().ok_or("no stdin")?;
        let bytes = text.clone().into_bytes();
        let h = std::thread::spawn(move || stdin.write_all(&bytes));
        let out = child.wait_with_output()?;
        let _ = h.join();
        println!(
            "{:7.2} {:>9} {rule}",
            text.len() as f64 / out.stdout.len() as f64,
            text.len()
        );
    }
    Ok(())
}
