#!/usr/bin/env python3
"""Throughput and memory of the `dedup` stage of sdf.

Builds a corpus of N synthetic documents (default 1,000,000) by recombining the real documents of
`../shared/data/realtext.parquet`, plants a known number of exact and near duplicates, imports it
once with sdf, then times two dedup stages over the same import under `/usr/bin/time -v`:

- `dedup_exact`: `near = false` — the exact path only (normalise + sha256 + reduce + write parts);
- `dedup`: the defaults (exact and MinHash-LSH near duplicates, verified by true Jaccard).

and prints a markdown table (counts found vs planted, seconds, GB/s, docs/s, peak RSS, the
engine's memory estimate). With `target/release/examples/dedup_key_speed` built, it also times
the exact key alone on one thread over the corpus texts in memory (sha256 of the raw text, the
dedup normalisation, and both), the "hashing per core" figure; the stage figures include Parquet
decoding and zstd encoding of the output.

    python3 bench/dedup_bench.py                  # --docs 1000000 --seed 1 --jobs 0 (= all cores)

Corpus construction (deterministic in --seed):

- every *base* document is 2-3 runs of consecutive sentences, each run from a different random
  source document, ~1 KB in total; bases are unique after normalisation (checked, re-drawn on a
  collision). One-run documents are not used: with ~200k source sentences, one-run documents
  drawn a million times overlap each other often enough to create thousands of accidental near
  duplicates, which would blur the planted counts.
- an *exact* duplicate (`--exact-rate`, 5 %) is a later copy of an earlier base: identical, upper
  cased, or with whitespace changed (doubled spaces, tabs, extra blank lines) — all equal after
  NFKC + case folding + whitespace collapsing;
- a *near* duplicate (`--near-rate`, 5 %) is a later copy of an earlier base with ~5 % of its words
  replaced in one contiguous span. Its true Jaccard similarity to the base (5-word shingles of
  the normalised text, as sdf computes it) is recorded, so the expected count at the stage's
  threshold (0.8) is known exactly.

After the runs, every rejected row (`rejected-*.parquet`, id `corpus.jsonl:LINE`) is matched
against the planted labels, so "found" is split into planted / not planted.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
SDF = ROOT / "target" / "release" / "sdf"
KEY_SPEED = ROOT / "target" / "release" / "examples" / "dedup_key_speed"
SOURCE = ROOT.parent / "shared" / "data" / "realtext.parquet"
TIME = "/usr/bin/time"

# Labels of corpus lines.
BASE, EXACT, NEAR_HI, NEAR_LO = 0, 1, 2, 3
LABEL_NAMES = {BASE: "base", EXACT: "exact", NEAR_HI: "near (J>=thr)", NEAR_LO: "near (J<thr)"}

SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=\S)")


def norm(text: str) -> str:
    """The dedup normalisation as far as it matters here: NFKC, case folding, whitespace."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def shingles(text: str, n: int) -> set:
    words = norm(text).split()
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def jaccard(a: str, b: str, n: int) -> float:
    sa, sb = shingles(a, n), shingles(b, n)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


class Corpus:
    """Sentences of the source documents and the deterministic document recipes."""

    def __init__(self, seed: int):
        texts = pq.read_table(SOURCE, columns=["text"]).column("text").to_pylist()
        self.docs: list[list[str]] = []
        for t in texts:
            sents = []
            for line in t.split("\n"):
                line = line.strip()
                if not line:
                    continue
                if len(line) > 300:  # long lines (prose sources) are cut into sentences
                    sents.extend(s for s in SENT_SPLIT.split(line) if s.strip())
                else:
                    sents.append(line)
            if sents:
                self.docs.append(sents)
        self.seed = seed
        # prefix[i]: characters (with separators) of the sentences before i.
        self.prefix = []
        for sents in self.docs:
            p = [0]
            for x in sents:
                p.append(p[-1] + len(x) + 1)
            self.prefix.append(p)
        words = set()
        for sents in self.docs[::7]:
            for s in sents:
                words.update(w for w in s.split() if w.isalpha() and 3 <= len(w) <= 10)
        self.vocab = sorted(words)

    def base(self, index: int, attempt: int = 0) -> str:
        rng = random.Random((self.seed << 40) ^ (index << 4) ^ attempt)
        target = rng.randint(600, 1400)
        runs = rng.choice((2, 2, 3))
        want = target // runs
        parts, used = [], set()
        while len(parts) < runs:
            src = rng.randrange(len(self.docs))
            prefix = self.prefix[src]
            # Starts from which the run reaches `want` characters, so the runs of a document
            # are of about equal size (a document dominated by one short source run would be
            # an accidental near duplicate of every other document drawing that run).
            starts = bisect.bisect_right(prefix, prefix[-1] - want)
            if src in used or starts < 1:
                continue
            used.add(src)
            start = rng.randrange(starts)
            end = bisect.bisect_left(prefix, prefix[start] + want)
            parts.append("\n".join(self.docs[src][start:end]))
        return "\n\n".join(parts)

    @staticmethod
    def exact_variant(text: str, rng: random.Random) -> tuple[str, str]:
        kind = rng.choices(("identical", "upper", "whitespace"), (5, 2, 3))[0]
        if kind == "upper":
            v = text.upper()
        elif kind == "whitespace":
            v = text.replace(" ", "  ").replace("\n", "\n \t\n")
        else:
            return text, kind
        if norm(v) != norm(text):
            return text, "identical"
        return v, kind

    def near_variant(self, text: str, rng: random.Random, change: float) -> str:
        words = text.split(" ")
        k = max(1, round(change * len(words)))
        start = rng.randrange(0, max(1, len(words) - k))
        for i in range(start, min(len(words), start + k)):
            new = rng.choice(self.vocab)
            while new == words[i]:
                new = rng.choice(self.vocab)
            words[i] = new
        return " ".join(words)


def build(args, work: Path) -> dict:
    """Writes corpus.jsonl and labels.npy; returns the corpus meta (cached in meta.json)."""
    meta_path = work / "meta.json"
    key = {"docs": args.docs, "seed": args.seed, "exact_rate": args.exact_rate,
           "near_rate": args.near_rate, "near_change": args.near_change, "ngram": args.ngram,
           "threshold": args.threshold, "version": 4}
    if meta_path.exists() and (work / "corpus.jsonl").exists() and (work / "jaccard.npy").exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("key") == key:
            print(f"reusing corpus {work / 'corpus.jsonl'}", file=sys.stderr)
            return meta
    t0 = time.time()
    corpus = Corpus(args.seed)
    rng = random.Random(args.seed)
    labels = np.zeros(args.docs, dtype=np.uint8)
    jac = np.zeros(args.docs, dtype=np.float32)  # near variants: true Jaccard to their base
    bases: list[tuple[int, int]] = []  # (base index, attempt) in output order
    seen: set[bytes] = set()
    counts = {"base": 0, "exact": 0, "near": 0, "near_hi": 0, "near_lo": 0}
    exact_kinds = {"identical": 0, "upper": 0, "whitespace": 0}
    sims = []
    text_bytes = 0
    tmp = work / "corpus.jsonl.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for line in range(args.docs):
            r = rng.random()
            if bases and line >= 1000 and r < args.exact_rate:
                b, a = bases[rng.randrange(len(bases))]
                text, kind = corpus.exact_variant(corpus.base(b, a), rng)
                exact_kinds[kind] += 1
                labels[line] = EXACT
                counts["exact"] += 1
            elif bases and line >= 1000 and r < args.exact_rate + args.near_rate:
                b, a = bases[rng.randrange(len(bases))]
                orig = corpus.base(b, a)
                text = corpus.near_variant(orig, rng, args.near_change)
                j = jaccard(orig, text, args.ngram)
                sims.append(j)
                jac[line] = j
                hi = j >= args.threshold
                labels[line] = NEAR_HI if hi else NEAR_LO
                counts["near"] += 1
                counts["near_hi" if hi else "near_lo"] += 1
                # A near variant must not collide with a base (it would be an exact dup).
                seen.add(hashlib.blake2b(norm(text).encode(), digest_size=16).digest())
            else:
                idx = counts["base"]
                attempt = 0
                while True:
                    text = corpus.base(idx, attempt)
                    h = hashlib.blake2b(norm(text).encode(), digest_size=16).digest()
                    if h not in seen:
                        break
                    attempt += 1
                seen.add(h)
                bases.append((idx, attempt))
                counts["base"] += 1
            text_bytes += len(text.encode("utf-8"))
            f.write(json.dumps({"text": text}, ensure_ascii=False))
            f.write("\n")
            if (line + 1) % 100_000 == 0:
                print(f"  generated {line + 1:,} docs ({time.time() - t0:.0f} s)", file=sys.stderr)
    os.replace(tmp, work / "corpus.jsonl")
    np.save(work / "labels.npy", labels)
    np.save(work / "jaccard.npy", jac)
    sims_a = np.array(sims) if sims else np.zeros(1)
    meta = {
        "key": key,
        "docs": args.docs,
        "counts": counts,
        "exact_kinds": exact_kinds,
        "near_jaccard": {"min": float(sims_a.min()), "median": float(np.median(sims_a)),
                         "max": float(sims_a.max())},
        "text_bytes": text_bytes,
        "jsonl_bytes": (work / "corpus.jsonl").stat().st_size,
        "build_seconds": round(time.time() - t0, 1),
    }
    meta_path.write_text(json.dumps(meta, indent=2))
    return meta


STAGES_TOML = """\
[run]
out_dir = "out"
seed = 1

[[stages]]
name = "import"
kind = "import"
paths = ["corpus.jsonl"]
task_bytes = {task_bytes}

[[stages]]
name = "dedup_exact"
kind = "dedup"
input = "import"
near = false

[[stages]]
name = "dedup"
kind = "dedup"
input = "import"
"""


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """The stage's banding: sdf's `optimal_lsh_params` (equal FP/FN weights, Simpson, 1000)."""

    def p(s, b, r):
        return 1.0 - (1.0 - s**r) ** b

    def simpson(f, lo, hi, n=1000):
        h = (hi - lo) / n
        tot = f(lo) + f(hi) + sum((4.0 if i % 2 else 2.0) * f(lo + h * i) for i in range(1, n))
        return tot * h / 3.0

    best, err = (1, 1), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            e = 0.5 * simpson(lambda s: p(s, b, r), 0.0, threshold) + 0.5 * simpson(
                lambda s: 1.0 - p(s, b, r), threshold, 1.0)
            if e < err:
                best, err = (b, r), e
    return best


def parse_time_v(stderr: str) -> dict:
    out = {}
    for line in stderr.splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size (kbytes):"):
            out["max_rss_bytes"] = int(line.rsplit(":", 1)[1]) * 1024
        elif line.startswith("User time (seconds):"):
            out["user_s"] = float(line.rsplit(":", 1)[1])
        elif line.startswith("System time (seconds):"):
            out["sys_s"] = float(line.rsplit(":", 1)[1])
        elif line.startswith("Elapsed (wall clock) time"):
            v = line.split("):", 1)[1].strip().split(":")
            out["wall_s"] = sum(float(x) * 60 ** i for i, x in enumerate(reversed(v)))
        elif line.startswith("Exit status:"):
            out["exit"] = int(line.rsplit(":", 1)[1])
    return out


def run_stage(config: Path, stage: str, jobs: int, timed: bool) -> dict:
    cmd = [str(SDF), "--quiet", "run", "--json", "--config", str(config), "--stage", stage]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    if timed:
        cmd = [TIME, "-v"] + cmd
    print("$ " + " ".join(cmd), file=sys.stderr)
    p = subprocess.run(cmd, capture_output=True, text=True)
    tv = parse_time_v(p.stderr) if timed else {}
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        raise SystemExit(f"sdf run --stage {stage} failed with exit status {p.returncode}")
    report = json.loads(p.stdout)
    row = next(s for s in report["stages"] if s["name"] == stage)
    if row["status"] != "ran":
        raise SystemExit(f"stage {stage} was {row['status']}, expected ran")
    return {"json": row, "time": tv}


def classify(out_dir: Path, stage: str, labels: np.ndarray) -> dict:
    """Matches the rejected rows of `stage` against the planted labels."""
    res = {}
    for f in sorted((out_dir / stage).glob("rejected-*.parquet")):
        t = pq.read_table(f, columns=["id", "reason"]).to_pydict()
        for id_, reason in zip(t["id"], t["reason"]):
            line = int(id_.rsplit(":", 1)[1])
            # ids are file:line, 1-based line numbers.
            lab = int(labels[line - 1])
            res.setdefault(reason, {}).setdefault(LABEL_NAMES[lab], 0)
            res[reason][LABEL_NAMES[lab]] += 1
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--exact-rate", type=float, default=0.05)
    ap.add_argument("--near-rate", type=float, default=0.05)
    ap.add_argument("--near-change", type=float, default=0.05, help="share of words replaced")
    ap.add_argument("--threshold", type=float, default=0.8, help="the stage's default threshold")
    ap.add_argument("--ngram", type=int, default=5, help="the stage's default shingle length")
    ap.add_argument("--task-mib", type=int, default=64)
    ap.add_argument("--jobs", type=int, default=0, help="sdf --jobs (0: sdf's default, all cores)")
    ap.add_argument("--work", type=Path, default=None, help="default bench/work/dedup-<docs>")
    args = ap.parse_args()

    if not SDF.exists():
        raise SystemExit(f"{SDF} missing: cargo build --release")
    if not Path(TIME).exists():
        raise SystemExit(f"{TIME} missing: apt-get install -y time")
    work = args.work or ROOT / "bench" / "work" / f"dedup-{args.docs}"
    work.mkdir(parents=True, exist_ok=True)

    meta = build(args, work)
    labels = np.load(work / "labels.npy")
    jac = np.load(work / "jaccard.npy").astype(np.float64)
    bands, rows_ = lsh_params(args.threshold, 128)
    hi = jac[labels == NEAR_HI]
    expected_near = float((1.0 - (1.0 - hi**rows_) ** bands).sum())
    config = work / "stages.toml"
    config.write_text(STAGES_TOML.format(task_bytes=args.task_mib << 20))
    out_dir = work / "out"

    imp = run_stage(config, "import", args.jobs, timed=False)
    exact = run_stage(config, "dedup_exact", args.jobs, timed=True)
    full = run_stage(config, "dedup", args.jobs, timed=True)

    def manifest_stats(stage):
        return json.loads((out_dir / stage / "manifest.json").read_text())["stats"]

    # The exact key on its own, one thread, in memory: sha256, the dedup normalisation, both.
    key_speed = {}
    if KEY_SPEED.exists():
        p = subprocess.run([str(KEY_SPEED), str(work / "corpus.jsonl"), "3"], capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"{KEY_SPEED} failed: {p.stderr}")
        for line in p.stdout.splitlines():
            m = re.match(r"(.+?)\s+(\d+) MB/s$", line)
            if m:
                key_speed[m.group(1).strip()] = int(m.group(2))
    else:
        print(f"{KEY_SPEED} missing (cargo build --release -p sdf-filters --example dedup_key_speed): "
              "no key figures", file=sys.stderr)

    ex_stats, fu_stats = manifest_stats("dedup_exact"), manifest_stats("dedup")
    ex_cls, fu_cls = classify(out_dir, "dedup_exact", labels), classify(out_dir, "dedup", labels)
    c = meta["counts"]
    tb = meta["text_bytes"]
    ex_s, fu_s = exact["json"]["seconds"], full["json"]["seconds"]
    ex_cpu = exact["time"]["user_s"] + exact["time"]["sys_s"]
    fu_cpu = full["time"]["user_s"] + full["time"]["sys_s"]
    unique = ex_stats["kept"]
    docs_in = ex_stats["docs_in"]
    gib = 1 << 30

    result = {
        "meta": meta, "import": imp, "exact": exact, "full": full,
        "exact_stats": ex_stats, "full_stats": fu_stats,
        "exact_classified": ex_cls, "full_classified": fu_cls,
        "lsh": {"bands": bands, "rows": rows_, "expected_near": expected_near},
        "key_speed_mb_s": key_speed,
    }
    (work / "result.json").write_text(json.dumps(result, indent=2))

    def cls(d, reason):
        x = d.get(reason, {})
        return ", ".join(f"{v:,} {k}" for k, v in sorted(x.items())) or "0"

    rows = [
        ("docs in", f"{docs_in:,}", f"{docs_in:,}"),
        ("text bytes (UTF-8)", f"{tb / 1e9:.3f} GB", f"{tb / 1e9:.3f} GB"),
        ("exact dups found / planted", f"{ex_stats['exact_duplicates']:,} / {c['exact']:,}",
         f"{fu_stats['exact_duplicates']:,} / {c['exact']:,}"),
        ("near dups found / planted (J≥thr of them)", "— (near off)",
         f"{fu_stats['near_duplicates']:,} / {c['near']:,} ({c['near_hi']:,})"),
        (f"near dups expected (Σ P_candidate(J) over planted J≥thr; {bands} bands × {rows_} rows)", "—",
         f"{expected_near:,.0f}"),
        ("removed rows by planted label", f"exact: {cls(ex_cls, 'exact')}",
         f"exact: {cls(fu_cls, 'exact')}; near: {cls(fu_cls, 'near')}"),
        ("stage seconds (sdf --json)", f"{ex_s:.1f}", f"{fu_s:.1f}"),
        ("CPU seconds (user+sys, time -v)", f"{ex_cpu:.1f}", f"{fu_cpu:.1f}"),
        ("throughput, wall (text GB/s)", f"{tb / 1e9 / ex_s:.3f}", f"{tb / 1e9 / fu_s:.3f}"),
        ("throughput per CPU-second (GB/s/core)", f"{tb / 1e9 / ex_cpu:.3f}", f"{tb / 1e9 / fu_cpu:.3f}"),
        ("documents/s, wall", f"{docs_in / ex_s:,.0f}", f"{docs_in / fu_s:,.0f}"),
        ("peak RSS (time -v)", f"{exact['time']['max_rss_bytes'] / gib:.2f} GiB",
         f"{full['time']['max_rss_bytes'] / gib:.2f} GiB"),
        ("peak RSS / unique doc", f"{exact['time']['max_rss_bytes'] / unique:,.0f} B",
         f"{full['time']['max_rss_bytes'] / fu_stats['kept']:,.0f} B"),
        ("memory_estimate_bytes (manifest)", f"{ex_stats['memory_estimate_bytes']:,} "
         f"({ex_stats['memory_estimate_bytes'] / docs_in:.0f} B/doc in)",
         f"{fu_stats['memory_estimate_bytes']:,} ({fu_stats['memory_estimate_bytes'] / docs_in:.0f} B/doc in)"),
        ("candidate / verified pairs", "—", f"{fu_stats['candidate_pairs']:,} / {fu_stats['verified_pairs']:,}"),
    ]
    # Marginal RSS per unique document against earlier runs of other sizes (same seed): the
    # slope separates the per-document state from the fixed cost (Parquet parts in flight).
    # Only runs with at least 4 input parts compare, so the same number of parts is in flight.
    def parts(d: Path) -> int:
        return len(list((d / "out" / "import").glob("part-*.parquet")))

    slopes = []
    for other in sorted(work.parent.glob("dedup-*/result.json")):
        if other.parent == work or parts(other.parent) < 4 or parts(work) < 4:
            continue
        o = json.loads(other.read_text())
        if o["meta"]["key"]["seed"] != args.seed or o["meta"]["docs"] == args.docs:
            continue
        du = unique - o["exact_stats"]["kept"]
        dk = fu_stats["kept"] - o["full_stats"]["kept"]
        slopes.append((o["meta"]["docs"],
                       (exact["time"]["max_rss_bytes"] - o["exact"]["time"]["max_rss_bytes"]) / du,
                       (full["time"]["max_rss_bytes"] - o["full"]["time"]["max_rss_bytes"]) / dk))

    print()
    print(f"corpus: {args.docs:,} docs, {meta['jsonl_bytes'] / 1e9:.2f} GB JSONL, "
          f"planted {c['exact']:,} exact ({meta['exact_kinds']}), {c['near']:,} near "
          f"(Jaccard to base min {meta['near_jaccard']['min']:.3f}, median {meta['near_jaccard']['median']:.3f}; "
          f"{c['near_hi']:,} at or above {args.threshold}); import {imp['json']['seconds']:.1f} s; "
          f"jobs {args.jobs or 'default'}")
    print()
    print("| metric | exact only (`near = false`) | exact + near (defaults) |")
    print("|---|---:|---:|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")
    for name, mbs in key_speed.items():
        print(f"| exact key, one thread in memory: {name} | {mbs / 1000:.2f} GB/s | |")
    for docs, se, sf in slopes:
        print(f"| marginal peak RSS / unique doc vs the {docs:,}-doc run | {se:,.0f} B | {sf:,.0f} B |")


if __name__ == "__main__":
    main()
