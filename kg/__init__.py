"""kg: news articles in, a knowledge graph out.

    >>> import kg
    >>> statements = kg.extract(kg.Article(id="a1", text="Israel signed an agreement with Morocco."))
"""
from .analytics import analyze, connections, ego_network, entity_network, format_analysis
from .api import BuildResult, build, extract_files
from .errors import KgError
from .ingest import read_articles
from .model import Article, Entity, Evidence, Predicate, Statement
from .named_queries import resolve as resolve_query
from .page import embed_page, render_ego_page, render_network, render_page
from .pipeline import Settings, extract, extract_all
from .query import format_result, run_query
from .rdf import to_dataset, union
from .records import statement_record
from .store import open_dataset

__all__ = ["Article", "BuildResult", "Entity", "Evidence", "KgError", "Predicate", "Settings", "Statement",
           "build", "extract", "extract_all", "extract_files", "format_result", "read_articles",
           "run_query", "statement_record", "to_dataset", "union",
           "analyze", "connections", "ego_network", "embed_page", "entity_network", "format_analysis",
           "render_ego_page", "render_network", "render_page", "open_dataset", "resolve_query"]
__version__ = "0.1.0"
