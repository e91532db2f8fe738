"""SPARQL over a graph: run a query and format its result for people or programs."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result

from kg.errors import KgError
from kg.vocab import PREFIXES

FORMATS = ("table", "csv", "json", "turtle", "nt")  # turtle and nt: a CONSTRUCT's graph
GRAPH_FORMATS = {"json": "json-ld", "nt": "nt"}  # a CONSTRUCT in another format (table, turtle) is Turtle
RUN_FAILURES = (TypeError, ArithmeticError, RecursionError)


def query_text(query: str) -> str:
    """The query itself, or the contents of a ``.rq`` file."""
    if query.endswith((".rq", ".sparql")) or (len(query) < 256 and "\n" not in query and Path(query).is_file()):
        try:
            return Path(query).read_text(encoding="utf-8")
        except OSError as error:
            raise KgError(f"{query}: cannot read query ({error.strerror})", "check the path") from None
    return query


def first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def run_query(graph: Graph, query: str) -> Result:
    """Run SPARQL with our prefixes predeclared; a syntax error, or a failure while the query runs,
    becomes a clear message (the rows are computed here, not later while they are printed)."""
    try:
        result = graph.query(query_text(query), initNs=dict(PREFIXES))
        if result.type == "SELECT":
            result.bindings  # noqa: B018  (evaluates the query)
    except RUN_FAILURES as error:  # the engine's own failure on a query it parsed
        raise KgError(f"the SPARQL query failed while running: {first_line(error)}",
                      "simplify the query (ORDER BY over unbound values trips rdflib), or query a --store",
                      exit_code=1) from None
    except Exception as error:  # rdflib raises pyparsing and assorted errors on bad queries
        raise KgError(f"invalid SPARQL query: {first_line(error)}", "check the query syntax") from None
    return result


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    names = [str(v) for v in result.vars or []]
    return names, [["" if value is None else str(value) for value in row] for row in result]


def format_result(result: Result, fmt: str = "table") -> str:
    """A SELECT as a table, CSV or SPARQL JSON; ASK as true/false; CONSTRUCT as Turtle, N-Triples or JSON-LD."""
    if fmt not in FORMATS:
        raise KgError(f"unknown format '{fmt}'", f"use one of {', '.join(FORMATS)}")
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) if fmt == "json" \
            else str(bool(result.askAnswer)).lower()
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format=GRAPH_FORMATS.get(fmt, "turtle"))
    if fmt in ("turtle", "nt"):
        raise KgError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries", "use table, csv or json")
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    names, data = rows(result)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")  # SPARQL 1.1 CSV results: CRLF, so a lone \r is quoted
        writer.writerow(names)
        writer.writerows(data)
        return buffer.getvalue()
    widths = [max([len(n), *(len(r[i]) for r in data)]) for i, n in enumerate(names)]
    lines = [" | ".join(n.ljust(w) for n, w in zip(names, widths)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(v.ljust(w) for v, w in zip(row, widths)) for row in data]
    return "\n".join(lines) + "\n"


def load_graph(path: Path) -> Graph:
    """A graph from an RDF file, with a clear error when it is missing or malformed."""
    if not path.is_file():
        raise KgError(f"{path}: no such graph file", "give a Turtle file written by kg build")
    try:
        return Graph().parse(path)
    except Exception as error:
        raise KgError(f"{path}: not readable RDF ({str(error).splitlines()[0][:200]})",
                      "give a Turtle, TriG, N-Quads or JSON-LD file") from None
