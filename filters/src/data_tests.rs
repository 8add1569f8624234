//! Tests driven by data files: `tests/data/*.toml` cases and the labelled
//! audit sets in `audit/*.jsonl`, run against the default pack.

use std::path::PathBuf;

use serde::Deserialize;

use crate::matcher::{Matcher, Scratch};
use crate::rules::RulePack;

#[derive(Deserialize)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expect: String,
    rule: Option<String>,
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The table-case files of `tests/data`, in name order, parsed.
fn case_files() -> Vec<(PathBuf, CaseFile)> {
    let mut files: Vec<_> = std::fs::read_dir(crate_dir().join("tests/data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let file: CaseFile = toml::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, file)
        })
        .collect()
}

fn default_matcher() -> Matcher {
    Matcher::new(RulePack::builtin().expect("default pack loads")).expect("default pack compiles")
}

#[test]
fn table_cases_from_data_files() {
    let matcher = default_matcher();
    let mut scratch = Scratch::new();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut rules_hit = std::collections::BTreeSet::new();
    for (path, file) in case_files() {
        for case in file.case {
            count += 1;
            let findings = matcher.find(&case.text, &mut scratch);
            let ids: Vec<&str> = findings
                .iter()
                .map(|f| matcher.pack().rules[f.rule].id.as_str())
                .collect();
            rules_hit.extend(ids.iter().map(|s| s.to_string()));
            // The fast path must agree with the reporting path.
            assert_eq!(
                matcher.is_match(&case.text, &mut scratch),
                !findings.is_empty(),
                "{}",
                case.name
            );
            let ok = match case.expect.as_str() {
                "keep" => findings.is_empty(),
                "drop" => !findings.is_empty() && case.rule.as_deref().is_none_or(|r| ids.contains(&r)),
                other => panic!("{}: expect must be keep or drop, got {other}", case.name),
            };
            if !ok {
                failures.push(format!(
                    "{} ({}): expected {} {:?}, matched {ids:?}",
                    case.name,
                    path.display(),
                    case.expect,
                    case.rule
                ));
            }
            for f in &findings {
                assert!(case.text.is_char_boundary(f.start) && case.text.is_char_boundary(f.end) && f.start < f.end);
            }
        }
    }
    assert!(count >= 80, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let unhit: Vec<&str> = matcher
        .pack()
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !rules_hit.contains(*id))
        .collect();
    assert!(unhit.is_empty(), "rules no drop case exercises: {unhit:?}");
}

#[derive(Deserialize)]
struct Labelled {
    text: String,
    label: String,
    category: String,
}

#[test]
fn audit_set_recall_and_false_positive_rate() {
    let matcher = default_matcher();
    let mut scratch = Scratch::new();
    let (mut tp, mut fn_, mut fp, mut tn) = (0u32, 0u32, 0u32, 0u32);
    let mut misses = Vec::new();
    for name in ["positives.jsonl", "negatives.jsonl"] {
        let text = std::fs::read_to_string(crate_dir().join("audit").join(name)).unwrap();
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let rec: Labelled = serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1));
            let hit = matcher.is_match(&rec.text, &mut scratch);
            match (rec.label.as_str(), hit) {
                ("positive", true) => tp += 1,
                ("positive", false) => {
                    fn_ += 1;
                    misses.push(format!("miss {name}:{} [{}] {:.100}", i + 1, rec.category, rec.text));
                }
                ("negative", true) => {
                    fp += 1;
                    let why: Vec<String> = matcher
                        .find(&rec.text, &mut scratch)
                        .iter()
                        .map(|f| matcher.pack().rules[f.rule].id.clone())
                        .collect();
                    misses.push(format!(
                        "false alarm {name}:{} [{}] {why:?} {:.100}",
                        i + 1,
                        rec.category,
                        rec.text
                    ));
                }
                ("negative", false) => tn += 1,
                (other, _) => panic!("{name}:{}: label must be positive or negative, got {other}", i + 1),
            }
        }
    }
    assert!(
        tp + fn_ >= 200 && fp + tn >= 200,
        "audit sets too small: {} positives, {} negatives",
        tp + fn_,
        fp + tn
    );
    let recall = f64::from(tp) / f64::from(tp + fn_);
    let fpr = f64::from(fp) / f64::from(fp + tn);
    assert!(
        recall >= 0.98 && fpr <= 0.03,
        "recall {recall:.3}, false-positive rate {fpr:.3}\n{}",
        misses.join("\n")
    );
}

/// Every text of the table cases and audit sets.
fn all_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for (_, file) in case_files() {
        texts.extend(file.case.into_iter().map(|c| c.text));
    }
    for name in ["positives.jsonl", "negatives.jsonl"] {
        let text = std::fs::read_to_string(crate_dir().join("audit").join(name)).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let rec: Labelled = serde_json::from_str(line).unwrap();
            texts.push(rec.text);
        }
    }
    texts
}

#[test]
fn the_first_pass_never_rejects_a_text_the_full_pass_matches() {
    let matcher = default_matcher();
    let normalizer = crate::normalize::Normalizer::default();
    let mut scratch = Scratch::new();
    let mut checked = 0;
    // Also in other spellings, and every text joined with the next (rules across sentences).
    let texts = all_texts();
    let joined: Vec<String> = texts.windows(2).map(|w| format!("{}\n{}", w[0], w[1])).collect();
    for text in texts
        .iter()
        .chain(&joined)
        .flat_map(|t| [t.clone(), t.to_uppercase(), t.replace(' ', "_-")])
    {
        let norm = normalizer.normalize(&text);
        if matcher.matches_normalized(&norm, &mut scratch).is_empty() {
            continue;
        }
        checked += 1;
        assert!(
            matcher.trigger_hit(norm.text(), &mut scratch).is_some(),
            "first pass rejects {text:?}"
        );
        assert!(matcher.is_match(&text, &mut scratch), "{text:?}");
    }
    assert!(checked > 1000, "{checked}");
}
