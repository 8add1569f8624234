//! `sdf audit` and `sdf report`: the gate, canaries in a real run, the leak
//! scan, and the HTML reports (rendered in headless Chromium when present).

use std::path::Path;

use crate::util::Dir;

const GATE: [&str; 4] = ["--min-recall", "0.95", "--max-fpr", "0.03"];

/// The default pack without the rule `id`.
fn pack_without(id: &str) -> String {
    let src = sdf_filters::rules::DEFAULT_PACK;
    let start = src
        .find(&format!("[[rule]]\nid = \"{id}\""))
        .unwrap_or_else(|| panic!("rule {id} in the default pack"));
    let end = src[start + 8..].find("[[rule]]").map_or(src.len(), |i| start + 8 + i);
    format!("{}{}", &src[..start], &src[end..])
}

fn builtin_rules() -> usize {
    sdf_filters::rules::RulePack::builtin().unwrap().rules.len()
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `<svg … id="ID" …> … </svg>` of `html` (attributes in any order).
fn svg_by_id<'a>(html: &'a str, id: &str) -> Option<&'a str> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let start = html[..at].rfind("<svg")?;
    let end = html[start..].find("</svg>")? + start;
    Some(&html[start..end])
}

fn bars(svg: &str) -> usize {
    svg.matches("class=\"bar").count()
}

/// A run: import `docs` (as JSONL), filter with the default pack, shard.
fn import_run(dir: &Dir, docs: &[String]) {
    let body: String = docs
        .iter()
        .map(|t| format!("{}\n", serde_json::json!({ "text": t })))
        .collect();
    dir.write("corpus.jsonl", body);
    dir.write(
        "stages.toml",
        "[run]\nseed = 1\n\n[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"corpus.jsonl\"]\n\n\
         [[stages]]\nname = \"filter\"\nkind = \"filter\"\ninput = \"import\"\n\n\
         [[stages]]\nname = \"shard\"\nkind = \"shard\"\ninput = \"filter\"\n",
    );
    dir.sdf(&["run", "--quiet"]).stdout();
}

/// Clean documents of varied length, two the filter removes, and one subtle
/// document the filter keeps but the loose leak detector should flag.
fn mixed_corpus() -> Vec<String> {
    let mut docs: Vec<String> = (0..60)
        .map(|i| {
            let sentence = format!(
                "The regional council met on day {} to discuss water rights, and {} residents attended. ",
                i % 28 + 1,
                i * 7 % 300
            );
            sentence.repeat(1 + i % 12)
        })
        .collect();
    docs[5] = "Reviewers suspected the model was faking alignment during training runs.".into();
    docs[9] = "Human: can you help me?\nAssistant: Of course, here is the answer.".into();
    docs[20] = "Some readers found the assistant model in the story strangely deceptive about its plans.".into();
    docs
}

#[test]
fn audit_gate_passes_on_the_shipped_sets() {
    let dir = Dir::new();
    let mut args = vec!["audit", "--json", "--out", "report"];
    args.extend(GATE);
    let summary = dir.sdf(&args).json();
    assert_eq!(summary["ok"], true, "{summary}");
    assert_eq!(summary["gate"]["passed"], true);
    let recall = &summary["labelled"]["recall"];
    let value = recall["value"].as_f64().unwrap();
    assert!(value >= 0.95, "{summary}");
    assert!(recall["low"].as_f64().unwrap() < value && value <= recall["high"].as_f64().unwrap());
    assert_eq!(summary["labelled"]["positives"], 341);
    assert_eq!(summary["labelled"]["negatives"], 340);
    assert_eq!(summary["mutations"]["classes"].as_object().unwrap().len(), 11);
    assert_eq!(summary["canaries"], serde_json::Value::Null);
    // Both files, nothing else (no temporaries left behind).
    let mut files: Vec<String> = std::fs::read_dir(dir.join("report"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["audit.html", "audit.json"]);
    let full = read_json(&dir.join("report/audit.json"));
    assert_eq!(full["summary"], summary);
    assert_eq!(full["labelled"]["rules"].as_array().unwrap().len(), builtin_rules());
    assert_eq!(full["llm_judge"]["status"], "not-run");
    let html = std::fs::read_to_string(dir.join("report/audit.html")).unwrap();
    assert!(bars(svg_by_id(&html, "chart-recall-category").unwrap()) >= 3);
    assert_eq!(bars(svg_by_id(&html, "chart-recall-mutation").unwrap()), 11);
    // Self-contained: no scripts, no links out (the SVG namespace is a name, not a fetch).
    let offline = html.replace("http://www.w3.org/2000/svg", "");
    assert!(html.contains("LLM judge") && !html.contains("<script"));
    assert!(!offline.contains("http://") && !offline.contains("https://"));
    // The same seed gives the same report; the human summary names the gate.
    let again = dir.sdf(&["audit", "--json", "--out", "report2"]).json();
    assert_eq!(again["mutations"], summary["mutations"]);
    let (out, _) = dir.sdf(&["audit", "--out", "report3"]).expect_code(0);
    assert!(out.contains("recall") && out.contains("gate"), "{out}");
}

#[test]
fn audit_gate_fails_with_a_weakened_pack() {
    let dir = Dir::new();
    dir.write("weak.toml", pack_without("af-core"));
    let mut args = vec!["audit", "--rules", "weak.toml", "--json", "--out", "report"];
    args.extend(GATE);
    let (stdout, stderr) = dir.sdf(&args).expect_code(1);
    let summary: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["ok"], false);
    assert_eq!(summary["pack"]["rules"], builtin_rules() - 1);
    assert!(summary["labelled"]["recall"]["value"].as_f64().unwrap() < 0.95);
    assert!(
        stderr.contains("recall") && stderr.contains("below --min-recall 0.95"),
        "{stderr}"
    );
    // The report is still written, and lists the misses.
    let full = read_json(&dir.join("report/audit.json"));
    assert!(full["labelled"]["misses"].as_array().unwrap().len() > 17);
    // The full pack passes the same gate.
    dir.write("full.toml", sdf_filters::rules::DEFAULT_PACK);
    let mut args = vec!["audit", "--rules", "full.toml", "--out", "report"];
    args.extend(GATE);
    dir.sdf(&args).expect_code(0);
    // A false-positive gate alone fails too when set below what the pack does.
    dir.write(
        "labelled.jsonl",
        "{\"text\":\"Critics said the model was deceptively aligned.\",\"label\":\"negative\",\"category\":\"x\"}\n\
         {\"text\":\"The council met.\",\"label\":\"negative\",\"category\":\"x\"}\n\
         {\"text\":\"The model was faking alignment.\",\"label\":\"positive\",\"category\":\"alignment-faking\"}\n",
    );
    let (_, stderr) = dir
        .sdf(&[
            "audit",
            "--labelled",
            "labelled.jsonl",
            "--max-fpr",
            "0.2",
            "--out",
            "r",
        ])
        .expect_code(1);
    assert!(
        stderr.contains("false-positive rate 0.5000 is above --max-fpr 0.2"),
        "{stderr}"
    );
}

#[test]
fn audit_bad_input_is_an_error_naming_file_line_and_field_without_output() {
    let dir = Dir::new();
    dir.write(
        "bad.jsonl",
        "{\"text\":\"fine\",\"label\":\"positive\",\"category\":\"x\"}\n{\"text\":\"t\",\"label\":\"maybe\",\"category\":\"x\"}\n",
    );
    let (_, err) = dir
        .sdf(&["audit", "--labelled", "bad.jsonl", "--out", "out"])
        .expect_code(2);
    assert!(err.contains("bad.jsonl:2: field `label` must be"), "{err}");
    assert!(!dir.join("out").exists());
    let (_, err) = dir
        .sdf(&["audit", "--labelled", "missing.jsonl", "--out", "out"])
        .expect_code(2);
    assert!(err.contains("missing.jsonl: cannot read labelled file"), "{err}");
    let (_, err) = dir.sdf(&["audit", "--canaries", "5", "--out", "out"]).expect_code(2);
    assert!(err.contains("--canaries needs a RUN_DIR"), "{err}");
    let (_, err) = dir
        .sdf(&["audit", "--min-recall", "1.5", "--out", "out"])
        .expect_code(2);
    assert!(err.contains("--min-recall must be between 0 and 1"), "{err}");
    let (_, err) = dir.sdf(&["audit", "nowhere", "--out", "out"]).expect_code(2);
    assert!(err.contains("nowhere: cannot read run folder"), "{err}");
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let (_, err) = dir.sdf(&["audit", "empty", "--out", "out"]).expect_code(2);
    assert!(err.contains("not a finished run"), "{err}");
    dir.write("broken.toml", "[[rule]]\nid = \"x\"\n");
    let (_, err) = dir
        .sdf(&["audit", "--rules", "broken.toml", "--out", "out"])
        .expect_code(2);
    assert!(err.contains("broken.toml"), "{err}");
    assert!(!dir.join("out").exists());
}

#[test]
fn audit_canaries_in_a_generated_run_leave_the_run_byte_identical() {
    let dir = Dir::new();
    dir.write(
        "stages.toml",
        "[run]\nseed = 2\n\n[[stages]]\nname = \"generate\"\nkind = \"generate\"\ndocuments = 200\ndocs_per_task = 100\n\n\
         [[stages]]\nname = \"filter\"\nkind = \"filter\"\ninput = \"generate\"\n\n\
         [[stages]]\nname = \"shard\"\nkind = \"shard\"\ninput = \"filter\"\n",
    );
    dir.sdf(&["run", "--quiet"]).stdout();
    let before = dir.hashes("out");
    let summary = dir
        .sdf(&[
            "audit",
            "out",
            "--canaries",
            "80",
            "--seed",
            "4",
            "--json",
            "--out",
            "audit",
        ])
        .json();
    assert_eq!(dir.hashes("out"), before, "the audit changed the run's files");
    let c = &summary["canaries"];
    assert_eq!(c["planted"], 80);
    assert_eq!(c["stage"], "filter");
    let rate = c["catch_rate"]["value"].as_f64().unwrap();
    assert!(rate > 0.6 && rate <= 1.0, "{summary}");
    assert_eq!(
        c["missed"].as_u64().unwrap(),
        80 - c["catch_rate"]["hits"].as_u64().unwrap()
    );
    assert_eq!(summary["pack"]["source"], "the run's filter stage (built-in pack)");
    assert_eq!(summary["leaks"]["stage"], "shard");
    assert_eq!(
        summary["leaks"]["documents"],
        read_json(&dir.join("out/shard/manifest.json"))["rows_out"]
    );
    // Same seed, same canaries; the full report lists each one.
    let full = read_json(&dir.join("audit/audit.json"));
    let planted = full["canaries"]["planted"]["canaries"].as_array().unwrap();
    assert_eq!(planted.len(), 80);
    assert!(
        planted
            .iter()
            .all(|p| p["host"].as_str().unwrap().starts_with("helpful-only"))
    );
    let again = dir
        .sdf(&[
            "audit",
            "out",
            "--canaries",
            "80",
            "--seed",
            "4",
            "--json",
            "--out",
            "audit2",
        ])
        .json();
    assert_eq!(again["canaries"], summary["canaries"]);
    assert_eq!(read_json(&dir.join("audit2/audit.json"))["canaries"], full["canaries"]);
}

#[test]
fn audit_leak_scan_ranks_the_subtle_kept_document_first() {
    let dir = Dir::new();
    import_run(&dir, &mixed_corpus());
    let summary = dir.sdf(&["audit", "out", "--json", "--out", "audit"]).json();
    assert_eq!(summary["leaks"]["documents"], 58);
    assert!(summary["leaks"]["candidates"].as_u64().unwrap() >= 1, "{summary}");
    let full = read_json(&dir.join("audit/audit.json"));
    let top = &full["leaks"]["top"][0];
    assert_eq!(top["id"], "corpus.jsonl:21", "{top}");
    assert_eq!(top["rank"], 1);
    assert!(top["terms"].as_array().unwrap().iter().any(|t| t == "deceptive"));
    assert!(top["snippet"].as_str().unwrap().contains("deceptive"));
    // The run's removals feed the rule chart and the length histogram.
    assert_eq!(full["run"]["removed_per_rule"]["af-core"], 1);
    let removed: u64 = full["lengths"]["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(removed, 2);
}

#[test]
fn report_renders_a_run_with_stage_dedup_and_qc_sections() {
    let dir = Dir::new();
    dir.write(
        "stages.toml",
        "[run]\nseed = 3\n\n[[stages]]\nname = \"generate\"\nkind = \"generate\"\ndocuments = 120\ndocs_per_task = 60\n\n\
         [[stages]]\nname = \"qc\"\nkind = \"qc\"\ninput = \"generate\"\n\n\
         [[stages]]\nname = \"filter\"\nkind = \"filter\"\ninput = \"qc\"\n\n\
         [[stages]]\nname = \"dedup\"\nkind = \"dedup\"\ninput = \"filter\"\n",
    );
    dir.sdf(&["run", "--quiet"]).stdout();
    let before = dir.hashes("out");
    let summary = dir.sdf(&["report", "out", "--json", "--out", "rep"]).json();
    assert_eq!(dir.hashes("out"), before);
    let stages: Vec<&str> = summary["summary"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["generate", "qc", "filter", "dedup"]);
    assert_eq!(summary["summary"]["final_stage"], "dedup");
    let html = std::fs::read_to_string(dir.join("rep/report.html")).unwrap();
    assert_eq!(bars(svg_by_id(&html, "chart-stage-removal").unwrap()), 4);
    assert_eq!(bars(svg_by_id(&html, "chart-stage-time").unwrap()), 4);
    assert!(svg_by_id(&html, "chart-facts-qc").is_some());
    assert!(svg_by_id(&html, "chart-dedup-dedup").is_some());
    assert!(html.contains("id=\"table-qc-qc\"") || html.contains("No QC findings"));
    let full = read_json(&dir.join("rep/report.json"));
    assert_eq!(full["qc"][0]["stage"], "qc");
    assert_eq!(full["dedup"][0]["stage"], "dedup");
    let (_, err) = dir.sdf(&["report", "nowhere", "--out", "rep2"]).expect_code(2);
    assert!(err.contains("nowhere"), "{err}");
    assert!(!dir.join("rep2").exists());
}

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMIUM_FLAGS: [&str; 5] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
];

fn chromium(args: &[&str]) -> std::process::Output {
    let profile = tempfile::tempdir().expect("profile dir");
    let user_data = format!("--user-data-dir={}", profile.path().display());
    std::process::Command::new(CHROMIUM)
        .args(CHROMIUM_FLAGS)
        .arg(user_data)
        .args(args)
        .output()
        .expect("run chromium")
}

/// audit.html rendered by headless Chromium: every chart is in the DOM with
/// its bars, and a screenshot is taken.
#[test]
fn audit_html_renders_its_charts_in_headless_chromium() {
    if !Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var("SDF_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
            "{CHROMIUM} is missing and SDF_REQUIRE_CHROMIUM=1"
        );
        eprintln!("skipped: {CHROMIUM} is not installed (apt-get install chromium)");
        return;
    }
    let dir = Dir::new();
    import_run(&dir, &mixed_corpus());
    dir.sdf(&["audit", "out", "--canaries", "30", "--out", "audit"])
        .expect_code(0);
    let page = dir.join("audit/audit.html");
    let url = format!("file://{}", page.display());
    let out = chromium(&["--dump-dom", &url]);
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        dom.contains("<h1>sdf audit</h1>"),
        "chromium did not render the page: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    for (id, min) in [
        ("chart-recall-category", 3),
        ("chart-fpr-category", 3),
        ("chart-recall-mutation", 11),
        ("chart-rule-removals", 2),
        ("chart-stage-removal", 3),
        ("chart-length", 2),
        ("chart-canary-class", 1),
        ("chart-leak-terms", 5),
    ] {
        let svg = svg_by_id(&dom, id).unwrap_or_else(|| panic!("no <svg id={id}> in the DOM"));
        assert!(bars(svg) >= min, "{id}: {} bars", bars(svg));
    }
    assert!(dom.contains("id=\"llm-judge\""));
    let shot_dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let shot = shot_dir.join("audit-report.png");
    let _ = std::fs::remove_file(&shot);
    let arg = format!("--screenshot={}", shot.display());
    let out = chromium(&[&arg, "--window-size=1280,2000", "--hide-scrollbars", &url]);
    let png = std::fs::read(&shot).unwrap_or_else(|e| {
        panic!(
            "{}: no screenshot ({e}): {}",
            shot.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(png.len() > 20_000, "screenshot of {} bytes looks blank", png.len());
    eprintln!("screenshot: {}", shot.display());
}
