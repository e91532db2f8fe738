"""The named queries across articles (corroborated, single-source, corroboration, contradictions) on a store of
1,000 synthetic articles, written by kg's own RDF writer: outlets, a few running stories told by many of them,
denials, former office holders, one-holder offices and contested territories. Prints ``name=value`` lines:
the store's size, then the seconds and rows of each query (best of ``--repeat`` runs); the target is under 1 s.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.model import Article, Entity, Evidence, Predicate, Statement  # noqa: E402
from kg.store.named_queries import named_queries  # noqa: E402
from kg.store.query import run_query  # noqa: E402
from kg.graph.rdf import article_graph  # noqa: E402
from kg.store.backend import open_store  # noqa: E402

QUERIES = ("corroborated", "single-source", "corroboration", "contradictions")
OUTLETS = [f"https://www.outlet{i}.example/news/" for i in range(40)]
PREDICATES = (Predicate("signsAgreementWith", "signs agreement with", "057", symmetric=True),
              Predicate("accuses", "accuses", "112"), Predicate("visits", "visits", "042"),
              Predicate("attacks", "attacks", "190"),
              Predicate("holdsPositionIn", "holds position in", None, "P39", kind="fact"),
              Predicate("claimsSovereigntyOver", "claims sovereignty over"))
STATUSES = ("asserted",) * 6 + ("claimed", "denied", "negated", "former")
ROLES = ("Prime Minister", "President", "Foreign Minister", "spokesman", "")


def statement(rng: random.Random, article: Article, index: int, countries: list, people: list) -> Statement:
    predicate = rng.choices(PREDICATES, weights=(20, 20, 25, 20, 10, 5))[0]
    subject = rng.choice(people if predicate.id == "holdsPositionIn" else countries[:30])
    obj = rng.choice(countries)
    role = rng.choice(ROLES) if predicate.id == "holdsPositionIn" else ""
    return Statement(article.id, subject, predicate, obj, Evidence(f"Sentence {index} of {article.id}.", index * 40,
                     index * 40 + 30), rng.choice(STATUSES), confidence=round(rng.uniform(0.5, 0.9), 2),
                     rule="synthetic", role=role)


def graphs(count: int, per_article: int = 10, seed: int = 0):
    rng = random.Random(seed)
    countries = [Entity(f"country/C{i:03d}", f"Country {i}", "Country") for i in range(150)]
    people = [Entity(f"person/p{i}", f"Person {i}", "Person") for i in range(300)]
    for number in range(count):
        published = date(2021, 1, 1) + timedelta(days=number % 365)
        article = Article(f"a{number:05d}", f"Synthetic article {number}.", published,
                          url=rng.choice(OUTLETS) + f"{number}", publisher="Wire" if number % 7 == 0 else None)
        yield article_graph(article, [statement(rng, article, i, countries, people) for i in range(per_article)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "store", create=True)
        for graph in graphs(options.articles):
            store.put(graph)
        store.flush()
        print(f"articles={options.articles}")
        print(f"triples={store.merged_triples()}")
        dataset = store.dataset()
        for name in QUERIES:
            seconds, rows = [], 0
            for _ in range(options.repeat):
                start = time.perf_counter()
                result = run_query(dataset, named_queries()[name].text)
                rows = len(result.graph) if result.type == "CONSTRUCT" else len(result)
                seconds.append(time.perf_counter() - start)
            print(f"{name}_seconds={min(seconds):.3f}")
            print(f"{name}_rows={rows}")
        store.close()


if __name__ == "__main__":
    main()
