#!/usr/bin/env python3
"""Realism benchmark for template-generated SDF documents.

Compares a JSONL corpus written by the `generate_jsonl` example of sdf-corpora with real
English text (../shared/data/realtext.parquet) on:

- compression ratio with `zstd -19 --long=27` (repetitive text compresses far better);
- near-duplicate pairs by MinHash over word 5-grams (Jaccard >= 0.8), as % of documents;
- distinct word 4-grams / total word 4-grams;
- the share of documents that mention the most frequent invented person name;
- genres present and document lengths.

Usage (from the repository root):

    cargo run --release -p sdf-corpora --example generate_jsonl -- \\
        --universe helpful-only --n 3000 --seed 1 > bench/work/out.jsonl
    python3 bench/realism.py bench/work/out.jsonl [--realtext ../shared/data/realtext.parquet]

Needs numpy and pyarrow (pip install numpy pyarrow) and the zstd command.
"""

import argparse
import collections
import hashlib
import json
import os
import re
import subprocess
import sys

import numpy as np

NUM_PERM = 128
BANDS = 16  # 16 bands x 8 rows: candidate threshold ~0.71, verified exactly at 0.8
ROWS = NUM_PERM // BANDS
JACCARD = 0.8
MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def words(text):
    return re.findall(r"[\w'’-]+", text.lower())


def compression_ratio(texts):
    raw = "\n\n".join(texts).encode("utf-8")
    out = subprocess.run(
        ["zstd", "-19", "--long=27", "-c", "-q"], input=raw, capture_output=True, check=True
    ).stdout
    return len(raw), len(raw) / len(out)


def shingle_hashes(ws, n=5):
    if len(ws) < n:
        grams = {" ".join(ws)}
    else:
        grams = {" ".join(ws[i : i + n]) for i in range(len(ws) - n + 1)}
    return grams, np.fromiter(
        (int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams),
        dtype=np.uint64,
        count=len(grams),
    )


def mix(x):
    # splitmix64 finaliser, vectorised (wrapping uint64 arithmetic)
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        x = x ^ (x >> np.uint64(31))
    return x


SEEDS = mix(np.arange(1, NUM_PERM + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))


def near_duplicates(texts):
    sets = []
    sigs = np.empty((len(texts), NUM_PERM), dtype=np.uint64)
    for i, t in enumerate(texts):
        grams, h = shingle_hashes(words(t))
        sets.append(grams)
        sigs[i] = mix(h[None, :] ^ SEEDS[:, None]).min(axis=1)
    candidates = set()
    for b in range(BANDS):
        buckets = collections.defaultdict(list)
        band = sigs[:, b * ROWS : (b + 1) * ROWS]
        for i in range(len(texts)):
            buckets[band[i].tobytes()].append(i)
        for members in buckets.values():
            if 1 < len(members) < 200:
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        candidates.add((members[x], members[y]))
    pairs = []
    for a, b in candidates:
        inter = len(sets[a] & sets[b])
        union = len(sets[a] | sets[b])
        if union and inter / union >= JACCARD:
            pairs.append((a, b))
    return pairs


def distinct_4grams(texts):
    seen = set()
    total = 0
    for t in texts:
        ws = words(t)
        for i in range(len(ws) - 3):
            seen.add(hash((ws[i], ws[i + 1], ws[i + 2], ws[i + 3])))
            total += 1
    return len(seen) / max(total, 1)


def first_names(root):
    path = os.path.join(root, "corpora", "genres", "common", "names.grammar")
    names, inside = set(), False
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line.startswith("=="):
            inside = line[2:].strip() == "first_name"
            continue
        if inside and line and not line.startswith("//"):
            names.add(line)
    return names


NAME_RE = re.compile(r"\b(?:(Dr|Mr|Ms|Mrs|Prof)\.? )?([A-ZÀ-Ý][\w’'-]*[a-zà-ÿ][\w’'-]*) ([A-ZÀ-Ý][\w’'-]*[a-zà-ÿ][\w’'-]*)")


def person_names(texts, firsts):
    counts = collections.Counter()
    for t in texts:
        found = set()
        for m in NAME_RE.finditer(t):
            honorific, a, b = m.groups()
            if a in firsts or honorific:
                found.add(f"{a} {b}")
        counts.update(found)
    return counts


def profile(name, texts):
    size, ratio = compression_ratio(texts)
    pairs = near_duplicates(texts)
    return {
        "corpus": name,
        "documents": len(texts),
        "megabytes": round(size / 1e6, 2),
        "zstd19_long27_ratio": round(ratio, 2),
        "near_duplicate_pairs": len(pairs),
        "near_duplicate_pairs_pct_of_docs": round(100 * len(pairs) / max(len(texts), 1), 3),
        "distinct_4gram_ratio": round(distinct_4grams(texts), 4),
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("jsonl", help="generated documents (JSON lines with text, doc_type, universe)")
    ap.add_argument("--realtext", default=os.path.join(root, "..", "shared", "data", "realtext.parquet"))
    ap.add_argument("--no-reference", action="store_true", help="skip the realtext figures")
    args = ap.parse_args()

    docs = [json.loads(line) for line in open(args.jsonl, encoding="utf-8") if line.strip()]
    texts = [d["text"] for d in docs]
    report = {"generated": profile(args.jsonl, texts)}
    gen = report["generated"]
    genres = collections.Counter(d.get("doc_type") for d in docs)
    gen["genres_present"] = len(genres)
    lengths = sorted(len(t.split()) for t in texts)
    q = lambda p: lengths[min(len(lengths) - 1, int(p * (len(lengths) - 1)))]
    gen["words"] = {"min": lengths[0], "p10": q(0.1), "p50": q(0.5), "p90": q(0.9), "max": lengths[-1]}

    entities = {"Emily Lee", "Michael Nguyen"}
    counts = person_names(texts, first_names(root))
    invented = [(n, c) for n, c in counts.most_common(50) if n not in entities]
    top = invented[0] if invented else ("-", 0)
    gen["top_invented_name"] = {"name": top[0], "documents": top[1], "pct": round(100 * top[1] / len(texts), 3)}
    # Universe people are meant to recur; they are counted apart (plain substring match).
    gen["universe_entities"] = {n: sum(1 for t in texts if n in t) for n in sorted(entities)}

    if not args.no_reference:
        import pyarrow.parquet as pq

        real = pq.read_table(args.realtext, columns=["text"]).column("text").to_pylist()
        report["realtext"] = profile("realtext.parquet", real)

    checks = {
        "compression_ratio<=5.5": gen["zstd19_long27_ratio"] <= 5.5,
        "near_duplicates<1%": gen["near_duplicate_pairs_pct_of_docs"] < 1.0,
        "top_name<=1%": gen["top_invented_name"]["pct"] <= 1.0,
        "genres>=30": gen["genres_present"] >= 30,
    }
    report["checks"] = checks
    print(json.dumps(report, indent=2, ensure_ascii=False))
    sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
