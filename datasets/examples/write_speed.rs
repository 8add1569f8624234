//! Times Parquet writing of the given parts' rows under a few writer settings.
//! `cargo run --release -p sdf-datasets --example write_speed -- PART...`
use std::time::Instant;

use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let mut batches = Vec::new();
    for p in &paths {
        for b in sdf_datasets::part::read_batches(p).unwrap() {
            batches.push(b.unwrap());
        }
    }
    let schema = batches[0].schema();
    let base = || {
        WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).unwrap()))
            .set_max_row_group_row_count(None)
            .set_max_row_group_bytes(Some(128 << 20))
    };
    let variants: Vec<(&str, WriterProperties)> = vec![
        ("default", base().build()),
        ("no dictionary", base().set_dictionary_enabled(false).build()),
        ("page 8 MiB", base().set_data_page_size_limit(8 << 20).build()),
        ("page 256 KiB", base().set_data_page_size_limit(256 << 10).build()),
        (
            "uncompressed",
            base().set_compression(Compression::UNCOMPRESSED).build(),
        ),
    ];
    for (name, props) in variants {
        let t = Instant::now();
        let mut out = Vec::with_capacity(64 << 20);
        let mut w = ArrowWriter::try_new(&mut out, schema.clone(), Some(props)).unwrap();
        for b in &batches {
            w.write(b).unwrap();
        }
        w.close().unwrap();
        println!("{name:16} {:6.2} s {:>10} bytes", t.elapsed().as_secs_f64(), out.len());
    }
}
