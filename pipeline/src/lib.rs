//! The `sdf` command: stage plan, content-addressed cache and resumable executor.
//!
//! `stages.toml` is parsed into plain config ([`config`]), validated into a
//! [`plan::Plan`], and run by [`executor`], which skips stages whose
//! [`fingerprint`] matches their manifest and resumes interrupted stages task
//! by task. Stage kinds live in [`stages`], one file each; they glue the engine
//! crates (`sdf-filters`, `sdf-corpora`) to the dataset I/O of `sdf-datasets`.
#![deny(missing_docs)]

pub mod audit;
pub mod cache;
pub mod cli;
pub mod config;
pub mod executor;
pub mod export;
pub mod faults;
pub mod fingerprint;
pub mod html;
pub mod plan;
pub mod report;
pub mod scan;
pub mod stages;
pub mod stats;
