"""kg: news articles in, a knowledge graph out.

    >>> import kg
    >>> statements = kg.extract(kg.Article(id="a1", text="Israel signed an agreement with Morocco."))

Names are imported on first use, so ``import kg`` (and a store-writer process) starts fast.
"""
from __future__ import annotations

from importlib import import_module

#: Public name -> the module that defines it.
EXPORTS = {
    **dict.fromkeys(("analyze", "connections", "ego_network", "entity_network", "format_analysis"), "explore.analytics"),
    **dict.fromkeys(("BuildResult", "build", "extract_files", "store_articles"), "api"),
    "KgError": "errors",
    **dict.fromkeys(("entity_forms", "format_entities"), "explore.entities"),
    **dict.fromkeys(("merge", "split"), "store.decisions"),
    **dict.fromkeys(("query_subgraph", "render_query_page"), "explore.query_view"),
    "read_articles": "ingest.reader",
    "ROOT": "lexicon",
    **dict.fromkeys(("Article", "Entity", "Evidence", "Predicate", "Statement"), "model"),
    "resolve_query": "store.named_queries",
    **dict.fromkeys(("embed_page", "render_ego_page", "render_network", "render_page"), "explore.page"),
    **dict.fromkeys(("Settings", "extract", "extract_all"), "pipeline.extraction"),
    **dict.fromkeys(("format_result", "run_query"), "store.query"),
    **dict.fromkeys(("to_dataset", "union"), "graph.rdf"),
    "statement_record": "statements.records",
    **dict.fromkeys(("open_dataset", "open_store"), "store.backend"),
}
ALIASES = {"resolve_query": "resolve"}

__all__ = sorted(EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name not in EXPORTS:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(import_module(f".{EXPORTS[name]}", __name__), ALIASES.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *EXPORTS})
