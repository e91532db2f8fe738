"""kg serve speaks the SPARQL 1.1 Protocol as real clients use it: SPARQLWrapper with every method and
format, federation into kg from rdflib and Oxigraph, content negotiation, the Service Description, CORS,
the query page and dataset IRIs."""
from __future__ import annotations

import json
import socket
import urllib.parse
import urllib.request

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, URLENCODED, XML
from SPARQLWrapper import SPARQLWrapper
from test_serve import Server, http

from conftest import PUBLISHED, SEED, run_kg

SELECT = "SELECT ?c ?label WHERE { ?c a kgo:Country ; rdfs:label ?label } ORDER BY ?label"
ASK = "ASK { ?s kgo:signsAgreementWith ?o }"
CONSTRUCT = "CONSTRUCT { ?c rdfs:label ?label } WHERE { ?c a kgo:Country ; rdfs:label ?label }"
DESCRIBE = "DESCRIBE ?c WHERE { ?c kgo:iso3 \"MAR\" }"
METHODS = [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)]
RESULT_FORMATS = {JSON: "application/sparql-results+json", XML: "application/sparql-results+xml", CSV: "text/csv",
                  TSV: "text/tab-separated-values"}
GRAPH_FORMATS = {TURTLE: "text/turtle", N3: "text/turtle", XML: "application/rdf+xml", RDFXML: "application/rdf+xml",
                 JSONLD: "application/ld+json"}
RDFLIB_NAMES = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("protocol") / "store"
    assert run_kg("build", SEED, "--published", PUBLISHED.isoformat(), "--store", path).returncode == 0
    server = Server(path, "--cors", "http://app.example")
    yield server
    server.stop()


def ask(url: str, query: str, fmt: str, method: tuple[str, str]):
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method[0])
    sparql.setRequestMethod(method[1])
    result = sparql.query()
    return result.response.headers.get("Content-Type", "").split(";")[0], result.response.read()


@pytest.mark.parametrize("method", METHODS, ids=lambda m: "-".join(m))
@pytest.mark.parametrize("fmt", RESULT_FORMATS)
def test_sparqlwrapper_select_and_ask_in_every_format(endpoint, method, fmt):
    media_type, body = ask(endpoint.url, SELECT, fmt, method)
    assert media_type == RESULT_FORMATS[fmt]
    if fmt == CSV:
        assert body.decode().splitlines()[0] == "c,label" and ",Morocco" in body.decode()
    else:
        rows = pyoxigraph.parse_query_results(body, format=pyoxigraph.QueryResultsFormat.from_media_type(media_type))
        assert "Morocco" in [row["label"].value for row in rows]
    media_type, body = ask(endpoint.url, ASK, fmt, method)
    assert media_type == RESULT_FORMATS[fmt]
    if fmt in (JSON, XML):
        answer = pyoxigraph.parse_query_results(body, format=pyoxigraph.QueryResultsFormat.from_media_type(media_type))
        assert bool(answer) is True
    else:
        assert body.decode().split()[-1] in ("true", "1")


@pytest.mark.parametrize("method", METHODS, ids=lambda m: "-".join(m))
@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_sparqlwrapper_construct_and_describe_in_every_format(endpoint, method, fmt, query):
    media_type, body = ask(endpoint.url, query, fmt, method)
    assert media_type == GRAPH_FORMATS[fmt]
    graph = Graph().parse(data=body, format=RDFLIB_NAMES[media_type])
    assert any(str(o) == "Morocco" for o in graph.objects())


def test_sparqlwrapper_converts_what_it_asked_for(endpoint):
    sparql = SPARQLWrapper(endpoint.url)
    sparql.setQuery(CONSTRUCT)
    sparql.setReturnFormat(JSONLD)
    assert len(sparql.queryAndConvert()) >= 5
    sparql.setReturnFormat(XML)
    assert len(sparql.queryAndConvert()) >= 5


def test_rdflib_federates_into_kg(endpoint):
    query = f"SELECT ?label WHERE {{ SERVICE <{endpoint.url}> {{ ?c <https://w3id.org/kgnews/ontology#iso3> \"MAR\" ;" \
            " <http://www.w3.org/2000/01/rdf-schema#label> ?label } }"
    assert [str(row[0]) for row in Graph().query(query)] == ["Morocco"]


def test_oxigraph_federates_into_kg(endpoint):
    query = f"SELECT ?label WHERE {{ SERVICE <{endpoint.url}> {{ ?c <https://w3id.org/kgnews/ontology#iso3> \"MAR\" ;" \
            " <http://www.w3.org/2000/01/rdf-schema#label> ?label } }"
    assert [row["label"].value for row in pyoxigraph.Store().query(query)] == ["Morocco"]


def negotiated(url: str, query: str, accept: str = "", fmt: str = "") -> tuple[int, str]:
    extra = f"&format={urllib.parse.quote(fmt)}" if fmt else ""
    request = urllib.request.Request(url + "?query=" + urllib.parse.quote(query) + extra,
                                     headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"].split(";")[0]
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.mark.parametrize("query,accept,expected", [
    (SELECT, "text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    (SELECT, "application/sparql-results+json;q=0.2, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
    (SELECT, "application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    (SELECT, "text/*", "text/csv"),
    (SELECT, "application/json", "application/sparql-results+json"),
    (SELECT, "", "application/sparql-results+json"),
    (CONSTRUCT, "application/ld+json;q=0.4, application/n-triples;q=0.8", "application/n-triples"),
    (CONSTRUCT, "application/json", "application/ld+json"),
    (CONSTRUCT, "*/*", "text/turtle"),
])
def test_accept_with_q_values(endpoint, query, accept, expected):
    assert negotiated(endpoint.url, query, accept) == (200, expected)


@pytest.mark.parametrize("query,accept", [(SELECT, "image/png"), (SELECT, "text/turtle"), (CONSTRUCT, "text/csv"),
                                          (SELECT, "application/sparql-results+json;q=0")])
def test_nothing_acceptable_is_406(endpoint, query, accept):
    assert negotiated(endpoint.url, query, accept)[0] == 406


@pytest.mark.parametrize("query,fmt,expected", [
    (SELECT, "json", "application/sparql-results+json"), (SELECT, "xml", "application/sparql-results+xml"),
    (SELECT, "csv", "text/csv"), (SELECT, "tsv", "text/tab-separated-values"),
    (SELECT, "text/csv", "text/csv"), (CONSTRUCT, "json-ld", "application/ld+json"),
    (CONSTRUCT, "jsonld", "application/ld+json"), (CONSTRUCT, "turtle", "text/turtle"),
    (CONSTRUCT, "ntriples", "application/n-triples"), (CONSTRUCT, "rdf+xml", "application/rdf+xml"),
    (CONSTRUCT, "xml", "application/rdf+xml"), (CONSTRUCT, "json", "application/ld+json"),
    (CONSTRUCT, "application/n-triples", "application/n-triples"),
])
def test_format_names_clients_send(endpoint, query, fmt, expected):
    assert negotiated(endpoint.url, query, "text/csv", fmt) == (200, expected)


def test_service_description_in_turtle_and_json_ld(endpoint):
    sd = "http://www.w3.org/ns/sparql-service-description#"
    for accept, name in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
        status, body = http(endpoint.url, headers={"Accept": accept})
        graph = Graph().parse(data=body, format=name)
        assert status == 200 and (None, URIRef(sd + "endpoint"), URIRef(endpoint.url)) in graph
        assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph
        assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Update")) not in graph


def headers_of(url: str, method: str = "GET", headers: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def test_cors_for_the_allowed_origin_only(endpoint):
    url = endpoint.url + "?query=" + urllib.parse.quote(ASK)
    status, headers = headers_of(url, headers={"Origin": "http://app.example"})
    assert status == 200 and headers["access-control-allow-origin"] == "http://app.example"
    status, headers = headers_of(url, headers={"Origin": "http://evil.example"})
    assert status == 200 and "access-control-allow-origin" not in headers


def test_cors_preflight(endpoint):
    status, headers = headers_of(endpoint.url, "OPTIONS", {
        "Origin": "http://app.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, accept, x-other"})
    assert status == 204 and headers["access-control-allow-origin"] == "http://app.example"
    assert "POST" in headers["access-control-allow-methods"]
    assert headers["access-control-allow-headers"].lower() == "content-type, accept"
    status, headers = headers_of(endpoint.url, "OPTIONS", {"Origin": "http://evil.example",
                                                           "Access-Control-Request-Method": "POST"})
    assert status == 204 and "access-control-allow-origin" not in headers


def test_no_cors_unless_asked(tmp_path):
    pyoxigraph.Store(str(tmp_path / "store")).flush()
    server = Server(tmp_path / "store", "--workers", "1")
    try:
        status, headers = headers_of(server.url + "?query=" + urllib.parse.quote(ASK), headers={"Origin": "http://a.b"})
        assert status == 200 and not any(name.startswith("access-control") for name in headers)
        assert headers_of(server.url, "OPTIONS")[0] == 204
    finally:
        server.stop()


def test_a_bad_cors_origin_is_a_clear_error(tmp_path):
    pyoxigraph.Store(str(tmp_path / "store")).flush()
    result = run_kg("serve", "--store", tmp_path / "store", "--cors", "app.example/x")
    assert result.returncode == 2 and "not an origin" in result.stderr and "Traceback" not in result.stderr


def test_query_page_is_offline_and_pinned_by_a_csp(endpoint):
    root = endpoint.url.removesuffix("sparql")
    status, headers = headers_of(root)
    body = urllib.request.urlopen(root, timeout=30).read().decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in headers["content-security-policy"] and "script-src 'sha256-" in \
        headers["content-security-policy"]
    assert "<textarea" in body and " src=" not in body and "<link" not in body


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_bad_dataset_iri_is_400(endpoint, param):
    status, body = http(endpoint.url + "?query=" + urllib.parse.quote(ASK) + f"&{param}=not%20an%20iri")
    assert status == 400 and param.split("-")[0] in body


def test_dataset_iris_choose_the_graphs(endpoint):
    article = "SELECT ?g WHERE { GRAPH ?g { ?g <https://w3id.org/kgnews/ontology#contentHash> ?h } }"
    status, body = http(endpoint.url + "?query=" + urllib.parse.quote(article))
    graph = json.loads(body)["results"]["bindings"][0]["g"]["value"]
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    only = http(endpoint.url + "?query=" + urllib.parse.quote(query) + "&default-graph-uri=" + urllib.parse.quote(graph))
    none = http(endpoint.url + "?query=" + urllib.parse.quote(query) + "&default-graph-uri=http%3A%2F%2Fe%2Fnone")
    assert json.loads(only[1])["results"]["bindings"][0]["n"]["value"] != "0"
    assert json.loads(none[1])["results"]["bindings"][0]["n"]["value"] == "0"


def test_body_limits_and_bad_requests(endpoint):
    host, port = urllib.parse.urlsplit(endpoint.url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 10000001\r\n\r\nASK {}")
        assert sock.recv(100).startswith(b"HTTP/1.1 413")
    assert http(endpoint.url, b"ASK {}", {"Content-Type": "text/plain"})[0] == 415
    status, body = http(endpoint.url, "ASK { ?s ?p \"\xff\" }".encode("latin-1"),
                        {"Content-Type": "application/sparql-query"})
    assert status == 200 and json.loads(body)["boolean"] is False
