"""The library of named SPARQL queries in ``ontologies/queries/*.rq``, with parameters.

A query file starts with comment lines: the first says what it answers, then one
``# param NAME: help`` per parameter. Parameters are written ``$NAME`` in the query (a valid
SPARQL variable, so the file runs as it is in any SPARQL tool) and are replaced by a safely
quoted literal, or an IRI when the value is one.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache

from rdflib import Literal

from .errors import KgError
from .lexicon import ontology_path

PARAM = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(.*)$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One ``.rq`` file: its name, what it answers, its parameters (name, help) and text."""

    name: str
    description: str
    params: tuple[tuple[str, str], ...]
    text: str

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
    params = tuple((m[1], m[2].strip()) for m in map(PARAM.match, comments) if m)
    return NamedQuery(name, description, params, text)


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
    if values:
        near = get_close_matches(query, list(library), n=1)
        hint = f"did you mean '{near[0]}'?" if near else "see kg query --list"
        raise KgError(f"'{query[:60]}' is not a named query, so it takes no --param", hint)
    return query


def listing() -> str:
    """The named queries as lines for ``kg query --list``."""
    lines = []
    for query in named_queries().values():
        params = " ".join(f"--param {name}=..." for name, _ in query.params)
        lines.append(f"{query.name} {params}".rstrip())
        lines.append(f"    {query.description}")
        lines += [f"    {name}: {help_}" for name, help_ in query.params]
    return "\n".join(lines) + "\n"
