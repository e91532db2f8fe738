"""Golden graphs: the whole graph of the seed and of one wire fixture, compared by graph isomorphism.

A change of extraction or modelling shows here as a failure to review; when it is intended, rewrite the
files with ``scripts/regenerate-golden.py`` and commit them with the change.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import kg

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "golden"
CASES = {"seed": (FIXTURES / "seed-article.txt", date(2021, 11, 23)),
         "sudan-dateline": (FIXTURES / "articles" / "sudan-dateline.txt", date(2023, 8, 15))}


def build_graph(path: Path, published: date) -> Graph:
    articles = list(kg.read_articles([path], published))
    return kg.union(kg.to_dataset(kg.extract_all(articles)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_graph_is_the_golden_one(name):
    built = build_graph(*CASES[name])
    golden = Graph().parse(GOLDEN / f"{name}.ttl", format="turtle")
    if not isomorphic(built, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(built), to_isomorphic(golden))
        pytest.fail(f"{name}: {len(only_built)} triples only in the build, {len(only_golden)} only in the golden graph, "
                    f"e.g. {sorted(map(str, only_built))[:2]} / {sorted(map(str, only_golden))[:2]}; "
                    "if intended, run scripts/regenerate-golden.py")
