"""Relation frames and the predicates they produce.

The rules of ``ontologies/lexicon/relations.json`` as typed objects.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.errors import KgError
from kg.lexicon import load_json
from kg.model import Predicate


@dataclass(frozen=True, slots=True)
class Frame:
    """One rule: trigger lemmas, a predicate and where to find its arguments."""

    id: str
    kind: str
    lemmas: frozenset[str]
    predicate: str
    object: tuple[str, ...]
    subject: tuple[str, ...] = ()
    dobj: frozenset[str] = frozenset()
    particle: str = ""
    object_types: frozenset[str] = frozenset()
    named_object: bool = False
    visitor: bool = False  # the object is a guest: not people who are no state's agents ('received refugees')
    additive: bool = False  # the clause reader reads the clause too ('blocked Venezuela's bid to join': a rejection)
    requires_as: frozenset[str] = frozenset()
    place: frozenset[str] = frozenset()  # prepositions: one must name a place ('welcomed Ruto to the White House')
    acl: frozenset[str] = frozenset()
    partner: str = ""
    pair: bool = False
    light: bool = False
    accuser: bool = False
    parties: bool = False
    inverse: bool = False
    claimant: tuple[str, ...] = ()  # where the party whose claim is recognised or disputed is
    status: str = ""  # a status the frame itself states ('withdrew its recognition': former)
    happened: bool = False  # a fact only once done ('joined NATO', not 'will join' or 'hopes to join')


#: Where the other parties of a brokered deal are: 'X brokered the deal ... with Y'.
PARTIES = Frame("parties", "noun", frozenset(), "", ("@with", "dobj.@with"))


@lru_cache(maxsize=1)
def predicates() -> dict[str, Predicate]:
    """The ontology properties the rules can produce."""
    data = load_json("lexicon/relations.json")["predicates"]
    return {name: Predicate(id=name, label=p["label"], cameo=p.get("cameo"), wikidata=p.get("wikidata"),
                            symmetric=p.get("symmetric", False), kind=p.get("kind", "event"))
            for name, p in data.items()}


SEQUENCES = {"object": tuple, "subject": tuple, "claimant": tuple}  # paths keep their order; word lists are sets


def frame_of(kind: str, raw: dict) -> Frame:
    """A frame from its lexicon entry (keys and types already checked by relations.schema.json)."""
    fields = {key: SEQUENCES.get(key, frozenset)(value) if isinstance(value, list) else value
              for key, value in raw.items()}
    return Frame(kind=kind, **{"object": (), **fields})


@lru_cache(maxsize=1)
def frames() -> tuple[Frame, ...]:
    """Every verb and noun frame, checked against the predicate list."""
    data = load_json("lexicon/relations.json")
    known = predicates()
    for raw in (*data["verb_frames"], *data["noun_frames"]):
        if raw["predicate"] not in known:
            raise KgError(f"relations.json: frame {raw['id']} names unknown predicate {raw['predicate']}",
                          "add it under 'predicates'", 1)
    return tuple(frame_of(kind.split("_")[0], raw) for kind in ("verb_frames", "noun_frames") for raw in data[kind])


@lru_cache(maxsize=1)
def frames_by_word() -> dict[str, tuple[tuple[int, Frame], ...]]:
    """(lexicon position, frame) of the frames each trigger word may start."""
    index: dict[str, list[tuple[int, Frame]]] = {}
    for rank, frame in enumerate(frames()):
        for word in frame.lemmas:
            index.setdefault(word, []).append((rank, frame))
    return {word: tuple(found) for word, found in index.items()}


@lru_cache(maxsize=1)
def additive_frames() -> frozenset[str]:
    """Frames that add a reading beside the clause reader's ('a ceasefire brokered by': the brokering)."""
    return frozenset(f.id for f in frames() if f.parties or f.additive)


@lru_cache(maxsize=1)
def partner_predicates() -> dict[str, frozenset[str]]:
    """Where a frame's missing partner is found: the last ties event, or the last accusation."""
    return {k: frozenset(v) for k, v in load_json("lexicon/relations.json")["partner_predicates"].items()}


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(load_json("lexicon/relations.json")["light_verbs"])
