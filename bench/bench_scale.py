"""Corpus scale: time and peak memory of ``kg build CORPUS --store STORE --skip-bad`` at growing corpus sizes.

Each size runs in its own process (its peak RSS is that process's alone), streaming a synthetic
JSON Lines corpus into a fresh store. Prints ``name=value`` lines: seconds, articles per second and
peak MB per size, then the ratios between the largest and the smallest size. ``--sizes`` picks the
sizes (default 100,1000; add 10000 for the full issue figure, about 30-60 minutes on two cores).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "tests" / "fixtures" / "seed-article.txt", *sorted((ROOT / "tests" / "fixtures" / "corpus").rglob("*.*"))]
COUNTRIES = ("Chile", "Peru", "Kenya", "Ethiopia", "Norway", "Sweden", "Ghana", "Togo", "Vietnam", "China", "Brazil",
             "Argentina", "Morocco", "Algeria", "Israel", "Egypt", "Japan", "India", "Canada", "Mexico")
NAMED = re.compile(r"\b(" + "|".join(COUNTRIES) + r")\b")


def sentences() -> list[str]:
    """Sentences of the fixture articles (text of the JSON Lines records, HTML tags dropped)."""
    texts = []
    for path in SOURCES:
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in raw.splitlines() if line.strip()]
        else:
            texts.append(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style|nav|aside|footer).*?</\1>", " ", raw)))
    found = [s.strip() for text in texts for s in re.split(r"(?<=[.!?])\s+", text)]
    return [s for s in found if 40 <= len(s) <= 400 and not s.startswith(("{", "<"))]


def synthetic_records(count: int, seed: int = 0) -> list[dict]:
    """``count`` article records of 8 to 16 fixture sentences, with country names swapped at random."""
    rng, pool = random.Random(seed), sentences()
    records = []
    for index in range(count):
        picked = rng.sample(pool, rng.randint(8, 16))
        text = "\n\n".join(NAMED.sub(lambda _: rng.choice(COUNTRIES), s) for s in picked)
        published = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
        records.append({"id": f"syn-{index:06d}", "title": picked[0][:80], "published": published.isoformat(),
                        "text": text})
    return records


def write_corpus(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        for record in synthetic_records(count):
            stream.write(json.dumps(record) + "\n")
    return path


def measure(command: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process."""
    with tempfile.TemporaryFile() as log:  # a line per article: a pipe would fill up and stall the build
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        if status:
            log.seek(0)
            raise SystemExit(f"bench: {' '.join(command)} failed: {log.read().decode()[-500:]}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes (default: 100,1000)")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    kg = [sys.executable, "-m", "kg"]
    with tempfile.TemporaryDirectory(prefix="kg-bench-scale-") as folder:
        results = {}
        for size in sizes:
            corpus = write_corpus(Path(folder, f"corpus-{size}.jsonl"), size)
            build = [*kg, "build", str(corpus), "--store", str(Path(folder, f"store-{size}")), "--skip-bad"]
            seconds, peak = measure(build)
            startup, _ = measure(build)
            results[size] = (seconds, peak, startup)
            print(f"scale_{size}_seconds={seconds:.1f}")
            print(f"scale_{size}_articles_per_second={size / seconds:.2f}")
            print(f"scale_{size}_peak_mb={peak:.0f}")
            print(f"scale_{size}_resume_seconds={startup:.1f}", flush=True)
        small, large = sizes[0], sizes[-1]
        if large > small:
            per_article = [(results[s][0] - results[s][2]) / s for s in (small, large)]
            print(f"scale_time_per_article_ratio_{large}_{small}={per_article[1] / per_article[0]:.2f}")
            print(f"scale_peak_memory_ratio_{large}_{small}={results[large][1] / results[small][1]:.2f}")


if __name__ == "__main__":
    main()
