"""Throughput: kg end to end against bare ``nlp.pipe`` of the same model on the same texts, and 1 vs 2 processes.

Prints ``name=value`` lines (articles per second, and ratios):
  bare_articles_per_second     ``spacy.load(model).pipe(texts)``, nothing else
  extract_articles_per_second  read the JSON Lines corpus, normalise, parse, resolve, extract statements
  end_to_end_articles_per_second  the same, plus each article's RDF graph put into an on-disk store
  throughput_ratio             end to end / bare (the issue's target: at least 0.8)
  processes_2_speedup          extraction with 2 worker processes / 1 process (pool start-up included)
  throughput_ratio_processes_2 end to end with 2 extraction processes / bare spaCy in one
Each timing is the best of ``--rounds`` interleaved rounds, which damps noise from other work on the machine.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import spacy

from bench_scale import synthetic_records
from kg.corpus import Run, RunOptions, store
from kg.ingest import read_articles
from kg.nlp import DEFAULT_MODEL, load_pipeline, resolve_model
from kg.pipeline import Settings, extract_all
from kg.store import open_store


def best(rounds: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The shortest of ``rounds`` timings of each run, the runs interleaved."""
    times = {name: float("inf") for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name] = min(times[name], time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-throughput-"))
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in synthetic_records(args.articles)), encoding="utf-8")
    texts = [article.text for article in read_articles([corpus])]
    settings = Settings(model=args.model)
    bare = spacy.load(resolve_model(args.model))
    load_pipeline(settings.model, settings.gazetteer)
    stores = iter(range(10**6))

    def end_to_end(processes: int = 1) -> None:
        target = open_store(folder / f"store-{next(stores)}", create=True)
        try:
            for _ in store([corpus], target, None, replace(settings, processes=processes), Run([corpus], RunOptions())):
                pass
        finally:
            target.close()

    times = best(args.rounds, {
        "bare": lambda: [doc for doc in bare.pipe(texts, batch_size=settings.batch_size)],
        "extract": lambda: list(extract_all(read_articles([corpus]), settings)),
        "end_to_end": end_to_end,
    })
    for name, seconds in times.items():
        print(f"{name}_articles_per_second={args.articles / seconds:.2f}", flush=True)
    print(f"extract_ratio={times['bare'] / times['extract']:.2f}")
    print(f"throughput_ratio={times['bare'] / times['end_to_end']:.2f}", flush=True)
    processes = best(1, {n: lambda n=n: list(extract_all(read_articles([corpus]), replace(settings, processes=n)))
                         for n in (1, 2)})
    for n, seconds in processes.items():
        print(f"processes_{n}_articles_per_second={args.articles / seconds:.2f}")
    print(f"processes_2_speedup={processes[1] / processes[2]:.2f}")
    seconds = best(1, {"end_to_end_2": lambda: end_to_end(2)})["end_to_end_2"]
    print(f"end_to_end_processes_2_articles_per_second={args.articles / seconds:.2f}")
    print(f"throughput_ratio_processes_2={times['bare'] / seconds:.2f}")


if __name__ == "__main__":
    sys.exit(main())
