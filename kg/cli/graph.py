"""``kg`` commands for the graph as a standard: validate, export, remove, serve, and the store side of build/query."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import pyoxigraph
import typer
from rdflib import URIRef

from kg import (
    article_iri, export, EXPORT_FORMATS as EXPORTERS, format_result, KgError, named_query_listing as listing,
    open_dataset, open_store, resolve_query as resolve, run_query, write_construct, write_files,
)
from kg.cli.app import Store, UpdateUrl, app, fail

REPORT_LINES = 60
Source = Annotated[Optional[str], typer.Argument(help="A graph file, a store folder or a SPARQL endpoint URL.")]


def query_source(graph: str | None, sparql: str | None, store: str | None) -> tuple[str, str]:
    """(source, query) from ``kg query [GRAPH] QUERY [--store S]``."""
    if store and sparql is None:
        graph, sparql = store, graph
    elif store:
        raise KgError("give either a GRAPH or --store, not both", "see kg query --help")
    if not graph or not sparql:
        raise KgError("give a graph (or --store) and a query", "see kg query --help; kg query --list names the queries")
    return graph, sparql


def run_query_command(graph: str | None, sparql: str | None, store: str | None, params: list[str],
                      list_queries: bool, fmt: str) -> str:
    """What ``kg query`` prints: the named-query list, or the formatted result (a CONSTRUCT over a local store
    in Turtle or N-Triples is written to stdout as Oxigraph gives it, and nothing is returned)."""
    if list_queries:
        return listing()
    source, text = query_source(graph, sparql, store)
    resolve(text, params)  # a bad query name or parameter fails before the graph is read
    dataset = open_dataset(source)
    query = resolve(text, params, dataset)
    sys.stdout.flush()
    if write_construct(dataset, query, fmt, sys.stdout.buffer):
        return ""
    return format_result(run_query(dataset, query), fmt)


def write_query_page(graph: str | None, sparql: str | None, store: str | None, params: list[str], page: Path) -> None:
    """``kg query ... --page FILE``: the page of the subgraph the query returns."""
    from kg import render_query_page

    source, text = query_source(graph, sparql, store)
    resolve(text, params)
    write_files({page: render_query_page(open_dataset(source), text, params)})
    typer.echo(f"{text if chr(10) not in text else 'query'} -> {page}", err=True)


@app.command()
def validate(source: Source = None, store: Store = None):
    """Check a graph or store against the SHACL shapes (exit 1 if it does not conform)."""
    from kg import validate as check

    try:
        result = check(open_dataset(store or source or ""))
    except KgError as error:
        fail(error)
    if not result.conforms:
        typer.echo("\n".join(result.report.splitlines()[:REPORT_LINES]), err=True)
        typer.echo(f"kg: the graph does not conform: {result.violations} violation(s)", err=True)
        raise typer.Exit(1)
    typer.echo("conforms", err=True)


@app.command("export")
def export_command(source: Source = None, store: Store = None,
                   format: Annotated[str, typer.Option("--format", help=f"One of {', '.join(EXPORTERS)}.")] = "turtle",
                   out: Annotated[Optional[Path], typer.Option(help="Write to this file (default: stdout).")] = None):
    """Export a graph file or a store as Turtle, TriG, N-Quads, JSON-LD, GraphML or CSV (one row per statement)."""
    try:
        text = export(open_dataset(store or source or ""), format)
        if out is None:
            sys.stdout.write(text)
        else:
            write_files({out: text})
    except KgError as error:
        fail(error)


def article_node(article: str) -> URIRef:
    """The IRI of an article given by id or by IRI; an IRI that is not valid is bad input."""
    if "://" not in article:
        return article_iri(article)
    try:
        return URIRef(pyoxigraph.NamedNode(article).value)
    except ValueError:
        raise KgError(f"'{article[:200]}' is not a valid IRI", "give an article id, or its IRI as kg query "
                      "--store S articles lists it") from None


@app.command()
def remove(articles: Annotated[list[str], typer.Argument(help="Article ids (or their IRIs) to take out.")],
           store: Annotated[str, typer.Option(help="The store folder or SPARQL endpoint URL.")],
           update_url: UpdateUrl = None):
    """Take articles' named graphs out of a store."""
    try:
        nodes = [article_node(article) for article in articles]
        target = open_store(store, update_url)
        try:
            for article, node in zip(articles, nodes):
                if not target.remove(node):
                    raise KgError(f"article '{article}' is not in the store", "kg query --store S articles lists them")
                typer.echo(f"removed {article}", err=True)
        finally:
            target.close()
    except KgError as error:
        fail(error)


@app.command()
def serve(store: Annotated[Path, typer.Option(help="The store folder to serve.")],
          host: Annotated[str, typer.Option(help="Address to bind; keep 127.0.0.1 unless others must reach it.")]
          = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port (0 picks a free one).")] = 7878,
          allow_update: Annotated[bool, typer.Option("--allow-update", help="Accept SPARQL updates (needs --token).")]
          = False,
          token: Annotated[Optional[str], typer.Option(envvar="KG_SERVE_TOKEN", help="Bearer token for updates.")]
          = None,
          allow_federation: Annotated[bool, typer.Option("--allow-federation",
                                                         help="Allow SERVICE and LOAD (network/file access).")]
          = False,
          timeout: Annotated[float, typer.Option(help="Seconds a request may run.")] = 30.0,
          max_rows: Annotated[int, typer.Option(help="Most rows or triples returned.")] = 10_000,
          max_bytes: Annotated[int, typer.Option(help="Most bytes in one answer.")] = 10_000_000,
          workers: Annotated[int, typer.Option(help="Query processes (queries running at once).")] = 4,
          cors: Annotated[Optional[str], typer.Option(help="Let web pages from this origin (or *) query.")] = None,
          read_timeout: Annotated[float, typer.Option(help="Seconds a connection may stay idle.")] = 10.0,
          max_connections: Annotated[int, typer.Option(help="Most open connections.")] = 512):
    """Serve a store as a SPARQL 1.1 Protocol endpoint at http://HOST:PORT/sparql (a query page at /)."""
    from kg import ServeSettings, make_server

    settings = ServeSettings(store, host, port, allow_update, token, allow_federation, timeout, max_rows,
                             max_bytes, workers, cors, read_timeout, max_connections)
    try:
        server = make_server(settings)
    except KgError as error:
        fail(error)
    mode = "read-write (token required)" if allow_update else "read-only"
    network = "open" if allow_federation else ("closed" if server.pool.sandboxed else "SERVICE/LOAD refused")
    typer.echo(f"serving SPARQL at http://{host}:{server.server_address[1]}/sparql ({mode}; network {network})",
               err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
