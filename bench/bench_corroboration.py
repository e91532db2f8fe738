"""The named queries across articles (corroborated, single-source, corroboration, contradictions, contested, claims)
on a store of 1,000 synthetic articles, written by kg's own RDF writer: outlets, a few running stories told by many
of them, denials, former office holders, one-holder offices and contested territories (claims, control, and
recognitions and disputes of one another's claims, some withdrawn). Prints ``name=value`` lines:
the store's size, then the wall and CPU seconds and rows of each query through rdflib (best of ``--repeat`` runs),
and for a CONSTRUCT also as ``kg query --store`` writes it in N-Triples and Turtle (Oxigraph's serialisers, no rdflib
graph: ``_nt_``, ``_turtle_``); the target is under 1 s.
"""
from __future__ import annotations

import argparse
import io
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
from kg.store.construct import is_construct, write_construct  # noqa: E402

QUERIES = ("corroborated", "single-source", "corroboration", "contradictions", "contested", "claims")
OUTLETS = [f"https://www.outlet{i}.example/news/" for i in range(40)]
PREDICATES = (Predicate("signsAgreementWith", "signs agreement with", "057", symmetric=True),
              Predicate("accuses", "accuses", "112"), Predicate("visits", "visits", "042"),
              Predicate("attacks", "attacks", "190"),
              Predicate("holdsPositionIn", "holds position in", None, "P39", kind="fact"),
              Predicate("claimsSovereigntyOver", "claims sovereignty over"))
STATUSES = ("asserted",) * 6 + ("claimed", "denied", "negated", "former")
ROLES = ("Prime Minister", "President", "Foreign Minister", "spokesman", "")
CLAIMS = (Predicate("recognisesSovereigntyOver", "recognises sovereignty over", "054"),
          Predicate("disputesClaimTo", "disputes claim to"), Predicate("controls", "controls"))


def statement(rng: random.Random, article: Article, index: int, countries: list, people: list) -> Statement:
    predicate = rng.choices(PREDICATES, weights=(20, 20, 25, 20, 10, 5))[0]
    subject = rng.choice(people if predicate.id == "holdsPositionIn" else countries[:30])
    obj = rng.choice(countries)
    role = rng.choice(ROLES) if predicate.id == "holdsPositionIn" else ""
    return Statement(article.id, subject, predicate, obj, Evidence(f"Sentence {index} of {article.id}.", index * 40,
                     index * 40 + 30), rng.choice(STATUSES), confidence=round(rng.uniform(0.5, 0.9), 2),
                     rule="synthetic", role=role)


def claim(rng: random.Random, article: Article, index: int, countries: list, territories: list) -> Statement:
    """A recognition or dispute of a claimant's claim to one of a few territories, or a party's control of one."""
    predicate = rng.choice(CLAIMS)
    claimant = rng.choice(countries[:10]) if predicate.id != "controls" else None
    return Statement(article.id, rng.choice(countries[:40]), predicate, rng.choice(territories),
                     Evidence(f"Sentence {index} of {article.id}.", index * 40, index * 40 + 30), rng.choice(STATUSES),
                     confidence=0.8, rule="synthetic", claimant=claimant)


def graphs(count: int, per_article: int = 10, seed: int = 0):
    rng, claims = random.Random(seed), random.Random(seed + 1)  # the second adds claims beside the same statements
    territories = [Entity(f"territory/T{i:02d}", f"Territory {i}", "Territory") for i in range(20)]
    countries = [Entity(f"country/C{i:03d}", f"Country {i}", "Country") for i in range(150)]
    people = [Entity(f"person/p{i}", f"Person {i}", "Person") for i in range(300)]
    for number in range(count):
        published = date(2021, 1, 1) + timedelta(days=number % 365)
        article = Article(f"a{number:05d}", f"Synthetic article {number}.", published,
                          url=rng.choice(OUTLETS) + f"{number}", publisher="Wire" if number % 7 == 0 else None)
        found = [statement(rng, article, i, countries, people) for i in range(per_article)]
        yield article_graph(article, found + [claim(claims, article, per_article, countries, territories)])


def timed(work, repeat: int) -> tuple[float, float, object]:
    """The best wall and CPU seconds of ``repeat`` runs of ``work``, and its last answer."""
    walls, cpus, answer = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        answer = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), answer


def streamed(dataset, query: str, fmt: str) -> int:
    """What ``kg query --store S NAME --format FMT`` does with a CONSTRUCT: Oxigraph writes it out (here, to memory)."""
    output = io.BytesIO()
    write_construct(dataset, query, fmt, output)
    return len(output.getvalue())


def measure(dataset, names: list[str], repeat: int) -> None:
    for name in names:
        query = named_queries()[name].text

        def rdflib_answer():
            result = run_query(dataset, query)
            return len(result.graph) if result.type == "CONSTRUCT" else len(result)
        wall, cpu, rows = timed(rdflib_answer, repeat)
        print(f"{name}_seconds={wall:.3f}\n{name}_cpu_seconds={cpu:.3f}\n{name}_rows={rows}", flush=True)
        for fmt in ("nt", "turtle") if is_construct(query) else ():
            wall, cpu, size = timed(lambda: streamed(dataset, query, fmt), repeat)
            print(f"{name}_{fmt}_seconds={wall:.3f}\n{name}_{fmt}_cpu_seconds={cpu:.3f}\n{name}_{fmt}_bytes={size}",
                  flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", default=",".join(QUERIES), help="which, comma-separated")
    parser.add_argument("--keep", type=Path, help="build the store here, or reuse the one already here")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = options.keep or Path(folder) / "store"
        fresh = not path.exists()
        store = open_store(path, create=True)
        if fresh:
            for graph in graphs(options.articles):
                store.put(graph)
            store.flush()
        print(f"articles={options.articles}")
        print(f"triples={store.merged_triples()}")
        measure(store.dataset(), options.queries.split(","), options.repeat)
        store.close()


if __name__ == "__main__":
    main()
