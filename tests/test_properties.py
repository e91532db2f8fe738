"""Property-based tests: the text-to-statements path and IRI minting."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, URIRef

import kg
from kg.iri import entity_iri, safe_segment
from kg.model import Entity
from kg.graph.rdf import to_dataset

WORDS = ["Israel", "Morocco", "Washington", "Rabat", "signed", "will", "signal", "an", "agreement", "with",
         "cut", "lower", "diplomatic", "ties", "the", "North", "African", "kingdom", "accused", "of", "visit",
         "go", "to", "Gantz", "Benny", "said", "stated", "not", "according", "Amnesty", "International", "in",
         "August", "1993", "“", "”", ",", ".", "\n\n", "<script>", "&amp;", "’s", "-", "based", "Paris"]

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join) | st.text(max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_statements_with_true_offsets_and_parseable_rdf(text):
    article = kg.Article(id="prop", text=text)
    statements = kg.extract(article)
    for statement in statements:
        evidence = statement.evidence
        assert text[evidence.start:evidence.end] == evidence.sentence
        assert 0 <= statement.confidence <= 1
        assert statement.status in kg.model.STATUSES
    dataset = to_dataset([(article, statements)])
    again = Dataset().parse(data=dataset.serialize(format="nquads"), format="nquads")
    assert len(again) == len(dataset)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=80), st.sampled_from(["person", "organization", "place", "country"]))
def test_entity_iris_are_valid_and_stable(name, kind):
    entity = Entity(key=f"{kind}/{name}", label=name, type="Person")
    iri = entity_iri(entity)
    assert iri == entity_iri(Entity(key=f"{kind}/{name}", label="other label", type="Place"))
    assert isinstance(iri, URIRef) and " " not in iri and all(c not in iri for c in '<>"{}|\\^`')
    segment = safe_segment(name)
    assert segment and all(c.isascii() and (c.isalnum() or c in "._-") for c in segment)
    if name != segment:
        assert safe_segment(name + "x") != segment
