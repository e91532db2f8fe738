"""Entities, merges, splits and query pages on a store of 1,000 synthetic articles (bench_corroboration's, each
statement's ends also named by a demonym). Prints ``name=value`` lines: the seconds of ``kg entities``,
``kg merge`` (the most-named country into another) and the ``kg split`` that undoes it, of ``kg split`` of a
demonym the extractor merged (it gives the demonym an entity of its own in its sentences), of storing an article
with a decision to apply, and of the subgraphs ``kg query NAME --page`` renders; the target is under 1 s.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_corroboration import OUTLETS, statement  # noqa: E402
from kg.explore.entities import entity_forms  # noqa: E402
from kg.explore.query_view import query_subgraph, render_query_page  # noqa: E402
from kg.graph.rdf import article_graph  # noqa: E402
from kg.model import Article, Entity, Form  # noqa: E402
from kg.store.backend import open_store  # noqa: E402
from kg.store.decisions import merge, split  # noqa: E402


def with_forms(found):
    """A statement whose subject and object are also named by a demonym, in its sentence."""
    forms = tuple(Form(e.key, e.label.replace("Country", "Countrian"), "demonym", found.evidence)
                  for e in (found.subject, found.object) if e.type == "Country")
    return replace(found, forms=forms)


def graphs(count: int, per_article: int = 10, seed: int = 0, first: int = 0):
    rng = random.Random(seed)
    countries = [Entity(f"country/C{i:03d}", f"Country {i}", "Country") for i in range(150)]
    people = [Entity(f"person/p{i}", f"Person {i}", "Person") for i in range(300)]
    for number in range(first, first + count):
        article = Article(f"a{number:05d}", f"Synthetic article {number}.", date(2021, 1, 1 + number % 28),
                          url=rng.choice(OUTLETS) + f"{number}")
        yield article_graph(article, [with_forms(statement(rng, article, i, countries, people))
                                      for i in range(per_article)])


def fill(store, articles: int):
    for graph in graphs(articles):
        store.put(graph)
    store.flush()
    return store


def timed(name: str, work, repeat: int = 1):
    seconds, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    print(f"{name}_seconds={min(seconds):.3f}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="build the store here once; each run works on a copy of it")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store"
        if options.keep and not options.keep.exists():
            fill(open_store(options.keep, create=True), options.articles).close()
        if options.keep:
            shutil.copytree(options.keep, path)
        store = fill(open_store(path, create=True), 0 if options.keep else options.articles)
        print(f"articles={options.articles}")
        print(f"triples={store.merged_triples()}")
        listed = timed("entities", lambda: entity_forms(store.dataset()), 3)
        print(f"entities_rows={len(listed)}")
        _, changed = timed("merge", lambda: merge(store, "Country 1", "Country 0"))
        print(f"merge_graphs={changed}")
        timed("split", lambda: split(store, "Country 1", "Country 0"))
        _, changed = timed("split_demonym", lambda: split(store, "Country 5", "Countrian 5"))  # a form the extractor merged
        print(f"split_demonym_graphs={changed}")
        merge(store, "Country 1", "Country 0")
        extra = list(graphs(10, first=options.articles, seed=1))
        timed("put_with_decisions", lambda: [store.put(g) for g in extra])
        dataset = store.dataset()
        for name, params in (("contradictions", []), ("relations-of", ["entity=Country 3"])):
            sub = timed(f"subgraph_{name}", lambda: query_subgraph(dataset, name, params))
            print(f"subgraph_{name}_triples={len(sub)}")
        timed("page_relations-of", lambda: render_query_page(dataset, "relations-of", ["entity=Country 3"]))
        store.close()


if __name__ == "__main__":
    main()
