"""End to end on the seed article (a spun news article, carried as a fixture)."""
from conftest import triples


def test_design_card_statements(seed_statements):
    found = triples(seed_statements)
    assert ("Benny Gantz", "signsAgreementWith", "Morocco") in found
    assert ("United States", "recognisesSovereigntyOver", "Western Sahara") in found
    assert ("Algeria", "cutsTiesWith", "Morocco") in found
    assert ("Benny Gantz", "holdsPositionIn", "Israel") in found
    assert ("Benny Gantz", "visits", "Morocco") in found


def test_one_node_per_real_world_entity(seed_statements):
    labels = {}
    for statement in seed_statements:
        for entity in (statement.subject, statement.object):
            labels.setdefault(entity.label, set()).add(entity.key)
    assert all(len(keys) == 1 for keys in labels.values())
    assert not {"Washington", "Rabat", "Algiers", "US", "Gantz"} & set(labels)


def test_statuses(seed_statements):
    status = {(s.subject.label, s.predicate.id, s.object.label): s.status for s in seed_statements}
    assert status[("Benny Gantz", "signsAgreementWith", "Morocco")] == "planned"
    assert status[("Algeria", "cutsTiesWith", "Morocco")] == "asserted"
    assert status[("Donald Trump", "holdsPositionIn", "United States")] == "former"
    assert status[("Pegasus", "reaches", "Morocco")] == "claimed"


def test_evidence_points_at_the_original_text(seed_article, seed_statements):
    for statement in seed_statements:
        evidence = statement.evidence
        assert seed_article.text[evidence.start:evidence.end] == evidence.sentence


def test_time_is_resolved_against_publication(seed_statements):
    times = {}
    for s in seed_statements:
        times.setdefault((s.subject.label, s.predicate.id), set()).add(s.time)
    assert "2021-08" in times[("Algeria", "cutsTiesWith")]
    assert "2020-12" in times[("Morocco", "normalisesRelationsWith")]  # 'Rabat normalised ties ... final December'
