"""kg serve makes no network request for a client: every spelling of SERVICE and LOAD is refused (403)
and nothing reaches a listener the test starts; the worker's sandbox holds even without the check."""
from __future__ import annotations

import socket
import subprocess
import sys
import threading
import urllib.parse
import urllib.request

import pyoxigraph
import pytest
from test_serve import TOKEN, Server, http, update

from kg.serve.guard import network_use


class Listener:
    """A TCP listener on 127.0.0.1 counting the connections that reach it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self.hits = 0
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            connection.close()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.sock.close()


U = "{url}"
#: (query, whether plain Oxigraph really calls the URL with it): the spellings that got through a text check,
#: and SERVICE wherever the grammar allows a group pattern.
QUERIES = [
    ("SELECT * WHERE { ?s ?p ?o .SERVICE <{url}> { ?x ?y ?z } }", True),
    ("SELECT * WHERE { ?s ?p ?o #c\rSERVICE <{url}> { ?x ?y ?z } \n}", True),
    ("SELECT * WHERE { #c\rSERVICE <{url}> { ?x ?y ?z } }", True),
    ("SELECT * WHERE { #c\r\nSERVICE <{url}> { ?x ?y ?z } }", True),
    ("SELECT * WHERE { #c\f\nSERVICE <{url}> { ?x ?y ?z } }", True),
    ("SELECT * WHERE {\tservice\n<{url}>{?x ?y ?z} }", True),
    ("SELECT * WHERE { SeRvIcE#comment\n<{url}>{} }", True),
    ("SELECT * WHERE { SERVICE <\\u0068ttp{rest}> { ?x ?y ?z } }", True),
    ("SELECT * WHERE { \\u0053ERVICE <{url}> { ?x ?y ?z } }", False),
    ("PREFIX e: <{base}> SELECT * WHERE { SERVICE e:sparql { ?x ?y ?z } }", True),
    ("BASE <{base}> SELECT * WHERE { SERVICE <sparql> { ?x ?y ?z } }", True),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <{url}> { ?x ?y ?z } } }", True),
    ("SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <{url}> { ?s ?y ?z } } }", True),
    ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { ?x ?y ?z } } }", True),
    ("SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE <{url}> { ?x ?y ?z } } }", True),
    ("SELECT * WHERE { ?s ?p ?o BIND(EXISTS { SERVICE <{url}> { ?x ?y ?z } } AS ?b) }", True),
    ("SELECT * WHERE { ?s ?p ?o } ORDER BY (EXISTS { SERVICE <{url}> { ?x ?y ?z } })", True),
    ("SELECT * WHERE { { SELECT * WHERE { SERVICE <{url}> { ?x ?y ?z } } } }", True),
    ("SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <{url}> { ?x ?y ?z } } }", True),
    ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } SERVICE <{url}> { ?x ?y ?z } }", False),
    ("SELECT * WHERE { SERVICE SILENT <{url}> { ?x ?y ?z } }", True),
    ("SELECT * WHERE { VALUES ?e { <{url}> } SERVICE ?e { ?x ?y ?z } }", False),
    ("SELECT * WHERE { SERVICE SILENT ?e { ?x ?y ?z } }", False),
    ("ASK { SERVICE <{url}> { ?x ?y ?z } }", True),
    ("CONSTRUCT { ?x ?y ?z } WHERE { SERVICE <{url}> { ?x ?y ?z } }", True),
    ("DESCRIBE ?x WHERE { SERVICE <{url}> { ?x ?y ?z } }", True),
]
UPDATES = [
    ("LOAD <{url}>", True),
    ("LOAD SILENT <{url}>", True),
    ("LOAD SILENT <{url}> INTO GRAPH <http://e/g>", True),
    ("#c\rLOAD <{url}>", True),
    ("INSERT DATA { <http://e/a> <http://e/p> 1 } ;\nLOAD <{url}>", True),
    ("INSERT { ?x ?y ?z } WHERE { ?s ?p ?o .SERVICE <{url}> { ?x ?y ?z } }", True),
    ("INSERT { ?x ?y ?z } WHERE { ?s ?p ?o #c\rSERVICE <{url}> { ?x ?y ?z } \n}", True),
    ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <{url}> { ?s ?y ?z } } }", True),
    ("WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { } } }", False),
]


def spell(template: str, url: str) -> str:
    base = url.rsplit("/", 1)[0] + "/"
    return template.replace("{url}", url).replace("{base}", base).replace("{rest}", url.removeprefix("h" "ttp"))


def tiny_store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://e/a"), pyoxigraph.NamedNode("http://e/p"),
                              pyoxigraph.Literal("x")))
    return store


@pytest.mark.parametrize("template,live", QUERIES + UPDATES)
def test_the_corpus_is_real_and_the_check_sees_every_spelling(listener, template, live):
    """Each live spelling does reach the listener from plain Oxigraph; the check finds SERVICE or LOAD in all."""
    text, kind = spell(template, listener.url), "update" if (template, live) in UPDATES else "query"
    before = listener.hits
    try:
        tiny_store().update(text) if kind == "update" else list(tiny_store().query(text))
    except (OSError, SyntaxError, RuntimeError):
        pass
    assert (listener.hits > before) == live
    assert network_use(text, kind) in ("SERVICE", "LOAD")


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    store = tmp_path_factory.mktemp("guard") / "store"
    tiny_store_on_disk = pyoxigraph.Store(str(store))
    tiny_store_on_disk.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://e/a"), pyoxigraph.NamedNode("http://e/p"),
                                           pyoxigraph.Literal("x")))
    tiny_store_on_disk.flush()
    del tiny_store_on_disk
    server = Server(store, "--allow-update", "--token", TOKEN, "--workers", "1")
    yield server
    server.stop()


@pytest.mark.parametrize("template", [q for q, _ in QUERIES])
def test_every_service_spelling_is_refused_and_sends_nothing(writable, listener, template):
    before = listener.hits
    status, body = http(writable.url + "?query=" + urllib.parse.quote(spell(template, listener.url)))
    form = urllib.parse.urlencode({"query": spell(template, listener.url)}).encode()
    posted = http(writable.url, form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, posted[0]) == (403, 403) and "SERVICE" in body
    assert listener.hits == before


@pytest.mark.parametrize("template", [u for u, _ in UPDATES])
def test_every_load_and_update_spelling_is_refused_and_sends_nothing(writable, listener, template):
    before = listener.hits
    status, body = update(writable.url, spell(template, listener.url), TOKEN)
    assert status == 403 and ("SERVICE" in body or "LOAD" in body)
    assert listener.hits == before
    assert update(writable.url, "INSERT DATA { <http://e/b> <http://e/p> 2 }", TOKEN)[0] == 204


@pytest.mark.parametrize("text,kind", [('INSERT DATA { <http://e/a> <http://e/p> "download; service" }', "update"),
                                       ('SELECT ?service ?load WHERE { ?service <http://e/load> ?load }', "query")])
def test_the_words_as_data_or_names_are_no_network_use(text, kind):
    assert network_use(text, kind) is None


def test_a_form_feed_does_not_end_a_comment(writable, listener):
    """SPARQL comments end at CR or LF only: after a form feed SERVICE is still comment, for Oxigraph too."""
    text = spell("SELECT * WHERE { ?s ?p ?o #c\fSERVICE <{url}> { ?x ?y ?z }\n}", listener.url)
    before = listener.hits
    status, _ = http(writable.url + "?query=" + urllib.parse.quote(text))
    assert status == 200 and listener.hits == before and network_use(text, "query") is None


def test_a_query_the_check_cannot_read_runs_inside_the_sandbox(writable):
    """rdflib's grammar lacks SPARQL 1.2's isTRIPLE; Oxigraph answers it, with the worker off the network."""
    assert "network closed" in writable.banner
    query = "SELECT * WHERE { ?s ?p ?o FILTER(!isTRIPLE(?o)) }"
    status, body = http(writable.url + "?query=" + urllib.parse.quote(query))
    assert status == 200 and "http://e/a" in body


SANDBOXED = """
import sys, pyoxigraph
from kg.serve.guard import close_network
assert close_network()
store = pyoxigraph.Store()
store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://e/a"), pyoxigraph.NamedNode("http://e/p"), pyoxigraph.Literal("x")))
try:
    list(store.query("SELECT * WHERE { ?s ?p ?o SERVICE <" + sys.argv[1] + "> { ?x ?y ?z } }"))
except PermissionError:
    print("refused")
print(len(list(store.query("SELECT * WHERE { ?s ?p ?o SERVICE SILENT <" + sys.argv[1] + "> { ?x ?y ?z } }"))))
"""


def test_the_sandbox_alone_keeps_oxigraph_off_the_network(listener):
    """Even a query the check missed could not call out: the worker process has no Internet sockets."""
    before = listener.hits
    result = subprocess.run([sys.executable, "-c", SANDBOXED, listener.url], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["refused", "1"] and listener.hits == before


def test_allow_federation_does_open_the_network(writable, listener, tmp_path):
    """The refusal comes from the flag: with --allow-federation the same query reaches the listener."""
    store = tmp_path / "store"
    pyoxigraph.Store(str(store)).flush()
    server = Server(store, "--allow-federation", "--workers", "1")
    try:
        before = listener.hits
        query = f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?x ?y ?z }} }}"
        assert http(server.url + "?query=" + urllib.request.quote(query))[0] == 200
        assert listener.hits > before
    finally:
        server.stop()
