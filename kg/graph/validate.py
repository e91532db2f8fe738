"""SHACL validation of output graphs against ``ontologies/shapes.ttl`` (pySHACL).

The shapes need no ontology graph and no inference, so ``kg validate`` checks exactly what
``pyshacl -s ontologies/shapes.ttl GRAPH`` (or any other SHACL engine) checks.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Dataset, Graph
from rdflib.namespace import SH

from kg.graph.rdf import union
from kg.lexicon import ontology_path


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome: whether the graph conforms, how many violations, and pySHACL's report text."""

    conforms: bool
    violations: int
    report: str


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(ontology_path("shapes.ttl"))


def validate(data: Dataset | Graph) -> Validation:
    """Validate ``data`` (all named graphs together) against the shapes."""
    import pyshacl

    graph = union(data) if isinstance(data, Dataset) else data
    conforms, results, text = pyshacl.validate(graph, shacl_graph=shapes(),
                                               inference="none", allow_warnings=True)
    return Validation(bool(conforms), len(list(results.subjects(predicate=SH.resultSeverity))), text)
