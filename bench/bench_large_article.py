"""One article at the size limit: a sentence repeated to just under 5 MB, built by ``kg build --out``
and ``kg build --store`` in a fresh process each. Prints ``name=value`` lines: the article's size,
then seconds, peak resident memory (MB, of kg and the processes it waited for) and exit status of
each build, the statements it found (as the cap's note on stderr says; -1 without a note) and kept.

    .venv/bin/python bench/bench_large_article.py [--bytes 4990000] [--modes out,store]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Chile signed an agreement with Peru on Monday to share data on fishing fleets in the Pacific. "


def article(folder: Path, size: int) -> Path:
    path = folder / "large.txt"
    path.write_text(SENTENCE * (size // len(SENTENCE)), encoding="utf-8")
    return path


def build(source: Path, folder: Path, mode: str) -> dict[str, float]:
    """Run one build; its seconds, peak RSS in MB (wait4 covers the children it waited for) and status."""
    target = ["--out", folder / "out"] if mode == "out" else ["--store", folder / "store"]
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(source), *map(str, target)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    figures = {"seconds": time.perf_counter() - start, "peak_mb": usage.ru_maxrss / 1024,
               "exit": os.waitstatus_to_exitcode(status)}
    if mode == "out" and (folder / "out" / "statements.jsonl").exists():
        lines = (folder / "out" / "statements.jsonl").read_text(encoding="utf-8").splitlines()
        figures["statements"] = len(lines)
        figures["sentences_with_statements"] = len({json.loads(line)["source"]["start"] for line in lines})
    found = re.search(r"kept the first \d+ of its (\d+) statements", errors)
    figures["statements_found"] = int(found.group(1)) if found else -1
    if figures["exit"]:
        print(errors.strip().splitlines()[-1] if errors.strip() else "(no message)", file=sys.stderr)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, default=4_990_000)
    parser.add_argument("--modes", default="out,store")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = article(folder, options.bytes)
        print(f"article_bytes={source.stat().st_size}")
        for mode in options.modes.split(","):
            for key, value in build(source, folder, mode).items():
                print(f"{mode}_{key}={value:.1f}" if isinstance(value, float) else f"{mode}_{key}={value}")


if __name__ == "__main__":
    main()
