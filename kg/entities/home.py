"""The state a wire story is filed from: its dateline's country ('KABUL, Afghanistan (AP) —', 'ANKARA (AFP) -'),
when the story is about it. Wire copy names a foreign official with his country ('Iranian President Ebrahim
Raisi') and a local one without ('President Bola Tinubu', 'Army spokesman ...'): a bare title is of this state,
unless the text names that person, or the title's last earlier holder, with another state.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from kg.entities.mentions import words
from kg.gazetteer import Gazetteer, country_key, entity_key
from kg.lexicon import load_json
from kg.model import Entity
from kg.parse.sentences import tokens_of


def dateline_state(dateline: str, gazetteer: Gazetteer, choices: dict[str, Entity] | None = None) -> str | None:
    """The country a dateline names, or whose capital or province it names ('BAMAKO', 'ISTANBUL'); None for other
    cities ('DUBAI'). ``choices``: what the text's ambiguous names stand for ('GOMA, Congo')."""
    place = re.sub(r"\(.*?\)|[—–_-]+\s*$", "", dateline)
    for part in (p.strip() for p in place.split(",")):
        name = part.title() if part.isupper() else part
        entity = (choices or {}).get(name) or gazetteer.lookup(name)
        if entity is not None and entity.type == "Country":
            return entity.key
        if (state := place_state(name, gazetteer)) is not None:
            return state
    return None


def place_state(name: str, gazetteer: Gazetteer) -> str | None:
    """The country whose capital, province, big city or known region a name is ('Kabul', 'Istanbul', 'Gaza'), or
    None."""
    known = gazetteer.lookup(name)
    region = known_countries().get(known.key) if known is not None and known.type == "Place" else None
    return gazetteer.seats.get(name) or provinces().get(name) or region


@lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """Province or big-city name -> country key, for names countryinfo gives one country only ('ISTANBUL')."""
    import countryinfo

    found: dict[str, set[str]] = {}
    for country in countryinfo.all_countries():
        info = country.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        for name in (info.get("provinces") or ()) if iso3 else ():
            found.setdefault(name, set()).add(country_key(iso3))
    return {name: keys.pop() for name, keys in found.items() if len(keys) == 1}


def home_state(dateline: str, gazetteer: Gazetteer, tokens: dict[int, str], entities: dict[str, Entity],
               choices: dict[str, Entity] | None = None) -> str | None:
    """The dateline's state if the story is about it: named at least twice, and among the two states named most
    (a 'BEIRUT' dateline on a story about Syria gives none)."""
    key = dateline_state(dateline, gazetteer, choices) if dateline else None
    if key is None:
        return None
    counts: dict[str, int] = {}
    previous = None
    for index in sorted(tokens):
        state = tokens[index]
        if state != previous and entities.get(state) is not None and entities[state].type == "Country":
            counts[state] = counts.get(state, 0) + 1
        previous = state if index + 1 in tokens else None
    ranked = sorted(counts, key=lambda k: -counts[k])
    return key if counts.get(key, 0) >= 2 and key in ranked[:2] else None


def dispatch_homes(doc: Doc, dispatches: tuple[tuple[int, str], ...], gazetteer: Gazetteer, tokens: dict[int, str],
                   entities: dict[str, Entity], choices: dict[str, Entity]) -> tuple[tuple[int, str | None], ...]:
    """(first token, home state) of each dispatch of a roundup ('TEHRAN (AP) —' further down starts one of Iran);
    the first runs from the text's start, and each state is judged on its own dispatch's names."""
    starts = [(next((t.i for t in tokens_of(doc) if t.idx >= start), len(doc)), line) for start, line in dispatches]
    starts = [(0 if n == 0 else i, line) for n, (i, line) in enumerate(starts)]
    found = []
    for n, (first, line) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(doc)
        own = {i: key for i, key in tokens.items() if first <= i < end}
        found.append((first, home_state(line, gazetteer, own, entities, choices)))
    return tuple(found)


@lru_cache(maxsize=1)
def known_countries() -> dict[str, str]:
    """Entity key -> the key of the country a known person or body belongs to (gazetteer.json 'country'), or of
    the state or organisation a well-known public figure belongs to (figures.json), under each of its names."""
    found = {entity_key(e["type"], e["label"]): country_key(e["country"])
             for e in load_json("lexicon/gazetteer.json")["entities"] if e.get("country")}
    for person in load_json("lexicon/figures.json")["people"]:
        owner = country_key(person["country"]) if "country" in person \
            else entity_key("Organization", person["organisation"])
        found.update(dict.fromkeys((entity_key("Person", n) for n in (person["name"], *person.get("aliases", ()))),
                                   owner))
    return found


def titles(doc: Doc, tokens: dict[int, str], entities: dict[str, Entity]
           ) -> list[tuple[int, str, str | None, str | None]]:
    """Title phrases in text order: where, the title ('foreign minister'), the state named with it ('Iran's',
    'Iranian') and the person it names ('... Hossein Amir-Abdollahian', 'the foreign minister, ...'), or None."""
    lexicon = words()
    roles, portfolios = set(lexicon["person_roles"]), set(lexicon["portfolios"])
    found: list[tuple[int, str, str | None, str | None]] = []
    for token in tokens_of(doc):
        ends = token.i + 1 == len(doc) or doc[token.i + 1].lower_ not in roles  # its last role word ends a title
        if token.lower_ not in roles or token.i in tokens or not ends:
            continue
        start = token.i
        while start > 0 and start - 1 not in tokens and (
                doc[start - 1].lower_ in portfolios or f"{doc[start - 1].lower_} {token.lower_}" in roles):
            start -= 1
        before = start - 2 if start >= 2 and doc[start - 1].tag_ == "POS" else start - 1
        state = tokens.get(before) if before >= 0 else None
        state = state if state and entities[state].type in ("Country", "Territory") else None
        after = token.i + 2 if token.i + 2 < len(doc) and doc[token.i + 1].text == "," else token.i + 1
        person = tokens.get(after) if after < len(doc) else None
        person = person if person and entities[person].type == "Person" else None
        found.append((token.i, doc[start:token.i + 1].text.lower(), state, person))
    return found


def title_states(doc: Doc, tokens: dict[int, str], entities: dict[str, Entity],
                 homes: tuple[tuple[int, str | None], ...]) -> dict[str, str | None]:
    """The state each titled person's bare title ('Foreign Minister X') is of: the one the person is named with
    anywhere ('Iranian Foreign Minister X'), else the one of the last earlier holder of that title named without
    another person ('Iran's foreign minister arrived ...'), else the home state only if no state's holder of that
    title was named before (the second foreign minister of a story from Beirut is not Lebanon's)."""
    phrases = titles(doc, tokens, entities)
    named = {person: state for _, _, state, person in reversed(phrases) if person and state}
    found: dict[str, str | None] = {}
    for index, (at, title, state, person) in enumerate(phrases):
        if person is None or state is not None or person in found:
            continue
        earlier = [(s, p) for _, t, s, p in phrases[:index] if t == title and s]
        own = [s for s, p in earlier if p in (None, person)]
        home = None if is_visitor(doc, person, tokens) else next((h for f, h in reversed(homes) if f <= at), None)
        found[person] = named.get(person) or (own[-1] if own else None if earlier else home)
    return found


def is_visitor(doc: Doc, person: str, tokens: dict[int, str]) -> bool:
    """'during a visit by Prime Minister X', 'X arrived in ...', 'X is expected to travel on to ...': a person the
    text has come or going is no one of the state the story is filed from."""
    visits = set(words()["visit_words"])
    for index in (i for i, key in tokens.items() if key == person):
        token = doc[index]
        if tokens.get(token.head.i) == person:
            continue  # not the name's head word
        verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "by" else token.head
        xcomps = [c for c in verb.children if c.dep_ == "xcomp"]  # 'X is expected to travel'
        if token.dep_ in ("nsubj", "nsubjpass", "pobj", "agent") and \
                {verb.lemma_.lower(), *(c.lemma_.lower() for c in xcomps)} & visits:
            return True
    return False


def place_states(entities: dict[str, Entity], used: set[str], gazetteer: Gazetteer) -> dict[str, str]:
    """The state of each named place that is a capital, province or big city ('Istanbul': Turkey), the state
    added to the entities ('police in Istanbul' stand for it)."""
    found = {}
    for key in used:
        state = place_state(entities[key].label, gazetteer) if entities[key].type == "Place" else None
        if state in gazetteer.entities:
            entities.setdefault(state, gazetteer.entities[state])
            found[key] = state
    return found
