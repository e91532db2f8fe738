"""Store against rdflib: load 1,000,000 triples and run the named queries on both.

The graph is synthetic but written by kg's own RDF writer (articles, entities, statement nodes
with evidence), so the named queries of ``ontologies/queries`` find what they look for. The
store is loaded the way ``kg build --store`` loads it (one transaction per article); rdflib's
in-memory Dataset gets the same quads. A store query is timed as ``kg query`` runs it: its entity
parameters looked up first (:func:`kg.named_queries.resolve`), then the query; the median of three runs
(wall and CPU; one run for a query of ten seconds or more) is printed. Prints ``name=value`` lines: sizes and seconds, then
``load_ratio`` and one ``<query>_speedup`` per named query (rdflib seconds / store seconds).
An rdflib query still running after ``--cap`` seconds is stopped: its speedup is then a lower bound
(and ``<query>_rdflib_stopped_at_cap=1`` says so).
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Dataset  # noqa: E402

from kg.model import Article, Entity, Evidence, Predicate, Statement  # noqa: E402
from kg.store.named_queries import named_queries, resolve  # noqa: E402
from kg.store.query import run_query  # noqa: E402
from kg.graph.rdf import article_graph  # noqa: E402
from kg.store.backend import open_store  # noqa: E402

TYPES = ("Country", "Person", "Organization", "Place", "Territory", "Product")
PREDICATES = (Predicate("accuses", "accuses", "112"), Predicate("visits", "visits", "042"),
              Predicate("signsAgreementWith", "signs agreement with", "057", symmetric=True),
              Predicate("criticises", "criticises", "111"), Predicate("worksFor", "works for", None, "P108", kind="fact"),
              Predicate("locatedIn", "is located in", None, "P131", kind="fact"))
STATUSES = ("asserted", "asserted", "asserted", "planned", "claimed", "denied", "former", "hypothetical")
PARAMS = {"relations-of": {"entity": "entity 7"}, "events-between": {"a": "Entity 1", "b": "ENTITY 2"},
          "timeline": {"entity": "Entity 7"}, "statements-by-status": {"status": "planned"}}  # as an analyst types


def articles(target: int, entities: int = 2000, per_article: int = 10, seed: int = 0):
    """(article, statements) pairs, until about ``target`` triples have been produced."""
    rng = random.Random(seed)
    known = [Entity(f"{TYPES[i % 6].lower()}/e{i}", f"Entity {i}", TYPES[i % 6]) for i in range(entities)]
    hubs = known[:10]
    produced, number = 0, 0
    while produced < target:
        text = f"Synthetic article {number}."
        published = date(2020, 1, 1) + timedelta(days=number % 1500)
        article = Article(f"a{number:06d}", text, published, title=f"Article {number}")
        statements = []
        for index in range(per_article):
            subject = rng.choice(hubs) if rng.random() < 0.2 else rng.choice(known)
            obj = rng.choice(known)
            if number % 50 == 0 and index == 0:  # a running story between Entity 1 and Entity 2
                subject, obj = known[1], known[2]
            time_ = (published - timedelta(days=rng.randrange(60))).isoformat() if rng.random() < 0.6 else None
            statements.append(Statement(article.id, subject, rng.choice(PREDICATES), obj,
                                        Evidence(f"Sentence {index} of article {number}.", index * 40, index * 40 + 30),
                                        rng.choice(STATUSES), time_, confidence=round(rng.uniform(0.3, 0.95), 2),
                                        rule="synthetic"))
        graph = article_graph(article, statements)
        produced += len(graph)
        number += 1
        yield graph


def timed_cpu(function):
    """(wall seconds, CPU seconds of this process, value)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = function()
    return time.perf_counter() - start, time.process_time() - cpu, value


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--cap", type=float, default=300, help="seconds before an rdflib query is stopped")
    options = parser.parse_args()
    graphs = list(articles(options.triples))
    print(f"triples={sum(len(g) for g in graphs)}")
    print(f"articles={len(graphs)}")
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "store", create=True)
        store_load, _ = timed(lambda: [store.put(graph) for graph in graphs])
        memory, parsed = Dataset(default_union=True), [graph.graph() for graph in graphs]
        rdflib_load, _ = timed(lambda: [memory.graph(g.identifier).__iadd__(g) for g in parsed])
        del graphs, parsed
        print(f"store_load_seconds={store_load:.2f}")
        print(f"rdflib_load_seconds={rdflib_load:.2f}")
        print(f"load_ratio={rdflib_load / store_load:.2f}")
        on_store = store.dataset()
        for graph in (on_store, memory):  # both pay their parser set-up before timing
            list(run_query(graph, "SELECT * WHERE { ?s ?p ?o } LIMIT 1"))
        for name in named_queries():
            pairs = [f"{key}={value}" for key, value in PARAMS.get(name, {}).items()]
            runs = [timed_cpu(lambda: list(run_query(on_store, resolve(name, pairs, on_store))))]
            while len(runs) < 3 and runs[0][0] < 10:  # a query of ten seconds or more runs once
                runs.append(timed_cpu(lambda: list(run_query(on_store, resolve(name, pairs, on_store)))))
            store_seconds, store_cpu, store_rows = (statistics.median(r[0] for r in runs),
                                                    statistics.median(r[1] for r in runs), runs[0][2])
            rdflib_seconds, rdflib_rows = capped(memory, resolve(name, pairs), options.cap)
            key = name.replace("-", "_")
            print(f"{key}_rows={len(store_rows)}")
            print(f"{key}_store_seconds={store_seconds:.3f}")  # the median of three runs
            print(f"{key}_store_cpu_seconds={store_cpu:.3f}")
            print(f"{key}_rdflib_seconds={rdflib_seconds:.3f}")
            if rdflib_rows is None:
                print(f"{key}_rdflib_stopped_at_cap=1")
            elif rdflib_rows != len(store_rows):
                print(f"warning: {name}: {len(store_rows)} rows from the store, {rdflib_rows} from rdflib", file=sys.stderr)
            print(f"{key}_speedup={rdflib_seconds / store_seconds:.1f}", flush=True)


def capped(memory: Dataset, text: str, cap: float) -> tuple[float, int | None]:
    """rdflib's time and row count, in a forked child stopped after ``cap`` seconds (rows None then)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=lambda: sender.send(timed(lambda: len(list(run_query(memory, text))))))
    child.start()
    answer = receiver.recv() if receiver.poll(cap) else (cap, None)
    child.kill()
    child.join()
    return answer

if __name__ == "__main__":
    main()
