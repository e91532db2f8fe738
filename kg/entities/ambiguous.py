"""Names that stand for more than one entity ('Congo', 'Georgia', 'Korea'): the text's cues choose
(gazetteer.json 'ambiguous_names')."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.gazetteer import Gazetteer
from kg.lexicon import load_json
from kg.model import Entity


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """The names, each choice's entity label with the pattern of its cues, and the default label (or None)."""

    names: tuple[str, ...]
    choices: tuple[tuple[str, re.Pattern[str]], ...]
    default: str | None


@lru_cache(maxsize=1)
def ambiguous_names() -> tuple[Ambiguous, ...]:
    return tuple(
        Ambiguous(tuple(entry["names"]), tuple((c["entity"], cue_pattern(c["cues"])) for c in entry["choices"]),
                  entry.get("default"))
        for entry in load_json("lexicon/gazetteer.json")["ambiguous_names"])


def cue_pattern(cues: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(cues)})(?!\w)", re.IGNORECASE)


def chosen(text: str, gazetteer: Gazetteer) -> dict[str, Entity]:
    """Each ambiguous name -> the entity it names in this text: the choice whose cues occur most often, else the
    default ('Congo' in a story that names Goma and M23 is the Democratic Republic of the Congo)."""
    found: dict[str, Entity] = {}
    for entry in ambiguous_names():
        hits = {label: len(pattern.findall(text)) for label, pattern in entry.choices}
        best = max(hits.values())
        winners = [label for label, count in hits.items() if count == best]
        label = winners[0] if best and len(winners) == 1 else entry.default
        entity = gazetteer.lookup(label) if label else None
        if entity is not None:
            found.update({name: entity for name in entry.names})
    return found
