from hypothesis import given, settings
from hypothesis import strategies as st

from kg.parse.normalise import find_edits, normalise


def test_spun_words_are_repaired_in_context():
    text = "The minister will signal a memorandum with Chile, his workplace stated. Peru lower diplomatic ties with Chile."
    repaired = normalise(text).text
    assert "will sign a memorandum" in repaired
    assert "his office said" in repaired
    assert "Peru cut diplomatic ties" in repaired


def test_noun_go_to_becomes_visit_but_verb_go_to_stays():
    assert normalise("Ahead of the president's go to, aides met.").text == "Ahead of the president's visit, aides met."
    plain = "They go to Paris every year."
    assert normalise(plain).text == plain


def test_unspun_text_is_unchanged():
    text = ("The move will signal a shift in policy. Interest rates will lower costs. "
            "The settlement in the West Bank was expanded. She is skilled in negotiation.")
    assert find_edits(text) == []
    assert normalise(text).text == text


def test_offsets_point_into_the_original():
    text = "Algeria lower diplomatic ties with Morocco final week, the supply stated."
    result = normalise(text)
    start = result.text.index("Morocco")
    first, last = result.to_original(start, start + len("Morocco"))
    assert text[first:last] == "Morocco"
    first, last = result.to_original(0, len(result.text))
    assert (first, last) == (0, len(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab go to signal lower final stated supply a the .\n")), max_size=200))
def test_offset_map_is_monotone_and_complete(text):
    result = normalise(text)
    assert len(result.offsets) == len(result.text) + 1
    assert list(result.offsets) == sorted(result.offsets)
    assert result.offsets[-1] == len(text)


def test_a_name_joined_by_underscores_is_read_as_words_at_the_same_offsets():
    done = normalise("Gondor warned of the Prince of Dol_Amroth; snake_case stays.")
    assert done.text == "Gondor warned of the Prince of Dol Amroth; snake_case stays."
    assert len(done.offsets) == len(done.text) + 1 and done.offsets[34] == 34


def test_datelines_are_cut_at_the_start_of_any_paragraph_with_offsets_into_the_original():
    text = ("Pakistan strikes militants\n\nISLAMABAD, Pakistan (AP) — Pakistani jets struck on Sunday.\n\n"
            "KABUL (Reuters) - Taliban fighters killed three soldiers.\n\n"
            "Kabul, Afghanistan — Afghan forces shelled posts.\n\n  KABUL, Jan. 5 (Reuters) -- The Taliban said.\n\n"
            "BEIRUT/JERUSALEM (Reuters) - Israel struck. Pakistan said so. Gaza City (AFP) - Hamas said.")
    result = normalise(text)
    assert result.dateline == "ISLAMABAD, Pakistan (AP) —"
    for cut in ("KABUL", "Kabul,", "BEIRUT", "(AFP)"):
        assert cut not in result.text, cut
    assert "Pakistan said so. Hamas said" in result.text
    for kept in ("Taliban fighters killed", "Afghan forces shelled", "The Taliban said", "Israel struck", "Hamas said"):
        assert kept in result.text, kept
        start = result.text.index(kept)
        assert text[result.offsets[start]:result.offsets[start] + len(kept)] == kept


def test_sentences_that_only_look_like_datelines_are_kept():
    for text in ("Hamas — the group that rules Gaza — said so.", "Iran (AP) said so.", "Pakistan said. Iran said.",
                 "Kabul - Taliban fighters attacked.", "He said. Iran (Reuters) said so."):
        assert normalise(text).text == text, text
