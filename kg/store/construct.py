"""A CONSTRUCT (or DESCRIBE) over a local store, written by Oxigraph straight to the output as Turtle or N-Triples.

``run_query`` gives a CONSTRUCT's answer as an rdflib graph: one Python object per term of every triple,
then rdflib's serialiser over them. For the named queries that derive a node per relation or claim
(``corroboration``: 96,000 triples on 1,000 articles) that was most of the time. Here Oxigraph runs the
query and serialises its triples itself, as they come, under kg's prefixes: the same triples (each once,
as Oxigraph's CONSTRUCT gives them), nothing held in Python. Anything else (a SELECT or ASK, a graph file,
an endpoint) is left to ``run_query`` and ``format_result``.
"""
from __future__ import annotations

import re
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import KgError
from kg.graph.turtle import PREFIXES as VOCABULARIES
from kg.store.oxstore import CachedOxigraphStore
from kg.vocab import PREFIXES

#: ``kg query --format``: what each name writes a CONSTRUCT as (``table``, the default, is Turtle as before).
RDF_FORMATS = {"table": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
#: The prologue before a query's form: blanks, comments, BASE and PREFIX declarations.
PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE)


def is_construct(query: str) -> bool:
    """Whether a query's form, after its prologue, is CONSTRUCT (or DESCRIBE: a graph too)."""
    return re.compile(r"(CONSTRUCT|DESCRIBE)\b", re.IGNORECASE).match(query, PROLOGUE.match(query).end()) is not None


def local_store(dataset: Dataset) -> ox.Store | None:
    """The Oxigraph store behind a local store's dataset; None for a graph file or an endpoint."""
    return dataset.store.oxigraph if isinstance(dataset.store, CachedOxigraphStore) else None


def write_construct(dataset: Dataset, query: str, fmt: str, output: BinaryIO) -> bool:
    """Run ``query`` on the local store behind ``dataset`` and write its triples to ``output`` in ``fmt``
    (``turtle``/``table`` or ``nt``); False, having written nothing, when the query is not a CONSTRUCT,
    the format is not one of these or the dataset is not a local store."""
    store = local_store(dataset)
    if store is None or fmt not in RDF_FORMATS or not is_construct(query):
        return False
    prefixes = {**{prefix: str(namespace) for prefix, namespace in dataset.namespaces()},
                **{prefix: str(namespace) for prefix, namespace in PREFIXES.items()}}
    try:
        answer = store.query(query, prefixes=prefixes)
    except SyntaxError as error:
        raise KgError(f"invalid SPARQL query: {str(error).splitlines()[0]}", "check the query syntax") from None
    except OSError as error:
        raise KgError(f"the SPARQL query failed while running: {error}", "simplify the query", exit_code=1) from None
    if not isinstance(answer, ox.QueryTriples):  # the prologue fooled the test: nothing was written yet
        return False
    ox.serialize(answer, output, RDF_FORMATS[fmt], prefixes={prefix: str(iri) for prefix, iri in VOCABULARIES.items()})
    return True
