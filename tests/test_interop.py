"""kg's files in the tools people already use: networkx and igraph (GraphML), plain JSON and rdflib (JSON-LD),
an OWL 2 reasoner (HermiT through owlready2) and pySHACL run on its own."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import SH

from kg.graph.export import export
from kg.lexicon import ontology_path
from kg.store.backend import open_dataset
from kg.vocab import KGO

from conftest import FIXTURES, PUBLISHED, SEED, run_kg

TYPED = ("confidence", "start", "end", "issued", "timeStart")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("interop")
    result = run_kg("build", SEED, "--out", out, "--published", PUBLISHED.isoformat())
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def records(built) -> list[dict]:
    return [json.loads(line) for line in (built / "statements.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def graphml(built, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("graphml") / "graph.graphml"
    assert run_kg("export", built / "graph.trig", "--format", "graphml", "--out", path).returncode == 0
    return path


@pytest.fixture(scope="module")
def corpus_built(tmp_path_factory):
    out = tmp_path_factory.mktemp("interop-corpus")
    assert run_kg("build", FIXTURES / "articles", "--out", out).returncode == 0
    return out


def test_graphml_attributes_are_typed_for_gephi_and_networkx(graphml, records):
    text = graphml.read_text(encoding="utf-8")
    for name, kind in (("confidence", "double"), ("weight", "double"), ("start", "long"), ("label", "string"),
                       ("cameo_code", "string"), ("cameo_class", "string")):
        assert f'for="edge" attr.name="{name}" attr.type="{kind}"' in text, name
    edges = [data for *_, data in nx.read_graphml(graphml).edges(data=True)]
    assert len(edges) == len(records)
    assert all(isinstance(e["confidence"], float) and e["weight"] == e["confidence"] for e in edges)
    assert all(isinstance(e["start"], int) and e["start"] < e["end"] for e in edges)
    labels = {e["label"] for e in edges}
    assert {"recognises sovereignty over", "accuses"} <= labels
    events = [e for e in edges if "cameo_code" in e]
    assert events and all(len(e["cameo_code"]) >= 3 and e["cameo_class"] != "fact (no CAMEO code)" for e in events)
    assert {e["cameo_class"] for e in edges if "cameo_code" not in e} == {"fact (no CAMEO code)"}


@pytest.fixture(scope="module")
def uncoded(tmp_path_factory) -> Path:
    """A graph with an uncoded event ('Chile summoned Peru'): its label, the verb, is on the statement."""
    import kg

    text = "Chile summoned Peru."
    chile, peru = (kg.Entity(f"country/{code}", name, "Country", iso3=code) for code, name in
                   (("CHL", "Chile"), ("PER", "Peru")))
    statement = kg.Statement("u1", chile, kg.Predicate("actsOn", "summons", kind="uncoded"), peru,
                             kg.Evidence(text, 0, len(text)), confidence=0.4)
    path = tmp_path_factory.mktemp("uncoded") / "graph.trig"
    path.write_text(export(kg.to_dataset([(kg.Article("u1", text), [statement])]), "trig"), encoding="utf-8")
    return path


def test_every_graphml_edge_has_a_label_uncoded_events_their_verb(corpus_built, uncoded):
    for source in (corpus_built / "graph.trig", uncoded):
        network = nx.read_graphml(io.StringIO(export(open_dataset(source), "graphml")))
        edges = [data for *_, data in network.edges(data=True)]
        assert edges and all(data["label"] for data in edges)
    assert [data["label"] for *_, data in network.edges(data=True)] == ["summons"]


def test_graphml_reads_in_igraph(graphml, records):
    igraph = pytest.importorskip("igraph")
    graph = igraph.Graph.Read_GraphML(str(graphml))
    assert graph.is_directed() and graph.ecount() == len(records)
    assert {"Morocco", "Israel"} <= set(graph.vs["label"])
    assert all(isinstance(w, float) and 0 < w <= 1 for w in graph.es["weight"])


@pytest.fixture(scope="module")
def jsonld(built) -> str:
    return export(open_dataset(built / "graph.trig"), "jsonld")


def nodes(document: dict) -> list[dict]:
    graphs = document["@graph"]
    return [node for item in graphs for node in item.get("@graph", [item])]


def test_jsonld_reads_as_plain_json(jsonld, records):
    document = json.loads(jsonld)
    assert document["@context"] == json.loads(ontology_path("context.jsonld").read_text())["@context"]
    found = nodes(document)
    keys = {key for node in found for key in node}
    assert {"id", "type", "label", "subject", "predicate", "object", "status", "confidence", "time"} <= keys
    assert not [key for key in keys if key.startswith(("http", "@")) and key != "@graph"]
    values = [value for node in found for key, value in node.items() if key in TYPED]
    assert values and all(isinstance(value, str) for value in values)
    statements = [node for node in found if "confidence" in node]
    assert len(statements) == len(records)
    assert {node.get("time") for node in statements} == {record["time"] for record in records}
    assert {"Morocco", "Israel"} <= {node.get("label") for node in found}
    assert "“" in jsonld  # text stays readable, not \\u escapes


@pytest.mark.parametrize("which", ["seed", "corpus"])
def test_jsonld_is_the_same_rdf_as_the_turtle(built, corpus_built, which):
    """rdflib and Oxigraph, each on its own, read the JSON-LD as the Turtle's triples in the TriG's graphs."""
    folder = built if which == "seed" else corpus_built
    jsonld = export(open_dataset(folder / "graph.trig"), "jsonld")
    back = Dataset().parse(data=jsonld, format="json-ld")
    merged = Graph()
    for s, p, o, _ in back.quads((None, None, None, None)):
        merged.add((s, p, o))
    assert isomorphic(merged, Graph().parse(folder / "graph.ttl"))
    graphs = {str(g) for *_, g in Dataset().parse(folder / "graph.trig").quads()}
    assert {str(g) for *_, g in back.quads()} == graphs and len(graphs) == (1 if which == "seed" else 5)
    quads = list(pyoxigraph.parse(jsonld.encode("utf-8"), format=pyoxigraph.RdfFormat.JSON_LD))
    turtle = {q.triple for q in pyoxigraph.parse((folder / "graph.ttl").read_bytes(),
                                                 format=pyoxigraph.RdfFormat.TURTLE)}
    assert {q.triple for q in quads} == turtle and {q.graph_name.value for q in quads} == graphs


def test_the_context_has_a_term_for_every_property_of_the_ontology():
    context = json.loads(ontology_path("context.jsonld").read_text(encoding="utf-8"))["@context"]
    ontology = Graph().parse(ontology_path("kg.ttl"))
    mapped = {value["@id"] if isinstance(value, dict) else value for value in context.values()}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            assert f"kgo:{prop.removeprefix(str(KGO))}" in mapped, prop
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        name = prop.removeprefix(str(KGO))
        assert context[name]["@type"] == "@id", name


def test_times_keep_their_iso_text_and_get_an_owl_datetime(built, records):
    graph = Graph().parse(built / "graph.ttl")
    times = list(graph.objects(None, KGO.time))
    assert times and all(t.datatype is None for t in times)
    assert {str(t) for t in times} == {r["time"] for r in records if r["time"]}
    starts = {str(graph.value(s, KGO.time)): graph.value(s, KGO.timeStart) for s in graph.subjects(KGO.time, None)}
    assert all(start.datatype == XSD.dateTime for start in starts.values())
    assert str(starts["2021-11"]) == "2021-11-01T00:00:00" and str(starts["1993"]) == "1993-01-01T00:00:00"


def hermit(*paths: Path) -> None:
    """Load the files into owlready2 and run HermiT (raises if HermiT refuses them or finds them inconsistent)."""
    owlready2 = pytest.importorskip("owlready2")
    graph = Graph()
    for path in paths:
        graph.parse(path)
    triples = paths[-1].with_suffix(".nt")
    graph.serialize(triples, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(triples.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
@pytest.mark.parametrize("which", ["seed", "corpus"])
def test_hermit_accepts_the_ontology_with_the_data(built, corpus_built, tmp_path, which):
    data = tmp_path / "graph.ttl"
    shutil.copy((built if which == "seed" else corpus_built) / "graph.ttl", data)
    hermit(ontology_path("kg.ttl"), data)


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_hermit_refuses_the_old_time_datatypes(built, tmp_path):
    """The check can fail: a kgo:time typed xsd:gYear (what kg wrote before) is refused."""
    pytest.importorskip("owlready2")
    from owlready2 import OwlReadyJavaError

    graph = Graph().parse(built / "graph.ttl")
    statement = next(graph.subjects(KGO.time, Literal("1993")))
    graph.set((statement, KGO.time, Literal("1993", datatype=XSD.gYear)))
    graph.serialize(tmp_path / "old.ttl", format="turtle")
    with pytest.raises(OwlReadyJavaError, match="gYear"):
        hermit(ontology_path("kg.ttl"), tmp_path / "old.ttl")


def pyshacl(*args: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("pyshacl")), "-s", str(ontology_path("shapes.ttl")), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_pyshacl_with_the_shapes_alone_accepts_kg_output(built, corpus_built, uncoded):
    shapes = Graph().parse(ontology_path("shapes.ttl"))
    assert not list(shapes.objects(None, OWL.imports))  # nothing to fetch
    for path in (built / "graph.ttl", built / "graph.trig", corpus_built / "graph.trig", uncoded):
        result = pyshacl(path)
        assert result.returncode == 0 and "Conforms: True" in result.stdout, result.stdout[:2000]
        assert run_kg("validate", path).returncode == 0  # kg validate checks the same


def test_the_entity_types_of_the_shapes_are_the_entity_classes_of_the_ontology():
    shapes = Graph().parse(ontology_path("shapes.ttl"))
    listed = next(shapes.objects(None, SH["in"]))
    ontology = Graph().parse(ontology_path("kg.ttl"))
    classes = set(ontology.transitive_subjects(RDFS.subClassOf, KGO.Entity))
    assert set(Collection(shapes, listed)) == classes and KGO.Country in classes


def test_pyshacl_with_the_shapes_alone_still_finds_violations(built, tmp_path):
    graph = Graph().parse(built / "graph.ttl")
    for entity in set(graph.subjects(RDF.type, KGO.Country)):
        graph.remove((entity, RDF.type, KGO.Country))
        graph.add((entity, RDF.type, KGO.Nation))
    statement = next(graph.subjects(KGO.time, None))
    graph.set((statement, KGO.time, Literal("1993", datatype=XSD.gYear)))
    graph.serialize(tmp_path / "bad.ttl", format="turtle")
    result = pyshacl(tmp_path / "bad.ttl")
    assert result.returncode == 1 and "Conforms: False" in result.stdout
    assert "kgo:time" in result.stdout and "EntityTypeShape" in result.stdout


def test_every_reader_of_kgo_time_gets_the_iso_text(built, records, tmp_path):
    """The timeline query (on a file and on a store), the analytics and the page read kgo:time as before."""
    import kg

    times = sorted({r["time"] for r in records if r["time"] and "Morocco" in (r["subject"]["label"],
                                                                              r["object"]["label"])})
    assert run_kg("build", SEED, "--store", tmp_path / "store", "--published", PUBLISHED.isoformat()).returncode == 0
    for source in (built / "graph.trig", tmp_path / "store"):
        result = run_kg("query", source, "timeline", "-p", "entity=Morocco", "--format", "csv")
        assert result.returncode == 0, result.stderr
        assert sorted({line.split(",")[0] for line in result.stdout.splitlines()[1:]}) == times
    graph = Graph().parse(built / "graph.ttl")
    supports = [s for *_, data in kg.entity_network(graph).edges(data=True) for s in data["supports"]]
    assert {s.time for s in supports if s.time} == {r["time"] for r in records if r["time"]}
    page = kg.render_page(graph, "times")
    assert '["1993-01-01","1993-12-31"]' in page and '"2021-11"' in page  # a relation's time span, a statement's time
