"""Known entities: countries (countryinfo, pycountry), their capitals and demonyms,
and the organisations, epithets and products of ``ontologies/lexicon/gazetteer.json``.

Also reads the user's own alias file (``--gazetteer FILE``: tab- or comma-separated
``alias, canonical name, type[, code]``).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import KgError
from kg.lexicon import load_json
from kg.model import Entity

TYPES = ("Country", "Territory", "Place", "Person", "Organization", "Product")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Entities by key, and the surface forms that name them.

    ``names``: alias -> entity key (the entity itself);
    ``seats``: capital or seat of government -> country key (metonymy);
    ``demonyms``: adjective or people -> country key;
    ``regions``: country key -> (region, subregion);
    ``adjectives``: country key -> the adjective used in names ('Israeli Defence Ministry').
    """

    entities: dict[str, Entity]
    names: dict[str, str]
    seats: dict[str, str]
    demonyms: dict[str, str]
    regions: dict[str, tuple[str, str]]
    adjectives: dict[str, str]

    def lookup(self, surface: str) -> Entity | None:
        """The entity a surface form names, trying a few normal variants."""
        for variant in surface_variants(surface):
            key = self.names.get(variant)
            if key:
                return self.entities[key]
        return None


def surface_variants(surface: str) -> list[str]:
    """The surface, without a leading 'the' and a trailing possessive."""
    text = re.sub(r"['’]s?$", "", surface.strip())
    variants = [text]
    if text.lower().startswith("the "):
        variants.append(text[4:])
    return variants


def name_key(name: str) -> str:
    """A name as kg matches what an analyst types: its surface variant without 'the' or a possessive,
    accents, dots and apostrophes dropped, other punctuation a space, case folded ('the Côte d'Ivoire's'
    and 'cote divoire' have the same key)."""
    text = unicodedata.normalize("NFKD", surface_variants(name)[-1])
    text = re.sub(r"[.'’]", "", "".join(c for c in text if not unicodedata.combining(c)))
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


@lru_cache(maxsize=8)
def keyed_names(user_file: Path | None = None) -> dict[str, frozenset[str]]:
    """The entity keys each name key stands for: every alias, seat and demonym the extractor resolves
    ('washington' and 'american' name country/USA)."""
    gazetteer = load_gazetteer(user_file)
    found: dict[str, set[str]] = defaultdict(set)
    for names in (gazetteer.names, gazetteer.seats, gazetteer.demonyms):
        for name, key in names.items():
            found[name_key(name)].add(key)
    return {name: frozenset(keys) for name, keys in found.items()}


def country_key(iso3: str) -> str:
    return f"country/{iso3}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def entity_key(type_: str, label: str) -> str:
    return f"{type_.lower()}/{slug(label)}"


def claim_order(info: dict, data: dict) -> tuple[bool, int]:
    """States before territories, the more populous first: 'Indian' is India's, not a territory's."""
    iso3 = (info.get("ISO") or {}).get("alpha3")
    return iso3 in data["territories"], -int(info.get("population") or 0)


def seat_forms(capital: str) -> set[str]:
    """A capital as texts write it: 'Washington, D.C.' also 'Washington', "Sana'a" also 'Sanaa', 'Bogotá' also
    'Bogota'."""
    short = re.sub(r",?\s+D\.?C\.?$", "", capital)
    plain = "".join(c for c in unicodedata.normalize("NFKD", short) if not unicodedata.combining(c))
    return {capital, short, plain, re.sub(r"['’]", "", plain)}


def _countries(data: dict) -> tuple[dict, dict, dict, dict, dict]:
    import countryinfo
    import pycountry

    entities, names, seats, demonyms, regions = {}, {}, {}, {}, {}
    not_demonyms = set(data["not_demonyms"])
    for info in sorted((c.info() for c in countryinfo.all_countries()), key=lambda i: claim_order(i, data)):
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3 or not info.get("name"):
            continue
        key = country_key(iso3)
        if key in entities:
            continue
        official = pycountry.countries.get(alpha_3=iso3)
        aliases = {info["name"], *data["country_aliases"].get(iso3, [])}
        aliases |= {a for a in info.get("altSpellings", []) if len(a) > 3 and a.isascii()}
        if official is not None:
            aliases |= {getattr(official, f, None) for f in ("name", "common_name", "official_name")} - {None}
        aliases = {a for a in aliases if "," not in a}
        type_ = "Territory" if iso3 in data["territories"] else "Country"
        entities[key] = Entity(key=key, label=info["name"], type=type_, iso3=iso3,
                               wikidata=data["wikidata"].get(iso3), aliases=tuple(sorted(aliases)))
        for alias in aliases:
            names.setdefault(alias, key)
            if alias.lower().startswith("the "):
                names.setdefault(alias[4:], key)
        capitals = info.get("capital") or []
        capitals = [capitals] if isinstance(capitals, str) else capitals
        for seat in {form for capital in capitals for form in seat_forms(capital)} - {""}:
            seats.setdefault(seat, key)
        for word in {info.get("demonym") or "", *data["extra_demonyms"].get(iso3, [])} - {""} - not_demonyms:
            demonyms.setdefault(word, key)
            if not word.endswith(tuple(data["no_plural_endings"])) and " " not in word:
                demonyms.setdefault(word + "s", key)
        regions[key] = (info.get("region") or "", info.get("subregion") or "")
    for epithet in data["epithets"]:  # 'the Kremlin', also written 'Kremlin' ('officials in Kremlin')
        alias, key = epithet["alias"], country_key(epithet["iso3"])
        seats.update(dict.fromkeys({alias, alias[4:] if alias.startswith("the ") else alias}, key))
    return entities, names, seats, demonyms, regions


@lru_cache(maxsize=8)
def load_gazetteer(user_file: Path | None = None) -> Gazetteer:
    """The built-in gazetteer, extended by a user alias file when given."""
    data = load_json("lexicon/gazetteer.json")
    entities, names, seats, demonyms, regions = _countries(data)
    rows = [(e["label"], e["type"], e.get("aliases", []), e.get("wikidata")) for e in data["entities"]]
    if user_file is not None:
        rows += read_user_gazetteer(user_file)
    for label, type_, aliases, wikidata in rows:
        key = names.get(label) if type_ in ("Country", "Territory") else entity_key(type_, label)
        key = key or entity_key(type_, label)
        known = entities.get(key)
        merged = tuple(sorted({*aliases, *(known.aliases if known else ())}))
        entities[key] = Entity(key=key, label=known.label if known else label, type=type_,
                               iso3=known.iso3 if known else None,
                               wikidata=wikidata or (known.wikidata if known else None), aliases=merged)
        for alias in (label, *aliases):
            names[alias] = key
    adjectives = {key: word for word, key in reversed(demonyms.items()) if not word.endswith("s")}
    adjectives.update({country_key(iso3): word for iso3, word in data["preferred_adjectives"].items()})
    return Gazetteer(entities, names, seats, demonyms, regions, adjectives)


def read_user_gazetteer(path: Path) -> list[tuple]:
    """Rows of a user alias file; every bad line is reported at once."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise KgError(f"{path}: cannot read gazetteer ({error})", "give a UTF-8 TSV or CSV file") from None
    dialect = "excel-tab" if "\t" in text else "excel"
    grouped: dict[tuple[str, str], dict] = {}
    problems = []
    for number, row in enumerate(csv.reader(text.splitlines(), dialect), 1):
        if not row or row[0].startswith("#") or row[0].strip().lower() == "alias":
            continue
        row = [cell.strip() for cell in row]
        if len(row) < 3 or not row[0] or not row[1] or row[2] not in TYPES:
            problems.append(f"line {number}: need alias, canonical name, type (one of {', '.join(TYPES)})")
            continue
        entry = grouped.setdefault((row[1], row[2]), {"aliases": set(), "code": None})
        entry["aliases"].add(row[0])
        if len(row) > 3 and row[3]:
            entry["code"] = row[3]
    if problems:
        raise KgError(f"{path}: " + "; ".join(problems), "fix these lines")
    return [(label, type_, sorted(e["aliases"]), e["code"] if (e["code"] or "").startswith("Q") else None)
            for (label, type_), e in grouped.items()]


def written_forms(alias: str) -> list[str]:
    """An alias as texts write it: small words lower case ('Prince Of Dol Amroth' -> 'Prince of Dol Amroth'),
    short title-case words as acronyms ('The Au' -> 'The AU'), 'of the' as 'of'."""
    small = set(load_json("lexicon/gazetteer.json")["small_words"])
    words = alias.split(" ")
    lowered = " ".join(w.lower() if i and w.lower() in small else w for i, w in enumerate(words))
    acronyms = " ".join(w.upper() if len(w) <= 3 and w.istitle() and w.lower() not in small else w for w in words)
    without_the = alias.replace(" of the ", " of ")  # 'Democratic Republic of Congo'
    return list(dict.fromkeys([alias, lowered, acronyms, without_the]))


def ruler_patterns(gazetteer: Gazetteer) -> list[dict]:
    """spaCy EntityRuler patterns for every alias, seat, demonym and product context."""
    patterns = []
    ner_label = load_json("lexicon/coreference.json")["ner_label_of_type"]
    for alias, key in gazetteer.names.items():
        entity = gazetteer.entities[key]
        patterns += [{"label": ner_label[entity.type], "pattern": form, "id": key} for form in written_forms(alias)]
        if alias.lower().startswith("the ") and alias[4:5].isupper():
            patterns.append({"label": ner_label[entity.type], "pattern": alias[4:], "id": key})
    for seat, key in gazetteer.seats.items():
        forms = [seat, "The" + seat[3:]] if seat.startswith("the ") else [seat]  # 'The Kremlin said'
        patterns += [{"label": "GPE", "pattern": form, "id": f"seat:{key}"} for form in forms]
    for word, key in gazetteer.demonyms.items():
        patterns.append({"label": "NORP", "pattern": word, "id": f"demonym:{key}"})
    return patterns
