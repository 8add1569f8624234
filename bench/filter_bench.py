#!/usr/bin/env python3
"""Filter throughput: `sdf scan` (one thread) against ripgrep and a Python reference.

Tiles ../shared/data/realtext.parquet 16x into JSONL (~260 MB), exports the
default pack's literal phrases, then times in one run:
  * sdf scan --stats -j1          (normalisation + provenance on, every rule kind)
  * rg -c -i -F -f literals.txt   (case-insensitive literal search, no normalisation)
  * Python reference: NFKC + casefold per document, then pyahocorasick over the literals.
Each is run `--repeat` times; the best wall-clock time counts. Prints a table of MB/s and ratios.

Needs: a release build of sdf (cargo build --release), rg, pyarrow, pyahocorasick.
"""
import argparse
import json
import os
import subprocess
import sys
import unicodedata

from common import best, tile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sdf", default=os.path.join(ROOT, "target", "release", "sdf"))
    ap.add_argument("--realtext", default=os.path.join(ROOT, "..", "shared", "data", "realtext.parquet"))
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    corpus = os.path.join(WORK, f"realtext{args.copies}.jsonl")
    tile(args.realtext, args.copies, corpus, lambda r, c: {"id": f"{r['id']}#{c}", "text": r["text"]})
    literals = os.path.join(WORK, "literals.txt")
    with open(literals, "w") as f:
        subprocess.run([args.sdf, "rules", "--literals"], stdout=f, check=True)
    size = os.path.getsize(corpus)
    n_literals = sum(1 for _ in open(literals))

    def run_sdf():
        p = subprocess.run([args.sdf, "scan", "--stats", "--json", "-j1", corpus], capture_output=True, text=True)
        if p.returncode not in (0, 1):
            sys.exit(f"sdf scan failed: {p.stderr}")
        run_sdf.summary = json.loads(p.stdout.strip().splitlines()[-1])["stats"]

    def run_rg():
        p = subprocess.run(["rg", "-c", "-i", "-F", "-f", literals, corpus], capture_output=True)
        if p.returncode not in (0, 1):
            sys.exit(f"rg failed: {p.stderr}")

    import ahocorasick
    auto = ahocorasick.Automaton()
    for i, lit in enumerate(open(literals).read().split("\n")):
        if lit:
            auto.add_word(lit, i)
    auto.make_automaton()

    def run_python():
        hits = 0
        with open(corpus) as f:
            for line in f:
                text = unicodedata.normalize("NFKC", json.loads(line)["text"]).casefold()
                for _ in auto.iter(text):
                    hits += 1
                    break
        run_python.hits = hits

    t_sdf = best(run_sdf, args.repeat)
    t_rg = best(run_rg, args.repeat)
    t_py = best(run_python, 1)
    mb = size / 1e6
    print(f"corpus: {corpus} ({mb:.1f} MB, {run_sdf.summary['documents']} documents); {n_literals} phrase literals")
    print(f"sdf matched {run_sdf.summary['documents_matched']} documents")
    print()
    print("| tool | seconds | MB/s | sdf speed-up |")
    print("|---|---:|---:|---:|")
    for name, t in [("sdf scan --stats -j1", t_sdf), ("rg -c -i -F -f literals.txt", t_rg), ("python NFKC+casefold + pyahocorasick", t_py)]:
        print(f"| {name} | {t:.2f} | {mb / t:.0f} | {t / t_sdf:.2f}x |")


if __name__ == "__main__":
    main()
