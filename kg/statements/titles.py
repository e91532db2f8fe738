"""Titles and roles held by the people a text names: 'Israel's Defence Minister Benny Gantz', 'Polisario head
Brahim Ghali', 'U.S. Ambassador to Japan George Glass', 'its envoy Amos Hochstein'.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Token

from kg.lexicon import confidence as start_confidence, load_json
from kg.statements.modality import cues
from kg.entities.linker import Linker, follow
from kg.statements.relations import Relation

TITLE_BREAKS = ("VERB", "AUX", "DET", "PRON", "CCONJ", "SCONJ")

def former_words() -> set[str]:
    """'former', 'ex', 'late'...: a title or tie that no longer holds (from modality.json)."""
    return cues()["former_modifiers"]


@lru_cache(maxsize=1)
def roles() -> dict[str, dict]:
    """Title word -> its role entry."""
    entries = load_json("lexicon/roles.json")["entries"]
    return {word: entry for entry in entries for word in entry["words"]}


def fact(subject: str, predicate: str, obj: str, token: Token, rule: str, tokens: list[Token],
         confidence: float, role: str = "", status: str = "") -> Relation | None:
    if subject == obj:
        return None
    return Relation(subject=subject, predicate=predicate, object=obj, trigger=token.i, rule=rule,
                    tokens=tuple(sorted({token.i, *(t.i for t in tokens)})), confidence=confidence,
                    role=role, status=status)


def title_start(title: Token, linker: Linker) -> int:
    """Where the words of a title before a name begin ('national security adviser')."""
    doc, start, former = title.doc, title.i, former_words()
    while start > 0 and not linker.resolution.tokens.get(start - 1) and doc[start - 1].lower_ not in former and (
            doc[start - 1].is_title or doc[start - 1].pos_ in ("NOUN", "ADJ")):
        start -= 1
    return start


def title_phrase(title: Token, person: Token, linker: Linker) -> str:
    """The words of a title without the entities beside it ('Secretary of State')."""
    entity = linker.resolution.tokens.get
    if title.i < person.i:
        start = title_start(title, linker)
        end = title.i + 1
        while end < person.i and not entity(end) and person.doc[end].is_alpha and person.doc[end].lower_ != "the":
            end += 1
        words = person.doc[start:end]
    else:
        words = [t for t in title.subtree if t.i == title.i or (t.dep_ in ("compound", "prep", "pobj")
                 and not entity(t.i) and (t.i <= title.i or t.dep_ in ("prep", "pobj")))]
    return " ".join(t.text for t in words if t.lower_ not in former_words())


def surface_title(person: Token, linker: Linker) -> tuple[Token, list[Token]] | None:
    """'Polisario head Brahim Ghali': a title word, and the entity before it, just left of a name.

    Read off the tokens rather than the parse, which often mistakes such titles for verbs.
    """
    key = linker.resolution.tokens.get(person.i)
    start = person.i
    while start > 0 and linker.resolution.tokens.get(start - 1) == key:
        start -= 1
    window = list(person.doc[max(0, start - 6):start])
    title = None
    for token in reversed(window):
        if token.lower_ in roles() and title is None:
            title = token
            continue
        if title is None and in_posting(token, linker):
            continue  # 'Ambassador to Japan George Glass': Japan is where, not whose
        if (token.is_punct and token.text not in ("-", "’s", "'s")) or token.pos_ in TITLE_BREAKS:
            break
        owner = linker.resolution.tokens.get(token.i)
        if title is None and owner and owner != key:
            break  # 'compared President Paul Kagame to Adolf Hitler': Kagame's title, not Hitler's
        if title is not None and owner and owner != key and token.i < title.i:
            return title, [token]
    return (title, []) if title is not None else None


def in_posting(token: Token, linker: Linker) -> bool:
    """A token of 'to PLACE' or 'for PLACE' right after a title word."""
    doc, start = token.doc, token.i
    place = linker.resolution.tokens.get(token.i)
    while place and start > 0 and linker.resolution.tokens.get(start - 1) == place:
        start -= 1
    if not place:
        start = token.i + 1
    return 2 <= start and doc[start - 1].lower_ in ("to", "for") and doc[start - 2].lower_ in roles()


def phrase(head: Token) -> list[Token]:
    """The tokens of a title's noun phrase without the clauses on it ('a member of a militia that works with the
    army' is not of the army)."""
    clauses = [c for t in head.subtree if t.dep_ in ("relcl", "acl", "ccomp", "advcl") for c in t.subtree]
    inside = {t.i for t in clauses}
    return [t for t in head.subtree if t.i not in inside]


def titles_of(person: Token, linker: Linker) -> Iterator[tuple[Token, list[Token]]]:
    """(title word, tokens in whose scope its organisation or state is named)."""
    surface = surface_title(person, linker)
    if surface:
        yield surface
    for child in person.children:
        if child.dep_ == "appos" and child.lemma_.lower() in roles():
            yield child, phrase(child)
    if person.dep_ == "appos" and person.head.lemma_.lower() in roles() and not surface:  # 'Sudan's envoy, X,'
        yield person.head, [t for t in phrase(person.head) if t.i < person.i]
    if person.i in linker.resolution.inferred and person.lemma_.lower() in roles():
        yield person, phrase(person)


def is_qualified(title: Token, linker: Linker) -> bool:
    """'Egypt's intelligence chief', 'Opposition leader X' opening a sentence: a common noun says which part of the
    state or body the title is in."""
    before = title.doc[title_start(title, linker):title.i]
    return any(t.pos_ == "NOUN" and (t.is_lower or t.is_sent_start) for t in before)


def bare_title_target(title: Token, person: Token, key: str, entry: dict, linker: Linker) -> list[tuple[str, Token]]:
    """A title with nothing named beside it: 'its envoy Amos Hochstein' is of what 'its' stands for, and
    'President Bola Tinubu' of the state the gazetteer knows him by or else the story is filed from, if any."""
    start = person.i
    while start > 0 and linker.resolution.tokens.get(start - 1) == key:
        start -= 1
    if title.i > person.i or person.i in linker.resolution.inferred:
        return []
    before = title_start(title, linker) - 1
    if before >= 0 and person.doc[before].tag_ == "PRP$":
        owner = linker.resolution.tokens.get(before)
        owner = owner_state(owner, linker) if owner and linker.type_of(owner) == "Person" else owner
        fits = owner and owner != key and linker.type_of(owner) in ("Country", "Organization", "Territory")
        return [(owner, person.doc[before])] if fits else []
    if any(t.is_punct for t in person.doc[title.i:start]):
        return []  # 'NAME, the TITLE', 'a ministry spokesman, NAME,': not a bare title
    home = linker.resolution.home_of(key)
    fits = entry.get("bare_title_home") or (entry.get("known_person_home") and linker.resolution.known_state(key))
    return [(home, title)] if home and home != key and fits else []


def owner_state(person: str, linker: Linker) -> str | None:
    """The state a person was named with ('Ethiopian Prime Minister Abiy Ahmed'): 'his adviser' is of it."""
    resolution = linker.resolution
    for index in sorted(i for i, k in resolution.tokens.items() if k == person and i not in resolution.inferred):
        found = surface_title(linker.doc[index], linker)
        owners = [resolution.tokens[t.i] for t in (found[1] if found else ())]
        if owners and linker.type_of(owners[0]) == "Country":
            return owners[0]
    return None


def role_facts(person: Token, key: str, linker: Linker) -> Iterator[Relation]:
    for title, scope in titles_of(person, linker):
        entry = roles()[title.lemma_.lower() if title.lemma_.lower() in roles() else title.lower_]
        window = person.doc[max(0, min(title.i, title_start(title, linker)) - 3):person.i]
        former = "former" if any(t.lower_ in former_words() for t in [*scope, *window]) else ""
        if entry.get("object"):
            targets = [e for path in entry["object"] for t in follow(title, path) for e in linker.entities(t)]
        else:
            targets = [e for t in scope for e in [(linker.resolution.tokens.get(t.i), t)]
                       if e[0] and e[0] != key and linker.type_of(e[0]) in ("Country", "Organization", "Territory")]
        targets = targets or bare_title_target(title, person, key, entry, linker)
        qualified = is_qualified(title, linker)
        predicate = entry.get("qualified_predicate", entry["predicate"]) if qualified else entry["predicate"]
        for obj, token in targets[:1]:
            found = fact(key, predicate, obj, title, f"role-{entry['id']}", [person, token],
                         start_confidence("fact_role"), title_phrase(title, person, linker), former)
            if found:
                yield found
