"""What every ``kg`` command shares: the Typer app, its options and the one-line error exit.

The command modules (:mod:`kg.cli`, :mod:`kg.cli_graph`, :mod:`kg.cli_explore`) import from here, so the
command line has no import cycle.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg import KgError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn news articles into a knowledge graph you can explore and query.")

Files = Annotated[list[Path], typer.Argument(help="Articles: .txt, .md, .html, .jsonl files or folders.")]
Published = Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD, for relative dates.")]
Model = Annotated[Optional[str], typer.Option(
    help="spaCy pipeline: an installed package or a folder [default: $KG_MODEL, else en_core_web_sm].")]
Gazetteer = Annotated[Optional[Path], typer.Option(help="Your alias file: alias, canonical name, type[, code].")]


def show_version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def options(version: Annotated[bool, typer.Option("--version", callback=show_version, is_eager=True,
                                                  help="Print the version of kg and exit.")] = False):
    """Options of kg itself (the commands have their own)."""


def fail(error: KgError) -> None:
    typer.echo(f"kg: error: {error}", err=True)
    raise typer.Exit(error.exit_code)


Store = Annotated[Optional[str], typer.Option(
    help="An existing store: a folder written by kg build --store, or a SPARQL endpoint URL.")]
NewStore = Annotated[Optional[str], typer.Option(
    help="A store to add to: a folder (created if missing) or a SPARQL endpoint URL.")]
UpdateUrl = Annotated[Optional[str], typer.Option(help="SPARQL Update URL of a remote --store (default: the same).")]
