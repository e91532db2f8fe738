"""The page as HTML: offline, derived from the RDF graph, styled from data, hostile text inert.

Graphs are built by hand through kg's own RDF writer, so no model is needed.
"""
import base64
import hashlib
import html
import json
import re
from datetime import date

import pytest
from rdflib import RDF

import kg
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


def page_data(page: str) -> tuple[list, list, dict]:
    blocks = dict(re.findall(r'<script type="application/json" id="kg-(\w+)">(.*?)</script>', page, re.DOTALL))
    return json.loads(blocks["nodes"]), json.loads(blocks["edges"]), json.loads(blocks["config"])


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


def test_nodes_are_the_entities_styled_by_type_and_sized_by_degree(sample_page):
    nodes, _, config = page_data(sample_page)
    styles = load_json("style/page.json")["entity_types"]
    entities = {str(e) for name in styles for e in SAMPLE.subjects(RDF.type, KGO[name])}
    assert {n["id"] for n in nodes} == entities and len(nodes) == 4
    by_label = {n["label"]: n for n in nodes}
    assert by_label["Benny Gantz"]["shape"] == styles["Person"]["shape"]
    assert by_label["Israel"]["color"] == styles["Country"]["color"]
    assert by_label["Morocco"]["value"] > by_label["Algeria"]["value"]
    assert by_label["Israel"]["kg"]["aliases"] == ["State of Israel"]
    assert by_label["Israel"]["kg"]["links"] == [{"label": "Wikidata Q801", "url": "https://www.wikidata.org/wiki/Q801"}]
    assert [t["name"] for t in config["legend"]["types"]] == list(styles)


def test_parallel_edges_survive_and_fan_out(sample_page):
    _, edges, _ = page_data(sample_page)
    between = [e for e in edges if {e["from"][-3:], e["to"][-3:]} == {"ISR", "MAR"}]
    assert sorted((e["kg"]["relationLabel"], e["kg"]["status"], e["from"][-3:]) for e in between) == [
        ("signs agreement with", "asserted", "ISR"), ("signs agreement with", "asserted", "MAR"),
        ("signs agreement with", "planned", "ISR")]
    def side(edge):  # which side of the ISR-MAR line an edge bends to, and how far
        if not edge["smooth"]:
            return 0, 0
        turn = 1 if edge["smooth"]["type"] == "curvedCW" else -1
        return turn if edge["from"] < edge["to"] else -turn, edge["smooth"]["roundness"]
    assert len({side(e) for e in between}) == 3
    assert len({e["id"] for e in edges}) == len(edges) == 7


def test_edges_are_styled_by_status_and_cameo_class(sample_page):
    _, edges, _ = page_data(sample_page)
    statuses, cameo = load_json("style/page.json")["statuses"], load_json("style/cameo.json")
    by = {(e["kg"]["relationLabel"], e["kg"]["status"]): e for e in edges}
    assert by[("signs agreement with", "asserted")]["dashes"] is False
    assert by[("signs agreement with", "planned")]["dashes"] == statuses["planned"]["dashes"]
    assert by[("signs agreement with", "planned")]["label"] == "signs agreement with (planned)"
    denied = by[("accuses", "denied")]
    assert denied["arrows"]["middle"] == {"enabled": True, "type": "bar"}
    assert denied["color"]["color"] == cameo["classes"]["verbal conflict"]["color"]
    assert by[("cuts diplomatic ties with", "asserted")]["kg"]["cameoClass"] == "material conflict"
    assert by[("signs agreement with", "asserted")]["kg"]["tone"] == "cooperative"
    assert by[("holds position in", "asserted")]["color"]["color"] == cameo["fact"]["color"]


def test_edges_carry_their_evidence_and_time_range(sample_page):
    _, edges, _ = page_data(sample_page)
    visit = next(e for e in edges if e["kg"]["relationLabel"] == "visits")
    assert [s["sentence"] for s in visit["kg"]["supports"]] == ["Gantz will visit Morocco.",
                                                                "Gantz heads to Rabat next week."]
    first = visit["kg"]["supports"][1]
    assert (first["article"], first["start"], first["end"], first["time"], first["confidence"]) == \
        ("An article", 30, 61, "2021-11", 0.8)
    assert (visit["kg"]["timeStart"], visit["kg"]["timeEnd"]) == ("2021-11-01", "2021-11-30")
    assert visit["width"] > next(e for e in edges if e["kg"]["relationLabel"] == "accuses")["width"]


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
    assert markup.count("<script") == 3  # the three JSON data blocks
    assert "<img" not in markup and "<svg" not in markup and "<!--" not in markup
    assert "javascript:" not in markup and "onclick" not in markup
    assert f"<title>{html.escape(HOSTILE[3])}</title>" in page
    nodes, edges, _ = page_data(page)
    assert {n["label"] for n in nodes} >= {HOSTILE[0], HOSTILE[3]}
    assert edges[0]["kg"]["supports"][0]["sentence"] in {" ".join(HOSTILE), HOSTILE[2]}
    assert all(s["url"] is None for e in edges for s in e["kg"]["supports"])
    assert all(n["kg"]["links"] == [] for n in nodes if n["label"] == HOSTILE[0])


def test_page_is_deterministic():
    assert kg.render_page(SAMPLE, "x") == kg.render_page(SAMPLE, "x")


def test_large_graphs_come_laid_out_with_physics_off():
    people = [kg.Entity(f"person/p{i}", f"P{i}", "Person") for i in range(320)]
    statements = [statement(people[i], VISITS, people[(i * 7 + 1) % 320], start=i) for i in range(320)]
    nodes, _, config = page_data(kg.render_page(graph_of(*statements)))
    assert all("x" in n and "y" in n for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == 320
    assert config["vis"]["physics"]["enabled"] is False and config["vis"]["interaction"]["hideEdgesOnDrag"]
    small_nodes, _, small = page_data(kg.render_page(SAMPLE))
    assert small["vis"]["physics"]["enabled"] and "x" not in small_nodes[0]


def test_embedded_page_is_an_isolated_frame(sample_page):
    embedded = kg.embed_page(sample_page, height=400)
    assert embedded.startswith('<div class="kg-page"><iframe srcdoc="') and "height:400px" in embedded
    assert "<script" not in embedded and 'sandbox="allow-scripts' in embedded
    assert html.unescape(re.search(r'srcdoc="([^"]*)"', embedded)[1]) == sample_page
