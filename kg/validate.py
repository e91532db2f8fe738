"""SHACL validation of output graphs against ``ontologies/shapes.ttl`` (pySHACL).

The ontology ``ontologies/kg.ttl`` is the ontology graph, so ``sh:class kgo:Entity`` accepts a
``kgo:Country`` through ``rdfs:subClassOf`` without inferring anything into the data.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Dataset, Graph
from rdflib.namespace import SH

from .export import union_of
from .lexicon import ontology_path


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome: whether the graph conforms, how many violations, and pySHACL's report text."""

    conforms: bool
    violations: int
    report: str


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(ontology_path("shapes.ttl"))


@lru_cache(maxsize=1)
def ontology() -> Graph:
    return Graph().parse(ontology_path("kg.ttl"))


def validate(data: Dataset | Graph) -> Validation:
    """Validate ``data`` (all named graphs together) against the shapes."""
    import pyshacl

    graph = union_of(data) if isinstance(data, Dataset) else data
    conforms, results, text = pyshacl.validate(graph, shacl_graph=shapes(), ont_graph=ontology(),
                                               inference="none", allow_warnings=True)
    return Validation(bool(conforms), len(list(results.subjects(predicate=SH.resultSeverity))), text)
