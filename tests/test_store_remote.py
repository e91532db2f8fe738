"""--store URL: a real Virtuoso (Debian's virtuoso-opensource), started here on 127.0.0.1, as a shared store.

The set-up installs Debian's ``virtuoso-opensource-7-bin`` when it is missing and we are root; where
it cannot be installed or started, these tests skip and say why.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest
import pyoxigraph
from rdflib import URIRef

from kg.graph.rdf import ArticleGraph
from kg.store.backend import BATCH, open_store
from kg.vocab import KGO

from conftest import PUBLISHED, SEED, run_kg

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_virtuoso() -> str | None:
    """Why Virtuoso cannot be had here, or None once ``virtuoso-t`` is installed."""
    if shutil.which("virtuoso-t") and shutil.which("isql-vt"):
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "virtuoso-opensource-7-bin is not installed and we are not root to install it"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "virtuoso-opensource-7-bin"]):
        if subprocess.run(command, capture_output=True, env=env, timeout=900).returncode != 0:
            return f"could not install Debian's virtuoso-opensource-7-bin ({' '.join(command)} failed)"
    return None


def isql(port: int, statement: str) -> None:
    result = subprocess.run(["isql-vt", f"127.0.0.1:{port}", "dba", "dba", f"exec={statement}"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    reason = ensure_virtuoso()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(d=folder, sql=sql, http=http), encoding="utf-8")
    server = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                              cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.skip(f"Virtuoso did not start (see {folder}/virtuoso.log)")
                time.sleep(1)
        isql(sql, 'GRANT SPARQL_UPDATE TO "SPARQL";')
        isql(sql, "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")
        yield url
    finally:
        server.kill()
        server.wait(30)


def test_build_twice_into_virtuoso_changes_nothing(virtuoso):
    first = run_kg("build", SEED, "--published", PUBLISHED.isoformat(), "--store", virtuoso)
    assert first.returncode == 0, first.stderr
    triples = open_store(virtuoso).triples()
    assert triples > 500
    second = run_kg("build", SEED, "--published", PUBLISHED.isoformat(), "--store", virtuoso)
    assert second.returncode == 0 and "0 added, 1 unchanged" in second.stderr
    assert open_store(virtuoso).triples() == triples
    rows = run_kg("query", virtuoso, "relations-of", "-p", "entity=Algeria", "--format", "csv").stdout.splitlines()
    assert len(rows) > 2 and rows[1].startswith("Algeria,")


def test_large_graphs_go_in_batches(virtuoso):
    """Virtuoso refuses one INSERT DATA of this size; batches of BATCH triples go through."""
    name = URIRef("https://w3id.org/kgnews/resource/article/batch-test")
    triples = [pyoxigraph.Triple(pyoxigraph.NamedNode(name), pyoxigraph.NamedNode(KGO.contentHash),
                                 pyoxigraph.Literal("0" * 64))]
    for number in range(BATCH * 12):
        triples.append(pyoxigraph.Triple(pyoxigraph.NamedNode(f"https://example.org/s{number}"),
                                         pyoxigraph.NamedNode(KGO.articleId),
                                         pyoxigraph.Literal(f"value {number} " * 3)))
    graph = ArticleGraph(name, tuple(triples))
    store = open_store(virtuoso)
    before = store.triples()
    store.put(graph)
    assert store.triples() == before + len(graph)
    assert store.digest(name) == "0" * 64
    assert store.remove(name) and store.triples() == before


def test_remove_from_virtuoso(virtuoso, tmp_path):
    article = tmp_path / "chile.txt"
    article.write_text("Chile signed an agreement with Peru on Monday.\n", encoding="utf-8")
    assert run_kg("build", article, "--store", virtuoso).returncode == 0
    store = open_store(virtuoso)
    added = [a for a in store.articles() if "chile" in a]
    assert len(added) == 1
    assert run_kg("remove", added[0], "--store", virtuoso).returncode == 0
    assert not [a for a in open_store(virtuoso).articles() if "chile" in a]
