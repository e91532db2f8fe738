"""Score kg on whole wire and broadcast articles (``wire_articles.jsonl`` beside this file).

    .venv/bin/python tests/devset/score_articles.py [--show] [--set FILE.jsonl] [--model NAME_OR_PATH]

The articles were written for this project in the styles of Reuters, AP, AFP and the BBC (datelines,
attributions, titles, long sentences, descriptions and pronouns that refer back); they copy no published text.
Each line is {"id", "source", "published", "text", "gold", "also"}.

A gold statement is {"subject", "object", "status"} with either "predicate" (an ontology property such as
``holdsPositionIn``; "predicate_alt" lists others a reader accepts) or "cameo_root" (two digits;
"alt_roots" lists others a reader accepts), and optionally "subject_alt"/"object_alt" (other labels a reader
accepts) and "symmetric": true. It is found when kg outputs a statement between the same two actors (labels
compared case-insensitively) with an accepted predicate or CAMEO root; status is scored on the found ones.

"also" lists [subject, predicate-or-root, object] outputs that are right but that a reader would not insist
on: they count as correct output without counting towards recall. Precision is over the distinct
(subject, predicate, object) outputs of each article: the share that match a gold statement or an "also" entry.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SET = Path(__file__).with_name("wire_articles.jsonl")


@dataclass(frozen=True, slots=True)
class Output:
    """One statement kg output, reduced to what is scored."""

    subject: str
    predicate: str  # the ontology property's local name
    root: str  # first two digits of its CAMEO code, or ''
    object: str
    status: str
    symmetric: bool = False


@dataclass(frozen=True, slots=True)
class Expected:
    """A gold statement or an 'also' entry: who, what (properties or CAMEO roots), whom."""

    subjects: frozenset[str]
    objects: frozenset[str]
    predicates: frozenset[str] = frozenset()
    roots: frozenset[str] = frozenset()
    status: str = "asserted"
    symmetric: bool = False

    def matches(self, out: Output) -> bool:
        if not (out.predicate in self.predicates or (out.root and out.root in self.roots)):
            return False
        forward = out.subject in self.subjects and out.object in self.objects
        both_ways = self.symmetric or out.symmetric
        return forward or (both_ways and out.subject in self.objects and out.object in self.subjects)

    def describe(self) -> str:
        what = "/".join(sorted(self.predicates | self.roots))
        return f"{'/'.join(sorted(self.subjects))} {what} {'/'.join(sorted(self.objects))} ({self.status})"


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    published: date
    text: str
    source: str
    gold: tuple[Expected, ...]
    also: tuple[Expected, ...]


def names(entry: dict, role: str) -> frozenset[str]:
    return frozenset(n.lower() for n in (entry[role], *entry.get(f"{role}_alt", ())))


def expected(entry: dict) -> Expected:
    predicates = frozenset((entry["predicate"], *entry.get("predicate_alt", ()))) if "predicate" in entry else frozenset()
    roots = frozenset((entry["cameo_root"], *entry.get("alt_roots", ()))) if "cameo_root" in entry else frozenset()
    return Expected(names(entry, "subject"), names(entry, "object"), predicates, roots,
                    entry.get("status", "asserted"), entry.get("symmetric", False))


def also_entry(row: list[str]) -> Expected:
    subject, what, obj = row
    is_root = what.isdigit() and len(what) == 2
    return Expected(frozenset({subject.lower()}), frozenset({obj.lower()}),
                    frozenset() if is_root else frozenset({what}), frozenset({what}) if is_root else frozenset())


def parse(line: str) -> Record:
    row = json.loads(line)
    return Record(row["id"], date.fromisoformat(row["published"]), row["text"], row.get("source", ""),
                  tuple(map(expected, row["gold"])), tuple(map(also_entry, row.get("also", ()))))


def load(path: Path = SET) -> list[Record]:
    return [parse(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def reduce(statement) -> Output:
    predicate = statement.predicate
    return Output(statement.subject.label.lower(), predicate.id.rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                  (predicate.cameo or "")[:2], statement.object.label.lower(), statement.status, predicate.symmetric)


@dataclass(frozen=True, slots=True)
class Outcome:
    record: Record
    outputs: tuple[Output, ...]  # distinct (subject, predicate, object), first status kept
    found: tuple[bool, ...]
    status_ok: tuple[bool, ...]
    wrong: tuple[Output, ...]


def distinct(outputs: list[Output]) -> tuple[Output, ...]:
    seen: dict[tuple[str, str, str], Output] = {}
    for out in outputs:
        seen.setdefault((out.subject, out.predicate, out.object), out)
    return tuple(seen.values())


def judge(record: Record, outputs: list[Output]) -> Outcome:
    unique = distinct(outputs)
    hits = [[o for o in outputs if g.matches(o)] for g in record.gold]
    wrong = tuple(o for o in unique if not any(e.matches(o) for e in (*record.gold, *record.also)))
    return Outcome(record, unique, tuple(bool(h) for h in hits),
                   tuple(any(o.status == g.status for o in h) for g, h in zip(record.gold, hits)), wrong)


def run(records: list[Record], model: str | None = None) -> list[Outcome]:
    """Extract every article with kg's Python API and judge it."""
    import kg

    settings = kg.Settings() if model is None else kg.Settings(model=model)
    articles = [kg.Article(id=r.id, text=r.text, published=r.published, publisher=r.source or None) for r in records]
    found = {article.id: statements for article, statements in kg.extract_all(articles, settings)}
    return [judge(r, [reduce(s) for s in found.get(r.id, ())]) for r in records]


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    gold = sum(len(o.found) for o in outcomes)
    found = sum(sum(o.found) for o in outcomes)
    outputs = sum(len(o.outputs) for o in outcomes)
    wrong = sum(len(o.wrong) for o in outcomes)
    return {"articles": len(outcomes), "gold": gold, "found": found, "recall": ratio(found, gold),
            "outputs": outputs, "wrong": wrong, "precision": ratio(outputs - wrong, outputs),
            "status_accuracy": ratio(sum(sum(o.status_ok) for o in outcomes), found)}


def report(outcomes: list[Outcome]) -> str:
    head = summary(outcomes)
    lines = [f"{head['articles']} articles, {head['gold']} gold statements: found {head['found']}, "
             f"recall {head['recall']:.3f}; {head['outputs']} outputs, {head['wrong']} wrong, "
             f"precision {head['precision']:.3f}; status accuracy {head['status_accuracy']:.3f}", ""]
    for o in outcomes:
        lines.append(f"{o.record.id:22} {o.record.source:8} found {sum(o.found):>2}/{len(o.found):<2} "
                     f"outputs {len(o.outputs):>2} wrong {len(o.wrong):>2}")
    return "\n".join(lines)


def show(outcome: Outcome) -> str:
    """One article's misses and wrong outputs."""
    record = outcome.record
    lines = [f"== {record.id}"]
    lines += [f"  missed       {g.describe()}" for g, f in zip(record.gold, outcome.found) if not f]
    lines += [f"  status wrong {g.describe()}" for g, f, ok in zip(record.gold, outcome.found, outcome.status_ok)
              if f and not ok]
    lines += [f"  wrong        {o.subject} {o.predicate} {o.root} {o.object} ({o.status})" for o in outcome.wrong]
    return "\n".join(lines)


if __name__ == "__main__":
    from command import scorer_main

    sys.exit(scorer_main("score_articles.py", "Score kg on whole wire-style articles.", SET, load, run, show, report))
