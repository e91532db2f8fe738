"""kg serve under load and abuse: idle and slow connections, heavy queries beside cheap ones, answers cut
by bytes as well as rows (and saying so), and a store that stays locked while it is served."""
from __future__ import annotations

import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
import urllib.parse

import psutil
import pyoxigraph
import pytest
from test_serve import COUNT, ENDLESS, TOKEN, Server, http, update

from conftest import PUBLISHED, SEED, run_kg

#: A 1 KB query whose one row is about 1 MB: CONCAT doubling a string 17 times.
DOUBLING = "SELECT ?a17 WHERE { BIND(\"12345678\" AS ?a0) " + " ".join(
    f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(17)) + " }"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("limits") / "store"
    result = run_kg("build", SEED, "--published", PUBLISHED.isoformat(), "--store", path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def endpoint(store):
    server = Server(store, "--timeout", "3", "--max-bytes", "20000", "--read-timeout", "2", "--workers", "3",
                    "--max-connections", "300")
    yield server
    server.stop()


def cheap(url: str) -> tuple[int, str]:
    return http(url + "?query=" + urllib.parse.quote(COUNT))


def get(url: str, query: str, accept: str = "") -> tuple[int, str]:
    return http(url + "?query=" + urllib.parse.quote(query), headers={"Accept": accept} if accept else {})


def open_idle(url: str, count: int, partial: bytes = b"") -> list[socket.socket]:
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    sockets = []
    for _ in range(count):
        sock = socket.create_connection((host, int(port)))
        sock.sendall(partial)
        sockets.append(sock)
    return sockets


def test_200_idle_and_slow_connections_do_not_stop_cheap_queries(endpoint):
    idle = open_idle(endpoint.url, 100) + open_idle(endpoint.url, 100, b"POST /sparql HTTP/1.1\r\nContent-Len")
    try:
        assert cheap(endpoint.url)[0] == 200
        assert psutil.Process(endpoint.process.pid).num_threads() < 20
    finally:
        for sock in idle:
            sock.close()


def test_a_body_that_never_comes_is_dropped_after_the_read_timeout(endpoint):
    (sock,) = open_idle(endpoint.url, 1, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
                                         b"\r\nContent-Length: 100\r\n\r\nSEL")
    sock.settimeout(30)
    started = time.monotonic()
    assert sock.recv(100) == b"" and time.monotonic() - started < 20
    sock.close()


def test_connections_past_the_cap_are_turned_away(tmp_path):
    pyoxigraph.Store(str(tmp_path / "store")).flush()
    server = Server(tmp_path / "store", "--max-connections", "5", "--read-timeout", "1", "--workers", "1")
    try:
        idle = open_idle(server.url, 5)
        (extra,) = open_idle(server.url, 1)
        extra.settimeout(10)
        assert extra.recv(100).startswith(b"HTTP/1.1 503")
        for sock in idle + [extra]:
            sock.close()
        ends = time.monotonic() + 20
        while time.monotonic() < ends and cheap(server.url)[0] != 200:  # until the server sees them closed
            time.sleep(0.2)
        assert cheap(server.url)[0] == 200
    finally:
        server.stop()


def test_heavy_queries_do_not_block_cheap_ones(endpoint):
    stop = threading.Event()

    def heavy():
        while not stop.is_set():
            get(endpoint.url, ENDLESS)

    clients = [threading.Thread(target=heavy) for _ in range(2)]
    for client in clients:
        client.start()
    try:
        time.sleep(1)
        answers = [cheap(endpoint.url) for _ in range(5)]
    finally:
        stop.set()
        for client in clients:
            client.join(30)
    assert all(status == 200 and json.loads(body)["results"]["bindings"] for status, body in answers)


def test_50_threads_of_20_queries(endpoint):
    with ThreadPoolExecutor(50) as pool:
        statuses = list(pool.map(lambda _: cheap(endpoint.url)[0], range(1000)))
    assert statuses == [200] * 1000


def test_a_huge_row_is_cut_by_bytes_and_says_so(endpoint):
    status, body = get(endpoint.url, DOUBLING)
    document = json.loads(body)
    assert status == 200 and len(body.encode()) <= 20000
    assert document["results"]["bindings"] == [] and "truncated" in document["warning"]
    assert document["head"]["link"] == ["urn:kg:truncated"]


@pytest.mark.parametrize("accept,mark", [("application/sparql-results+xml", "<link href=\"urn:kg:truncated\"/>"),
                                         ("text/csv", "s,p,o")])
def test_results_cut_by_bytes_in_other_formats(endpoint, accept, mark):
    status, body = get(endpoint.url, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", accept)
    assert status == 200 and mark in body and 1000 < len(body.encode()) <= 20000


@pytest.mark.parametrize("accept,mark", [("text/turtle", "# kg: results truncated at"),
                                         ("application/n-triples", "# kg: results truncated at"),
                                         ("application/rdf+xml", "<!-- kg: results truncated at")])
def test_graphs_cut_by_bytes_say_so_in_a_comment(endpoint, accept, mark):
    status, body = get(endpoint.url, "CONSTRUCT WHERE { ?s ?p ?o }", accept)
    assert status == 200 and mark in body and len(body.encode()) <= 20000


def test_truncation_is_in_the_headers(endpoint):
    import urllib.request

    with urllib.request.urlopen(endpoint.url + "?query=" + urllib.parse.quote("SELECT * { ?s ?p ?o }")) as response:
        assert response.headers["Warning"].startswith('199 kg "results truncated at 20000 bytes')
        assert response.headers["X-KG-Truncated"] == "20000 bytes"


def test_build_into_a_served_store_fails_even_right_after_a_timeout(endpoint, store):
    assert get(endpoint.url, ENDLESS)[0] == 503
    result = run_kg("build", SEED, "--published", PUBLISHED.isoformat(), "--store", store)
    assert result.returncode == 2 and "in use by another kg process" in result.stderr
    assert "Traceback" not in result.stderr and cheap(endpoint.url)[0] == 200


def test_build_fails_right_after_an_update_timed_out(tmp_path):
    store = tmp_path / "store"
    assert run_kg("build", SEED, "--published", PUBLISHED.isoformat(), "--store", store).returncode == 0
    server = Server(store, "--allow-update", "--token", TOKEN, "--timeout", "2", "--workers", "1")
    try:
        endless = "INSERT { ?a ?b ?c } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        assert update(server.url, endless, TOKEN)[0] == 503
        result = run_kg("build", SEED, "--published", PUBLISHED.isoformat(), "--store", store)
        assert result.returncode == 2 and "in use by another kg process" in result.stderr
        assert update(server.url, "INSERT DATA { <http://e/x> <http://e/p> 1 }", TOKEN)[0] == 204
    finally:
        server.stop()
