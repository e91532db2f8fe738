"""The state a wire story is filed from: its dateline's country ('KABUL, Afghanistan (AP) —', 'ANKARA (AFP) -'),
when the story is about it. Wire copy names a foreign official with his country ('Iranian President Ebrahim
Raisi') and a local one without ('President Bola Tinubu', 'Army spokesman ...'): a bare title is of this state.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.gazetteer import Gazetteer, country_key, entity_key
from kg.lexicon import load_json
from kg.model import Entity


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
    """The country whose capital, province or big city a name is ('Kabul', 'Istanbul'), or None."""
    return gazetteer.seats.get(name) or provinces().get(name)


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


@lru_cache(maxsize=1)
def known_countries() -> dict[str, str]:
    """Entity key -> the key of the country a known person or body belongs to (gazetteer.json 'country')."""
    return {entity_key(e["type"], e["label"]): country_key(e["country"])
            for e in load_json("lexicon/gazetteer.json")["entities"] if e.get("country")}
