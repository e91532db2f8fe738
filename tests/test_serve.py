"""kg serve: a real SPARQL 1.1 Protocol endpoint, queried with SPARQLWrapper, and its safety limits."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import psutil
import pyoxigraph
import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from conftest import PUBLISHED, SEED, run_kg

TOKEN = "s3cret-token-for-tests"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    result = run_kg("build", SEED, "--published", PUBLISHED.isoformat(), "--store", path)
    assert result.returncode == 0, result.stderr
    return path


class Server:
    """``kg serve`` in a subprocess on a free port; the URL is read from its first line."""

    def __init__(self, store, *options: str):
        self.process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0",
                                         *options], stderr=subprocess.PIPE, text=True)
        line = self.process.stderr.readline()
        assert "serving SPARQL at" in line, line + self.process.stderr.read()
        self.url, self.banner = line.split(" at ")[1].split()[0], line
        threading.Thread(target=self.process.stderr.read, daemon=True).start()

    def stop(self):
        self.process.kill()
        self.process.wait(10)


@pytest.fixture(scope="module")
def endpoint(store):
    server = Server(store, "--timeout", "3", "--max-rows", "50")
    yield server
    server.stop()


def client(url: str, query: str, fmt=JSON, method="GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def update(url: str, text: str, token: str | None = None) -> tuple[int, str]:
    headers = {"Content-Type": "application/sparql-update"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return http(url, text.encode("utf-8"), headers)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_gets_json(endpoint, method):
    result = client(endpoint.url, 'SELECT ?label WHERE { ?c kgo:iso3 "MAR" ; rdfs:label ?label }',
                    method=method).queryAndConvert()
    assert [b["label"]["value"] for b in result["results"]["bindings"]] == ["Morocco"]


def test_every_result_format(endpoint):
    query = "SELECT ?s WHERE { ?s a kgo:Country } ORDER BY ?s LIMIT 3"
    xml = client(endpoint.url, query, XML).queryAndConvert()
    assert len(xml.getElementsByTagName("result")) == 3
    csv_text = client(endpoint.url, query, CSV).queryAndConvert().decode("utf-8")
    assert csv_text.splitlines()[0].strip() == "s" and len(csv_text.splitlines()) == 4
    tsv_text = client(endpoint.url, query, TSV).queryAndConvert().decode("utf-8")
    assert tsv_text.splitlines()[0].strip() == "?s" and tsv_text.splitlines()[1].startswith("<https://")
    ask = client(endpoint.url, "ASK { ?s kgo:signsAgreementWith ?o }").queryAndConvert()
    assert ask["boolean"] is True


def test_construct_as_turtle_and_jsonld(endpoint):
    query = "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a kgo:Country ; rdfs:label ?l }"
    graph = client(endpoint.url, query, TURTLE).queryAndConvert()
    turtle = Graph().parse(data=graph, format="turtle") if isinstance(graph, (bytes, str)) else graph
    assert len(turtle) >= 5
    status, body = http(endpoint.url + "?format=jsonld&query=" + urllib.request.quote(query))
    assert status == 200 and len(Graph().parse(data=body, format="json-ld")) == len(turtle)


def test_bad_query_is_400(endpoint):
    status, body = http(endpoint.url + "?query=" + urllib.request.quote("SELEC ?x WHERE {"))
    assert status == 400 and "invalid SPARQL" in body


def test_read_only_by_default(endpoint):
    status, body = update(endpoint.url, 'INSERT DATA { <http://e/x> <http://e/p> "x" }', TOKEN)
    assert status == 403 and "read-only" in body
    form = urllib.parse.urlencode({"update": 'INSERT DATA { <http://e/x> <http://e/p> "x" }'}).encode()
    assert http(endpoint.url, form, {"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert not client(endpoint.url, "ASK { GRAPH ?g { <http://e/x> ?p ?o } }").queryAndConvert()["boolean"]


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . SERVICE SILENT <file:///etc/passwd> { ?s ?p ?o } }",
])
def test_service_is_refused(endpoint, query):
    status, body = http(endpoint.url + "?query=" + urllib.request.quote(query))
    assert status == 403 and "SERVICE" in body


def test_words_in_strings_and_names_are_not_refused(endpoint):
    query = 'SELECT ?service WHERE { BIND("SERVICE <x> LOAD" AS ?service) } # SERVICE'
    assert client(endpoint.url, query).queryAndConvert()["results"]["bindings"][0]["service"]["value"]


def test_from_does_not_fetch_anything(endpoint):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(2)
    port = listener.getsockname()[1]
    for query in (f"SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }} LIMIT 1",
                  f"SELECT * FROM NAMED <http://127.0.0.1:{port}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT 1"):
        client(endpoint.url, query).queryAndConvert()
    with pytest.raises(socket.timeout):
        listener.accept()
    listener.close()


def test_endless_query_is_stopped_and_the_endpoint_recovers(endpoint):
    started = time.monotonic()
    status, body = http(endpoint.url + "?query=" + urllib.request.quote(ENDLESS))
    assert status == 503 and "time limit" in body
    assert time.monotonic() - started < 15
    assert client(endpoint.url, COUNT).queryAndConvert()["results"]["bindings"][0]["n"]["value"] != "0"


def test_row_limit(endpoint):
    status, body = http(endpoint.url + "?query=" + urllib.request.quote("SELECT * WHERE { ?s ?p ?o }"))
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 50


def test_binds_to_loopback_by_default(endpoint):
    assert endpoint.url.startswith("http://127.0.0.1:")
    listening = [c.laddr for c in psutil.Process(endpoint.process.pid).net_connections("inet")
                 if c.status == psutil.CONN_LISTEN]
    assert listening and all(address.ip == "127.0.0.1" for address in listening)


def test_updates_need_the_flag_and_the_token(tmp_path):
    store = tmp_path / "store"
    pyoxigraph.Store(str(store)).flush()
    assert run_kg("serve", "--store", store, "--allow-update").returncode == 2
    server = Server(store, "--allow-update", "--token", TOKEN)
    try:
        insert = 'INSERT DATA { GRAPH <http://e/g> { <http://e/x> <http://e/p> "x" } }'
        assert update(server.url, insert)[0] == 401
        assert update(server.url, insert, "wrong")[0] == 401
        assert not client(server.url, "ASK { GRAPH ?g { <http://e/x> ?p ?o } }").queryAndConvert()["boolean"]
        assert update(server.url, insert, TOKEN)[0] == 204
        assert client(server.url, "ASK { GRAPH ?g { <http://e/x> ?p ?o } }").queryAndConvert()["boolean"]
        status, body = update(server.url, "LOAD <file:///etc/passwd> INTO GRAPH <http://e/g>", TOKEN)
        assert status == 403 and "LOAD" in body
        assert update(server.url, "DROP GRAPH <http://e/g>", TOKEN)[0] == 204
    finally:
        server.stop()


def test_updates_keep_the_merged_default_graph(tmp_path):
    """Queries without GRAPH read the merge of the article graphs; an update through the endpoint keeps it so."""
    store = tmp_path / "store"
    pyoxigraph.Store(str(store)).flush()
    server = Server(store, "--allow-update", "--token", TOKEN)
    ask = 'ASK { <http://e/x> <http://e/p> "x" }'
    try:
        for graph in ("g1", "g2"):
            insert = f'INSERT DATA {{ GRAPH <http://e/{graph}> {{ <http://e/x> <http://e/p> "x" }} }}'
            assert update(server.url, insert, TOKEN)[0] == 204
        assert client(server.url, ask).queryAndConvert()["boolean"]
        assert update(server.url, "DROP GRAPH <http://e/g1>", TOKEN)[0] == 204
        assert client(server.url, ask).queryAndConvert()["boolean"], "g2 still holds it"
        assert update(server.url, "DROP GRAPH <http://e/g2>", TOKEN)[0] == 204
        assert not client(server.url, ask).queryAndConvert()["boolean"]
    finally:
        server.stop()


def test_missing_store_is_a_clear_error(tmp_path):
    result = run_kg("serve", "--store", tmp_path / "none")
    assert result.returncode == 2 and "no store there" in result.stderr and "Traceback" not in result.stderr
