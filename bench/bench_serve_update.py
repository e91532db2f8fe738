"""What an update through ``kg serve --allow-update`` costs on top of itself: bringing the merged default graph
back in line with the article graphs (:mod:`kg.serve.merge`), on a synthetic store.

Prints ``name=value`` lines: the store's size, a one-triple insert into an article graph with its merge,
and the pass over the whole store that an update with a variable graph needs.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_store import articles  # noqa: E402  (the same synthetic article graphs)
from kg.serve.merge import MERGE, update_merged  # noqa: E402
from kg.store.backend import open_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        store = open_store(Path(folder) / "store", create=True)
        for graph in articles(options.triples):
            store.put(graph)
        store.flush()
        print(f"triples={store.triples()}")
        inner = store.inner
        article = store.articles()[0]
        named = f'INSERT DATA {{ GRAPH <{article}> {{ <http://example.org/x> <http://example.org/p> "x" }} }}'
        start = time.perf_counter()
        update_merged(inner, named, lambda: inner.update(named))
        print(f"named_graph_update_seconds={time.perf_counter() - start:.3f}")
        print(f"merged_after_update={int(bool(inner.query('ASK { <http://example.org/x> ?p ?o }')))}")
        start = time.perf_counter()
        inner.update(MERGE)
        print(f"whole_store_merge_seconds={time.perf_counter() - start:.2f}")
        store.close()


if __name__ == "__main__":
    main()
