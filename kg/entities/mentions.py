"""Named mentions from a parsed Doc: spaCy's entities, repaired with knowledge."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span

from kg.lexicon import load_json
from kg.model import Mention
from kg.parse.sentences import tokens_of

POSSESSIVE_ENDINGS = ("'s", "\u2019s", "'", "\u2019")


@lru_cache(maxsize=1)
def words() -> dict:
    return load_json("lexicon/coreference.json")


def as_mention(span: Span, label: str | None = None, hint: str | None = None) -> Mention:
    return Mention(token_start=span.start, token_end=span.end, start=span.start_char, end=span.end_char,
                   text=span.text, label=label or span.label_, hint=span.ent_id_ if hint is None else hint)


def strip_article(span: Span) -> Span:
    """'the Tel Aviv University' -> 'Tel Aviv University' (keeps epithets whole); "Gustavo Petro's" -> 'Gustavo Petro'
    (NER sometimes takes the possessive ending into the name)."""
    if len(span) > 1 and span[-1].lower_ in POSSESSIVE_ENDINGS:
        span = span[:-1]
    if span[0].lower_ == "the" and len(span) > 1 and not span.ent_id_:
        return span[1:]
    return span


def organisation_suffix(doc: Doc, span: Span) -> Span | None:
    """A place name followed by an institution word is an organisation ('Tel Aviv University')."""
    suffixes = words()["organisation_suffixes"]
    end, start = span.end, span.start
    while end < len(doc) and doc[end].text in suffixes:
        end += 1
    if end > span.end and start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
            and doc[start - 2].pos_ == "PROPN":
        start -= 2  # 'the NATO-Ukraine Council' is one body, not a council of Ukraine
    return doc[start:end] if end > span.end else None


def company_names(doc: Doc, ents: list[Span]) -> Iterator[Span]:
    """Runs of proper nouns ending in a company word that NER missed ('Ratio Petroleum')."""
    suffixes = set(words()["company_suffixes"])
    texts = [t.text for t in tokens_of(doc)]
    ends = [i for i, text in enumerate(texts) if text in suffixes]
    if not ends:
        return
    covered = {i for ent in ents for i in range(ent.start, ent.end)}
    proper = [t.pos_ == "PROPN" and t.i not in covered and t.text[:1].isupper() for t in tokens_of(doc)]
    for end in ends:
        start = end
        while start > 0 and proper[start - 1]:
            start -= 1
        if proper[end] and end - start >= 1 and (end + 1 == len(doc) or not proper[end + 1]):
            yield doc[start:end + 1]


def product_name(doc: Doc, noun: int) -> Span | None:
    """'Iron Dome missile-defence system', 'F-35 jets', 'Pegasus spyware': the name before the kind."""
    start = noun
    while start > 0 and noun - start < 4 and (doc[start - 1].is_lower or doc[start - 1].text == "-"):
        start -= 1
    end = start
    while start > 0 and end - start < 4 and not doc[start - 1].ent_id_ and (
            doc[start - 1].pos_ in ("PROPN", "NUM") or doc[start - 1].text == "-") and \
            (doc[start - 1].text[:1].isupper() or doc[start - 1].text[:1].isdigit() or doc[start - 1].text == "-"):
        start -= 1
    while start < end and doc[start].text == "-":
        start += 1
    return doc[start:end] if end > start else None


def product_names(doc: Doc) -> dict[int, Span]:
    """Product names found by the kind of thing that follows them, by start token."""
    kinds = set(words()["product_nouns"])
    spans = [product_name(doc, t.i) for t in tokens_of(doc) if t.lower_ in kinds and t.pos_ == "NOUN"]
    return {span.start: span for span in spans if span is not None}


def is_portfolio(doc: Doc, span: Span) -> bool:
    """'Defence' in 'Defence Secretary Ben Wallace', 'Energy' in 'Energy Minister': part of a title, no body; so is
    any name no gazetteer knows before a minister's title ('Digital Affairs Minister', 'Social Affairs Minister')."""
    after = {t.lower_ for t in doc[span.end:span.end + 2]}  # 'Caretaker Prime Minister'
    if span.text.lower() in words()["portfolios"] and bool(after & set(words()["person_roles"])):
        return True
    end = span.end
    while end < len(doc) and doc[end].lower_ in words()["portfolios"]:
        end += 1
    return not span.ent_id_ and end < len(doc) and doc[end].lower_ in words()["portfolio_titles"]


def is_region_modifier(span: Span) -> bool:
    """'the Baltic states', 'the two Mediterranean neighbours': a region qualifying states is no actor."""
    head = span.root.head
    return not span.ent_id_ and span.label_ in ("LOC", "GPE", "NORP") and span.root.dep_ in ("amod", "compound") \
        and head.i >= span.end and head.lower_ in words()["plural_descriptions"]["Country"]


def longer_name(doc: Doc, span: Span) -> Span:
    """A person's name runs on over the capitalised proper nouns NER left out ('... bin Abdulrahman Al Thani')."""
    end = span.end
    while span.label_ == "PERSON" and not span.ent_id_ and end < len(doc) and doc[end].pos_ == "PROPN" \
            and doc[end].is_title and not doc[end].ent_type_ and not doc[end].is_sent_start:
        end += 1
    return Span(doc, span.start, end, label="PERSON") if end > span.end else span


def first_name(doc: Doc, span: Span, after: Span | None) -> Span | None:
    """A place name that is a person's first name: 'Israel Katz' (a name follows), 'Prime Minister Jordan Bardella'
    (a title before, a proper noun after)."""
    if not span.ent_id_ or span.label_ not in ("GPE", "LOC", "NORP") or span.end >= len(doc) or is_posting(doc, span):
        return None
    if after is not None and after.start == span.end and after.label_ == "PERSON" and not after.ent_id_:
        return Span(doc, span.start, after.end, label="PERSON")
    before, next_ = doc[span.start - 1] if span.start else None, doc[span.end]
    if before is not None and before.is_title and before.lower_ in words()["person_roles"] \
            and next_.pos_ == "PROPN" and next_.is_title and not next_.ent_type_:
        return longer_name(doc, Span(doc, span.start, span.end + 1, label="PERSON"))
    return None


def is_posting(doc: Doc, span: Span) -> bool:
    """'Ambassador to Japan George Glass', 'envoy for Sudan X': the place is where the title is held, no first name."""
    return span.start >= 2 and doc[span.start - 1].lower_ in ("to", "for") \
        and doc[span.start - 2].lower_ in words()["person_roles"]


def join_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name NER cut in two ('Sheikh Mohammed bin Abdulrahman' + 'Al Thani'): a name that follows a
    person's with nothing between them and is no known entity continues it."""
    joined: list[Span] = []
    for index, span in enumerate(map(lambda ent: longer_name(doc, ent), ents)):
        last = joined[-1] if joined else None
        if last is not None and span.end <= last.end:
            continue  # taken into the name before
        span = first_name(doc, span, ents[index + 1] if index + 1 < len(ents) else None) or span
        if last is not None and last.label_ == "PERSON" and span.start == last.end and not span.ent_id_ \
                and not last.ent_id_ and span.label_ in ("PERSON", "ORG", "GPE", "FAC"):
            joined[-1] = Span(doc, last.start, span.end, label="PERSON")
            continue
        joined.append(span)
    return joined


def is_name(span: Span) -> bool:
    """Letters ('U.S.' is one; 'G7' is one if the gazetteer knows it as a body), and a capital unless the gazetteer
    knows it or it is the institution of a state named just before ("South Korea's navy"): NER's 'kingdom in' is not
    a name."""
    owned = span.start > 0 and span.doc[span.start - 1].tag_ == "POS" and span.text in words()["generic_institutions"]
    lettered = any(t.is_alpha or t.text.replace(".", "").isalpha() for t in span)  # not 'S-400' alone
    words_ = bool(span.ent_id_) and span.label_ == "ORG" or lettered
    return words_ and (bool(span.ent_id_) or any(c.isupper() for c in span.text) or owned)


def is_ethnic(span: Span) -> bool:
    """'an ethnic Hutu militia': a people named after such a word is no actor."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in words()["group_markers"]


def extract_mentions(doc: Doc) -> Iterator[Mention]:
    """Mentions of people, organisations, places, groups and products, in text order."""
    skip = set(words()["non_entities"])
    products = product_names(doc)
    found = [e for e in doc.ents if not any(p.start <= e.start < p.end for p in products.values()) or e.ent_id_]
    taken = {i for e in found for i in range(e.start, e.end)}
    found += [p for p in products.values() if not taken & set(range(p.start, p.end))]
    ents = join_names(doc, sorted([*found, *company_names(doc, found)], key=lambda span: span.start))
    out: list[Mention] = []
    for span in ents:
        if (span.label_ or "ORG") not in words()["ner_kept"]:
            continue
        span = strip_article(span)
        if span.text in skip or not is_name(span) or is_portfolio(doc, span) or is_ethnic(span) \
                or is_region_modifier(span):
            continue
        merged = organisation_suffix(doc, span) if span.label_ in ("GPE", "LOC") else None
        if merged is not None:
            while out and out[-1].token_start >= merged.start:
                out.pop()
            out.append(as_mention(merged, "ORG", ""))
            continue
        out.append(as_mention(span, "PRODUCT" if span.start in products and not span.ent_id_ else
                           "ORG" if span.label_ == "" else None))
    return iter(out)


def titled_person(doc: Doc, mention: Mention) -> Mention:
    """A name right after a title or an honorific is a person ('Chancellor Olaf Scholz', 'government spokeswoman
    Yolande Makolo', 'Lord Cameron')."""
    before = doc[mention.token_start - 1] if mention.token_start > 0 else None
    if mention.label in ("ORG", "GPE", "PRODUCT", "LOC", "FAC") and not mention.hint and before is not None and (
            (before.lower_ in words()["person_roles"]
             and (before.is_title or mention.token_end - mention.token_start > 1))
            or before.text in words()["honorifics"]):  # 'Lord Cameron'
        return replace(mention, label="PERSON")
    return mention


def group_name(doc: Doc, mention: Mention) -> Mention:
    """A name that modifies 'militants', 'fighters', 'positions' is an armed group ('Al-Shabab militants'), not a
    person."""
    head = doc[mention.token_start:mention.token_end].root
    if mention.label == "PERSON" and not mention.hint and head.dep_ == "compound" \
            and head.head.lower_ in {*words()["armed_group_nouns"], *words()["group_asset_nouns"]}:
        return replace(mention, label="ORG")
    return mention


def place_name(doc: Doc, mention: Mention) -> Mention:
    """'the village of Mandera', 'the town of Jilib': a place, whatever NER took it for; "Russia's Rostov region"
    is no person or product."""
    head = doc[mention.token_start:mention.token_end].root
    of, after = head.head, doc[mention.token_end] if mention.token_end < len(doc) else None
    kind = mention.label in ("PERSON", "PRODUCT") and after is not None and after.is_lower \
        and after.lemma_ in words()["place_nouns"]
    of_kind = head.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in words()["place_nouns"]
    if not mention.hint and (kind or of_kind):
        return replace(mention, label="GPE")
    return mention


def organisation_name(doc: Doc, mention: Mention) -> Mention:
    """'the ruling Frelimo party', 'the Tumaini coalition': a name no gazetteer knows before an organisation's kind
    is the organisation's."""
    after = doc[mention.token_end] if mention.token_end < len(doc) else None
    if not mention.hint and mention.label != "ORG" and after is not None and after.is_lower \
            and after.lower_ in words()["organisation_kinds"]:
        return replace(mention, label="ORG")
    return mention


def repair_type(doc: Doc, mention: Mention) -> Mention:
    """The NER label corrected by what stands around the name."""
    return organisation_name(doc, place_name(doc, group_name(doc, titled_person(doc, mention))))
