"""Helpers shared by the benchmark scripts: the best-of-N timer and realtext tiling."""

import json
import os
import time


def best(fn, repeat):
    """The shortest wall time of `repeat` calls of `fn`, in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def tile(realtext, copies, out, record):
    """Writes `copies` passes over the rows of `realtext` to the JSONL file `out` (once: an
    existing file is kept), one `record(row, copy)` per line; rows have `id` and `text`."""
    import pyarrow.parquet as pq

    if os.path.exists(out):
        return
    rows = pq.read_table(realtext, columns=["id", "text"]).to_pylist()
    with open(out + ".tmp", "w") as f:
        for c in range(copies):
            for r in rows:
                f.write(json.dumps(record(r, c)) + "\n")
    os.rename(out + ".tmp", out)
