"""kg: news articles in, a knowledge graph out.

    >>> import kg
    >>> statements = kg.extract(kg.Article(id="a1", text="Israel signed an agreement with Morocco."))

Names are imported on first use, so ``import kg`` (and a store-writer process) starts fast.
"""
from __future__ import annotations

from importlib import import_module

#: Public name -> the module that defines it.
EXPORTS = {
    **dict.fromkeys(("entity_forms", "format_entities"), "explore.entities"),
    **dict.fromkeys(("contested", "Stance"), "explore.claims"),
    **dict.fromkeys(("merge", "split"), "store.decisions"),
    **dict.fromkeys(("query_subgraph", "render_query_page"), "explore.query_view"),
    **dict.fromkeys(("Article", "Entity", "Evidence", "Predicate", "Statement"), "model"),
    "KgError": "errors",
    "ROOT": "lexicon",
    "article_iri": "iri",
    **dict.fromkeys(("read_articles", "parse_date"), "ingest.reader"),
    "default_model": "parse.nlp",
    **dict.fromkeys(("Settings", "extract", "extract_all"), "pipeline.extraction"),
    "statement_record": "statements.records",
    **dict.fromkeys(("to_dataset", "union"), "graph.rdf"),
    **dict.fromkeys(("export", "EXPORT_FORMATS"), "graph.export"),
    "validate": "graph.validate",
    **dict.fromkeys(("open_dataset", "open_store"), "store.backend"),
    **dict.fromkeys(("format_result", "run_query", "QUERY_FORMATS"), "store.query"),
    **dict.fromkeys(("resolve_query", "named_query_listing"), "store.named_queries"),
    "write_construct": "store.construct",
    **dict.fromkeys(("ServeSettings", "make_server"), "serve.server"),
    **dict.fromkeys(("analyze", "connections", "ego_network", "entity_network", "format_analysis"),
                    "explore.analytics"),
    **dict.fromkeys(("embed_page", "render_ego_page", "render_network", "render_page"), "explore.page"),
    "run_corpus": "pipeline.corpus",
    **dict.fromkeys(("executor", "InProcess", "OnDask"), "pipeline.executors"),
    **dict.fromkeys(("RecordSink", "StoreSink", "FileSink", "Stored"), "pipeline.sinks"),
    **dict.fromkeys(("Run", "RunOptions"), "pipeline.report"),
    "default_log": "pipeline.failures",
    "write_files": "pipeline.outputs",
    **dict.fromkeys(("BuildResult", "build", "extract_files", "store_articles"), "api"),
}
ALIASES = {"resolve_query": "resolve", "named_query_listing": "listing", "EXPORT_FORMATS": "EXPORTERS",
           "QUERY_FORMATS": "FORMATS"}

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
