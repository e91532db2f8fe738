"""Coreference: descriptions and pronouns that refer back to entities named before ('the North African
kingdom', 'the Tel Aviv University professor', 'it', 'he', 'they', 'the two leaders').

Each is linked to the most recent fitting entity (by type, region, affiliation, subject position), and
an unresolved 'the al-Qaeda chief' stands between a pronoun and anyone named before it.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.gazetteer import Gazetteer
from kg.entities.descriptions import (argument_states, armed_group, body_state, co_arguments, fits_title,
                                      is_reason_possessive, is_state_body, named_body, relative_antecedent,
                                      reporting_group, state_of_institution, titled_before)
from kg.entities.mentions import words
from kg.model import Entity
from kg.parse.sentences import previous_sentence_start, tokens_of

History = list[tuple[int, str, bool]]


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
        if head.dep_ == "appos":  # 'Sudan's ambassador to the UN, Al-Harith Idriss'
            near += [t for t in head.head.subtree if t.i < head.i]
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


def is_form_of(state: Entity, head: str) -> bool:
    """'the kingdom' is a state whose official name says it is one (Kingdom of Saudi Arabia), not China."""
    if head not in words()["forms_of_state"]:
        return True
    return any(head in name.lower().split() for name in (state.label, *state.aliases))


@lru_cache(maxsize=1)
def describable() -> frozenset[str]:
    """Every word that can start a description or pronoun worth resolving."""
    lexicon = words()
    return frozenset({*lexicon["person_pronouns"], "it", "its", *lexicon["country_heads"], *lexicon["person_roles"],
                      *lexicon["territory_heads"], *lexicon["organisation_heads"], *lexicon["counterpart_nouns"]})


def describe_person(token: Token, lemma: str, named: list[str], history, entities,
                    tokens: dict[int, str]) -> str | None:
    """'the foreign minister', 'the Afghan envoy' (not the Chinese president named before), 'the Queen' (no one)."""
    others = co_arguments(token, tokens)
    if not named and (titled := titled_before(token, history, entities, tokens)) and titled not in others:
        return titled
    return antecedent(history, entities, {"Person"}, prefer_subject=True,
                      accept=lambda k: k not in others and fits_title(k, lemma, token.doc, history, tokens) and (
                          not named or fits_description(k, lemma, named[0], token.doc, history, tokens, entities)))


def national_group(token: Token, named: list[str], history, entities) -> str | None:
    """'the Palestinian group', 'the Lebanese movement': a group described by its country is the group named before."""
    if token.lemma_.lower() not in words()["group_heads"] or not any(c.lower_ == "the" for c in token.children) \
            or any(entities[k].type not in ("Country", "Territory") for k in named):
        return None
    return antecedent(history, entities, {"Organization"})


def own_country(token: Token, history, entities, tokens: dict[int, str]) -> str | None:
    """'his country': the one state the person 'his' stands for was named with."""
    owner = next((tokens[c.i] for c in token.children if c.dep_ == "poss" and c.i in tokens), None)
    if owner is None or entities[owner].type != "Person":
        return None
    states = {k for k in affiliations(owner, token.doc, history, tokens) if entities[k].type == "Country"}
    return states.pop() if len(states) == 1 else None


def describe_pronoun(token: Token, history, entities, tokens: dict[int, str]) -> str | None:
    """'he', 'him', 'it', 'its': the most recent fitting subject; an object pronoun is never another argument of its
    own verb ('met Xi and praised him', 'Iran launched drones at it')."""
    others = co_arguments(token, tokens) if token.tag_ == "PRP" and token.dep_ not in ("nsubj", "nsubjpass") else set()
    if token.lower_ in words()["person_pronouns"]:
        return antecedent(history, entities, {"Person"}, lambda k: k not in others, prefer_subject=True)
    key = relative_antecedent(token, tokens, entities) or antecedent(
        history, entities, {"Country", "Organization", "Territory"}, lambda k: k not in others,
        prefer_subject=not is_reason_possessive(token), since=previous_sentence_start(token),
        subjects_only=token.lower_ == "it")
    return state_of_institution(token, key, history, entities, tokens) or key


def is_title_body(token: Token, lemma: str) -> bool:
    """'a ministry spokesman', 'the agency chief': a bare body word in a title is the body of that kind named
    before ('Iran's Foreign Ministry ... A ministry spokesman')."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in words()["person_roles"] \
        and lemma in words()["organisation_heads"] and not any(True for _ in token.children)


def counterpart(token: Token, named: list[str], history, entities, tokens: dict[int, str]) -> str | None:
    """'his Iranian counterpart': the person named before with Iran (unless the text names him beside it)."""
    states = [k for k in named if entities[k].type == "Country"]
    if not states or any(c.dep_ == "appos" for c in token.children):
        return None
    return antecedent(history, entities, {"Person"}, lambda k: states[0] in affiliations(k, token.doc, history, tokens))


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
    if lemma in lexicon["country_heads"] and any(c.lower_ in lexicon["person_pronouns"] for c in token.children):
        return own_country(token, history, entities, tokens)
    if named and lemma in lexicon["country_heads"]:
        return named[0] if entities[named[0]].type == "Country" else None
    if named and lemma in lexicon["organisation_heads"]:  # 'the Assad regime'; but 'the Palestinian group' is Hamas
        return national_group(token, named, history, entities)
    if (token.lower_ in lexicon["person_pronouns"] and token.pos_ == "PRON") or is_referring_it(token):
        return describe_pronoun(token, history, entities, tokens)
    if lemma in lexicon["counterpart_nouns"]:
        return counterpart(token, named, history, entities, tokens)
    if is_title_body(token, lemma):
        return antecedent(history, entities, {"Organization"}, lambda k: entities[k].label.lower().endswith(lemma))
    inner = {tokens[t.i] for t in token.doc[token.left_edge.i:token.i] if t.i in tokens}  # 'the al-Qaida-linked group'
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if "the" not in determiners or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return None
    if lemma in lexicon["country_heads"] and token.tag_ in ("NN", "NNP"):
        regions, others = region_filter(token), argument_states(token, tokens)
        return antecedent(history, entities, {"Country"}, lambda k: k not in others and is_form_of(entities[k], lemma)
                          and (regions is None or bool(set(regions) & set(gazetteer.regions.get(k, ())))))
    if lemma in lexicon["person_roles"]:
        return describe_person(token, lemma, named, history, entities, tokens)
    if lemma in lexicon["territory_heads"]:
        return antecedent(history, entities, {"Territory"})
    if lemma in lexicon["organisation_heads"] and token.tag_ == "NN":
        return antecedent(history, entities, {"Organization"}, lambda k: k not in inner)
    return None


def group(token: Token, history, entities, tokens: dict[int, str]) -> tuple[str, ...]:
    """'the two leaders', 'both countries', 'both sides' (states or armed groups, never the verb's own subject):
    the two entities of the kind the text is about."""
    if not any(c.lower_ in ("two", "2", "both") for c in token.children if c.dep_ in ("nummod", "det", "predet")):
        return ()
    others = co_arguments(token, tokens)
    for kind, nouns in words()["plural_descriptions"].items():
        if token.lower_ in nouns:
            types = {"Country", "Organization"} if kind == "Party" else {kind}
            return salient_pair([h for h in history if h[1] not in others], entities, types)
    return ()


def salient_pair(history: History, entities: dict[str, Entity], types: set[str]) -> tuple[str, ...]:
    """Of the four most recent distinct entities of a kind, the two named most often so far ('Both countries'
    after 'Riyadh and Tehran agreed ... in a deal brokered by China' are Saudi Arabia and Iran)."""
    keys: list[str] = []
    for _, key, _ in reversed(history):
        if key and entities[key].type in types and key not in keys:
            keys.append(key)
    if types == {"Person"}:  # 'the two leaders' are the two just named
        return tuple(keys[:2]) if len(keys) >= 2 else ()
    counts = {key: sum(1 for _, k, _ in history if k == key) for key in keys[:4]}
    ranked = sorted(keys[:4], key=lambda k: -counts[k])  # stable: equal counts keep the most recent first
    return tuple(ranked[:2]) if len(ranked) >= 2 else ()


def coordinated_subject(pronoun: Token, tokens: dict[int, str]) -> tuple[str, ...]:
    """'they': the nearest coordinated subject before it, in its sentence or the one before, if it names two or more."""
    start = previous_sentence_start(pronoun)
    for token in reversed(pronoun.doc[start:pronoun.i]):
        if token.dep_ in ("nsubj", "nsubjpass") and token.conjuncts:
            keys = tuple(dict.fromkeys(tokens[t.i] for t in (token, *token.conjuncts) if t.i in tokens))
            return keys if len(keys) > 1 else ()
        if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ == "NNS" and token.i not in tokens:
            return owner_of(token, tokens)  # 'Kenyan police said they had arrested ...'
    return ()


def owner_of(group: Token, tokens: dict[int, str]) -> tuple[str, ...]:
    """The state or body a plural description is of ('Kenyan police', 'Hamas fighters'), if named beside it."""
    return tuple(dict.fromkeys(tokens[c.i] for c in group.children
                               if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i in tokens))[:1]


def is_new_person(token: Token) -> bool:
    """'the al-Qaeda chief' that names no one known: a person the text has not named."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in words()["person_roles"] \
        and any(c.lower_ == "the" for c in token.children if c.dep_ == "det")


def plural_reference(token: Token, history: History, entities: dict[str, Entity], tokens: dict[int, str]
                     ) -> tuple[str, ...]:
    """'they' after 'Britain and France', 'the two leaders', 'both countries': the entities meant, if any."""
    if token.lower_ in words()["plural_pronouns"] and token.pos_ == "PRON":
        return coordinated_subject(token, tokens) or reporting_group(token, tokens, entities)
    return group(token, history, entities, tokens) if token.tag_ == "NNS" else ()


def remember(history: History, token: Token, key: str) -> None:
    """Add a mention to the history, as a subject when it (or what it modifies) is one."""
    subject = token.dep_ in ("nsubj", "nsubjpass") or (  # 'Nigeria's army said it', 'the Israeli military said it'
        token.dep_ in ("poss", "compound", "amod") and token.head.dep_ in ("nsubj", "nsubjpass"))
    if history and history[-1][0] == token.i - 1 and history[-1][1] == key:
        history[-1] = (token.i, key, history[-1][2] or subject)
    else:
        history.append((token.i, key, subject))


def refer_back(doc: Doc, entities: dict[str, Entity], tokens: dict[int, str], gazetteer: Gazetteer,
               homes: tuple[tuple[int, str | None], ...] = ()) -> tuple[set[int], dict[int, tuple[str, ...]]]:
    """Link descriptions and pronouns in ``tokens`` (``homes``: each dispatch's home state); the tokens so linked,
    and groups ('they', 'both sides')."""
    history: History = []
    inferred: set[int] = set()
    groups: dict[int, tuple[str, ...]] = {}
    last: list[str] = []  # the armed group last named with its members
    for token in tokens_of(doc):
        key = tokens.get(token.i)
        members = () if key else plural_reference(token, history, entities, tokens)
        if members:
            groups[token.i] = members
            continue
        if key is None and token.pos_ in ("NOUN", "PRON", "PROPN"):
            key = body_state(token, history, entities, tokens, homes) if is_state_body(token, tokens) else (
                describe(token, history, entities, gazetteer, tokens) or named_body(token, history, entities, tokens)
                or armed_group(token, tokens, entities, last))
            if key:
                tokens[token.i] = key
                inferred.add(token.i)
            elif is_new_person(token):
                history.append((token.i, "", False))
        if key:
            remember(history, token, key)
    return inferred, groups
