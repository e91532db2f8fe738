"""Entity resolution: one node per real-world entity."""
from conftest import extract_text

from kg.gazetteer import load_gazetteer, read_user_gazetteer
import pytest
from kg.errors import KgError
import kg


def labels(statements):
    return {e.label for s in statements for e in (s.subject, s.object)}


def test_capitals_act_for_their_state_but_stay_places_as_locations():
    found = extract_text("Washington recognised Rabat's claim. Investors met in Rabat with officials from Paris.")
    assert "United States" in labels(found) and "Washington" not in labels(found)
    assert "Paris-based" not in labels(extract_text("The Paris-based group Forbidden Stories accused NSO."))


def test_aliases_demonyms_and_descriptions():
    text = ("The US and Morocco signed a deal. In return, Washington recognised the North African kingdom's "
            "sovereignty over Western Sahara.")
    pairs = {(s.subject.label, s.predicate.id, s.object.label) for s in extract_text(text)}
    assert ("United States", "recognisesSovereigntyOver", "Western Sahara") in pairs


def test_surnames_and_pronouns_link_to_the_full_name():
    text = ("Defence Minister Benny Gantz flew to Rabat. Gantz met King Mohammed VI. "
            "He signed an agreement with Morocco.")
    keys = {e.key for s in extract_text(text) for e in (s.subject, s.object) if e.type == "Person"}
    assert "person/benny-gantz" in keys and "person/gantz" not in keys


def test_countries_carry_iso_codes_and_wikidata():
    gazetteer = load_gazetteer()
    morocco = gazetteer.lookup("Morocco")
    assert (morocco.iso3, morocco.wikidata, morocco.type) == ("MAR", "Q1028", "Country")
    assert gazetteer.lookup("Western Sahara").type == "Territory"
    assert gazetteer.seats["Algiers"] == "country/DZA"
    assert gazetteer.demonyms["Moroccan"] == "country/MAR"


def test_user_gazetteer(tmp_path):
    path = tmp_path / "watch.tsv"
    path.write_text("alias\tcanonical\ttype\tcode\nAcme\tAcme Holdings\tOrganization\tQ42\n"
                    "Zorblax\tZorblax Republic\tCountry\t\n", encoding="utf-8")
    statements = kg.extract(kg.Article(id="g", text="Zorblax accused Acme of fraud."),
                            kg.Settings(gazetteer=path))
    [statement] = statements
    assert (statement.subject.label, statement.object.label, statement.object.wikidata) == (
        "Zorblax Republic", "Acme Holdings", "Q42")


def test_bad_user_gazetteer_lists_every_bad_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Acme,Acme Holdings,Company\nX\n", encoding="utf-8")
    with pytest.raises(KgError, match="line 1.*line 2"):
        read_user_gazetteer(path)
