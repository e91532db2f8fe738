"""The library of named SPARQL queries in ``ontologies/queries/*.rq``, with parameters.

A query file starts with comment lines: the first says what it answers, then one
``# param NAME: help`` per parameter; ``# param NAME (entity): help`` marks an entity's label,
alias or IRI, checked against the graph so that a misspelt name is an error naming the nearest
labels. Parameters are written ``$NAME`` in the query (a valid SPARQL variable, so the file runs
as it is in any SPARQL tool) and are replaced by a safely quoted literal, or an IRI when the
value is one.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache

from rdflib import Graph, Literal

from .errors import KgError
from .lexicon import ontology_path
from .query import run_query

LABEL_PREFIXES = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
                  "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                  "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>")
LABEL_PATH = "rdfs:label|skos:altLabel"
LABELS = f"{LABEL_PREFIXES} SELECT DISTINCT ?l WHERE {{ ?st rdf:subject|rdf:object ?e . ?e {LABEL_PATH} ?l }}"
PARAM = re.compile(r"^#\s*param\s+(\w+)\s*(\(entity\))?\s*:\s*(.*)$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One ``.rq`` file: its name, what it answers, its parameters (name, help) and text."""

    name: str
    description: str
    params: tuple[tuple[str, str], ...]
    text: str
    entities: tuple[str, ...] = ()  # the parameters marked ``(entity)``: an entity's label, alias or IRI

    def bind(self, values: dict[str, str]) -> str:
        """The query text with every parameter replaced; a missing or unknown one is an error."""
        names = [name for name, _ in self.params]
        unknown = sorted(set(values) - set(names))
        missing = [name for name in names if name not in values]
        if unknown or missing:
            problem = f"unknown parameter {', '.join(unknown)}" if unknown else f"missing {', '.join(missing)}"
            raise KgError(f"query '{self.name}': {problem}",
                          "give " + " ".join(f"--param {n}=VALUE" for n in names) if names else "it takes none")
        return re.sub(r"\$(\w+)\b", lambda m: term(values[m[1]]) if m[1] in values else m[0], self.text)


def term(value: str) -> str:
    """A parameter value as SPARQL: ``<iri>`` for an absolute IRI, otherwise an escaped literal."""
    return f"<{value}>" if IRI.match(value) and "://" in value else Literal(value).n3()


def parse(name: str, text: str) -> NamedQuery:
    comments = [line for line in text.splitlines() if line.startswith("#")]
    description = next((c.lstrip("# ").strip() for c in comments if not PARAM.match(c)), "")
    matches = [m for m in map(PARAM.match, comments) if m]
    params = tuple((m[1], m[3].strip()) for m in matches)
    return NamedQuery(name, description, params, text, tuple(m[1] for m in matches if m[2]))


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


def resolve(query: str, pairs: Iterable[str] = ()) -> str:
    """The SPARQL to run: a named query bound to ``pairs`` (NAME=VALUE), or ``query`` itself."""
    library = named_queries()
    values = parse_params(pairs)
    if query in library:
        return library[query].bind(values)
    if re.fullmatch(r"[A-Za-z][\w-]*", query.strip()):  # a name, not SPARQL: say so instead of a parse error
        near = get_close_matches(query.strip(), list(library), n=1)
        raise KgError(f"no named query '{query.strip()}'", f"did you mean '{near[0]}'?" if near else "see kg query --list")
    if values:
        near = get_close_matches(query, list(library), n=1)
        hint = f"did you mean '{near[0]}'?" if near else "see kg query --list"
        raise KgError(f"'{query[:60]}' is not a named query, so it takes no --param", hint)
    return query


def check_entities(dataset: Graph, query: str, pairs: Iterable[str] = ()) -> None:
    """Fail when an entity parameter of the named ``query`` is no entity's label or alias in ``dataset``
    (the query would find nothing), naming the nearest labels."""
    named = named_queries().get(query)
    values = parse_params(pairs)
    for name in named.entities if named else ():
        value = values.get(name, "")
        ask = f"{LABEL_PREFIXES} ASK {{ ?e {LABEL_PATH} {term(value)} }}"
        if term(value).startswith("<") or run_query(dataset, ask):
            continue
        labels = {str(row[0]).casefold(): str(row[0]) for row in run_query(dataset, LABELS)}
        near = [labels[k] for k in get_close_matches(value.casefold(), list(labels), n=3, cutoff=0.6)]
        raise KgError(f"query '{query}': no entity has the label or alias '{value}'",
                      f"did you mean {', '.join(map(repr, near))}?" if near else "labels are matched exactly")


def listing() -> str:
    """The named queries as lines for ``kg query --list``."""
    lines = []
    for query in named_queries().values():
        params = " ".join(f"--param {name}=..." for name, _ in query.params)
        lines.append(f"{query.name} {params}".rstrip())
        lines.append(f"    {query.description}")
        lines += [f"    {name}: {help_}" for name, help_ in query.params]
    return "\n".join(lines) + "\n"
