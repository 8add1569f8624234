//! Dataset statistics. With the `stats` feature, [`text_stats`] computes them with a
//! lazy Parquet scan (polars): document and character counts, length quantiles,
//! and the distributions of `doc_type`, `universe` and `facts`. Only the columns a
//! statistic needs are read.

use serde::Serialize;

#[cfg(feature = "stats")]
pub use scan::text_stats;

/// Characters per token used for the token estimate (English prose with BPE tokenizers).
pub const CHARS_PER_TOKEN: f64 = 4.0;

/// Quantiles of document length reported, as `(label, q)`.
pub const QUANTILES: &[(&str, f64)] = &[
    ("p01", 0.01),
    ("p10", 0.10),
    ("p25", 0.25),
    ("p50", 0.50),
    ("p75", 0.75),
    ("p90", 0.90),
    ("p99", 0.99),
];

/// Length of documents in characters.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LengthSummary {
    /// Shortest.
    pub min: u64,
    /// Longest.
    pub max: u64,
    /// Mean.
    pub mean: f64,
    /// Quantiles by label (`p50` …), linear interpolation.
    pub quantiles: Vec<(String, f64)>,
}

/// What the scan of a dataset's rows found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TextStats {
    /// Rows.
    pub documents: u64,
    /// Characters of `text`, summed.
    pub characters: u64,
    /// UTF-8 bytes of `text`, summed.
    pub text_bytes: u64,
    /// `characters / CHARS_PER_TOKEN`, rounded.
    pub estimated_tokens: u64,
    /// Document length.
    pub length_chars: LengthSummary,
    /// Documents per `doc_type`, largest first.
    pub doc_types: Vec<(String, u64)>,
    /// Documents per `universe`, largest first.
    pub universes: Vec<(String, u64)>,
    /// Documents per fact id, largest first (a document may state several).
    pub facts: Vec<(String, u64)>,
}

#[cfg(feature = "stats")]
mod scan {
    use std::path::PathBuf;

    use polars::prelude::*;

    use super::{CHARS_PER_TOKEN, LengthSummary, QUANTILES, TextStats};
    use crate::error::{Error, Result};
    use crate::schema::columns;

    fn err(context: &str, e: PolarsError) -> Error {
        Error::format(std::path::Path::new(context), None, e.to_string())
    }

    fn scan(files: &[PathBuf]) -> Result<LazyFrame> {
        let mut paths = Vec::with_capacity(files.len());
        for f in files {
            paths.push(PlRefPath::try_from_path(f).map_err(|e| err(&f.display().to_string(), e))?);
        }
        let args = ScanArgsParquet {
            glob: false,
            ..ScanArgsParquet::default()
        };
        LazyFrame::scan_parquet_files(paths.into(), args).map_err(|e| err("parquet scan", e))
    }

    fn u64_at(df: &DataFrame, name: &str) -> u64 {
        df.column(name)
            .ok()
            .and_then(|c| c.get(0).ok())
            .and_then(|v| v.extract::<u64>())
            .unwrap_or(0)
    }

    fn f64_at(df: &DataFrame, name: &str) -> f64 {
        df.column(name)
            .ok()
            .and_then(|c| c.get(0).ok())
            .and_then(|v| v.extract::<f64>())
            .unwrap_or(0.0)
    }

    /// `(value, count)` of `column` (a string, categorical or list-of-string column), largest first.
    fn counts(lf: LazyFrame, column: &str, list: bool) -> Result<Vec<(String, u64)>> {
        let mut value = col(column);
        if list {
            value = value.explode(ExplodeOptions {
                empty_as_null: false,
                keep_nulls: false,
            });
        }
        let df = lf
            .select([value.cast(DataType::String).alias("value")])
            .group_by([col("value")])
            .agg([len().alias("n")])
            .collect()
            .map_err(|e| err(column, e))?;
        let values = df
            .column("value")
            .map_err(|e| err(column, e))?
            .str()
            .map_err(|e| err(column, e))?;
        let ns = df
            .column("n")
            .map_err(|e| err(column, e))?
            .cast(&DataType::UInt64)
            .map_err(|e| err(column, e))?;
        let ns = ns.u64().map_err(|e| err(column, e))?;
        let mut out: Vec<(String, u64)> = values
            .iter()
            .zip(ns.iter())
            .filter_map(|(v, n)| Some((v?.to_owned(), n.unwrap_or(0))))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(out)
    }

    /// Scan the Parquet `files` (document schema; missing optional columns are skipped).
    pub fn text_stats(files: &[PathBuf]) -> Result<TextStats> {
        if files.is_empty() {
            return Ok(TextStats::default());
        }
        let lf = scan(files)?;
        let schema = lf.clone().collect_schema().map_err(|e| err("parquet scan", e))?;
        if schema.get(columns::TEXT).is_none() {
            return Err(Error::format(&files[0], None, format!("no `{}` column", columns::TEXT)));
        }
        let chars = col(columns::TEXT).str().len_chars().cast(DataType::UInt64);
        let mut aggs = vec![
            len().cast(DataType::UInt64).alias("documents"),
            chars.clone().sum().alias("characters"),
            col(columns::TEXT)
                .str()
                .len_bytes()
                .cast(DataType::UInt64)
                .sum()
                .alias("text_bytes"),
            chars.clone().min().alias("min"),
            chars.clone().max().alias("max"),
            chars.clone().cast(DataType::Float64).mean().alias("mean"),
        ];
        for (label, q) in QUANTILES {
            aggs.push(
                chars
                    .clone()
                    .cast(DataType::Float64)
                    .quantile(lit(*q), QuantileMethod::Linear)
                    .alias(*label),
            );
        }
        let df = lf.clone().select(aggs).collect().map_err(|e| err("text", e))?;
        let documents = u64_at(&df, "documents");
        let characters = u64_at(&df, "characters");
        let mut stats = TextStats {
            documents,
            characters,
            text_bytes: u64_at(&df, "text_bytes"),
            estimated_tokens: (characters as f64 / CHARS_PER_TOKEN).round() as u64,
            length_chars: LengthSummary {
                min: u64_at(&df, "min"),
                max: u64_at(&df, "max"),
                mean: f64_at(&df, "mean"),
                quantiles: QUANTILES
                    .iter()
                    .map(|(label, _)| ((*label).to_owned(), f64_at(&df, label)))
                    .collect(),
            },
            ..TextStats::default()
        };
        if schema.get(columns::DOC_TYPE).is_some() {
            stats.doc_types = counts(lf.clone(), columns::DOC_TYPE, false)?;
        }
        if schema.get(columns::UNIVERSE).is_some() {
            stats.universes = counts(lf.clone(), columns::UNIVERSE, false)?;
        }
        if schema.get(columns::FACTS).is_some() {
            stats.facts = counts(lf, columns::FACTS, true)?;
        }
        Ok(stats)
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::Document;
        use crate::part::{PartWriter, WriteOptions};
        use crate::schema::document_schema;

        #[test]
        fn counts_lengths_and_distributions_match_the_rows() {
            let dir = tempfile::tempdir().unwrap();
            let mut files = Vec::new();
            for part in 0..2 {
                let docs: Vec<Document> = (0..50)
                    .map(|i| Document {
                        id: format!("{part}-{i}"),
                        // 1..=100 characters over both parts, one of them two bytes long.
                        text: format!("é{}", "a".repeat(part * 50 + i)),
                        universe: "u".into(),
                        doc_type: if i % 5 == 0 { "memo".into() } else { "blog post".into() },
                        facts: if i % 2 == 0 {
                            vec!["f1".into(), "f2".into()]
                        } else {
                            vec![]
                        },
                        ..Document::default()
                    })
                    .collect();
                let path = dir.path().join(format!("p{part}.parquet"));
                let mut w = PartWriter::create(&path, document_schema(), &WriteOptions::default()).unwrap();
                w.write_documents(&docs).unwrap();
                w.finish().unwrap();
                files.push(path);
            }
            let s = text_stats(&files).unwrap();
            assert_eq!(s.documents, 100);
            assert_eq!(s.characters, (1..=100).sum::<u64>());
            assert_eq!(s.text_bytes, s.characters + 100);
            assert_eq!(s.estimated_tokens, (5050.0f64 / 4.0).round() as u64);
            assert_eq!((s.length_chars.min, s.length_chars.max), (1, 100));
            assert!((s.length_chars.mean - 50.5).abs() < 1e-9);
            let p50 = s.length_chars.quantiles.iter().find(|q| q.0 == "p50").unwrap().1;
            assert!((p50 - 50.5).abs() < 1e-9, "{p50}");
            assert_eq!(s.doc_types, [("blog post".to_owned(), 80), ("memo".to_owned(), 20)]);
            assert_eq!(s.universes, [("u".to_owned(), 100)]);
            assert_eq!(s.facts, [("f1".to_owned(), 50), ("f2".to_owned(), 50)]);
        }

        #[test]
        fn a_file_that_is_not_parquet_is_an_error() {
            let dir = tempfile::tempdir().unwrap();
            let bad = dir.path().join("bad.parquet");
            std::fs::write(&bad, b"nope").unwrap();
            assert!(text_stats(&[bad]).is_err());
        }
    }
}
