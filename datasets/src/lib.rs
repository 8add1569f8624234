//! Document schema, Parquet parts, checksums and stage manifests for sdf.
//!
//! Every stage of an sdf pipeline reads and writes *datasets*: a folder with
//! Parquet *parts* and a `manifest.json` that records, for each part, its row
//! count, size and sha256. This crate owns all of that I/O:
//!
//! * [`schema`] declares the one Arrow schema of the [`Document`] record;
//! * [`batch`] converts documents to and from Arrow record batches;
//! * [`part`] writes parts atomically (temp name, fsync, rename) with pinned
//!   writer metadata so the same rows always give the same bytes, and reads
//!   them back;
//! * [`checksum`] hashes files;
//! * [`manifest`] is the stage manifest; [`card`] renders a dataset card from one;
//! * [`import`] reads external corpora (JSONL, plain text, Parquet);
//! * [`rng`] is the seeded random stream behind generation and shuffling.
//!
//! # Example: write a part and read it back
//!
//! ```
//! use sdf_datasets::{Document, part::{PartWriter, WriteOptions, read_documents}};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("part-00000.parquet");
//! let doc = Document { id: "a".into(), text: "hello".into(), ..Document::default() };
//! let mut writer = PartWriter::create(&path, sdf_datasets::schema::document_schema(), &WriteOptions::default()).unwrap();
//! writer.write_documents(std::slice::from_ref(&doc)).unwrap();
//! let written = writer.finish().unwrap();
//! assert_eq!(written.rows, 1);
//! assert_eq!(read_documents(&path).unwrap(), vec![doc]);
//! ```
#![deny(missing_docs)]

pub mod batch;
pub mod card;
pub mod checksum;
pub mod dedup_columns;
pub mod document;
pub mod error;
pub mod export;
pub mod import;
pub mod manifest;
pub mod part;
pub mod rejected;
pub mod rng;
pub mod schema;
pub mod stats;

pub use document::Document;
pub use error::Error;

/// The version of sdf that wrote a dataset; part of every fingerprint and manifest.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
