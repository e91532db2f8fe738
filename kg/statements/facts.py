"""Static facts stated by noun phrases: makers, seats, locations, memberships and the titles of
:mod:`kg.statements.titles`: 'Paris-based Forbidden Stories', 'the NSO's Pegasus spyware', 'Dakhla in Western
Sahara', 'Poland, a member of NATO'.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.lexicon import confidence as start_confidence, load_json
from kg.entities.linker import Linker, follow
from kg.statements.relations import Relation
from kg.statements.titles import fact, former_words, role_facts
from kg.parse.sentences import tokens_of


@lru_cache(maxsize=1)
def patterns() -> dict:
    """The noun-phrase fact patterns of ``ontologies/lexicon/facts.json``."""
    return load_json("lexicon/facts.json")


def descriptor_modifiers(head: Token, linker: Linker) -> list[Token]:
    """'Italian energy group Eni', 'the Norwegian arms maker Kongsberg': the modifiers of a common noun that
    describes the name, before it or in apposition to it."""
    nouns = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < head.i]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < head.i:
        nouns.append(head.head)
    return [m for noun in nouns for m in noun.children
            if m.dep_ in ("amod", "compound") and not linker.resolution.tokens.get(noun.i)]


def owner_facts(head: Token, key: str, linker: Linker) -> Iterator[Relation]:
    """Organisations of a country ('Israel's Ratio Petroleum'), makers of products ('NSO's Pegasus')."""
    kind = linker.type_of(key)
    for child in [*head.children, *descriptor_modifiers(head, linker)]:
        other = linker.resolution.tokens.get(child.i)
        if not other or other == key or child.dep_ not in patterns()["owner_deps"] \
                or "-" in {t.text for t in head.doc[min(child.i, head.i):max(child.i, head.i)]}:
            continue  # 'the Israel-Hamas war' names two sides, not an owner
        for owner in patterns()["owners"]:
            if kind == owner["owned"] and linker.type_of(other) == owner["owner"]:
                yield fact(key, owner["predicate"], other, head, owner["rule"], [child], start_confidence("fact_owner"))


@lru_cache(maxsize=1)
def appositions() -> dict[str, dict]:
    """Apposition head word -> its entry ('Poland, a member of NATO'), from roles.json."""
    entries = load_json("lexicon/roles.json")["appositions"]
    return {word: entry for entry in entries for word in entry["words"]}


def member_facts(doc: Doc, linker: Linker) -> Iterator[Relation]:
    """'Poland, a member of NATO', 'China, North Korea's main ally': appositions of belonging."""
    for token in tokens_of(doc):
        member = linker.resolution.tokens.get(token.head.i)
        entry = appositions().get(token.lemma_.lower())
        if token.dep_ != "appos" or entry is None or not member:
            continue
        types = entry.get("object_types")
        found = next((f for path in entry["object"] if (f := [e for t in follow(token, path)[:1]
                                                               for e in linker.entities(t)])), [])
        for obj, obj_token in found:  # 'a member of both Nato and the EU'
            if not types or linker.type_of(obj) in types:
                yield fact(member, entry["predicate"], obj, token, entry["id"], [token.head, obj_token],
                           entry["confidence"])


def based_facts(doc: Doc, linker: Linker) -> Iterator[Relation]:
    """'Paris-based organisation Forbidden Stories'."""
    based = patterns()["based"]
    for token in tokens_of(doc):
        if token.lower_ not in based["words"] or token.i < 2 or doc[token.i - 1].text != "-":
            continue
        place = linker.resolution.tokens.get(token.i - 2)
        if not place or linker.type_of(place) not in based["places"]:
            continue
        for candidate in doc[token.i + 1:min(len(doc), token.i + 1 + based["window"])]:
            org = linker.resolution.tokens.get(candidate.i)
            if org and linker.type_of(org) in based["organisations"]:
                yield fact(org, based["predicate"], place, token, "based", [doc[token.i - 2], candidate],
                           start_confidence("fact_based"))
                break


def location_facts(doc: Doc, linker: Linker) -> Iterator[Relation]:
    """'Dakhla in Western Sahara', 'Rabat, Morocco': a place inside a larger one."""
    tokens, located = linker.resolution.tokens, patterns()["located"]
    for token in tokens_of(doc)[1:-1]:
        if token.lower_ not in located["words"] or not tokens.get(token.i - 1) or not tokens.get(token.i + 1):
            continue
        inner, outer = tokens[token.i - 1], tokens[token.i + 1]
        named = linker.resolution.entities[outer]
        if token.lower_ == "," and doc[token.i + 1].text not in (named.label, *named.aliases):
            continue
        if linker.type_of(inner) in located["inner"] and linker.type_of(outer) in located["outer"] and (
                token.lower_ != "," or token.i + 2 >= len(doc) or not tokens.get(token.i + 2) == outer
                or doc[token.i + 2].is_punct):
            yield fact(inner, located["predicate"], outer, token, "located-in", [doc[token.i - 1], doc[token.i + 1]],
                       start_confidence("fact_located"))


def colony_facts(doc: Doc, linker: Linker) -> Iterator[Relation]:
    """'the former Spanish colony' (when it refers to a known territory)."""
    colonies = patterns()["colonies"]
    for token in tokens_of(doc):
        territory = linker.resolution.tokens.get(token.i)
        if token.lemma_.lower() not in colonies["words"] or not territory:
            continue
        for child in token.children:
            ruler = linker.resolution.tokens.get(child.i)
            if ruler and child.dep_ in colonies["deps"] and linker.type_of(ruler) in colonies["rulers"]:
                former = any(c.lower_ in former_words() for c in token.children)
                yield fact(territory, colonies["predicate"], ruler, token, "colony", [child],
                           start_confidence("fact_colony"), status="former" if former else "")


def kin_facts(doc: Doc, linker: Linker) -> Iterator[Relation]:
    """'its ally Washington', 'Russia's ally Belarus': the possessor's tie to the actor the noun names."""
    kin = patterns()["kin"]
    for token in tokens_of(doc):
        if token.lower_ not in kin["words"] or linker.resolution.tokens.get(token.i):
            continue
        owners = [e for c in token.children if c.dep_ == "poss" for e in linker.entities(c)]
        named = [e for c in token.children if c.dep_ == "appos" for e in linker.entities(c)]  # not "its Nato allies"
        for (owner, owner_token), (other, other_token) in zip(owners[:1], named[:1]):
            if linker.type_of(other) in kin["types"] and linker.type_of(owner) in kin["types"]:
                yield fact(owner, kin["predicate"], other, token, "kin", [owner_token, other_token],
                           start_confidence("fact_located"))


def extract_facts(doc: Doc, linker: Linker) -> Iterator[Relation]:
    """Every static fact stated by a noun phrase of the document."""
    seen_heads: set[int] = set()
    for token in tokens_of(doc):
        key = linker.resolution.tokens.get(token.i)
        if not key or token.head.i in seen_heads:
            continue
        if token.head.i != token.i and linker.resolution.tokens.get(token.head.i) == key:
            continue
        kind = linker.type_of(key)
        if kind == "Person":
            yield from role_facts(token, key, linker)
        elif kind in ("Organization", "Product"):
            yield from (f for f in owner_facts(token, key, linker) if f)
    for family in (member_facts, based_facts, location_facts, colony_facts, kin_facts):
        yield from (f for f in family(doc, linker) if f)
