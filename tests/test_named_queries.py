"""Named queries look entities up as an analyst types them: any alias, any case, accents or not, a name
the extractor resolves (a capital for its country); a misspelt name is an error naming the nearest labels."""
from __future__ import annotations

import re
from datetime import date

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.errors import KgError
from kg.gazetteer import load_gazetteer, name_key
from kg.model import Article, Entity, Evidence, Predicate, Statement
from kg.store.named_queries import SLOT, named_queries, resolve
from kg.store.query import run_query
from kg.graph.rdf import to_dataset

IVORY = Entity("country/CIV-test", "Côte d'Ivoire", "Country", aliases=("Ivory Coast",))
VISITS = Predicate("visits", "visits", "042")


@pytest.fixture(scope="module")
def dataset():
    countries = load_gazetteer().entities
    morocco, usa = countries["country/MAR"], countries["country/USA"]
    article = Article("a1", "Morocco visited the United States. Côte d'Ivoire visited Morocco.", date(2024, 3, 1))
    statements = (Statement("a1", morocco, VISITS, usa, Evidence("Morocco visited the United States.", 0, 34),
                            "asserted", "2024-02", rule="test"),
                  Statement("a1", IVORY, VISITS, morocco, Evidence("Côte d'Ivoire visited Morocco.", 35, 65),
                            "asserted", "2024-02", rule="test"))
    found = to_dataset([(article, statements)])
    found.default_union = True  # as kg.open_dataset reads a file
    return found


def rows(dataset, name: str, *pairs: str) -> list[tuple[str, ...]]:
    return [tuple(map(str, row)) for row in run_query(dataset, resolve(name, pairs, dataset))]


def test_name_keys_ignore_case_accents_articles_and_possessives():
    assert name_key("Côte d'Ivoire") == name_key("cote d’ivoire") == name_key("COTE DIVOIRE") == "cote divoire"
    assert name_key("the United States's") == name_key("United  States") == "united states"
    assert name_key("U.S.") == "us" and name_key("Guinea-Bissau") == "guinea bissau"


@pytest.mark.parametrize("typed", ["morocco", "Kingdom of Morocco", "MOROCCO", "kingdom of  morocco"])
def test_any_alias_in_any_case_finds_the_entity(dataset, typed):
    found = rows(dataset, "relations-of", f"entity={typed}")
    assert {(row[0], row[2]) for row in found} == {("Morocco", "United States"), ("Côte d'Ivoire", "Morocco")}


@pytest.mark.parametrize("typed", ["cote d'ivoire", "CÔTE D'IVOIRE", "ivory coast"])
def test_accents_and_user_aliases(dataset, typed):
    assert [row[:3] for row in rows(dataset, "timeline", f"entity={typed}")] == \
        [("2024-02", "Côte d'Ivoire", "visits")]


def test_a_capital_names_its_country_as_the_extractor_resolves_it(dataset):
    found = rows(dataset, "relations-of", "entity=washington")
    assert [(row[0], row[2]) for row in found] == [("Morocco", "United States")]
    assert len(rows(dataset, "events-between", "a=rabat", "b=united states")) == 1


def test_a_misspelt_name_names_the_nearest_labels(dataset):
    with pytest.raises(KgError) as error:
        resolve("relations-of", ["entity=Marocco"], dataset)
    assert "no entity has the label or alias 'Marocco'" in str(error.value) and "'Morocco'" in str(error.value)
    with pytest.raises(KgError, match="no entity"):
        resolve("events-between", ["a=morocco", "b=Atlantis"], dataset)


def test_without_the_graph_the_query_looks_names_up_itself(dataset):
    text = resolve("relations-of", ["entity=kingdom of MOROCCO"])
    assert len(list(run_query(dataset, text))) == 2


def test_every_query_file_runs_as_it_stands_and_every_entity_has_its_slot():
    for query in named_queries().values():
        prepareQuery(query.text)
        for name in query.entities:
            assert re.search(SLOT.format(name), query.text), (query.name, name)
