"""Three dates per fact: the article's publication, the event's own time, and the period the fact holds in."""
from __future__ import annotations

from datetime import date


import kg
from kg.graph.rdf import article_graph
from kg.graph.validate import validate

from conftest import extract_text

TEXT = ("Spain has recognised Morocco's sovereignty over Western Sahara since 2020. "
        "Algeria supported the Polisario Front until last year. Spain no longer recognises the Polisario Front. "
        "Israel signed an agreement with Morocco on Wednesday.")
PUBLISHED = date(2022, 3, 18)
QUERY = """SELECT ?s ?p ?o ?issued ?time ?since ?until WHERE {
  ?st rdf:subject/rdfs:label ?s ; rdf:predicate ?p ; rdf:object/rdfs:label ?o ; prov:wasDerivedFrom/dcterms:issued ?issued .
  OPTIONAL { ?st kgo:time ?time } OPTIONAL { ?st kgo:validSince ?since } OPTIONAL { ?st kgo:validUntil ?until } }"""


def dates() -> dict[tuple[str, str, str], tuple]:
    article = kg.Article(id="dates", text=TEXT, published=PUBLISHED)
    graph = article_graph(article, extract_text(TEXT, PUBLISHED)).graph()
    return {(str(r.s), str(r.p).rsplit("#", 1)[1], str(r.o)): tuple(None if v is None else str(v) for v in r[3:])
            for r in graph.query(QUERY, initNs={"kgo": kg.vocab.KGO, "dcterms": "http://purl.org/dc/terms/"})}


def test_each_fact_has_its_publication_event_and_validity_dates():
    found = dates()
    assert found[("Spain", "recognisesSovereigntyOver", "Western Sahara")] == ("2022-03-18", None, "2020", None)
    assert found[("Algeria", "supports", "Polisario Front")] == ("2022-03-18", None, None, "2021")
    assert found[("Spain", "recognises", "Polisario Front")] == ("2022-03-18", None, None, "2022-03-18")
    assert found[("Israel", "signsAgreementWith", "Morocco")] == ("2022-03-18", "2022-03-16", None, None)


def test_a_period_bound_is_not_the_event_time():
    statements = extract_text("Algeria has supported the Polisario Front since March.", PUBLISHED)
    held = [s for s in statements if s.predicate.id == "supports"]
    assert held and held[0].time is None and held[0].valid_since == "2022-03"


def test_validity_dates_conform_to_the_shapes():
    article = kg.Article(id="dates", text=TEXT, published=PUBLISHED)
    dataset = kg.to_dataset([(article, extract_text(TEXT, PUBLISHED))])
    assert validate(dataset).conforms
