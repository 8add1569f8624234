//! End-to-end tests of the `sdf` command: one binary, modules by area.

mod util;

mod audit;
mod config_errors;
mod dedup;
mod filter;
mod generate;
mod qc;
mod shard;
mod spine;
