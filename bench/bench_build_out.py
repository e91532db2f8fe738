"""``kg build CORPUS --out DIR``: time and peak memory at growing corpus sizes, on invented actors.

Each article has 10 sentences between invented countries, organisations and people, all named in
a generated user gazetteer (``--gazetteer``, 5,000 names by default), so that every article mints
new entity and statement IRIs. Each size runs in its own process (its peak RSS is that process's
alone). Prints ``name=value`` lines: seconds and peak MB per size (``--extract`` adds ``kg extract``
on the same corpus, the part of the build that is not writing), then the ratio of time per article
between the largest and the smallest size (1.0 is linear).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from bench_scale import measure  # (seconds, peak RSS) of a child process

SYLLABLES = ("var", "nes", "os", "tre", "li", "mar", "dov", "ka", "zen", "bor", "thal", "qui", "ran", "sel", "ut",
             "pra", "gon", "vel", "ir", "dum", "ska", "lo", "fen", "ar", "mio", "chel", "bra", "tov", "ein", "sul")
KINDS = (("Country", "ia"), ("Organization", " Council"), ("Person", ""))
SENTENCES = ("{a} accused {b} of violating the ceasefire.", "{a} signed a trade agreement with {b} on Monday.",
             "{a} criticised {b} over the border dispute.", "{a} visited {b} last week.",
             "{a} met {b} in the capital on Tuesday.", "{a} threatened {b} with sanctions.",
             "{a} praised {b} for its help after the floods.", "{a} condemned {b} for the attack.",
             "{a} will host {b} for talks next month.", "{a} denied that it had attacked {b}.")


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def gazetteer(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """``count`` distinct invented (name, type) pairs: countries, councils and two-word people."""
    rng, names = random.Random(seed), {}
    for index in range(count * 10):
        if len(names) == count:
            break
        kind, suffix = KINDS[index % len(KINDS)]
        name = f"{word(rng, 2)} {word(rng, 2)}" if kind == "Person" else word(rng, 3) + suffix
        names.setdefault(name, kind)
    return list(names.items())


def records(count: int, actors: list[str], seed: int = 0) -> list[dict]:
    """``count`` articles of 10 sentences, each between two actors picked at random."""
    rng = random.Random(seed)
    found = []
    for index in range(count):
        lines = [rng.choice(SENTENCES).format(a=a, b=b) for a, b in (rng.sample(actors, 2) for _ in range(10))]
        found.append({"id": f"inv-{index:06d}", "title": f"Briefing {index}", "published": "2024-03-01",
                      "text": " ".join(lines)})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="150,600,1500", help="comma-separated corpus sizes")
    parser.add_argument("--names", type=int, default=5000, help="names in the generated gazetteer")
    parser.add_argument("--extract", action="store_true", help="also time kg extract on each corpus")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    names = gazetteer(args.names)
    kg = [sys.executable, "-m", "kg"]
    with tempfile.TemporaryDirectory(prefix="kg-bench-build-out-") as folder:
        alias_file = Path(folder, "gazetteer.tsv")
        alias_file.write_text("".join(f"{name}\t{name}\t{kind}\n" for name, kind in names), encoding="utf-8")
        per_article = {}
        for size in sizes:
            corpus = Path(folder, f"corpus-{size}.jsonl")
            corpus.write_text("".join(json.dumps(r) + "\n" for r in records(size, [n for n, _ in names])),
                              encoding="utf-8")
            common = [str(corpus), "--gazetteer", str(alias_file), "--published", "2024-03-01"]
            seconds, peak = measure([*kg, "build", *common, "--out", str(Path(folder, f"out-{size}"))])
            per_article[size] = seconds / size
            print(f"build_out_{size}_seconds={seconds:.1f}")
            print(f"build_out_{size}_peak_mb={peak:.0f}", flush=True)
            if args.extract:
                seconds, peak = measure([*kg, "extract", *common])
                print(f"extract_{size}_seconds={seconds:.1f}")
                print(f"extract_{size}_peak_mb={peak:.0f}", flush=True)
        if len(sizes) > 1:
            print(f"build_out_time_per_article_ratio_{sizes[-1]}_{sizes[0]}="
                  f"{per_article[sizes[-1]] / per_article[sizes[0]]:.2f}")


if __name__ == "__main__":
    main()
