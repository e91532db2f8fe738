"""``kg`` commands for entities and their merges: entities, merge, split."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg import KgError
from kg.cli.app import Store, app, fail

StoreFolder = Annotated[str, typer.Option(help="The store folder the decision is kept in.")]


@app.command()
def entities(files: Annotated[Optional[list[Path]], typer.Argument(help="Articles to extract, or none with --store.")]
             = None, store: Store = None,
             format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
             merged: Annotated[bool, typer.Option("--merged", help="Only entities with merged forms.")] = False):
    """List the entities with the surface forms merged into each (Rabat for Morocco) and why."""
    from kg import entity_forms as listing, format_entities

    try:
        if format not in ("table", "json"):
            raise KgError(f"unknown format '{format}'", "give --format table or --format json")
        typer.echo(format_entities(listing(entity_source(files or [], store)), format, merged), nl=False)
    except KgError as error:
        fail(error)


def entity_source(files: list[Path], store: str | None):
    """The graph to list: a store, or the articles of ``files`` extracted here."""
    if bool(files) == bool(store):
        raise KgError("give either FILES or --store", "see kg entities --help")
    if store:
        from kg import open_dataset

        return open_dataset(store)
    from kg import extract_files
    from kg import to_dataset, union

    return union(to_dataset(extract_files(files)))


@app.command()
def merge(entity: Annotated[str, typer.Argument(help="The entity to keep (a label, alias or IRI).")],
          other: Annotated[str, typer.Argument(help="The entity to merge into it.")], store: StoreFolder):
    """Merge OTHER into ENTITY in a store: recorded as a decision that every later build applies."""
    from kg import merge as merge_entities

    try:
        decision, graphs = merge_entities(store, entity, other)
    except KgError as error:
        fail(error)
    typer.echo(f"merged <{decision.other}> into <{decision.entity}> in {graphs} article graph(s) "
               f"(decision <{decision.node}>)", err=True)


@app.command()
def split(entity: Annotated[str, typer.Argument(help="The entity (a label, alias or IRI).")],
          form: Annotated[str, typer.Argument(help="The surface form to split off (as kg entities lists it).")],
          store: StoreFolder):
    """Split a surface form off an entity in a store (undoes a kg merge exactly); kept for later builds."""
    from kg import split as split_entity

    try:
        decision, graphs = split_entity(store, entity, form)
    except KgError as error:
        fail(error)
    typer.echo(f"split '{decision.form}' off <{decision.entity}> in {graphs} article graph(s) "
               f"(decision <{decision.node}>)", err=True)
