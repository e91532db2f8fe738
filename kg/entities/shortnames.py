"""Short names: the word that stands for an organisation named in full before ('the Guards', 'the Treasury'),
and a name written again where NER missed it."""
from __future__ import annotations

from spacy.tokens import Doc

from kg.entities.mentions import words
from kg.model import Mention
from kg.parse.sentences import tokens_of


def short_name(name: str) -> str | None:
    """The word that can stand for an organisation's name: its last ('the Guards'), past an institution word
    ('Treasury' of 'U.S. Treasury Department'); never a generic word, a portfolio ('Foreign') or a word that is no
    name alone ('State')."""
    lexicon = words()
    generic = {*lexicon["organisation_suffixes"], *lexicon["company_suffixes"], *lexicon["organisation_heads"]}
    parts = name.split()
    if len(parts) < 2:
        return None
    while len(parts) > 1 and parts[-1] in lexicon["organisation_suffixes"]:
        parts.pop()
    last = parts[-1]
    if last in generic or last.lower() in generic or last.lower() in lexicon["portfolios"] \
            or last in lexicon["non_entities"]:
        return None
    return last


def short_names(mentions: list[Mention], tokens: dict[int, str]) -> dict[str, str]:
    """Words that stand for a longer organisation name ('the Guards', 'the Treasury')."""
    names = {}
    for mention in mentions:
        key = tokens.get(mention.token_start)
        short = short_name(mention.text)
        if mention.label == "ORG" and key and short and key.startswith("organization/"):
            names.setdefault(short, key)
    return names


def link_short_forms(mentions: list[Mention], tokens: dict[int, str], short: dict[str, str]) -> None:
    """A one-word organisation NER found ('The Treasury said') is the longer one named with that word."""
    for mention in mentions:
        if mention.label == "ORG" and not mention.hint and mention.text in short:
            tokens.update({i: short[mention.text] for i in range(mention.token_start, mention.token_end)})


def link_repeats(doc: Doc, mentions: list[Mention], tokens: dict[int, str]) -> None:
    """A name NER found once is the same entity wherever else it is written ('the RSF')."""
    names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for mention in mentions:
        key = tokens.get(mention.token_start)
        if key and mention.label in ("ORG", "PERSON", "PRODUCT"):
            words = tuple(t.text for t in doc[mention.token_start:mention.token_end])
            names.setdefault(words[0], []).append((words, key))
    if not names:
        return
    texts = [t.text for t in tokens_of(doc)]
    for start, text in enumerate(texts):
        for words, key in names.get(text, ()):
            end = start + len(words)
            if tuple(texts[start:end]) == words and not any(i in tokens for i in range(start, end)):
                tokens.update({i: key for i in range(start, end)})


def link_aliases(doc: Doc, tokens: dict[int, str]) -> None:
    """'The National Liberation Army, known as the ELN': a name and what it is known as are one entity, the one the
    gazetteer knows if either is (else the name written first)."""
    for token in tokens_of(doc):
        if token.lemma_ != "know" or token.dep_ != "acl" or token.head.i not in tokens:
            continue
        for other in (o for c in token.children if c.dep_ == "prep" and c.lower_ == "as"
                      for o in c.children if o.dep_ == "pobj" and o.i in tokens):
            keep, drop = tokens[token.head.i], tokens[other.i]
            if other.ent_id_ and not token.head.ent_id_:
                keep, drop = drop, keep
            tokens.update({i: keep for i, key in tokens.items() if key == drop})
