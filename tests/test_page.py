"""The page as HTML: offline, derived from the RDF graph, styled from data, hostile text inert.

Graphs are built by hand through kg's own RDF writer, so no model is needed.
"""
import base64
import hashlib
import html
import json
import re
from dataclasses import replace
from datetime import date

import pytest
from rdflib import RDF

import kg
from kg.explore.corroborate import contradictions
from kg.explore.pack import unpack
from kg.lexicon import load_json
from kg.graph.periods import time_span
from kg.vocab import KGO

ISRAEL = kg.Entity("country/ISR", "Israel", "Country", iso3="ISR", wikidata="Q801", aliases=("State of Israel",))
MOROCCO = kg.Entity("country/MAR", "Morocco", "Country", iso3="MAR", wikidata="Q1028")
ALGERIA = kg.Entity("country/DZA", "Algeria", "Country", iso3="DZA")
GANTZ = kg.Entity("person/benny-gantz", "Benny Gantz", "Person")
SIGNS = kg.Predicate("signsAgreementWith", "signs agreement with", cameo="057")
VISITS = kg.Predicate("visits", "visits", cameo="042")
ACCUSES = kg.Predicate("accuses", "accuses", cameo="112")
CUTS = kg.Predicate("cutsTiesWith", "cuts diplomatic ties with", cameo="161")
LEADS = kg.Predicate("holdsPositionIn", "holds position in")


def statement(subject, predicate, obj, status="asserted", sentence=None, start=0, time=None, **extra):
    sentence = sentence or f"{subject.label} {predicate.label} {obj.label}."
    return kg.Statement(article="a1", subject=subject, predicate=predicate, object=obj, status=status, time=time,
                        evidence=kg.Evidence(sentence, start, start + len(sentence)), confidence=0.8, **extra)


def graph_of(*statements, title="An article", url=None):
    article = kg.Article(id="a1", text="", published=date(2021, 11, 23), title=title, url=url)
    return kg.union(kg.to_dataset([(article, statements)]))


def page_data(page: str) -> tuple[list, list, dict, dict]:
    """Nodes, edges (relations), the whole data block and the config of a page."""
    blocks = dict(re.findall(r'<script type="application/json" id="kg-(\w+)">(.*?)</script>', page, re.DOTALL))
    data = unpack(json.loads(blocks["data"]))
    for edge in data["edges"]:  # as the page script completes them
        edge.update(data["predicates"][edge["p"]])
        for key, empty in (("marker", None), ("spans", []), ("contradictions", [])):
            edge.setdefault(key, empty)
    return data["nodes"], data["edges"], data, json.loads(blocks["config"])


def corpus(*articles):
    """A graph of several articles: (id, published, url, statements) each."""
    return kg.union(kg.to_dataset([(kg.Article(id=a, text="", published=date.fromisoformat(day), title=f"Article {a}",
                                               url=url), tuple(replace(s, article=a) for s in found))
                                   for a, day, url, found in articles]))


SAMPLE = graph_of(
    statement(GANTZ, VISITS, MOROCCO, "planned", "Gantz will visit Morocco.", 0),
    statement(GANTZ, VISITS, MOROCCO, "planned", "Gantz heads to Rabat next week.", 30, time="2021-11"),
    statement(ISRAEL, SIGNS, MOROCCO, "planned", "Israel will sign a deal with Morocco.", 60),
    statement(ISRAEL, SIGNS, MOROCCO, "asserted", "Israel signed a deal with Morocco.", 100, time="2021-11-24"),
    statement(MOROCCO, SIGNS, ISRAEL, "asserted", "Morocco signed with Israel.", 140),
    statement(ALGERIA, ACCUSES, MOROCCO, "denied", "Rabat denied Algeria's accusation.", 170, time="2021-08"),
    statement(ALGERIA, CUTS, MOROCCO, "asserted", "Algeria cut ties with Morocco in August.", 210, time="2021-08"),
    statement(GANTZ, LEADS, ISRAEL, "asserted", "Israel's Defence Minister Benny Gantz.", 260),
)


@pytest.fixture(scope="module")
def sample_page():
    return kg.render_page(SAMPLE, "Sample")


def test_page_is_self_contained(sample_page):
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", sample_page)
    assert not re.search(r"https?://[^\s\"']*(cdn|jsdelivr|unpkg|googleapis)", sample_page, re.IGNORECASE)
    assert "vis-network" in sample_page and "new vis.Network" in sample_page


def test_content_security_policy_allows_exactly_our_scripts(sample_page):
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', sample_page)[1]
    scripts = re.findall(r"<script>(.*?)</script>", sample_page, re.DOTALL)
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts}
    assert len(scripts) == 2
    assert set(re.search(r"script-src ([^;]+)", policy)[1].split()) == hashes
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_nodes_are_the_entities_with_type_degree_and_community(sample_page):
    nodes, _, data, config = page_data(sample_page)
    styles = load_json("style/page.json")["entity_types"]
    entities = {str(e) for name in styles for e in SAMPLE.subjects(RDF.type, KGO[name])}
    assert {n["id"] for n in nodes} == entities and len(nodes) == 4
    by_label = {n["label"]: n for n in nodes}
    assert by_label["Benny Gantz"]["type"] == "Person" and by_label["Israel"]["type"] == "Country"
    assert by_label["Morocco"]["degree"] > by_label["Algeria"]["degree"]
    assert by_label["Israel"]["aliases"] == ["State of Israel"]
    assert by_label["Israel"]["links"] == [{"label": "Wikidata Q801", "url": "https://www.wikidata.org/wiki/Q801"}]
    assert sum(c["size"] for c in data["communities"]) == 4
    assert all(data["communities"][n["community"]]["members"].count(nodes.index(n)) == 1 for n in nodes)
    assert [t["name"] for t in config["legend"]["types"]] == list(styles)


def test_one_edge_per_pair_and_relation_whatever_the_statements(sample_page):
    nodes, edges, _, _ = page_data(sample_page)
    label = lambda i: nodes[i]["label"]
    relations = sorted((label(e["from"]), e["label"], label(e["to"]), tuple(e["statuses"]), e["statements"]) for e in edges)
    assert relations == [
        ("Algeria", "accuses", "Morocco", ("denied",), 1), ("Algeria", "cuts diplomatic ties with", "Morocco", ("asserted",), 1),
        ("Benny Gantz", "holds position in", "Israel", ("asserted",), 1), ("Benny Gantz", "visits", "Morocco", ("planned",), 2),
        ("Israel", "signs agreement with", "Morocco", ("asserted", "planned"), 2),
        ("Morocco", "signs agreement with", "Israel", ("asserted",), 1)]
    bends = {}
    for e in edges:  # the relations of one pair fan out: each has its own bend
        bends.setdefault(frozenset((e["from"], e["to"])), []).append(e["bend"])
    assert sorted(map(sorted, bends.values())) == [[0], [0], [0, 1], [0, 1]]


def test_edges_are_styled_by_status_and_cameo_class(sample_page):
    nodes, edges, _, _ = page_data(sample_page)
    statuses, cameo = load_json("style/page.json")["statuses"], load_json("style/cameo.json")
    by = {(nodes[e["from"]]["label"], e["label"]): e for e in edges}
    assert by[("Israel", "signs agreement with")]["dashes"] is False  # one asserted statement among the planned
    assert by[("Benny Gantz", "visits")]["dashes"] == statuses["planned"]["dashes"]  # all planned
    denied = by[("Algeria", "accuses")]
    assert denied["marker"] == "bar" and by[("Algeria", "cuts diplomatic ties with")]["marker"] is None
    assert denied["color"] == cameo["classes"]["verbal conflict"]["color"]
    assert by[("Algeria", "cuts diplomatic ties with")]["cameoClass"] == "material conflict"
    assert by[("Israel", "signs agreement with")]["tone"] == "cooperative"
    assert by[("Benny Gantz", "holds position in")]["color"] == cameo["fact"]["color"]


def test_edges_carry_every_statement_with_its_evidence_article_and_date(sample_page):
    _, edges, data, _ = page_data(sample_page)
    visit = next(e for e in edges if e["label"] == "visits")
    assert [s["sentence"] for s in visit["supports"]] == ["Gantz will visit Morocco.", "Gantz heads to Rabat next week."]
    second = visit["supports"][1]
    assert (second["start"], second["end"], second["time"], second["confidence"], second["status"]) == \
        (30, 61, "2021-11", 0.8, "planned")
    assert data["articles"][second["article"]]["title"] == "An article"
    assert data["articles"][second["article"]]["published"].startswith("2021-11-23")
    assert visit["spans"] == [["2021-11-01", "2021-11-30"]]


def test_width_counts_independent_sources():
    found = statement(ISRAEL, SIGNS, MOROCCO)
    graph = corpus(("a1", "2021-11-24", "https://www.reuters.com/x", (found,)),
                   ("a2", "2021-11-25", "https://reuters.com/y", (found,)),
                   ("a3", "2021-11-26", "https://apnews.com/z", (found, statement(ALGERIA, ACCUSES, MOROCCO))))
    _, edges, data, _ = page_data(kg.render_page(graph))
    by = {e["label"]: e for e in edges}
    assert (by["signs agreement with"]["statements"], by["signs agreement with"]["sources"]) == (3, 2)
    assert (by["accuses"]["sources"], by["accuses"]["stating"], by["accuses"]["opposing"]) == (1, 1, 0)
    assert sorted(a["source"] for a in data["articles"]) == ["apnews.com", "reuters.com", "reuters.com"]


def test_contradiction_marks_are_the_contradictions_query():
    pm = dict(role="prime minister")
    graph = corpus(
        ("a1", "2021-09-01", None, (statement(ALGERIA, ACCUSES, MOROCCO), statement(ISRAEL, SIGNS, MOROCCO),
                                    statement(GANTZ, LEADS, MOROCCO, time="2021-09", **pm))),
        ("a2", "2021-09-02", None, (statement(ALGERIA, ACCUSES, MOROCCO, "denied", start=40),
                                    statement(ISRAEL, SIGNS, MOROCCO, "former", start=80, time="2021-08"))),
        ("a3", "2021-09-03", None, (statement(ISRAEL, LEADS, MOROCCO, time="2021-09", **pm),
                                    statement(ALGERIA, CUTS, MOROCCO))))
    nodes, edges, _, _ = page_data(kg.render_page(graph))
    marked = {(nodes[e["from"]]["label"], e["label"], nodes[e["to"]]["label"], c["kind"]) for e in edges
              for c in e["contradictions"]}
    found = contradictions(graph)
    expected = {(c.subject, c.relation, c.object, c.kind) for c in found} | \
        {(c.other_subject, c.relation, c.object, c.kind) for c in found}
    assert marked == expected
    assert {kind for *_, kind in marked} == {"denied", "ended", "exclusive"}
    assert not any(e["contradictions"] for e in edges if e["label"] == "cuts diplomatic ties with")


def test_a_corpus_page_is_titled_by_its_articles_and_dates():
    found = (statement(ISRAEL, SIGNS, MOROCCO),)
    graph = corpus(("a1", "2021-11-24", None, found), ("a2", "2021-12-02", None, found))
    page = kg.render_page(graph)
    assert "<title>2 articles, 2021-11-24 to 2021-12-02</title>" in page
    one = kg.render_page(corpus(("a1", "2021-11-24", None, found)))
    assert "<title>Article a1</title>" in one and '<span id="corpus">1 article, 2021-11-24</span>' in one
    assert '<span id="corpus">2 articles, 2021-11-24 to 2021-12-02</span>' in kg.render_page(graph, "Given")


def test_timeline_counts_statements_per_month(sample_page):
    _, _, data, _ = page_data(sample_page)
    assert data["timeline"] == [{"month": "2021-08", "count": 2}, {"month": "2021-09", "count": 0},
                                {"month": "2021-10", "count": 0}, {"month": "2021-11", "count": 2}]


@pytest.mark.parametrize("value, span", [
    ("2021", ("2021-01-01", "2021-12-31")), ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2021-11-23", ("2021-11-23", "2021-11-23")), ("2021-W47", ("2021-11-22", "2021-11-28")),
    (None, None), ("last spring", None)])
def test_time_span(value, span):
    assert time_span(value) == span


HOSTILE = ['<img src=x onerror="window.__pwned=1">', '"><script>window.__pwned=2</script>',
           "' onmouseover='window.__pwned=3' x='", "</script><svg onload=window.__pwned=4>", "<!--", "]]>"]


def hostile_graph():
    who = kg.Entity("person/x", HOSTILE[0], "Person", aliases=(HOSTILE[1], HOSTILE[2]), wikidata='Q1" onclick="x')
    where = kg.Entity("organization/y", HOSTILE[3], "Organization")
    return graph_of(statement(who, VISITS, where, "claimed", " ".join(HOSTILE)),
                    statement(where, ACCUSES, MOROCCO, "denied", HOSTILE[2], 400),
                    title=HOSTILE[1] + "</title><script>window.__pwned=5</script>", url="javascript:window.__pwned=6")


def test_hostile_text_never_becomes_markup():
    page = kg.render_page(hostile_graph(), HOSTILE[3])
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)  # everything but our two scripts
    assert markup.count("<script") == 2  # the two JSON data blocks
    assert "<img" not in markup and "<svg" not in markup and "<!--" not in markup
    assert "javascript:" not in markup and "onclick" not in markup
    assert f"<title>{html.escape(HOSTILE[3])}</title>" in page
    nodes, edges, data, _ = page_data(page)
    assert {n["label"] for n in nodes} >= {HOSTILE[0], HOSTILE[3]}
    assert edges[0]["supports"][0]["sentence"] in {" ".join(HOSTILE), HOSTILE[2]}
    assert all(a["url"] is None for a in data["articles"])
    assert all(n["links"] == [] for n in nodes if n["label"] == HOSTILE[0])


def test_page_is_deterministic():
    assert kg.render_page(SAMPLE, "x") == kg.render_page(SAMPLE, "x")


def big_graph(size=400):
    people = [kg.Entity(f"person/p{i}", f"P{i}", "Person") for i in range(size)]
    return graph_of(*[statement(people[i], VISITS, people[(i * 7 + 1) % size], start=i) for i in range(size)]
                    + [statement(people[i], ACCUSES, people[0], start=size + i) for i in range(1, size, 9)])


def test_large_graphs_open_on_an_overview_laid_out_in_python():
    page = kg.render_page(big_graph())
    nodes, edges, data, config = page_data(page)
    limits = load_json("style/page.json")["overview"]
    assert all("x" in n and "y" in n for n in nodes) and len({(n["x"], n["y"]) for n in nodes}) == 400
    overview = data["overview"]
    assert overview["large"] and len(overview["nodes"]) < 400 and len(overview["edges"]) <= limits["edges"]
    assert overview["nodes"][0] == next(i for i, n in enumerate(nodes) if n["label"] == "P0")  # the hub first
    assert overview["clusters"] and all(set(c["members"]) <= set(overview["nodes"]) for c in overview["clusters"])
    assert all({edges[i]["from"], edges[i]["to"]} <= set(overview["nodes"]) for i in overview["edges"])
    assert config["vis"]["physics"]["enabled"] is False and config["vis"]["interaction"]["hideEdgesOnDrag"]
    assert kg.render_page(big_graph()) == page  # seeded: the same graph opens the same way
    small_nodes, _, small, small_config = page_data(kg.render_page(SAMPLE))
    assert small_config["vis"]["physics"]["enabled"] and "x" not in small_nodes[0] and not small["overview"]["large"]
    assert small_config["vis"]["layout"]["randomSeed"] == 0


def test_embedded_page_is_an_isolated_frame(sample_page):
    embedded = kg.embed_page(sample_page, height=400)
    assert embedded.startswith('<div class="kg-page"><iframe srcdoc="') and "height:400px" in embedded
    assert "<script" not in embedded and 'sandbox="allow-scripts' in embedded
    assert html.unescape(re.search(r'srcdoc="([^"]*)"', embedded)[1]) == sample_page


def test_network_read_through_rdflib_indexes_is_the_network_read_through_its_api():
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    shared = dataset.graph(URIRef("urn:kg:sample"))  # its store holds another graph too: the public API is used
    for triple in SAMPLE:
        shared.add(triple)
    dataset.graph(URIRef("urn:kg:other")).add((URIRef("urn:a"), RDF.type, KGO.Statement))
    fast, public = kg.entity_network(SAMPLE), kg.entity_network(shared)
    assert sorted(fast.edges(keys=True, data=True), key=str) == sorted(public.edges(keys=True, data=True), key=str)
    assert dict(fast.nodes(data=True)) == dict(public.nodes(data=True)) and fast.number_of_edges() == 7


def test_a_page_written_to_a_file_is_the_page_rendered(tmp_path):
    import pyoxigraph as ox

    from kg.explore.page import write_page
    from kg.graph.turtle import to_oxigraph

    store = ox.Store()  # the page kg build --out writes, from a store's default graph
    store.extend(ox.Quad(*map(to_oxigraph, triple), ox.DefaultGraph()) for triple in big_graph())
    write_page(store, tmp_path / "graph.html", "Big")
    assert (tmp_path / "graph.html").read_text(encoding="utf-8") == kg.render_page(big_graph(), "Big")


def test_packed_json_written_in_parts_is_the_json_of_the_whole():
    from kg.explore.pack import CHUNK, Table, records, to_json, write_json

    rows = [{"id": f"urn:kg:e{i}", "n": i} | ({"note": "<b>"} if i % 3 else {}) for i in range(2 * CHUNK + 5)]
    parts: list[str] = []
    write_json({"nodes": Table.of(rows), "flat": list(range(CHUNK + 1)), "overview": {"large": True}}, parts.append)
    text = "".join(parts)
    assert len(parts) > 5 and "<" not in text and text == to_json(json.loads(text))
    assert records(json.loads(text)["nodes"]) == rows


def test_the_network_keeps_every_statement_with_its_evidence():
    net = kg.entity_network(SAMPLE)
    gantz, morocco = (next(n for n in net if n.endswith(e.key)) for e in (GANTZ, MOROCCO))
    supports = [s for data in net.get_edge_data(gantz, morocco).values() for s in data["supports"]]
    assert [s.sentence for s in supports] == ["Gantz will visit Morocco.", "Gantz heads to Rabat next week."]
    assert [(s.start, s.end, s.confidence, s.time) for s in supports] == [(0, 25, 0.8, None), (30, 61, 0.8, "2021-11")]
