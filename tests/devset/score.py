"""Score kg's event extraction on the project's own development set (``sentences.jsonl`` beside this file).

    .venv/bin/python tests/devset/score.py [--show] [--set FILE.jsonl] [--model NAME_OR_PATH]

Each line of the set is {"id", "published", "text", "category", "gold", "noevents"}; a gold event is
{"subject", "object", "cameo_root"} with kg's canonical labels, and optionally "subject_alt"/"object_alt"
(other labels a reader accepts, such as the country of a named minister), "symmetric": true and "status"
(default "asserted"). The sentences were written for this project, not taken from any evaluation suite.
``fresh.jsonl`` (same format) was written later, unseen by the extractor's author, to check that what was
tuned on ``sentences.jsonl`` carries over.

A gold event is found when kg outputs a coded event (``predicate.cameo`` set) between the same two actors:
subject and object labels compared case-insensitively, either direction for a ``symmetric`` gold event,
any of ``subject_alt``/``object_alt`` accepted too. CAMEO root (first two digits of the code) and status are
scored separately on the found events. Precision counts the distinct (subject, object) pairs of coded events,
leaving out negated and denied ones unless the gold gives that pair that status.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SET = Path(__file__).with_name("sentences.jsonl")
FRESH = Path(__file__).with_name("fresh.jsonl")  # written after the extractor was tuned on SET, to check it carries over
UNCOUNTED = ("negated", "denied")  # statuses left out of precision unless the gold has them


@dataclass(frozen=True, slots=True)
class Gold:
    """One expected event: who acts on whom, its CAMEO root class and its status."""

    subjects: frozenset[str]
    objects: frozenset[str]
    root: str
    status: str = "asserted"
    symmetric: bool = False

    def matches(self, subject: str, object_: str) -> bool:
        forward = subject in self.subjects and object_ in self.objects
        return forward or (self.symmetric and subject in self.objects and object_ in self.subjects)


@dataclass(frozen=True, slots=True)
class Record:
    """One sentence of the set with its gold events."""

    id: str
    published: date
    text: str
    category: str
    gold: tuple[Gold, ...]
    noevents: bool


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event kg output: lower-cased actor labels, CAMEO root and status."""

    subject: str
    object: str
    root: str
    status: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one sentence scored: per gold event whether found, right root, right status; output pairs."""

    record: Record
    events: tuple[Event, ...]
    found: tuple[bool, ...]
    root_ok: tuple[bool, ...]
    status_ok: tuple[bool, ...]
    pairs: tuple[tuple[str, str], ...]  # counted output pairs
    wrong: tuple[tuple[str, str], ...]  # counted output pairs no gold event matches


def labels(entry: dict, role: str) -> frozenset[str]:
    return frozenset(label.lower() for label in (entry[role], *entry.get(f"{role}_alt", ())))


def parse(line: str) -> Record:
    row = json.loads(line)
    gold = tuple(Gold(labels(g, "subject"), labels(g, "object"), g["cameo_root"], g.get("status", "asserted"),
                      g.get("symmetric", False)) for g in row["gold"])
    return Record(row["id"], date.fromisoformat(row["published"]), row["text"], row["category"], gold,
                  row["noevents"])


def load(path: Path = SET) -> list[Record]:
    """The records of the set."""
    return [parse(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def coded(statements) -> tuple[Event, ...]:
    """The coded events among kg's statements."""
    return tuple(Event(s.subject.label.lower(), s.object.label.lower(), s.predicate.cameo[:2], s.status)
                 for s in statements if s.predicate.cameo)


def counted(event: Event, gold: tuple[Gold, ...]) -> bool:
    return event.status not in UNCOUNTED or any(
        g.status == event.status and g.matches(event.subject, event.object) for g in gold)


def judge(record: Record, events: tuple[Event, ...]) -> Outcome:
    """Score one sentence's coded events against its gold."""
    hits = [[e for e in events if g.matches(e.subject, e.object)] for g in record.gold]
    pairs = tuple(sorted({(e.subject, e.object) for e in events if counted(e, record.gold)}))
    wrong = tuple(p for p in pairs if not any(g.matches(*p) for g in record.gold))
    return Outcome(record, events, tuple(bool(h) for h in hits),
                   tuple(any(e.root == g.root for e in h) for g, h in zip(record.gold, hits)),
                   tuple(any(e.status == g.status for e in h) for g, h in zip(record.gold, hits)),
                   pairs, wrong)


def run(records: list[Record] | None = None, model: str | None = None) -> list[Outcome]:
    """Extract every sentence with kg's Python API and judge it."""
    import kg

    records = load() if records is None else records
    settings = kg.Settings() if model is None else kg.Settings(model=model)
    articles = [kg.Article(id=r.id, text=r.text, published=r.published) for r in records]
    found = {article.id: statements for article, statements in kg.extract_all(articles, settings)}
    return [judge(r, coded(found.get(r.id, ()))) for r in records]


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True, slots=True)
class Figures:
    """Totals over a group of outcomes."""

    gold: int
    found: int
    root_ok: int
    status_ok: int
    pairs: int
    wrong: int

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def precision(self) -> float:
        return ratio(self.pairs - self.wrong, self.pairs)

    @property
    def root_accuracy(self) -> float:
        return ratio(self.root_ok, self.found)

    @property
    def status_accuracy(self) -> float:
        return ratio(self.status_ok, self.found)


def figures(outcomes: list[Outcome]) -> Figures:
    return Figures(sum(len(o.found) for o in outcomes), sum(sum(o.found) for o in outcomes),
                   sum(sum(o.root_ok) for o in outcomes), sum(sum(o.status_ok) for o in outcomes),
                   sum(len(o.pairs) for o in outcomes), sum(len(o.wrong) for o in outcomes))


def by_category(outcomes: list[Outcome]) -> dict[str, Figures]:
    """Figures per category, in the set's order."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.record.category].append(outcome)
    return {category: figures(group) for category, group in groups.items()}


def by_root(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """(found, gold) per gold CAMEO root, over every sentence."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for outcome in outcomes:
        for gold, found in zip(outcome.record.gold, outcome.found):
            counts[gold.root][0] += found
            counts[gold.root][1] += 1
    return {root: (found, total) for root, (found, total) in sorted(counts.items())}


def noevent_pairs(outcomes: list[Outcome]) -> int:
    """Counted pairs output on sentences that must yield nothing."""
    return sum(len(o.pairs) for o in outcomes if o.record.noevents)


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    """The headline figures."""
    total = figures(outcomes)
    return {"sentences": len(outcomes), "gold": total.gold, "recall": total.recall, "precision": total.precision,
            "root_accuracy": total.root_accuracy, "status_accuracy": total.status_accuracy,
            "noevent_pairs": noevent_pairs(outcomes)}


def report(outcomes: list[Outcome]) -> str:
    """The figures as a text table."""
    head = summary(outcomes)
    lines = [f"{head['sentences']} sentences, {head['gold']} gold events: recall {head['recall']:.3f}, "
             f"precision {head['precision']:.3f}, root accuracy {head['root_accuracy']:.3f}, "
             f"status accuracy {head['status_accuracy']:.3f}, pairs on no-event sentences {head['noevent_pairs']}",
             "", f"{'category':22} {'found':>9} {'recall':>7} {'prec':>6} {'root':>6} {'status':>7}"]
    for category, f in by_category(outcomes).items():
        if not f.gold:
            lines.append(f"{category:22} {'-':>9} {'':7} {'':6} {'':6} {'':7}  pairs {f.pairs}")
            continue
        lines.append(f"{category:22} {f.found:>4}/{f.gold:<4} {f.recall:7.2f} {f.precision:6.2f} "
                     f"{f.root_accuracy:6.2f} {f.status_accuracy:7.2f}  pairs {f.pairs}")
    lines += ["", "recall by gold CAMEO root: " + ", ".join(
        f"{root} {found}/{total}" for root, (found, total) in by_root(outcomes).items())]
    return "\n".join(lines)


def describe(gold: Gold) -> str:
    return f"{'/'.join(sorted(gold.subjects))} -> {'/'.join(sorted(gold.objects))} {gold.root} {gold.status}"


def show(outcome: Outcome) -> str:
    """One sentence's misses and wrong outputs, or '' when it scored perfectly."""
    record = outcome.record
    missed = [g for g, found in zip(record.gold, outcome.found) if not found]
    wrong_root = [g for g, found, ok in zip(record.gold, outcome.found, outcome.root_ok) if found and not ok]
    wrong_status = [g for g, found, ok in zip(record.gold, outcome.found, outcome.status_ok) if found and not ok]
    if not (missed or wrong_root or wrong_status or outcome.wrong):
        return ""
    lines = [f"{record.id}: {record.text}"]
    lines += [f"  missed       {describe(g)}" for g in missed]
    lines += [f"  root wrong   {describe(g)}" for g in wrong_root]
    lines += [f"  status wrong {describe(g)}" for g in wrong_status]
    lines += [f"  not in gold  {s} -> {o}" for s, o in outcome.wrong]
    lines += [f"  output       {e.subject} -> {e.object} {e.root} {e.status}" for e in outcome.events]
    return "\n".join(lines)


if __name__ == "__main__":
    from command import scorer_main

    sys.exit(scorer_main("score.py", "Score kg on the project's development set.", SET, load, run, show, report))
