"""A kill -9 in the middle of kg build --store leaves every article whole or absent; the next run completes it."""
from __future__ import annotations

import gc
import json
import random
import subprocess
import sys
import time
from collections import defaultdict

import pyoxigraph
import pytest

from conftest import run_kg

COUNTRIES = ["Spain", "Morocco", "Algeria", "France", "Egypt", "Tunisia", "Israel", "Jordan", "Qatar", "Turkey",
             "Germany", "Italy", "Greece", "Mali", "Niger", "Chad", "Sudan", "Kenya", "Ghana", "Nigeria"]
HASH = "https://w3id.org/kgnews/ontology#contentHash"


def corpus(path, size: int = 100):
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as stream:
        for number in range(size):
            a, b, c = rng.sample(COUNTRIES, 3)
            text = (f"{a} signed an agreement with {b} on Monday, officials said.\n\n"
                    f"{c} accused {a} of spying on its diplomats in March.\n\n"
                    f"The foreign minister of {b} visited {c} last week to discuss trade.\n")
            stream.write(json.dumps({"id": f"n{number:03d}", "text": text, "published": "2024-05-08"}) + "\n")
    return path


def graphs(store) -> dict[str, frozenset[str]]:
    """The triples of each named graph, read without taking the writer's lock; the default graph
    must be exactly their merge."""
    reader = pyoxigraph.Store.read_only(str(store))
    content = defaultdict(set)
    for quad in reader:
        content[str(quad.graph_name)].add(str(pyoxigraph.Triple(quad.subject, quad.predicate, quad.object)))
    del reader
    gc.collect()
    merged = content.pop(str(pyoxigraph.DefaultGraph()), set())
    assert merged == set().union(*content.values()), "the default graph is not the merge of the article graphs"
    return {name: frozenset(triples) for name, triples in content.items()}


def killed_build(corpus_path, store, after_lines: int, pause: float) -> int:
    """Start a build, kill -9 it ``pause`` s after its ``after_lines``-th 'added' line; the lines seen."""
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus_path), "--store", str(store)],
                               stderr=subprocess.PIPE, text=True)
    added = 0
    for line in process.stderr:
        added += line.startswith("added ")
        if added >= after_lines:
            time.sleep(pause)
            break
    process.kill()
    process.wait(30)
    return added


@pytest.mark.slow
def test_kill_minus_nine_loses_nothing(tmp_path):
    articles = corpus(tmp_path / "corpus.jsonl")
    reference, store = tmp_path / "reference", tmp_path / "store"
    assert run_kg("build", articles, "--store", reference).returncode == 0
    expected = graphs(reference)
    assert len(expected) == 100
    for after_lines, pause in ((3, 0.0), (2, 0.004), (5, 0.011)):
        seen = killed_build(articles, store, after_lines, pause)
        stored = graphs(store)
        assert seen <= len(stored) < len(expected), "the build was not interrupted"
        for name, quads in stored.items():
            assert quads == expected[name], f"{name} is partial after kill -9"
            assert any(HASH in triple for triple in quads)
    finished = run_kg("build", articles, "--store", store)
    assert finished.returncode == 0, finished.stderr
    assert "unchanged" in finished.stderr and graphs(store) == expected
