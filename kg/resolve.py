"""Entity resolution: one canonical Entity per real-world thing across a document.

Mentions are linked through the gazetteer (aliases, codes), metonymy (a capital acting
for its state), demonyms, surnames of people named in full, generic institutions of a
state, and descriptions or pronouns that refer back (the North African kingdom, he).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from .gazetteer import Gazetteer, entity_key
from .mentions import words
from .model import Entity, Mention
from .sentences import previous_sentence_start, tokens_of



@dataclass(frozen=True, slots=True)
class Resolution:
    """Entities of one document and which tokens refer to them.

    ``tokens`` maps a token index to an entity key; ``inferred`` holds the token
    indices linked by description or pronoun rather than by name;
    ``demonym`` the tokens that are adjectives of a country (Israeli).
    """

    entities: dict[str, Entity]
    tokens: dict[int, str]
    inferred: frozenset[int] = frozenset()
    demonym: frozenset[int] = frozenset()
    surfaces: dict[str, tuple[str, ...]] = field(default_factory=dict)
    groups: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def entity_at(self, token: Token) -> Entity | None:
        key = self.tokens.get(token.i)
        return self.entities[key] if key else None


def is_locative(doc: Doc, mention: Mention) -> bool:
    """A place name used as a location (in Rabat, Paris-based), not as an actor."""
    head = doc[mention.token_start:mention.token_end].root
    if head.dep_ == "pobj" and head.head.lower_ in words()["locative_prepositions"]:
        return True
    after = doc[mention.token_end:mention.token_end + 2]
    return len(after) == 2 and after[0].text == "-" and after[1].lower_ in ("based", "headquartered", "born")


def person_of(surface: str, people: dict[str, str]) -> str | None:
    """The key of a person named in full whose name ends with this surname, or else the one person
    whose name begins with it (family names first: 'Li' for 'Li Keqiang')."""
    for name, key in people.items():
        if name == surface or name.endswith((" " + surface, "-" + surface)):
            return key
    if " " in surface:
        return None
    first = {key for name, key in people.items() if name.startswith(surface + " ")}
    return first.pop() if len(first) == 1 else None


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


def short_names(mentions: list[Mention], tokens: dict[int, str]) -> dict[str, str]:
    """Last words that stand for a longer organisation name ('the Guards')."""
    generic = {*words()["organisation_suffixes"], *words()["company_suffixes"], *words()["organisation_heads"]}
    names = {}
    for mention in mentions:
        last = mention.text.split()[-1]
        key = tokens.get(mention.token_start)
        if mention.label == "ORG" and key and " " in mention.text and last.lower() not in generic \
                and last not in generic and key.startswith("organization/"):
            names.setdefault(last, key)
    return names


def link_surnames(doc: Doc, tokens: dict[int, str], people: dict[str, str], short: dict[str, str]) -> None:
    """Bare surnames NER missed ('Burhan met ...') link to the person named in full,
    and an organisation's last word ('the Guards') to the organisation."""
    for token in tokens_of(doc):
        if token.i not in tokens and token.pos_ == "PROPN" and token.is_title:
            key = person_of(token.text, people) or short.get(token.text)
            if key:
                tokens[token.i] = key


def institution_label(doc: Doc, mention: Mention, gazetteer: Gazetteer,
                      key_of_token: dict[int, str], entities: dict[str, Entity]) -> str | None:
    """'Defence Ministry' of Israel -> 'Israeli Defence Ministry'; None if not generic.

    The state comes from the name itself ('US Navy'), a possessive or modifier
    ('Israel's Defence Ministry', 'the Iranian navy') or the words just before it.
    """
    generic = words()["generic_institutions"]
    name, key = mention.text, None
    first, _, rest = name.partition(" ")
    if rest.lower() in generic and (gazetteer.names.get(first) or gazetteer.demonyms.get(first)):
        name, key = rest, gazetteer.names.get(first) or gazetteer.demonyms.get(first)
    if name.lower() not in generic:
        return None
    if key is None:
        head = doc[mention.token_start:mention.token_end].root
        nearby = [t.i for t in head.children if t.dep_ in ("poss", "compound", "amod", "nmod")]
        nearby += list(range(max(0, mention.token_start - 2), mention.token_start))
        key = next((key_of_token[i] for i in nearby if i in key_of_token), None)
    state = entities.get(key) or gazetteer.entities.get(key)
    if state is None or state.type not in ("Country", "Territory"):
        return None
    return f"{gazetteer.adjectives.get(key, state.label)} {name[:1].upper()}{name[1:]}"


def initials(name: str) -> str:
    """'Rapid Support Forces' -> 'RSF' (capitalised words only)."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def titled_person(doc: Doc, mention: Mention) -> Mention:
    """A name right after a capitalised title is a person ('Chancellor Olaf Scholz')."""
    before = doc[mention.token_start - 1] if mention.token_start > 0 else None
    if mention.label in ("ORG", "GPE", "PRODUCT", "LOC", "FAC") and not mention.hint and before is not None \
            and before.is_title and before.lower_ in words()["person_roles"]:
        return replace(mention, label="PERSON")
    return mention


def resolve_mentions(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> tuple[dict, dict, set]:
    """Link named mentions: gazetteer, metonymy, demonyms, surnames, institutions."""
    mentions = [titled_person(doc, m) for m in mentions]
    entities: dict[str, Entity] = {}
    tokens: dict[int, str] = {}
    demonym_tokens: set[int] = set()
    people = {m.text: entity_key("Person", m.text) for m in mentions
              if m.label == "PERSON" and m.token_end - m.token_start > 1}
    acronyms = {initials(m.text): m.text for m in mentions if m.label == "ORG" and len(m.text.split()) > 1}

    def link(mention: Mention, entity: Entity) -> None:
        entities.setdefault(entity.key, entity)
        tokens.update({i: entity.key for i in range(mention.token_start, mention.token_end)})

    for mention in mentions:
        kind, _, key = mention.hint.rpartition(":")
        if key and kind == "seat" and is_locative(doc, mention):
            link(mention, Entity(entity_key("Place", mention.text), mention.text, "Place"))
        elif key in gazetteer.entities:
            link(mention, gazetteer.entities[key])
            if kind == "demonym":
                demonym_tokens.update(range(mention.token_start, mention.token_end))
        elif mention.label in ("PERSON", "ORG", "PRODUCT", "GPE") and (key := person_of(mention.text, people)):
            link(mention, Entity(key, next(n for n, k in people.items() if k == key), "Person"))
        elif mention.label in words()["ner_types"]:
            type_ = words()["ner_types"][mention.label]
            known = gazetteer.lookup(mention.text)
            if known is None and mention.text in acronyms:
                known = Entity(entity_key("Organization", acronyms[mention.text]), acronyms[mention.text],
                               "Organization", aliases=(mention.text,))
            link(mention, known or Entity(entity_key(type_, mention.text), mention.text, type_))
    for mention in mentions:
        label = institution_label(doc, mention, gazetteer, tokens, entities)
        if label:
            link(mention, Entity(entity_key("Organization", label), label, "Organization",
                                 aliases=(mention.text,)))
    link_repeats(doc, mentions, tokens)
    link_surnames(doc, tokens, people, short_names(mentions, tokens))
    return entities, tokens, demonym_tokens


def region_filter(head: Token) -> list[str] | None:
    """Subregions named by the adjectives before a description ('North African')."""
    left = " ".join(t.lower_ for t in head.lefts if t.dep_ in ("amod", "compound", "nmod"))
    regions = words()["region_adjectives"]
    for adjective in sorted(regions, key=len, reverse=True):
        if adjective in left:
            return regions[adjective]
    return None


def antecedent(history: list[tuple[int, str, bool]], entities: dict[str, Entity], types: set[str],
               accept=lambda key: True, prefer_subject: bool = False, since: int = 0,
               subjects_only: bool = False) -> str | None:
    """The most recent earlier entity of one of ``types`` (subjects first if asked;
    only subjects for 'it', which otherwise too often means an unnamed thing)."""
    recent = list(reversed(history))
    if "Person" in types:  # an unresolved 'the al-Qaeda chief' stands between a pronoun and anyone before
        recent = recent[:next((n for n, (_, k, _) in enumerate(recent) if not k), len(recent))]
    candidates = [(i, k, subj) for i, k, subj in recent
                  if k and i >= since and entities[k].type in types and accept(k) and (subj or not subjects_only)]
    if prefer_subject:
        subjects = [c for c in candidates[:6] if c[2]]
        candidates = subjects or candidates
    return candidates[0][1] if candidates else None


def is_referring_it(token: Token) -> bool:
    """'its', or an 'it' that stands for something ('it supplied'), not 'it is possible that'."""
    if token.lower_ == "its":
        return True
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return False
    return token.head.lemma_ not in words()["expletive_heads"]


def affiliations(person: str, doc: Doc, history, tokens: dict[int, str]) -> set[str]:
    """What a person was named with: 'Chinese President Xi Jinping', 'Bruce Maddy-Weitzman, an Israeli'."""
    found: set[str] = set()
    for index, key, _ in history:
        if key != person:
            continue
        head = doc[index]
        near = [t for t in head.subtree if t.i < head.i] + [c for c in head.children if c.dep_ == "appos"]
        found |= {tokens[t.i] for t in near if tokens.get(t.i) and tokens[t.i] != person}
    return found


def fits_description(person: str, role: str, named: str, doc: Doc, history, tokens: dict[int, str],
                     entities: dict[str, Entity]) -> bool:
    """'the CIA chief' is whoever was named as leading the CIA; 'the Yale professor' any compatible person."""
    known = affiliations(person, doc, history, tokens)
    if role in words()["unique_roles"]:
        return named in known
    return compatible(known, named, entities)


def compatible(known: set[str], named: str, entities: dict[str, Entity]) -> bool:
    """A description fits a person unless it names another state (or organisation) than theirs."""
    is_state = entities[named].type in ("Country", "Territory")
    rivals = {k for k in known if (entities[k].type in ("Country", "Territory")) == is_state}
    return not rivals or named in rivals


def is_reason_possessive(token: Token) -> bool:
    """'sanctions on Iran over its support', 'criticised Mexico for its policy': 'its' is the nearest actor."""
    owner = token.head
    return token.lower_ == "its" and owner.dep_ == "pobj" and owner.head.lower_ in words()["reason_prepositions"]


@lru_cache(maxsize=1)
def describable() -> frozenset[str]:
    """Every word that can start a description or pronoun worth resolving."""
    lexicon = words()
    return frozenset({*lexicon["person_pronouns"], "it", "its", *lexicon["country_heads"], *lexicon["person_roles"],
                      *lexicon["territory_heads"], *lexicon["organisation_heads"]})


def describe(token: Token, history, entities, gazetteer: Gazetteer, tokens: dict[int, str]) -> str | None:
    """The entity a definite description or pronoun refers back to, if any.

    A state or organisation description with a named modifier is not anaphoric:
    'the Syrian regime' is Syria, 'the Assad regime' is left to the modifier.
    """
    lexicon = words()
    lemma = token.lemma_.lower()
    if lemma not in describable() and token.lower_ not in describable():
        return None
    named = [tokens[c.i] for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i in tokens]
    if named and lemma in lexicon["country_heads"]:
        return named[0] if entities[named[0]].type == "Country" else None
    if named and lemma in lexicon["organisation_heads"]:
        return None
    if token.lower_ in lexicon["person_pronouns"] and token.pos_ == "PRON":
        return antecedent(history, entities, {"Person"}, prefer_subject=True)
    if is_referring_it(token):
        since = previous_sentence_start(token)
        subjects_only = token.lower_ == "it"
        return antecedent(history, entities, {"Country", "Organization", "Territory"},
                          prefer_subject=not is_reason_possessive(token), since=since, subjects_only=subjects_only)
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if "the" not in determiners or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return None
    if lemma in lexicon["country_heads"] and token.tag_ in ("NN", "NNP"):
        regions = region_filter(token)
        return antecedent(history, entities, {"Country"},
                          lambda k: regions is None or bool(set(regions) & set(gazetteer.regions.get(k, ()))))
    if lemma in lexicon["person_roles"]:  # 'the Afghan envoy' is not the Chinese president named before
        return antecedent(history, entities, {"Person"}, prefer_subject=True,
                          accept=lambda k: not named or fits_description(k, lemma, named[0], token.doc, history, tokens,
                                                                         entities))
    if lemma in lexicon["territory_heads"]:
        return antecedent(history, entities, {"Territory"})
    if lemma in lexicon["organisation_heads"] and token.tag_ == "NN":
        return antecedent(history, entities, {"Organization"})
    return None


def group(token: Token, history, entities) -> tuple[str, ...]:
    """'the two leaders', 'both countries': the two most recent distinct entities of the kind."""
    if not any(c.lower_ in ("two", "2", "both") for c in token.children if c.dep_ in ("nummod", "det", "predet")):
        return ()
    for type_, nouns in words()["plural_descriptions"].items():
        if token.lower_ in nouns:
            keys: list[str] = []
            for _, key, _ in reversed(history):
                if key and entities[key].type == type_ and key not in keys:
                    keys.append(key)
            return tuple(keys[:2]) if len(keys) >= 2 else ()
    return ()


def coordinated_subject(pronoun: Token, tokens: dict[int, str]) -> tuple[str, ...]:
    """'they': the nearest coordinated subject before it, in its sentence or the one before, if it names two or more."""
    start = previous_sentence_start(pronoun)
    for token in reversed(pronoun.doc[start:pronoun.i]):
        if token.dep_ in ("nsubj", "nsubjpass") and token.conjuncts:
            keys = tuple(dict.fromkeys(tokens[t.i] for t in (token, *token.conjuncts) if t.i in tokens))
            return keys if len(keys) > 1 else ()
    return ()


def is_new_person(token: Token) -> bool:
    """'the al-Qaeda chief' that names no one known: a person the text has not named."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in words()["person_roles"] \
        and any(c.lower_ == "the" for c in token.children if c.dep_ == "det")


def resolve(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> Resolution:
    """Resolve every mention, then link descriptions and pronouns to what came before."""
    entities, tokens, demonym_tokens = resolve_mentions(doc, mentions, gazetteer)
    history: list[tuple[int, str, bool]] = []
    inferred: set[int] = set()
    groups: dict[int, tuple[str, ...]] = {}
    for token in tokens_of(doc):
        key = tokens.get(token.i)
        if key is None and token.lower_ in words()["plural_pronouns"] and token.pos_ == "PRON":
            members = coordinated_subject(token, tokens)  # 'Britain and France announced they were expelling'
            if members:
                groups[token.i] = members
                continue
        if key is None and token.tag_ == "NNS":
            members = group(token, history, entities)
            if members:
                groups[token.i] = members
                continue
        if key is None and token.pos_ in ("NOUN", "PRON", "PROPN"):
            key = describe(token, history, entities, gazetteer, tokens)
            if key:
                tokens[token.i] = key
                inferred.add(token.i)
            elif is_new_person(token):
                history.append((token.i, "", False))
        if not key:
            continue
        subject = token.dep_ in ("nsubj", "nsubjpass") or (  # 'Nigeria's army said it', 'the Israeli military said it'
            token.dep_ in ("poss", "compound", "amod") and token.head.dep_ in ("nsubj", "nsubjpass"))
        if history and history[-1][0] == token.i - 1 and history[-1][1] == key:
            history[-1] = (token.i, key, history[-1][2] or subject)
        else:
            history.append((token.i, key, subject))
    used = set(tokens.values())
    surfaces: dict[str, set[str]] = {}
    for mention in mentions:
        key = tokens.get(mention.token_start)
        if key:
            surfaces.setdefault(key, set()).add(mention.text)
    return Resolution(entities={k: e for k, e in entities.items() if k in used}, tokens=tokens,
                      inferred=frozenset(inferred), demonym=frozenset(demonym_tokens),
                      surfaces={k: tuple(sorted(v)) for k, v in surfaces.items()}, groups=groups)
