#!/usr/bin/env python3
"""Shard writing: the `shard` stage against pyarrow's write_table with zstd, same data, same run.

Builds an input dataset once (an `import` stage over ../shared/data/realtext.parquet tiled N times),
then times, best of --repeat:
  * sdf:     `sdf run --stage shard --force --jobs J` (read the input parts, seeded shuffle,
             write zstd-3 shards + card + manifest with sha256);
  * pyarrow: read the same input parts, take() the same number of rows in a random order, and
             pq.write_table(..., compression="zstd", compression_level=3) into shards of the
             same row count; also write_table alone (input already in memory).
Throughput is the text bytes of the input per second. Prints a table of MB/s and ratios.

Needs: a release build of sdf (cargo build --release), pyarrow.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

from common import best, tile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work", "shard")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--shard-mb", type=int, default=32)
    ap.add_argument("--sdf", default=os.path.join(ROOT, "target", "release", "sdf"))
    ap.add_argument("--realtext", default=os.path.join(ROOT, "..", "shared", "data", "realtext.parquet"))
    args = ap.parse_args()
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    os.makedirs(WORK, exist_ok=True)
    corpus = os.path.join(WORK, f"realtext{args.copies}.jsonl")
    tile(args.realtext, args.copies, corpus, lambda r, c: {"text": r["text"], "doc_type": "web page"})
    config = os.path.join(WORK, "stages.toml")
    with open(config, "w") as f:
        f.write(
            f'[run]\nout_dir = "out"\nseed = 1\n\n[[stages]]\nname = "import"\nkind = "import"\n'
            f'paths = ["{os.path.basename(corpus)}"]\n\n[[stages]]\nname = "shard"\nkind = "shard"\n'
            f'input = "import"\nshard_bytes = {args.shard_mb * 1024 * 1024}\n'
        )
    subprocess.run([args.sdf, "run", "-q", "-c", config, "--stage", "import"], check=True)
    out = os.path.join(WORK, "out")
    manifest = json.load(open(os.path.join(out, "import", "manifest.json")))
    parts = [os.path.join(out, "import", p["name"]) for p in manifest["parts"] if p["role"] == "output"]
    table = pa.concat_tables(pq.read_table(p) for p in parts)
    text_bytes = pc.sum(pc.binary_length(table.column("text"))).as_py()
    rows = table.num_rows

    def run_sdf():
        subprocess.run(
            [args.sdf, "run", "-q", "-c", config, "--stage", "shard", "--force", "--jobs", str(args.jobs)],
            check=True,
        )

    t_sdf = best(run_sdf, args.repeat)
    shard_manifest = json.load(open(os.path.join(out, "shard", "manifest.json")))
    shards = [p for p in shard_manifest["parts"] if p["role"] == "output"]
    per_shard = -(-rows // len(shards))
    pa_dir = os.path.join(WORK, "pyarrow")

    def write(t):
        shutil.rmtree(pa_dir, ignore_errors=True)
        os.makedirs(pa_dir)
        for i in range(0, t.num_rows, per_shard):
            pq.write_table(
                t.slice(i, per_shard),
                os.path.join(pa_dir, f"train-{i // per_shard:05}.parquet"),
                compression="zstd",
                compression_level=3,
            )

    def run_pyarrow_full():
        import numpy as np

        t = pa.concat_tables(pq.read_table(p) for p in parts)
        order = np.random.default_rng(1).permutation(t.num_rows)
        write(t.take(pa.array(order)))

    t_full = best(run_pyarrow_full, args.repeat)
    t_write = best(lambda: write(table), args.repeat)
    sdf_bytes = sum(p["bytes"] for p in shards)
    pa_bytes = sum(os.path.getsize(os.path.join(pa_dir, f)) for f in os.listdir(pa_dir))
    mb = text_bytes / 1e6
    print(f"{rows} documents, {mb:.0f} MB of text, {len(shards)} shards; sdf --jobs {args.jobs}")
    print(f"{'tool':58} {'seconds':>8} {'MB/s':>7} {'sdf speed-up':>12} {'output MB':>9}")
    for name, t, size in [
        (f"sdf shard stage (read, shuffle, write, sha256, card) -j{args.jobs}", t_sdf, sdf_bytes),
        ("pyarrow read + take(permutation) + write_table zstd-3", t_full, pa_bytes),
        ("pyarrow write_table zstd-3 only (table in memory)", t_write, pa_bytes),
    ]:
        print(f"{name:58} {t:8.2f} {mb / t:7.1f} {t / t_sdf:11.2f}x {size / 1e6:9.1f}")
    ratio = t_full / t_sdf
    if ratio < 1.5:
        print(f"target missed: sdf is {ratio:.2f}x pyarrow (target >= 1.5x)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
