"""The ``kg`` command: a thin layer over :mod:`kg.api`."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg import KgError, QUERY_FORMATS as FORMATS
from kg.cli.app import Files, Gazetteer, Model, NewStore, Published, Store, UpdateUrl, app, fail
from kg.cli.corpus import Processes, Progress, Scheduler, SkipBad, run_build, run_extract, run_options


@app.command()
def extract(files: Files, published: Published = None, model: Model = None,
            gazetteer: Gazetteer = None,
            explain: Annotated[bool, typer.Option(help="Show the rule and tokens behind each statement.")] = False,
            skip_bad: SkipBad = False, processes: Processes = 1, progress: Progress = None,
            scheduler: Scheduler = None):
    """Print the statements of the articles as JSON Lines (FILES may be - for standard input)."""
    from kg import default_model, parse_date, Settings

    try:
        settings = Settings(model=model or default_model(), gazetteer=gazetteer, processes=processes)
        run_extract(files, parse_date(published), settings, explain, run_options(skip_bad, progress, scheduler))
    except KgError as error:
        fail(error)


@app.command()
def build(files: Files, out: Annotated[Optional[Path], typer.Option(help="Output folder [default: outputs].")] = None,
          published: Published = None, model: Model = None, gazetteer: Gazetteer = None,
          store: NewStore = None, update_url: UpdateUrl = None, skip_bad: SkipBad = False, processes: Processes = 1,
          progress: Progress = None, scheduler: Scheduler = None):
    """Build the graph: graph.ttl, graph.trig, statements.jsonl and graph.html in OUT, or add it to a --store."""
    from kg import default_model, parse_date, Settings

    try:
        settings = Settings(model=model or default_model(), gazetteer=gazetteer, processes=processes)
        run_build(files, out, store, update_url, parse_date(published), settings,
                  run_options(skip_bad, progress, scheduler))
    except KgError as error:
        fail(error)


@app.command()
def query(graph: Annotated[Optional[str], typer.Argument(help="A graph file, a store folder or an endpoint URL.")]
          = None,
          sparql: Annotated[Optional[str], typer.Argument(help="SPARQL text, a .rq file or a named query.")] = None,
          format: Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")] = "table",
          store: Store = None,
          param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a named query.")]
          = None,
          list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
          page: Annotated[Optional[Path], typer.Option(help="Write the subgraph the query returns as a page.")] = None):
    """Run a SPARQL SELECT, ASK or CONSTRUCT query (or a named query) over a graph or a store."""
    from kg.cli.graph import run_query_command, write_query_page

    try:
        if page is not None:
            return write_query_page(graph, sparql, store, param or [], page)
        typer.echo(run_query_command(graph, sparql, store, param or [], list_queries, format), nl=False)
    except KgError as error:
        fail(error)


def main() -> None:
    from kg.cli import corpus, entities, explore, graph  # noqa: F401  (register their commands)

    app()
