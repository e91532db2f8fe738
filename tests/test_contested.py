"""Contested territories as sourced claims, on our own articles about disputed territories (tests/fixtures/contested)."""
from __future__ import annotations

import hashlib
import json
import textwrap

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, URIRef

import kg
from kg.explore.claims import claim_rules, claim_values, contested, stance_condition
from kg.explore.corroborate import status_list
from kg.graph.validate import validate
from kg.store.backend import open_snapshot
from kg.store.named_queries import named_queries
from kg.store.query import run_query
from kg.vocab import KGO

from conftest import FIXTURES, run_kg

CORPUS = FIXTURES / "contested" / "articles.jsonl"
EXPECTED = json.loads((FIXTURES / "contested" / "expected.json").read_text(encoding="utf-8"))
KGR = "https://w3id.org/kgnews/resource/"


@pytest.fixture(scope="module")
def results():
    return kg.extract_files([CORPUS])


@pytest.fixture(scope="module")
def graph_file(results, tmp_path_factory):
    path = tmp_path_factory.mktemp("contested") / "graph.trig"
    path.write_text(kg.to_dataset(results).serialize(format="trig"), encoding="utf-8")
    return kg.open_dataset(path)


@pytest.fixture(scope="module")
def store_dataset(tmp_path_factory):
    path = tmp_path_factory.mktemp("contested") / "store"
    list(kg.store_articles([CORPUS], path))
    return kg.open_store(path).dataset()


@pytest.fixture(params=["file", "store"])
def dataset(request, graph_file, store_dataset):
    """The corpus through rdflib's engine (a TriG file) and through Oxigraph's (a store)."""
    return graph_file if request.param == "file" else store_dataset


def as_rows(stances) -> list[list]:
    return [[s.territory, s.claimant, s.kind, s.party, s.stance, s.sources, list(s.article_ids), s.first_seen,
             s.last_seen] for s in stances]


def test_every_stance_with_its_sources_and_dates_and_no_other(dataset):
    assert as_rows(contested(dataset)) == EXPECTED["stances"]


def test_a_recognition_names_whose_claim_it_recognises(results):
    statements = [s for _, found in results for s in found if s.predicate.id == "recognisesSovereigntyOver"]
    recognised = {(s.subject.label, s.claimant.label if s.claimant else None, s.status) for s in statements}
    assert ("Spain", "Morocco", "asserted") in recognised and ("Spain", "Morocco", "negated") in recognised
    assert ("Mauritania", "Polisario Front", "former") in recognised  # 'withdrew its recognition of'
    record = kg.statement_record(next(s for s in statements if s.subject.label == "Kenya"))
    assert record["claimant"]["label"] == "Polisario Front" and record["object"]["label"] == "Western Sahara"


def test_entity_narrows_to_a_territory_claimant_or_party(dataset):
    by_territory = as_rows(contested(dataset, "kashmir"))
    assert by_territory == [row for row in EXPECTED["stances"] if row[0] == "Kashmir"]
    by_party = as_rows(contested(dataset, "Spain"))
    assert {row[4] for row in by_party} == {"recognises", "does not recognise"}
    assert all("Polisario Front" in (row[1], row[3]) for row in as_rows(contested(dataset, "Polisario")))
    with pytest.raises(kg.KgError, match="no entity"):
        contested(dataset, "Atlantis")


def test_claim_nodes_link_their_statements_and_conform(store_dataset):
    claims = run_query(store_dataset, named_queries()["claims"].text).graph
    sahara = next(e for e, label in store_dataset.subject_objects(RDFS.label) if str(label) == "Western Sahara")
    morocco = URIRef(f"{KGR}claim/" + hashlib.sha1(f"{KGR}country/MAR {sahara}".encode()).hexdigest()[:20])
    assert (morocco, RDF.type, KGO.Claim) in claims and claims.value(morocco, KGO.territory) == sahara
    links = {str(p).rsplit("#", 1)[1]: len(set(claims.objects(morocco, p)))
             for p in (KGO.claimedIn, KGO.recognisedIn, KGO.disputedIn, KGO.withdrawnIn)}
    assert links == {"claimedIn": 2, "recognisedIn": 2, "disputedIn": 4, "withdrawnIn": 1}
    assert {str(k) for k in claims.objects(morocco, KGO.claimKind)} == {"sovereignty", "control"}
    assert (str(claims.value(morocco, KGO.firstSeen)), str(claims.value(morocco, KGO.lastSeen))) == ("2020-12-10", "2023-07-02")
    # two claimants each of Western Sahara, Kashmir, the Falklands, the Council of Europe and NATO
    assert len(set(claims.subjects(RDF.type, KGO.Claim))) == 10


def test_a_membership_is_claimed_supported_opposed_and_suspended(results, store_dataset):
    found = {(s.subject.label, s.predicate.id, s.object.label, s.claimant.label if s.claimant else None, s.status)
             for _, statements in results for s in statements if "ember" in s.predicate.id}
    assert found == {("Kosovo", "appliesForMembershipOf", "Council of Europe", None, "asserted"),
                     ("Serbia", "opposesMembershipOf", "Council of Europe", "Kosovo", "asserted"),
                     ("Albania", "supportsMembershipOf", "Council of Europe", "Kosovo", "asserted"),
                     ("Greece", "opposesMembershipOf", "Council of Europe", "Kosovo", "negated"),
                     ("Turkey", "opposesMembershipOf", "NATO", "Sweden", "asserted"),
                     ("Finland", "memberOf", "NATO", None, "asserted"),
                     ("Finland", "supportsMembershipOf", "NATO", "Sweden", "asserted"),
                     ("Council of Europe", "suspendsMembershipOf", "Russia", None, "asserted"),
                     ("Turkey", "opposesMembershipOf", "NATO", "Sweden", "former")}
    claims = run_query(store_dataset, named_queries()["claims"].text).graph
    sweden = next(c for c in claims.subjects(RDF.type, KGO.Claim)
                  if str(store_dataset.value(claims.value(c, KGO.claimant), RDFS.label)) == "Sweden")
    assert str(store_dataset.value(claims.value(sweden, KGO.organisation), RDFS.label)) == "NATO"
    assert claims.value(sweden, KGO.territory) is None
    links = {str(p).rsplit("#", 1)[1]: len(set(claims.objects(sweden, p)))
             for p in (KGO.claimedIn, KGO.recognisedIn, KGO.disputedIn, KGO.withdrawnIn)}
    assert links == {"claimedIn": 0, "recognisedIn": 1, "disputedIn": 1, "withdrawnIn": 1}
    kinds = {str(k) for c in claims.subjects(RDF.type, KGO.Claim) for k in claims.objects(c, KGO.claimKind)}
    assert kinds == {"sovereignty", "control", "membership"}  # Kosovo applies, Finland is a member

def test_claims_conform_to_the_shapes(graph_file):
    whole = kg.union(graph_file)
    whole += run_query(graph_file, named_queries()["claims"].text).graph
    report = validate(whole)
    assert report.conforms, report.report


def test_both_engines_derive_the_same_claims(graph_file, store_dataset):
    def plain(graph: Graph) -> set:
        return {(s, p, str(o)) for s, p, o in graph}
    query = named_queries()["claims"].text
    assert plain(run_query(graph_file, query).graph) == plain(run_query(store_dataset, query).graph)


def test_the_queries_hold_the_lexicon():
    assert {rule.predicate for rule in claim_rules()} == {
        "claimsSovereigntyOver", "controls", "recognisesSovereigntyOver", "disputesClaimTo", "memberOf",
        "appliesForMembershipOf", "supportsMembershipOf", "opposesMembershipOf", "suspendsMembershipOf"}
    for name in ("contested", "claims"):
        text = named_queries()[name].text
        assert textwrap.indent(claim_values(), " " * 8) in text, name
        assert textwrap.indent(stance_condition(), " " * 6) in text, name
    places = "\n".join(f'        (kgo:{rule.predicate} "{rule.claimant}")' for rule in claim_rules())
    assert places in named_queries()["claims"].text
    assert f"IN {status_list('supporting', 'opposing', 'ended')}" in named_queries()["claims"].text


def test_kg_query_contested_from_the_command_line(tmp_path):
    store_path = tmp_path / "store"
    assert run_kg("build", CORPUS, "--store", store_path).returncode == 0
    table = run_kg("query", "--store", store_path, "contested", "-p", "entity=Falkland Islands")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split(" | ")[0].strip() == "territory" and len(lines) == 2 + 4
    assert "withdrew recognition" in run_kg("query", "--store", store_path, "contested").stdout
    written = run_kg("query", "--store", store_path, "claims", "--format", "nt")  # Oxigraph's own N-Triples
    assert written.returncode == 0, written.stderr
    claims = Graph().parse(data=written.stdout, format="nt")
    assert len(claims) == len(run_query(open_snapshot(store_path).dataset(), named_queries()["claims"].text).graph)
    assert len(set(claims.subjects(RDF.type, KGO.Claim))) == 10
    listed = run_kg("query", "--list").stdout
    assert "contested [--param entity=...]" in listed and "claims" in listed


def test_a_required_parameter_is_still_required():
    with pytest.raises(kg.KgError, match="missing entity"):
        kg.resolve_query("relations-of", [])
    assert "VALUES $entity { UNDEF }" in kg.resolve_query("contested", [])


def test_a_graph_without_claims_has_none():
    assert contested(Dataset()) == ()


def test_the_readme_shows_what_the_query_gives(graph_file):
    """The README's example table is the query's answer on this fixture (article ids in any order)."""
    readme = (FIXTURES.parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split('contested -p "entity=Western Sahara"\n', 1)[1].split("```", 1)[0].splitlines()[2:]
    shown = [[cell.strip() for cell in line.split("|")] for line in block if line.strip()]
    rows = [[s.territory, s.claimant, s.kind, s.party, s.stance, str(s.sources), str(s.articles), s.first_seen,
             s.last_seen, " ".join(s.article_ids)] for s in contested(graph_file, "Western Sahara")]
    assert [row[:9] + [" ".join(sorted(row[9].split()))] for row in shown] == rows


def test_a_query_page_draws_the_statements_behind_the_rows(store_dataset):
    """`kg query contested --page`: each row's party and territory name the statements between them."""
    sub = kg.query_subgraph(store_dataset, "contested", ["entity=Kashmir"])
    statements = set(sub.subjects(RDF.type, KGO.Statement))
    assert len(statements) == 5  # India's claim twice, Pakistan's, and Pakistan's and China's disputes of India's
    assert {sub.value(s, KGO.claimant) for s in statements if sub.value(s, RDF.predicate) == KGO.disputesClaimTo} \
        == {URIRef(f"{KGR}country/IND")}
