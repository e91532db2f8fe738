"""Status, attribution and time."""
import pytest

from conftest import extract_text
from datetime import date

from kg.statements.timex import resolve_date


def only(text, predicate):
    found = [s for s in extract_text(text) if s.predicate.id == predicate]
    assert found, extract_text(text)
    return found[0]


@pytest.mark.parametrize("text,predicate,status", [
    ("Chile will sign an agreement with Peru.", "signsAgreementWith", "planned"),
    ("Chile plans to sign an agreement with Peru.", "signsAgreementWith", "planned"),
    ("Turkey will not recognise the annexation of Crimea.", "recognisesSovereigntyOver", "negated"),
    ("Iran denied that it had supplied drones to Russia.", "providesAidTo", "denied"),
    ("India and Pakistan could resume talks if tensions ease.", "negotiatesWith", "hypothetical"),
    ("According to Human Rights Watch, Chile attacked Peru.", "attacks", "claimed"),
    ("Chile signed an agreement with Peru.", "signsAgreementWith", "asserted"),
])
def test_status(text, predicate, status):
    assert only(text, predicate).status == status


def test_attribution_of_reported_speech_and_according_to():
    assert only("Chile will restore ties with Peru, Foreign Minister Ana Diaz said.",
                "normalisesRelationsWith").attributed_to == "Ana Diaz"
    assert only("Russian forces launched an assault on Kharkiv, according to Amnesty International.",
                "attacks").attributed_to == "Amnesty International"


@pytest.mark.parametrize("text,expected", [
    ("August", "2021-08"), ("last December", "2020-12"), ("in 1993", "1993"), ("Monday", "2021-11-22"),
    ("Earlier this month", "2021-11"), ("Last month", "2021-10"), ("November 29", "2021-11-29"),
    ("last week", "2021-W46"), ("March 3, 2019", "2019-03-03"), ("yesterday", "2021-11-22")])
def test_time_expressions(text, expected):
    assert resolve_date(text, date(2021, 11, 23)) == expected


def test_future_weekday_for_planned_events():
    assert resolve_date("Friday", date(2021, 11, 23), future=True) == "2021-11-26"


def test_time_comes_from_the_clause():
    assert only("Algeria cut diplomatic ties with Morocco in August.", "cutsTiesWith").time == "2021-08"


@pytest.mark.parametrize("text,predicate,status", [
    ("Spain no longer recognises the Polisario Front.", "recognises", "former"),
    ("Iran rejected claims that it had sent drones to Russia.", "providesAidTo", "denied"),
    ("Russia refused to sign the deal with Ukraine.", "signsAgreementWith", "negated"),
    ("Kenya's President William Ruto said Nairobi would restore diplomatic relations with Somalia.",
     "normalisesRelationsWith", "planned"),
])
def test_more_status_cues(text, predicate, status):
    assert only(text, predicate).status == status


@pytest.mark.parametrize("text,expected", [
    ("less than a year", None), ("two-day", None), ("a year ago", "2020"), ("3 months ago", "2021-08"),
    ("this year", "2021")])
def test_durations_are_not_dates_and_ago_counts_back(text, expected):
    assert resolve_date(text, date(2021, 11, 23)) == expected
