"""The library of named SPARQL queries in ``ontologies/queries/*.rq``, with parameters.

A query file starts with comment lines: the first says what it answers, then one
``# param NAME: help`` per parameter. Parameters are written ``$NAME`` in the query (a valid SPARQL
variable, so the file runs as it is in any SPARQL tool) and are replaced by a safely quoted
literal, or an IRI when the value is one. ``# param NAME (entity): help`` marks an entity: the
file holds ``VALUES $NAME { UNDEF }`` (as it stands, any entity), which kg fills with the entities
the value names: its IRI, or any label or alias in any case and with or without accents (their
``kgo:key``), or a name the extractor resolves (``washington``: the United States). A name that
finds no entity is an error naming the nearest labels. ``(entity, optional)`` may be left out: its slot
then stays ``UNDEF`` and the query answers for every entity.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache

from rdflib import Graph, Literal

from kg.errors import KgError
from kg.gazetteer import keyed_names, load_gazetteer, name_key
from kg.iri import entity_iri
from kg.lexicon import ontology_path
from kg.store.query import run_query
from kg.vocab import KGO

LABEL_PREFIXES = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
                  "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                  "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>")
LABELS = (f"{LABEL_PREFIXES} SELECT DISTINCT ?l WHERE {{ ?st rdf:subject|rdf:object ?e . "
          "?e rdfs:label|skos:altLabel ?l }")
LABEL, ALT_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>", "<http://www.w3.org/2004/02/skos/core#altLabel>"
PARAM = re.compile(r"^#\s*param\s+(\w+)\s*(\(entity(, optional)?\))?\s*:\s*(.*)$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
SLOT = r"VALUES\s+\${}\s*\{{\s*UNDEF\s*\}}"  # an entity parameter's place: VALUES $NAME { UNDEF }


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One ``.rq`` file: its name, what it answers, its parameters (name, help) and text."""

    name: str
    description: str
    params: tuple[tuple[str, str], ...]
    text: str
    entities: tuple[str, ...] = ()  # the parameters marked ``(entity)``: an entity's label, alias or IRI
    optional: tuple[str, ...] = ()  # the entity parameters marked ``(entity, optional)``: any entity when left out

    def check(self, values: Mapping[str, str]) -> None:
        """A missing or unknown parameter is an error."""
        names = [name for name, _ in self.params]
        unknown = sorted(set(values) - set(names))
        missing = [name for name in names if name not in values and name not in self.optional]
        if unknown or missing:
            problem = f"unknown parameter {', '.join(unknown)}" if unknown else f"missing {', '.join(missing)}"
            raise KgError(f"query '{self.name}': {problem}",
                          "give " + " ".join(f"--param {n}=VALUE" for n in names) if names else "it takes none")

    def bind(self, values: Mapping[str, str], found: Mapping[str, tuple[str, ...]] | None = None) -> str:
        """The query text with every parameter replaced. An entity parameter's slot gets the IRIs
        ``found`` gives it, or else a pattern that looks its value up wherever the query runs."""
        self.check(values)
        text = self.text
        for name in (name for name in self.entities if name in values):
            iris = (found or {}).get(name)
            slot = lookup(name, values[name]) if iris is None else f"VALUES ?{name} {{ {' '.join(map(term, iris))} }}"
            text = re.sub(SLOT.format(name), lambda _: slot, text)
        return re.sub(r"\$(\w+)\b", lambda m: term(values[m[1]]) if m[1] in values and m[1] not in self.entities
                      else m[0], text)


def term(value: str) -> str:
    """A parameter value as SPARQL: ``<iri>`` for an absolute IRI, otherwise an escaped literal."""
    return f"<{value}>" if IRI.match(value) and "://" in value else Literal(value).n3()


def gazetteer_iris(value: str) -> list[str]:
    """The IRIs of the entities the extractor would resolve ``value`` to (an alias, a seat, a demonym)."""
    entities = load_gazetteer().entities
    return sorted(str(entity_iri(entities[key])) for key in keyed_names().get(name_key(value), ()) if key in entities)


def lookup(variable: str, value: str) -> str:
    """A group binding ``?variable`` to each entity ``value`` names: its IRI, any label or alias with the
    same key, the exact text, an entity the gazetteer resolves it to."""
    if term(value).startswith("<"):
        return f"VALUES ?{variable} {{ {term(value)} }}"
    v = f"?{variable}"
    known = [f"{{ VALUES {v} {{ {' '.join(f'<{iri}>' for iri in iris)} }} {v} {LABEL} [] }}"
             for iris in [gazetteer_iris(value)] if iris]  # rdflib refuses an empty VALUES
    groups = [f"{{ {v} <{KGO.key}> {Literal(name_key(value)).n3()} }}", f"{{ {v} {LABEL}|{ALT_LABEL} {term(value)} }}"]
    return f"{{ SELECT DISTINCT {v} WHERE {{ {' UNION '.join(groups + known)} }} }}"


def entity_iris(dataset: Graph, query: str, value: str) -> tuple[str, ...]:
    """The IRIs of the entities in ``dataset`` that ``value`` names (an IRI passes as it is); none is an
    error naming the nearest labels."""
    if term(value).startswith("<"):
        return (value,)
    found = tuple(sorted(str(row[0]) for row in run_query(dataset, f"SELECT ?e WHERE {lookup('e', value)}")))
    if found:
        return found
    labels = {str(row[0]).casefold(): str(row[0]) for row in run_query(dataset, LABELS)}
    near = [labels[k] for k in get_close_matches(value.casefold(), list(labels), n=3, cutoff=0.6)]
    raise KgError(f"query '{query}': no entity has the label or alias '{value}'",
                  f"did you mean {', '.join(map(repr, near))}?" if near else
                  "names match in any case, with or without accents; check the spelling")


def parse(name: str, text: str) -> NamedQuery:
    comments = [line for line in text.splitlines() if line.startswith("#")]
    description = next((c.lstrip("# ").strip() for c in comments if not PARAM.match(c)), "")
    matches = [m for m in map(PARAM.match, comments) if m]
    params = tuple((m[1], m[4].strip()) for m in matches)
    return NamedQuery(name, description, params, text, tuple(m[1] for m in matches if m[2]),
                      tuple(m[1] for m in matches if m[3]))


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by file name without ``.rq``."""
    folder = ontology_path("queries")
    return {path.stem: parse(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.rq"))}


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise KgError(f"bad parameter '{pair}'", "write --param NAME=VALUE")
        values[name.strip()] = value
    return values


def resolve(query: str, pairs: Iterable[str] = (), dataset: Graph | None = None) -> str:
    """The SPARQL to run: a named query bound to ``pairs`` (NAME=VALUE), or ``query`` itself.

    With ``dataset``, each entity parameter is looked up in it first (a name that finds nothing is an
    error naming the nearest labels) and the query gets the entities' IRIs."""
    library = named_queries()
    values = parse_params(pairs)
    if query not in library:
        if re.fullmatch(r"[A-Za-z][\w-]*", query.strip()):  # a name, not SPARQL: say so instead of a parse error
            near = get_close_matches(query.strip(), list(library), n=1)
            raise KgError(f"no named query '{query.strip()}'",
                          f"did you mean '{near[0]}'?" if near else "see kg query --list")
        if values:
            near = get_close_matches(query, list(library), n=1)
            hint = f"did you mean '{near[0]}'?" if near else "see kg query --list"
            raise KgError(f"'{query[:60]}' is not a named query, so it takes no --param", hint)
        return query
    named = library[query]
    named.check(values)
    if dataset is None:
        return named.bind(values)
    return named.bind(values, {name: entity_iris(dataset, query, values[name]) for name in named.entities
                               if name in values})


def listing() -> str:
    """The named queries as lines for ``kg query --list``."""
    lines = []
    for query in named_queries().values():
        params = " ".join(f"[--param {name}=...]" if name in query.optional else f"--param {name}=..."
                          for name, _ in query.params)
        lines.append(f"{query.name} {params}".rstrip())
        lines.append(f"    {query.description}")
        lines += [f"    {name}: {help_}" for name, help_ in query.params]
    return "\n".join(lines) + "\n"
