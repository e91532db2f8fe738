"""Throughput: kg end to end against bare ``nlp.pipe`` of the same model on the same texts, and 1 vs 2 processes.

Prints ``name=value`` lines (articles per second, and ratios):
  bare_articles_per_second     ``spacy.load(model).pipe(texts)``, nothing else
  extract_articles_per_second  read the JSON Lines corpus, normalise, parse, resolve, extract statements
  end_to_end_articles_per_second  the same, plus each article's RDF graph put into a new on-disk store (by the
                               store-writer process, which overlaps with the parse; one transaction per article)
  throughput_ratio             end to end / bare (the issue's target: at least 0.8)
  processes_2_speedup          extraction with 2 worker processes / 1 process, over 2 x --articles (start-up included)
  throughput_ratio_processes_2 end to end with 2 extraction processes / bare spaCy in one
Ratios are medians over ``--rounds`` rounds of per-round ratios (the runs of a round are interleaved, so they
see the same load from other work on the machine); ``_cpu`` figures use CPU time instead of wall time, this
process's and its children's (the store writer, worker processes) together.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from statistics import median
from pathlib import Path

import spacy

from bench_scale import synthetic_records
from kg.pipeline.corpus import run_corpus
from kg.pipeline.executors import InProcess
from kg.pipeline.sinks import StoreSink
from kg.ingest.reader import read_articles
from kg.parse.nlp import default_model, load_pipeline, resolve_model
from kg.pipeline.extraction import Settings, extract_all
from kg.pipeline.report import Run, RunOptions


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the store writer, worker processes)."""
    mine = os.times()
    return mine.user + mine.system + mine.children_user + mine.children_system


def timings(rounds: int, runs: dict[str, Callable[[], object]]) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of each run in each of ``rounds`` rounds, the runs interleaved within a round
    and their order rotated from round to round (no run always goes first)."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    names = list(runs)
    for number in range(rounds):
        for name in names[number % len(names):] + names[:number % len(names)]:
            wall, cpu = time.perf_counter(), cpu_seconds()
            runs[name]()
            times[name].append((time.perf_counter() - wall, cpu_seconds() - cpu))
    return times


def ratio(times: dict, run: str, reference: str, index: int) -> float:
    """Speed of ``run`` relative to ``reference``: the median over rounds (a round's runs saw the same load)."""
    return median(theirs[index] / mine[index] for mine, theirs in zip(times[run], times[reference]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, 
                        help="articles per run (start-up and the last writes weigh on short runs)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=default_model())
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-throughput-"))
    settings = Settings(model=args.model)
    bare = spacy.load(resolve_model(args.model))
    load_pipeline(settings.model, settings.gazetteer)
    stores = iter(range(10**6))

    def runs(size: int, processes: tuple[int, ...]) -> dict[str, Callable[[], object]]:
        """Bare spaCy, extraction and end to end (into a new store) over one synthetic corpus of ``size``."""
        corpus = folder / f"corpus-{size}.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in synthetic_records(size)), encoding="utf-8")
        texts = [article.text for article in read_articles([corpus])]

        def end_to_end(n: int) -> None:
            target = folder / f"store-{next(stores)}"
            for _ in run_corpus([corpus], None, InProcess(replace(settings, processes=n)), StoreSink(target),
                                Run([corpus], RunOptions())):
                pass

        def extract(n: int) -> None:
            deque(extract_all(read_articles([corpus]), replace(settings, processes=n)), maxlen=0)

        return {"bare": lambda: deque(bare.pipe(texts, batch_size=settings.batch_size), maxlen=0),  # no doc kept
                **{f"extract_{n}": lambda n=n: extract(n) for n in processes},
                **{f"end_to_end_{n}": lambda n=n: end_to_end(n) for n in processes}}

    times = timings(args.rounds, runs(args.articles, (1,)))
    for name, found in times.items():
        print(f"{name.removesuffix('_1')}_articles_per_second={args.articles / median(w for w, _ in found):.2f}")
        print(f"{name.removesuffix('_1')}_cpu_ms_per_article={median(c for _, c in found) * 1000 / args.articles:.0f}")
    for name, index in (("", 0), ("_cpu", 1)):
        print(f"extract_ratio{name}={ratio(times, 'extract_1', 'bare', index):.2f}")
        print(f"throughput_ratio{name}={ratio(times, 'end_to_end_1', 'bare', index):.2f}", flush=True)
    size = 2 * args.articles  # long enough for the worker processes' start-up to matter less
    times = timings(1, runs(size, (1, 2)))
    for n in (1, 2):
        print(f"processes_{n}_articles_per_second={size / times[f'extract_{n}'][0][0]:.2f}")
    print(f"processes_2_speedup={ratio(times, 'extract_2', 'extract_1', 0):.2f}")
    print(f"end_to_end_processes_2_articles_per_second={size / times['end_to_end_2'][0][0]:.2f}")
    print(f"throughput_ratio_processes_2={ratio(times, 'end_to_end_2', 'bare', 0):.2f}")

if __name__ == "__main__":
    sys.exit(main())
