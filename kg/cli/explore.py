"""``kg`` commands for exploring the graph: analyze (central entities, communities, paths, ego pages)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg import KgError
from kg.cli.app import app, fail


@app.command()
def analyze(graph: Annotated[str, typer.Argument(help="A graph file, a store folder or a SPARQL endpoint URL.")],
            path: Annotated[tuple[str, str] | None, typer.Option(
                "--path", metavar="FROM TO",
                help="Two entities: print the shortest paths between them, with evidence.")] = None,
            top: Annotated[int, typer.Option(help="How many central entities to list.")] = 10,
            ego: Annotated[str | None, typer.Option(help="Write the ego network of this entity as a page.")] = None,
            radius: Annotated[int, typer.Option(help="Hops around the --ego entity.")] = 1,
            page: Annotated[Path, typer.Option(help="Where to write the --ego page.")] = Path("outputs/ego.html")):
    """Central entities, communities, how two entities are connected, and ego-network pages."""
    from kg import analyze as run_analysis, format_analysis, open_dataset, render_ego_page, union, write_files

    try:
        rdf = union(open_dataset(graph))
        between = path if path and all(path) else None
        typer.echo(format_analysis(run_analysis(rdf, top=top, between=between)), nl=False)
        if ego:
            write_files({page: render_ego_page(rdf, ego, radius)})
            typer.echo(f"ego network of {ego} -> {page}", err=True)
    except KgError as error:
        fail(error)
