"""The ontology: versioned, documented, in step with the relation lexicon, and a closed vocabulary."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.lexicon import ontology_path
from kg.graph.rdf import to_dataset, union
from kg.vocab import KGO, WDT

ONTOLOGY = URIRef(str(KGO).rstrip("#"))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path("kg.ttl"))


def declared(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(KGO))}


def test_versioned_iri(ontology):
    version = ontology.value(ONTOLOGY, OWL.versionIRI)
    info = str(ontology.value(ONTOLOGY, OWL.versionInfo))
    assert version is not None and str(version).endswith("/" + info)
    assert re.fullmatch(r"\d+\.\d+\.\d+", info)


def test_every_term_has_a_label_and_comment(ontology):
    for term in declared(ontology):
        assert ontology.value(term, RDFS.label), term
        if (term, RDF.type, OWL.AnnotationProperty) not in ontology and term not in (KGO.symmetric,):
            assert ontology.value(term, RDFS.comment), term


def test_object_properties_have_domain_and_range(ontology):
    for term in ontology.subjects(RDF.type, OWL.ObjectProperty):
        assert ontology.value(term, RDFS.domain) and ontology.value(term, RDFS.range), term


def test_lexicon_predicates_match_the_ontology(ontology):
    predicates = json.loads(ontology_path("lexicon/relations.json").read_text(encoding="utf-8"))["predicates"]
    for name, spec in predicates.items():
        node = KGO[name]
        assert (node, RDF.type, OWL.ObjectProperty) in ontology, f"{name} is not declared in kg.ttl"
        assert str(ontology.value(node, RDFS.label)) == spec["label"], name
        cameo = ontology.value(node, KGO.cameoCode)
        assert (str(cameo) if cameo else None) == spec.get("cameo"), name
        wikidata = ontology.value(node, RDFS.subPropertyOf)
        assert (wikidata == WDT[spec["wikidata"]]) if spec.get("wikidata") else wikidata is None, name
        assert ((node, RDF.type, OWL.SymmetricProperty) in ontology) == bool(spec.get("symmetric")), name
        if spec.get("wikidata"):
            assert ontology.value(node, SKOS.closeMatch) is not None, name


def test_code_uses_only_declared_terms(ontology):
    """A closed vocabulary: every KGO.term the package writes is declared in kg.ttl."""
    package = Path(__file__).resolve().parent.parent / "kg"
    used = set()
    for module in package.rglob("*.py"):
        used |= set(re.findall(r"\bKGO\.([A-Za-z_]\w*)", module.read_text(encoding="utf-8")))
        used |= set(re.findall(r"\bKGO\[\s*[\"']([A-Za-z_]\w*)[\"']\s*\]", module.read_text(encoding="utf-8")))
    assert len(used) > 10, "the scan found no module"
    missing = sorted(name for name in used if KGO[name] not in declared(ontology))
    assert not missing, f"used in kg/ but not declared in kg.ttl: {missing}"


def test_graphs_use_only_declared_terms(ontology, seed_article, seed_statements):
    graph = union(to_dataset([(seed_article, seed_statements)]))
    terms = {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(str(KGO))}
    assert not terms - declared(ontology)
    for predicate in set(graph.objects(None, RDF.predicate)):
        assert str(graph.value(predicate, RDFS.label)) == str(ontology.value(predicate, RDFS.label))
