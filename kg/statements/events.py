"""The clause reader: every verb or event noun of ``ontologies/lexicon/events.json``, with its
agents and targets found by :mod:`kg.clauses`, becomes a Relation.

It runs on the tokens the specific frames of relations.json leave alone.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.statements.clauses import (VERBAL, agents, along, comment_clause, light_verb, noun_agents, noun_paths,
                                   participle_patient)
from kg.errors import KgError
from kg.lexicon import confidence, load_json
from kg.entities.linker import Linker
from kg.statements.hyphens import hyphen_relations
from kg.statements.relations import Relation, dobj_of, frame_relations, make_relation, predicates
from kg.entities.resolve import Resolution
from kg.parse.sentences import tokens_of



@dataclass(frozen=True, slots=True)
class Entry:
    """One event of the lexicon: its predicate, triggers and where its target is."""

    predicate: str
    targets: tuple[str, ...]
    objects: frozenset[str]
    target_types: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Entries by trigger: single lemmas, two-word verbs ('crack down', 'call for') and nouns."""

    verbs: dict[str, tuple[Entry, ...]]
    phrases: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    light: frozenset[str]


def check_entry(number: int, raw: dict) -> None:
    """Keys and types are checked by ontologies/schemas/events.schema.json; the predicate must exist."""
    if raw["predicate"] not in predicates():
        raise KgError(f"events.json: entry {number} names unknown predicate {raw['predicate']!r}",
                      "declare it under 'predicates' in relations.json and in kg.ttl", 1)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The event lexicon, validated: unknown keys or predicates are refused."""
    data = load_json("lexicon/events.json")
    verbs: dict[str, list[Entry]] = {}
    phrases: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    for number, raw in enumerate(data["entries"]):
        check_entry(number, raw)
        entry = Entry(raw["predicate"], tuple(raw["targets"]), frozenset(raw.get("objects", ())),
                      frozenset(raw.get("target_types", ())))
        for verb in raw.get("verbs", ()):
            (phrases if " " in verb else verbs).setdefault(verb, []).append(entry)
        for noun in raw.get("nouns", ()):
            nouns.setdefault(noun, []).append(entry)
    freeze = lambda index: {word: tuple(sorted(found, key=lambda e: not e.objects)) for word, found in index.items()}  # noqa: E731
    return Lexicon(freeze(verbs), freeze(phrases), freeze(nouns), frozenset(data["light_verbs"]))


def stems(verb: Token) -> list[str]:
    """The lemma, then stems of the inflected form for when the lemmatiser got a rare verb wrong ('cordoned')."""
    word, lemma = verb.lower_, verb.lemma_.lower()
    guesses = {"ed": [word[:-2], word[:-1], word[:-3]], "ing": [word[:-3], word[:-3] + "e", word[:-4]], "s": [word[:-1]]}
    suffix = next((s for s in guesses if word.endswith(s) and len(word) > len(s) + 2), None)
    return [lemma, *(guesses[suffix] if suffix else [])]


def verb_entries(verb: Token) -> tuple[Entry, ...]:
    """Entries a verb starts: a phrase with its particle, preposition or object first, then its lemma."""
    index = lexicon()
    for lemma in stems(verb):
        for child in verb.children:
            if child.dep_ in ("prt", "prep", "dobj", "agent"):
                found = index.phrases.get(f"{lemma} {child.lower_}") or index.phrases.get(f"{lemma} {child.lemma_.lower()}")
                if found:
                    return found
        if lemma in index.verbs:
            return index.verbs[lemma]
    return ()


def fits(verb: Token, entry: Entry) -> bool:
    """An entry that needs certain objects ('suspend ties') only fits a verb that has one."""
    if not entry.objects:
        return True
    obj = dobj_of(verb) or next((dobj_of(c) for c in comment_clause(verb)), None)
    return obj is not None and ("*" in entry.objects or bool(entry.objects & set(noun_forms(obj))))


def noun_forms(noun: Token) -> list[str]:
    """How an entry may name a noun: with a modifier first ('chemical weapon', 'mass killing'), then alone."""
    lemma = noun.lemma_.lower()
    modified = [f"{c.lower_} {lemma}" for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
    return [*modified, lemma, noun.lower_]


def pairs(subjects, targets, trigger: Token, entry: Entry, linker: Linker, confidence: float) -> Iterator[Relation]:
    for subject, subject_token in subjects:
        for obj, obj_token in targets:
            if entry.target_types and linker.type_of(obj) not in entry.target_types:
                continue  # 'restored ties with' a place that is no state or body
            relation = make_relation(subject, entry.predicate, obj, trigger, f"event:{entry.predicate}",
                                     [subject_token, obj_token], linker, confidence)
            if relation:
                yield relation


def uncoded_events(verb: Token, linker: Linker) -> list[Relation]:
    """A verb no entry names that links two actors: labelled with its verb, no code, low confidence."""
    data = load_json("lexicon/events.json")["uncoded"]
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma in data["excluded"] or lemma in lexicon().light or not lemma.isalpha():
        return []
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return []
    targets = along(verb, tuple(data["targets"]), linker)
    prep = next((t.head.lower_ for _, t in targets if t.dep_ == "pobj"), "")
    label = f"{verb.lemma_.lower()} {prep}".strip()
    named = [(k, t) for k, t in agents(verb, linker) if t.i not in linker.resolution.inferred]
    targets = [(k, t) for k, t in targets if t.i not in linker.resolution.inferred]
    return [replace(r, label=label) for r in pairs(named, targets, verb, Entry(data["predicate"], (), frozenset()),
                                                   linker, confidence("uncoded"))]


def each_other(subjects, targets, entry: Entry, allowed: bool = True):
    """Coordinated agents of a symmetric event with no target act on each other ('France and Chile agree')."""
    if allowed and not targets and len(subjects) > 1 and predicates()[entry.predicate].symmetric:
        return subjects[:1], subjects[1:]
    return subjects, targets


def verb_events(verb: Token, linker: Linker) -> list[Relation]:
    entries = verb_entries(verb)
    if not entries:
        return uncoded_events(verb, linker)
    for entry in entries:
        if fits(verb, entry):
            subjects = agents(verb, linker)
            targets = along(verb, entry.targets, linker, {k for k, _ in subjects}) or participle_patient(verb, linker)
            intent = any(c.dep_ == "xcomp" for c in verb.children)  # 'agreed to restore ties' is the restoring
            subjects, targets = each_other(subjects, targets, entry, not intent)
            found = list(pairs(subjects, targets, verb, entry, linker, confidence("clause_verb")))
            if found:
                return found
    return []


def noun_events(noun: Token, linker: Linker) -> list[Relation]:
    light = light_verb(noun, lexicon().light)
    entries = next((lexicon().nouns[form] for form in noun_forms(noun) if form in lexicon().nouns), ())
    for entry in entries:
        paths = noun_paths(entry.targets)
        targets = along(noun, paths, linker) or (along(light, paths, linker) if light is not None else [])
        subjects = noun_agents(noun, linker, light)
        if not subjects and len(targets) > 1 and noun.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            subjects, targets = targets[:1], targets[1:]
        subjects, targets = each_other(subjects, targets, entry)  # 'Gondor and Rohan delayed their meeting'
        found = list(pairs(subjects, targets, noun, entry, linker, confidence("clause_noun")))
        if found:
            return found
    return []


def events_at(token: Token, linker: Linker) -> list[Relation]:
    """The events a token triggers as a verb or an event noun."""
    if token.pos_ in VERBAL:
        return verb_events(token, linker)
    if token.pos_ in ("NOUN", "PROPN"):
        return noun_events(token, linker)
    return []


def extract_relations(doc: Doc, resolution: Resolution) -> Iterator[Relation]:
    """Every relation of the document in text order: a specific frame where one matches, else the clause reader."""
    linker = Linker(doc, resolution)
    earlier: list[Relation] = []
    for token in tokens_of(doc):
        yield from hyphen_relations(token, linker)
        found = frame_relations(token, linker, earlier) or events_at(token, linker)
        earlier += found
        yield from found
