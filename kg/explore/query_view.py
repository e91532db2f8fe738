"""The page of what a named query returns: ``kg query NAME --page out.html``.

A CONSTRUCT gives its graph; a SELECT gives the statements its rows name: statement nodes, the statements
of articles, or else the statements between the entities of one row (and of its relation, if it names one).
The rows are read with every variable in scope (``SELECT *``) where the query allows it, so that a query
showing labels still names its statement nodes. The page title holds the query and its parameters.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import PROV

from kg.errors import KgError
from kg.explore.page import render_page
from kg.graph.rdf import bind_prefixes
from kg.store.named_queries import resolve
from kg.store.query import query_text, run_query
from kg.vocab import KGO, KGR

FORM = re.compile(r"\A(?:\s|#[^\n]*\n|(?:PREFIX\s+[\w.-]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))*SELECT\b", re.I)
PROJECTION = re.compile(r"\bSELECT\s+(DISTINCT\s+|REDUCED\s+)?(.*?)\s*\bWHERE\b", re.S | re.I)
SUBGRAPH = (  # each part alone: Oxigraph joins a VALUES block into a UNION's branches slowly
    "CONSTRUCT { ?st ?p ?o } WHERE { VALUES ?st { %s } ?st ?p ?o }",
    "CONSTRUCT { ?ev ?p ?o } WHERE { VALUES ?st { %s } ?st kgo:evidence ?ev . ?ev ?p ?o }",
    "CONSTRUCT { ?sel ?p ?o } WHERE { VALUES ?st { %s } ?st kgo:evidence/oa:hasSelector ?sel . ?sel ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?st { %s } ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ."
    " ?s ?p ?o }")
DESCRIBED = """CONSTRUCT { ?x ?p ?o } WHERE { VALUES ?x { %s } ?x ?p ?o
  FILTER (?p IN (rdf:type, rdfs:label, skos:altLabel, kgo:key, kgo:iso3, owl:sameAs, kgo:cameoCode, rdfs:subPropertyOf,
                 kgo:articleId, dcterms:title, dcterms:issued, dcterms:source, dcterms:publisher)) }"""
# (a second VALUES block for ?p made Oxigraph scan every triple of the store: 3 s of CPU at 490,000 triples)
ENDS = (RDF.subject, RDF.object, RDF.predicate, PROV.wasDerivedFrom)
STATEMENTS = "SELECT DISTINCT ?st WHERE { VALUES ?st { %s } ?st a kgo:Statement }"
OF_ARTICLES = "SELECT DISTINCT ?st WHERE { VALUES ?a { %s } ?st prov:wasDerivedFrom ?a ; a kgo:Statement }"
BETWEEN = """SELECT DISTINCT ?st WHERE { VALUES (?s ?o) { %s } ?st rdf:subject ?s ; rdf:object ?o }"""


def select_all(text: str) -> str | None:
    """The query with its top projection widened to every variable (``SELECT *``); None if it has none."""
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    match = PROJECTION.search(code)
    return None if match is None else code[:match.start(2)] + "* " + code[match.end(2):]


def rows_of(graph: Graph, sparql: str) -> list[tuple]:
    """The rows of a SELECT, with every variable where the query allows it."""
    wide = select_all(sparql)
    if wide is not None:
        try:
            return [tuple(row) for row in run_query(graph, wide)]
        except KgError:  # an aggregate query cannot show its inner variables
            pass
    return [tuple(row) for row in run_query(graph, sparql)]


def iris(values: Iterable) -> str:
    return " ".join(sorted({f"<{v}>" for v in values}))


def statements_named(graph: Graph, rows: list[tuple], pairs: bool = True) -> set[URIRef]:
    """The statement nodes the rows name; else the statements of the articles they name; else (with ``pairs``)
    the statements between two entities of one row."""
    named = {v for row in rows for v in row if isinstance(v, URIRef) and v.startswith(KGR)}
    for query in (STATEMENTS, OF_ARTICLES) if named else ():
        if found := {r[0] for r in run_query(graph, query % iris(named))}:
            return found
    if not pairs:
        return set()
    ends = {(s, o) for row in rows for s in row for o in row
             if isinstance(s, URIRef) and isinstance(o, URIRef) and s != o and s.startswith(KGR) and o.startswith(KGR)}
    if not ends:
        return set()
    values = " ".join(f"(<{s}> <{o}>)" for s, o in sorted(ends))
    return {r[0] for r in run_query(graph, BETWEEN % values)}


def query_subgraph(graph: Graph, query: str, params: Iterable[str] = ()) -> Graph:
    """The graph a query returns: its CONSTRUCT, or the statements (with entities and evidence) a SELECT names."""
    sparql = query_text(resolve(query, list(params), graph))
    sub = bind_prefixes(Graph())
    if FORM.match(sparql):  # a SELECT is run once, widened (running it first as well took as long again)
        found = statements_named(graph, rows_of(graph, sparql))
    else:
        result = run_query(graph, sparql)
        if result.type not in ("SELECT", "CONSTRUCT"):
            raise KgError(f"query '{query[:60]}' is an {result.type}, which names no graph",
                          "give a SELECT or CONSTRUCT")
        for triple in result.graph if result.type == "CONSTRUCT" else ():  # with the statements it links to
            sub.add(triple)
        rows = [tuple({*sub.subjects(), *sub.objects()})] if result.type == "CONSTRUCT" else [tuple(r) for r in result]
        found = statements_named(graph, rows, pairs=result.type == "SELECT")
    if found:
        for part in SUBGRAPH:
            sub += run_query(graph, part % iris(found)).graph
        ends = {o for st in found for p in ENDS for o in sub.objects(st, p)}
        sub += run_query(graph, DESCRIBED % iris(ends)).graph
    return sub


def query_title(query: str, params: Iterable[str], graph: Graph) -> str:
    """'kg query NAME --param k=v: N statements', the page's title and heading."""
    shown = " ".join(["kg query", query if "\n" not in query else "(SPARQL)", *(f"--param {p}" for p in params)])
    count = len(set(graph.subjects(RDF.type, KGO.Statement)))
    return f"{shown[:200]}: {count} statement{'s' * (count != 1)}"


def render_query_page(graph: Graph, query: str, params: Iterable[str] = ()) -> str:
    """The page of the subgraph a (named) query returns, titled with the query and its parameters."""
    params = list(params)
    sub = query_subgraph(graph, query, params)
    return render_page(sub, query_title(query, params, sub))
