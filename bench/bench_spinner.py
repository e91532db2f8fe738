"""How much extraction survives an article spinner: our own development sentences, reworded by a thesaurus
that ignores sense (bench/data/thesaurus.json), each word swapped with a fixed probability.

    python bench/bench_spinner.py [--rate 0.5] [--rounds 3]

Prints spinner_survival (share of the coded statements of a sentence found again after spinning, by
subject, object and CAMEO root) and spinner_spurious (coded statements the spun text adds, over those of
the original).
"""
from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date
from pathlib import Path

import kg

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "tests" / "devset" / "sentences.jsonl"
THESAURUS = Path(__file__).resolve().parent / "data" / "thesaurus.json"


def spin(text: str, words: dict[str, list[str]], rate: float, rng: random.Random) -> str:
    """Swap words that the thesaurus knows, keeping a capital where there was one."""
    def swap(match: re.Match) -> str:
        word = match.group(0)
        choices = words.get(word.lower())
        if not choices or rng.random() >= rate:
            return word
        new = rng.choice(choices)
        return new[:1].upper() + new[1:] if word[:1].isupper() else new
    return re.sub(r"[A-Za-z]+", swap, text)


def coded(text: str, published: date | None) -> set[tuple[str, str, str]]:
    statements = kg.extract(kg.Article(id="s", text=text, published=published))
    return {(s.subject.label, s.object.label, s.predicate.cameo[:2]) for s in statements
            if s.predicate.cameo and s.status not in ("negated", "denied")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=0.5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sentences", type=Path, default=SENTENCES)
    args = parser.parse_args()
    words = json.loads(THESAURUS.read_text(encoding="utf-8"))["words"]
    records = [json.loads(line) for line in args.sentences.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    kept = total = spurious = 0
    for record in records:
        published = date.fromisoformat(record["published"]) if record.get("published") else None
        original = coded(record["text"], published)
        for _ in range(args.rounds):
            spun = coded(spin(record["text"], words, args.rate, rng), published)
            kept += len(original & spun)
            total += len(original)
            spurious += len(spun - original)
    print(f"spinner_sentences={len(records)}")
    print(f"spinner_survival={kept / total:.3f}" if total else "spinner_survival=nan")
    print(f"spinner_spurious={spurious / total:.3f}" if total else "spinner_spurious=nan")


if __name__ == "__main__":
    main()
