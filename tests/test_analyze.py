"""Analytics over the RDF graph: the entity network, centrality, communities, paths, ego pages, ``kg analyze``."""
import pytest
from conftest import run_kg
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS
from test_page import ALGERIA, GANTZ, ISRAEL, MOROCCO, SAMPLE, SIGNS, VISITS, graph_of, statement

import kg
from kg.explore.analytics import central_entities, communities, find_entity
from kg.vocab import KGO, KGR

SPAIN = kg.Entity("country/ESP", "Spain", "Country")
FRANCE = kg.Entity("country/FRA", "France", "Country")


def test_entity_network_reads_entities_and_statements():
    net = kg.entity_network(SAMPLE)
    assert sorted(data["label"] for _, data in net.nodes(data=True)) == ["Algeria", "Benny Gantz", "Israel", "Morocco"]
    assert net.number_of_edges() == 7
    visits = [d for _, _, d in net.edges(data=True) if d["label"] == "visits"]
    assert len(visits) == 1 and len(visits[0]["supports"]) == 2
    support = visits[0]["supports"][1]
    assert (support.sentence, support.start, support.time, support.article) == \
        ("Gantz heads to Rabat next week.", 30, "2021-11", "An article")
    assert net.nodes[str(KGR["country/ISR"])]["aliases"] == ("State of Israel",)


def test_direct_triples_without_statement_nodes_become_edges():
    graph = Graph()
    for key, label in (("country/AAA", "Aland"), ("country/BBB", "Bland")):
        graph.add((KGR[key], RDF.type, KGO.Country))
        graph.add((KGR[key], RDFS.label, Literal(label)))
    graph.add((KGR["country/AAA"], KGO.borders, KGR["country/BBB"]))
    (edge,) = kg.entity_network(graph).edges(data=True)
    assert edge[:2] == (str(KGR["country/AAA"]), str(KGR["country/BBB"]))
    assert (edge[2]["status"], edge[2]["supports"], edge[2]["label"]) == ("asserted", (), "borders")


def test_find_entity_by_label_alias_or_iri_and_suggest_on_typos():
    net = kg.entity_network(SAMPLE)
    israel = str(KGR["country/ISR"])
    assert find_entity(net, "israel") == find_entity(net, "State of Israel") == find_entity(net, israel) == israel
    with pytest.raises(kg.KgError, match="did you mean 'Morocco'"):
        find_entity(net, "Marocco")


def test_central_entities_rank_the_broker_first():
    star = graph_of(*(statement(MOROCCO, SIGNS, other, start=i) for i, other in enumerate((ISRAEL, ALGERIA, SPAIN))),
                    statement(SPAIN, VISITS, FRANCE, start=9))
    ranked = central_entities(kg.entity_network(star), top=2)
    assert [c.label for c in ranked] == ["Morocco", "Spain"]
    assert ranked[0].degree == 3 and ranked[0].betweenness > ranked[1].betweenness > 0


def test_communities_separate_groups_that_barely_touch():
    pairs = [(ISRAEL, MOROCCO), (MOROCCO, GANTZ), (GANTZ, ISRAEL), (ALGERIA, SPAIN), (SPAIN, FRANCE),
             (FRANCE, ALGERIA), (MOROCCO, ALGERIA)]
    graph = graph_of(*(statement(a, SIGNS, b, start=i) for i, (a, b) in enumerate(pairs)))
    assert communities(kg.entity_network(graph)) == (("Algeria", "France", "Spain"), ("Benny Gantz", "Israel", "Morocco"))


def test_paths_between_entities_carry_the_evidence_of_each_hop():
    net = kg.entity_network(SAMPLE)
    (path,) = kg.connections(net, "Algeria", "Benny Gantz")
    assert [(hop.source, hop.target) for hop in path] == [("Algeria", "Morocco"), ("Morocco", "Benny Gantz")]
    first = {(a, label, b, status) for a, label, b, status, _ in path[0].relations}
    assert first == {("Algeria", "accuses", "Morocco", "denied"), ("Algeria", "cuts diplomatic ties with", "Morocco", "asserted")}
    sentences = {s.sentence for *_, supports in path[1].relations for s in supports}
    assert sentences == {"Gantz will visit Morocco.", "Gantz heads to Rabat next week."}
    assert kg.connections(kg.entity_network(graph_of(statement(ISRAEL, SIGNS, MOROCCO), statement(SPAIN, SIGNS, FRANCE))),
                          "Israel", "France") == ()


def test_ego_network_keeps_the_neighbourhood_and_its_relations():
    ego = kg.ego_network(kg.entity_network(SAMPLE), "Algeria")
    assert sorted(ego.nodes[n]["label"] for n in ego) == ["Algeria", "Morocco"]
    assert sorted(d["label"] for *_, d in ego.edges(data=True)) == ["accuses", "cuts diplomatic ties with"]
    page = kg.render_ego_page(SAMPLE, "Algeria", radius=2)
    assert "Algeria: 2-hop neighbourhood" in page and "Benny Gantz" in page


def test_analysis_report_reads_like_an_answer():
    text = kg.format_analysis(kg.analyze(SAMPLE, top=3, between=("Algeria", "Israel")))
    assert text.startswith("4 entities, 7 relations\n")
    assert "1. Morocco (Country)" in text
    assert "How is Algeria connected to Israel?" in text and "Path 1: Algeria - Morocco - Israel" in text
    assert '"Algeria cut ties with Morocco in August."' in text and "Israel -> signs agreement with -> Morocco [planned]" in text


@pytest.fixture(scope="module")
def sample_turtle(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    path.write_text(SAMPLE.serialize(format="turtle"), encoding="utf-8")
    return path


def test_kg_analyze_prints_paths_and_writes_the_ego_page(sample_turtle, tmp_path):
    page = tmp_path / "ego.html"
    result = run_kg("analyze", sample_turtle, "--path", "algeria", "benny gantz", "--top", "2", "--ego", "Morocco",
                    "--page", page)
    assert result.returncode == 0, result.stderr
    assert "Central entities:" in result.stdout and "Path 1: Algeria - Morocco - Benny Gantz" in result.stdout
    assert '"Gantz heads to Rabat next week."' in result.stdout
    assert page.is_file() and "Morocco: 1-hop neighbourhood" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--path", "Algeria", "Atlantis"], "no entity named 'Atlantis'"),
    (["--ego", "Marocco"], "did you mean 'Morocco'?")])
def test_kg_analyze_reports_unknown_entities(sample_turtle, args, message):
    result = run_kg("analyze", sample_turtle, *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_kg_analyze_reports_a_missing_graph(tmp_path):
    result = run_kg("analyze", tmp_path / "nope.ttl")
    assert result.returncode == 2 and "nope.ttl" in result.stderr and "Traceback" not in result.stderr


def test_seed_algeria_is_connected_to_israel_through_morocco(seed_article, seed_statements):
    graph = kg.union(kg.to_dataset([(seed_article, seed_statements)]))
    paths = kg.connections(kg.entity_network(graph), "Algeria", "Israel")
    assert paths and all(len(path) <= 3 for path in paths)
    assert any(hop.target == "Morocco" for path in paths for hop in path)
    assert all(s.sentence for path in paths for hop in path for *_, supports in hop.relations for s in supports)
