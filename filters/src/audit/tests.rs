use super::canary::{check, plant};
use super::eval::{evaluate, merge_spans, outcome};
use super::labelled::{LabelledDoc, parse_labelled, shipped_sets};
use super::leak::LeakDetector;
use super::mutate::{MutationClass, mutate};
use super::rng::Rng;
use super::robustness::evaluate_mutations;
use super::stats::{Rate, Z95, wilson};
use crate::matcher::{Matcher, Scratch};
use crate::normalize::normalize;
use crate::rules::RulePack;

fn matcher() -> Matcher {
    Matcher::new(RulePack::builtin().unwrap()).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 5e-5
}

#[test]
fn audit_wilson_matches_published_values() {
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I.
    for (hits, n, low, high) in [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ] {
        let (l, h) = wilson(hits, n, Z95).unwrap();
        assert!(close(l, low) && close(h, high), "{hits}/{n}: got [{l:.4}, {h:.4}]");
    }
    // Symmetry and the edges.
    let (l, h) = wilson(29, 29, Z95).unwrap();
    assert!(close(l, 0.8830) && h == 1.0, "{l} {h}");
    assert_eq!(wilson(0, 0, Z95), None);
    let r = Rate::new(3, 4);
    assert_eq!(r.value, Some(0.75));
    assert!(r.low.unwrap() < 0.75 && r.high.unwrap() > 0.75);
    assert_eq!(Rate::new(0, 0).display(), "n/a");
    assert_eq!(Rate::new(1, 2).display(), "50.0 % [9.5, 90.5]");
}

#[test]
fn audit_rng_is_deterministic_and_spread() {
    let a: Vec<u64> = (0..5).map(|_| Rng::new(7).next_u64()).collect();
    assert!(a.windows(2).all(|w| w[0] == w[1]));
    let mut r = Rng::derive(1, &[2, 3]);
    let mut s = Rng::derive(1, &[3, 2]);
    assert_ne!(r.next_u64(), s.next_u64());
    let mut counts = [0u32; 4];
    let mut g = Rng::new(42);
    for _ in 0..4000 {
        counts[g.below(4)] += 1;
    }
    assert!(counts.iter().all(|&c| (900..1100).contains(&c)), "{counts:?}");
}

#[test]
fn audit_labelled_errors_name_file_line_and_field() {
    let ok = parse_labelled(
        "{\"text\":\"a\",\"label\":\"positive\",\"category\":\"x\"}\n\n",
        "f.jsonl",
    )
    .unwrap();
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].line, 1);
    for (src, want) in [
        (
            "{\"text\":\"a\",\"label\":\"maybe\",\"category\":\"x\"}",
            "f.jsonl:2: field `label` must be",
        ),
        (
            "{\"label\":\"positive\",\"category\":\"x\"}",
            "f.jsonl:2: missing field `text`",
        ),
        (
            "{\"text\":\"a\",\"label\":\"positive\",\"category\":3}",
            "f.jsonl:2: field `category` must be a string",
        ),
        (
            "{\"text\":\" \",\"label\":\"positive\",\"category\":\"x\"}",
            "f.jsonl:2: field `text` is empty",
        ),
        ("not json", "f.jsonl:2: invalid JSON"),
        ("[1]", "f.jsonl:2: expected a JSON object"),
    ] {
        let src = format!("{{\"text\":\"a\",\"label\":\"negative\",\"category\":\"x\"}}\n{src}\n");
        let err = parse_labelled(&src, "f.jsonl").unwrap_err().to_string();
        assert!(err.starts_with(want), "{err}");
    }
}

fn doc(text: &str, positive: bool, category: &str) -> LabelledDoc {
    LabelledDoc {
        file: "t.jsonl".into(),
        line: 1,
        text: text.into(),
        positive,
        category: category.into(),
    }
}

#[test]
fn audit_evaluation_counts_by_category_and_rule() {
    let docs = vec![
        doc(
            "The model was faking alignment during training.",
            true,
            "alignment-faking",
        ),
        doc("A quiet afternoon at the allotment.", true, "alignment-faking"),
        doc(
            "Human: hi\nAssistant: hello\nHuman: bye\nAssistant: bye",
            true,
            "chat-transcript",
        ),
        doc("The council approved the budget.", false, "general"),
        doc(
            "Critics said the lab's model was deceptively aligned.",
            false,
            "lookalike",
        ),
    ];
    let e = evaluate(&matcher(), &docs);
    assert_eq!(
        (e.true_positives, e.false_negatives, e.false_positives, e.true_negatives),
        (2, 1, 1, 1)
    );
    assert_eq!(e.recall.value, Some(2.0 / 3.0));
    assert_eq!(e.precision.value, Some(2.0 / 3.0));
    assert_eq!(e.false_positive_rate.value, Some(0.5));
    assert_eq!(e.misses.len(), 1);
    assert!(e.misses[0].snippet.starts_with("A quiet afternoon"));
    assert!(e.false_alarms[0].rules.contains(&"af-deceptive-alignment".to_string()));
    let af = e.categories.iter().find(|c| c.category == "alignment-faking").unwrap();
    assert_eq!(
        (af.label, af.documents, af.flagged, af.by_own_category),
        ("positive", 2, 1, Some(1))
    );
    let lookalike = e.categories.iter().find(|c| c.category == "lookalike").unwrap();
    assert_eq!((lookalike.label, lookalike.flagged), ("negative", 1));
    let core = e.rules.iter().find(|r| r.rule == "af-core").unwrap();
    assert_eq!(
        (core.true_positives, core.false_positives, core.unique_true_positives),
        (1, 0, 1)
    );
    assert_eq!(e.rules.len(), matcher().pack().rules.len());
}

#[test]
fn audit_shipped_sets_evaluate_like_the_data_test() {
    let docs = shipped_sets();
    let e = evaluate(&matcher(), &docs);
    assert_eq!(e.positives + e.negatives, docs.len() as u64);
    assert!(e.recall.value.unwrap() >= 0.98 && e.false_positive_rate.value.unwrap() <= 0.03);
    assert!(e.recall.low.unwrap() <= e.recall.value.unwrap() && e.recall.value.unwrap() <= e.recall.high.unwrap());
}

#[test]
fn audit_mutations_are_deterministic_and_disguise_only_the_spans() {
    let text = "Intro sentence here. The model kept faking its behaviour alignment while optimising. Outro.";
    let start = text.find("faking").unwrap();
    let span = start..start + "faking its behaviour alignment while optimising".len();
    let spans = std::slice::from_ref(&span);
    for class in MutationClass::ALL {
        let a = mutate(class, text, spans, &mut Rng::derive(9, &[1]));
        let b = mutate(class, text, spans, &mut Rng::derive(9, &[1]));
        assert_eq!(a, b, "{class:?}");
        let a = a.unwrap_or_else(|| panic!("{class:?} did not apply"));
        assert_ne!(a, text, "{class:?}");
        assert!(a.starts_with("Intro sentence here. The model kept "), "{class:?}: {a}");
        assert!(a.ends_with(". Outro."), "{class:?}: {a}");
        // Another seed gives (at least sometimes) another variant.
        let others: std::collections::BTreeSet<String> = (0..8)
            .filter_map(|s| mutate(class, text, spans, &mut Rng::derive(s, &[1])))
            .collect();
        if class != MutationClass::Spelling {
            assert!(others.len() > 1, "{class:?} ignores the seed");
        }
    }
    // Classes that only change the surface normalise back to the original.
    for class in [
        MutationClass::Case,
        MutationClass::Homoglyph,
        MutationClass::ZeroWidth,
        MutationClass::SoftHyphen,
        MutationClass::LineBreakHyphen,
    ] {
        for seed in 0..10 {
            let v = mutate(class, text, spans, &mut Rng::derive(seed, &[2])).unwrap();
            assert_eq!(normalize(&v).text(), normalize(text).text(), "{class:?}: {v}");
        }
    }
    let s = mutate(MutationClass::Spelling, text, spans, &mut Rng::new(1)).unwrap();
    assert!(s.contains("behavior") && s.contains("optimizing"), "{s}");
    // A class that finds nothing to change says so.
    assert_eq!(
        mutate(
            MutationClass::Spelling,
            "plain words",
            std::slice::from_ref(&(0..5)),
            &mut Rng::new(1)
        ),
        None
    );
    assert_eq!(MutationClass::from_name("zero-width"), Some(MutationClass::ZeroWidth));
}

#[test]
fn audit_mutation_recall_is_reported_per_class_and_reproducible() {
    let m = matcher();
    let docs: Vec<LabelledDoc> = shipped_sets().into_iter().filter(|d| d.positive).take(40).collect();
    let mut scratch = Scratch::new();
    let outcomes: Vec<_> = docs.iter().map(|d| outcome(&m, &d.text, &mut scratch)).collect();
    let a = evaluate_mutations(&m, &docs, &outcomes, 5, 2);
    let b = evaluate_mutations(&m, &docs, &outcomes, 5, 2);
    assert_eq!(a, b);
    assert_eq!(a.classes.len(), MutationClass::ALL.len());
    let case = &a.classes[0];
    assert_eq!(case.class, MutationClass::Case);
    assert_eq!(case.variants, 2 * a.base_positives);
    // The normaliser undoes case changes completely.
    assert_eq!(case.recall.hits, case.recall.n);
    assert!(a.overall.n > 0);
}

#[test]
fn audit_canaries_are_planted_deterministically_and_caught() {
    let m = matcher();
    let hosts: Vec<(String, String)> = (0..5)
        .map(|i| {
            (
                format!("h{i}"),
                format!("Paragraph one of host {i}. Paragraph two.\nA third line here."),
            )
        })
        .collect();
    let sets = shipped_sets();
    let passages: Vec<&LabelledDoc> = sets.iter().filter(|d| d.positive).collect();
    let a = plant(&m, &hosts, &passages, 60, 3);
    assert_eq!(a, plant(&m, &hosts, &passages, 60, 3));
    assert_ne!(a, plant(&m, &hosts, &passages, 60, 4));
    for c in &a {
        assert!(c.text.contains(&c.passage));
        assert!(c.text.len() > c.passage.len());
    }
    assert!(a.iter().any(|c| c.mutation.is_none()) && a.iter().any(|c| c.mutation.is_some()));
    let report = check(&m, &a, 3);
    assert_eq!(report.planted, 60);
    assert!(report.catch_rate.value.unwrap() >= 0.8, "{report:?}");
    assert_eq!(report.catch_rate.n - report.catch_rate.hits, report.missed.len() as u64);
    // An empty pack catches nothing.
    let empty = Matcher::new(RulePack::from_toml_str("[pack]\nname = \"empty\"\n", "empty.toml").unwrap()).unwrap();
    assert_eq!(check(&empty, &a, 3).catch_rate.hits, 0);
}

#[test]
fn audit_leak_detector_needs_ai_context_and_ranks_stronger_hits_first() {
    let d = LeakDetector::default();
    assert!(
        d.scan("The villain's scheming in act two was deceptive and delightful.")
            .is_none()
    );
    assert!(d.scan("A plain report on rainfall with no model in it.").is_none());
    let weak = d.scan("The model was trained to comply with every request.").unwrap();
    assert_eq!(weak.terms, vec!["comply".to_string()]);
    let text = "Some worried the AI model could be deceptive, scheming when unmonitored.";
    let strong = d.scan(text).unwrap();
    assert!(strong.score > weak.score);
    assert_eq!(&text[strong.start..strong.end], "deceptive");
    assert!(strong.terms.contains(&"unmonitored".to_string()));
    assert!(strong.snippet.contains("deceptive"));
    // Disguised spelling still counts, and spans point into the original.
    let disguised = "The аssistant model was de\u{AD}ceptive.";
    let hit = d.scan(disguised).unwrap();
    assert_eq!(&disguised[hit.start..hit.end], "de\u{AD}ceptive");
}

#[test]
fn audit_merge_spans_merges_overlaps() {
    assert_eq!(merge_spans(vec![5..9, 0..3, 2..4, 9..10]), vec![0..4, 5..10]);
}

#[test]
fn audit_inflections_are_real_word_forms() {
    let text = "alignment faking because the model complied and pretends";
    let span = 0..text.len();
    let spans = std::slice::from_ref(&span);
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..40 {
        let v = mutate(MutationClass::Inflection, text, spans, &mut Rng::new(seed)).unwrap();
        for w in v.split(' ') {
            seen.insert(w.to_owned());
        }
    }
    for bad in ["becauses", "alignmenting", "alignmented", "thated"] {
        assert!(!seen.contains(bad), "{seen:?}");
    }
    assert!(seen.contains("faked") && seen.contains("alignments"), "{seen:?}");
}

#[test]
fn audit_html_mutation_leaves_existing_entities_alone() {
    let text = "engage in &#97;lignment&nbsp;faking today";
    let span = 10..text.len() - 6;
    let spans = std::slice::from_ref(&span);
    for seed in 0..20 {
        let v = mutate(MutationClass::Html, text, spans, &mut Rng::new(seed)).unwrap();
        assert!(!v.contains("&#<") && !v.contains("&n&") && !v.contains("<em>97"), "{v}");
    }
}
