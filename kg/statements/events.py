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
                                   participle_patient, targeted)
from kg.statements.reception import hung_after, received
from kg.errors import KgError
from kg.lexicon import confidence, load_json
from kg.entities.linker import Linker, follow
from kg.statements.hyphens import hyphen_relations, is_hyphen_participle
from kg.statements.located import armed, home_target, located_target
from kg.statements.reciprocal import reciprocal
from kg.statements.words import stems
from kg.statements.modality import demanded
from kg.statements.recall import recalled_agents, settings as recall_settings
from kg.statements.frames import additive_frames, predicates
from kg.statements.relations import Relation, are_people, dobj_of, frame_relations, make_relation
from kg.entities.resolve import Resolution
from kg.parse.sentences import tokens_of


@dataclass(frozen=True, slots=True)
class Entry:
    """One event of the lexicon: its predicate, triggers and where its target is."""

    predicate: str
    targets: tuple[str, ...]
    objects: frozenset[str]
    target_types: frozenset[str] = frozenset()
    complements: frozenset[str] = frozenset()
    agent_of: bool = False  # the noun's 'of' phrase is its agent ('the withdrawal of Turkish forces')
    located: bool = False  # else the state its object is in is the target ('stormed a hotel in Mogadishu')
    armed: bool = False  # only forces do it ('troops crossed into', not 'refugees crossed into')
    visitor: bool = False  # its target is a guest, not people who are no state's agents ('received refugees')
    nominal: bool = False  # nouns only: its paths are a noun's own ('Russia's war in Ukraine')
    possessed: bool = False  # only a possessive or modifier is the noun's agent (not 'helped end the war in')
    home: bool = False  # a noun with no target is aimed at the state its dispatch is filed from ('a visit by')


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
    verbs, phrases, nouns = {}, {}, {}  # trigger -> its entries
    for number, raw in enumerate(data["entries"]):
        check_entry(number, raw)
        entry = Entry(raw["predicate"], tuple(raw["targets"]), frozenset(raw.get("objects", ())),
                      frozenset(raw.get("target_types", ())), frozenset(raw.get("complements", ())),
                      raw.get("agent_of", False), raw.get("located", False), raw.get("armed", False),
                      raw.get("visitor", False), "verbs" not in raw, raw.get("possessed", False),
                      raw.get("home", False))
        for verb in raw.get("verbs", ()):
            (phrases if " " in verb else verbs).setdefault(verb, []).append(entry)
        for noun in raw.get("nouns", ()):
            nouns.setdefault(noun, []).append(entry)
    freeze = lambda index: {word: tuple(sorted(found, key=lambda e: not (e.objects or e.complements)))  # noqa: E731
                            for word, found in index.items()}
    return Lexicon(freeze(verbs), freeze(phrases), freeze(nouns), frozenset(data["light_verbs"]))


def verb_entries(verb: Token) -> tuple[Entry, ...]:
    """Entries a verb starts: a phrase with its particle, preposition or object first, then its lemma."""
    index = lexicon()
    for lemma in stems(verb):
        for child in verb.children:
            if child.dep_ in ("prt", "prep", "dobj", "agent"):
                found = (index.phrases.get(f"{lemma} {child.lower_}")
                         or index.phrases.get(f"{lemma} {child.lemma_.lower()}"))
                if found:
                    return found
        if lemma in index.verbs:
            return index.verbs[lemma]
    return ()


def fits(verb: Token, entry: Entry) -> bool:
    """An entry that needs certain objects ('suspend ties') only fits a verb that has one, and one that needs
    a complement ('designated X a terrorist group') a verb that has it."""
    if entry.complements and not entry.complements & complement_words(verb):
        return False
    if not entry.objects:
        return True
    obj = dobj_of(verb) or next((dobj_of(c) for c in comment_clause(verb)), None)
    return obj is not None and ("*" in entry.objects or bool(entry.objects & set(noun_forms(obj))))


COMPLEMENT_PATHS = ("@as", "oprd", "dobj", "dative", "ccomp", "xcomp", "dobj.appos", "dative.appos", "dobj.@as")


def complement_words(verb: Token) -> set[str]:
    """The words of what a verb calls its object ('designated X (as) a terrorist group'): each complement's
    lemma and those of its modifiers."""
    found = [t for path in COMPLEMENT_PATHS for t in follow(verb, path)]
    return {w for t in found for m in (t, *(c for c in t.children if c.dep_ in ("amod", "compound")))
            for w in (m.lemma_.lower(), m.lower_)}


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
            if entry.visitor and are_people(obj_token, linker):
                continue
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
            subjects = armed(agents(verb, linker), linker) if entry.armed else agents(verb, linker)
            targets = event_actors(verb, entry, linker) \
                or along(verb, entry.targets, linker, {k for k, _ in subjects}) or participle_patient(verb, linker)
            if not targets and len(subjects) > 1 and reciprocal(verb) and not carried(verb):
                targets = subjects  # 'pledged not to attack each other' (not 'traded strikes on each other')
            intent = any(c.dep_ == "xcomp" for c in verb.children) or carries_event(verb)  # 'agreed to restore ties'
            subjects, targets = each_other(subjects, targets, entry, not intent)
            found = list(pairs(subjects, targets, verb, entry, linker, confidence("clause_verb")))
            if not found and entry.located:
                found = list(pairs(subjects, located_target(verb, entry.targets, linker), verb, entry, linker,
                                   confidence("clause_located")))
            if found:
                return found
    return []


def event_actors(verb: Token, entry: Entry, linker: Linker) -> list:
    """A path ending in '.actor' reaches an event noun and takes who is to do it ('called for the withdrawal of
    Turkish forces', 'demanded Russia's withdrawal': a demand of Turkey, of Russia)."""
    for path in entry.targets:
        for noun in follow(verb, path.removesuffix(".actor")) if path.endswith(".actor") else ():
            found = [e for entry_ in noun_entries(noun)[:1] if entry_.agent_of for e in of_agents(noun, linker)] \
                or noun_agents(noun, linker, None)
            if found:
                return found
    return []


def carries_event(verb: Token) -> bool:
    """'agreed to a ceasefire': the event is the noun's, not the agreeing's."""
    preps = load_json("lexicon/events.json")["prepositional_light_verbs"].get(verb.lemma_.lower(), ())
    return any(c.lower_ in preps and any(noun_entries(o) for o in c.children if o.dep_ == "pobj")
               for c in verb.children if c.dep_ == "prep")


def carried(verb: Token) -> bool:
    """Whether the verb's object is an event noun, whose event it carries ('traded strikes')."""
    return (obj := dobj_of(verb)) is not None and bool(noun_entries(obj))


def noun_entries(noun: Token) -> tuple[Entry, ...]:
    return next((lexicon().nouns[form] for form in noun_forms(noun) if form in lexicon().nouns), ())


def of_agents(noun: Token, linker: Linker) -> list:
    return [e for t in follow(noun, "@of") for e in linker.entities(t)]


def brokered(noun: Token) -> bool:
    """'Egypt brokered a deal between Israel and Hamas': the deal is the parties' own, whoever brokered it."""
    return noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in load_json("lexicon/events.json")[
        "brokering_verbs"]


def noun_events(noun: Token, linker: Linker) -> list[Relation]:
    light = light_verb(noun, lexicon().light)
    for entry in noun_entries(noun):
        paths = entry.targets if entry.nominal else noun_paths(entry.targets)
        paths = tuple(p for p in paths if not (entry.agent_of and p == "@of"))
        targets = along(noun, paths, linker) or (along(light, paths, linker) if light is not None else []) \
            or hung_after(noun, paths, linker)
        subjects = (of_agents(noun, linker) if entry.agent_of else []) or noun_agents(noun, linker, light)
        if entry.possessed:
            subjects = [e for c in noun.children if c.dep_ in ("poss", "compound", "amod") for e in linker.entities(c)]
        if (gift := received(noun, linker)) is not None:
            subjects, targets = gift
        parties = along(noun, ("@between",), linker) if predicates()[entry.predicate].symmetric else []
        outside = bool(subjects) and not {k for k, _ in subjects} & {k for k, _ in parties}
        if len(parties) > 1 and (demanded(noun) or outside):  # 'called for a ceasefire between Rwanda and Congo'
            subjects, targets = parties[:1], parties[1:]
        elif not subjects and len(targets) > 1 and (noun.dep_ in ("nsubj", "nsubjpass", "ROOT") or brokered(noun)):
            subjects, targets = targets[:1], targets[1:]
        if not targets and noun.dep_ == "pobj" and noun.head.lower_ in targeted():
            continue  # 'under the agreement, both sides will withdraw': no one's agreement
        if not targets and len(subjects) > 1 and reciprocal(noun, light):  # 'traded strikes on each other'
            targets = subjects
        subjects, targets = each_other(subjects, targets, entry)  # 'Gondor and Rohan delayed their meeting'
        found = list(pairs(subjects, targets, noun, entry, linker, confidence("clause_noun")))
        if not found and (entry.located or entry.home):
            where = located_target(noun, paths, linker, light) if entry.located else home_target(noun, linker)
            found = list(pairs(subjects, where, noun, entry, linker, confidence("clause_located")))
        if found:
            return found
    return []


def recalled_events(verb: Token, linker: Linker, earlier: list[Relation]) -> list[Relation]:
    """'Jordan condemned the attack' named earlier with its agent: the condemnation is of that agent."""
    if verb.pos_ not in VERBAL or not (entries := verb_entries(verb)):
        return []
    entry = next((e for e in entries if e.predicate in recall_settings().predicates and fits(verb, e)), None)
    if entry is None:
        return []
    subjects = agents(verb, linker)
    targets = recalled_agents(verb, earlier, {k for k, _ in subjects})
    if not targets:
        return []
    noun = dobj_of(verb)
    return list(pairs(subjects, [(k, noun) for k in targets], verb, entry, linker, confidence("clause_recalled")))


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
        if is_hyphen_participle(token):
            continue
        found = frame_relations(token, linker, earlier)
        if not found or all(r.rule in additive_frames() for r in found):  # 'a ceasefire brokered by': and the ceasefire
            uncoded = load_json("lexicon/events.json")["uncoded"]["predicate"] if found else ""  # not beside a frame
            found += [r for r in events_at(token, linker) if r.predicate != uncoded]
        found = found or recalled_events(token, linker, earlier)
        earlier += found
        yield from found
