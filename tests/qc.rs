//! The qc stage: placeholders, synthetic tells and short documents are dropped and reported.

use crate::util::Dir;

fn long(prefix: &str) -> String {
    let body = "The regional water board met again on Tuesday to weigh the new allocation plan, and residents \
                from both valleys lined up to speak about wells, orchards and the cost of pumping. ";
    format!("{prefix} {}", body.repeat(4))
}

#[test]
fn qc_drops_placeholders_tells_and_short_documents_and_reports() {
    let dir = Dir::new();
    let docs = [
        long("Dear [Name], thank you for writing."),
        long("As an AI language model, I cannot attend."),
        "Too short to be a document.".to_string(),
        long("A perfectly ordinary report."),
    ];
    let body: String = docs
        .iter()
        .map(|t| format!("{}\n", serde_json::json!({ "text": t })))
        .collect();
    dir.write("corpus.jsonl", body);
    dir.write(
        "stages.toml",
        "[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"corpus.jsonl\"]\n\n[[stages]]\nname = \"qc\"\nkind = \"qc\"\ninput = \"import\"\n",
    );
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    assert_eq!(summary["stages"][1]["rows_out"], 1);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/qc/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["stats"]["dropped"], 3);
    assert_eq!(manifest["stats"]["report"]["documents"], 4, "{}", manifest["stats"]);
    let file = std::fs::File::open(dir.join("out/qc/rejected-00000.parquet")).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let batch = reader.into_iter().next().unwrap().unwrap();
    use arrow_array::Array;
    let ids = batch
        .column_by_name("rule_ids")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::ListArray>()
        .unwrap();
    let checks: Vec<String> = (0..batch.num_rows())
        .map(|r| {
            let l = ids.value(r);
            let l = l.as_any().downcast_ref::<arrow_array::StringArray>().unwrap();
            (0..l.len())
                .map(|i| l.value(i).to_owned())
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    assert!(checks[0].contains("placeholder"), "{checks:?}");
    assert!(checks[1].contains("synthetic-tell"), "{checks:?}");
    assert!(checks[2].contains("too-short"), "{checks:?}");
}

#[test]
fn generated_documents_pass_qc() {
    let dir = Dir::new();
    dir.write(
        "stages.toml",
        "[[stages]]\nname = \"generate\"\nkind = \"generate\"\ndocuments = 500\n\n[[stages]]\nname = \"qc\"\nkind = \"qc\"\ninput = \"generate\"\ndrop_no_fact = true\n",
    );
    let summary = dir.sdf(&["run", "--json", "--quiet"]).json();
    assert_eq!(summary["stages"][1]["rows_out"], 500, "{summary}");
}
