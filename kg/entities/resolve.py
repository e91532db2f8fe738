"""Entity resolution: one canonical Entity per real-world thing across a document.

Mentions are linked through the gazetteer (aliases, codes), metonymy (a capital acting
for its state), demonyms, surnames of people named in full and generic institutions of a
state; :mod:`kg.coreference` then links descriptions and pronouns that refer back. Every surface form
linked to an entity under another name is kept as a :class:`Merge`, with the reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.entities.ambiguous import chosen
from kg.entities.coreference import refer_back
from kg.entities.home import dispatch_homes, known_countries, place_state, place_states, title_states
from kg.gazetteer import Gazetteer, entity_key, surface_variants
from kg.entities.mentions import repair_type, words
from kg.entities.shortnames import link_aliases, link_repeats, link_short_forms, short_names
from kg.model import Entity, Mention
from kg.parse.sentences import tokens_of

REASONS = {"seat": "capital", "demonym": "demonym"}  # the EntityRuler's hint kinds, as merge reasons


@dataclass(frozen=True, slots=True)
class Merge:
    """A surface form resolved to an entity of another name, why, and the token it starts at."""

    entity: str
    form: str
    reason: str
    token: int


@dataclass(frozen=True, slots=True)
class Resolution:
    """Entities of one document and which tokens refer to them.

    ``tokens`` maps a token index to an entity key; ``inferred`` holds the token
    indices linked by description or pronoun rather than by name;
    ``demonym`` the tokens that are adjectives of a country (Israeli); ``homes`` the state each dispatch is filed from.
    """

    entities: dict[str, Entity]
    tokens: dict[int, str]
    inferred: frozenset[int] = frozenset()
    demonym: frozenset[int] = frozenset()
    surfaces: dict[str, tuple[str, ...]] = field(default_factory=dict)
    groups: dict[int, tuple[str, ...]] = field(default_factory=dict)
    merges: tuple[Merge, ...] = ()
    homes: tuple[tuple[int, str | None], ...] = ()  # (first token, state it is filed from) of each dispatch
    places: dict[str, str] = field(default_factory=dict)  # a capital, province or big city -> its state's key
    titled: dict[str, str | None] = field(default_factory=dict)  # a person named with a bare title -> its state

    @property
    def home(self) -> str | None:
        """The state the story is filed from, when it is about it (kg.entities.home)."""
        return self.homes[0][1] if self.homes else None

    def home_at(self, index: int) -> str | None:
        """The home state of the dispatch a token is in."""
        return next((home for first, home in reversed(self.homes) if first <= index), self.home)

    def known_state(self, key: str) -> str | None:
        """The state the gazetteer gives a known person, if the text names it."""
        known = known_countries().get(key)
        return known if known in self.entities else None

    def home_of(self, key: str) -> str | None:
        """The state a bare title of this person is of: the one the gazetteer knows ('Secretary of State Antony
        Blinken' in a story filed from Manila), else the one the text names the title with (``titled``), else the
        story's home state."""
        if key in known_countries():
            return self.known_state(key)
        return self.titled[key] if key in self.titled else self.home

    def entity_at(self, token: Token) -> Entity | None:
        key = self.tokens.get(token.i)
        return self.entities[key] if key else None


def is_locative(doc: Doc, mention: Mention) -> bool:
    """A place name used as a location (in Rabat, Paris-based), not as an actor."""
    head = doc[mention.token_start:mention.token_end].root
    if head.dep_ == "pobj" and head.head.lower_ in words()["locative_prepositions"]:
        return True
    after = doc[mention.token_end:mention.token_end + 2]
    return len(after) == 2 and after[0].text == "-" and after[1].lower_ in words()["locative_participles"]


def without_honorific(name: str) -> str:
    """'Prince Faisal bin Farhan' -> 'Faisal bin Farhan', 'Mr Li' -> 'Li'."""
    first, _, rest = name.partition(" ")
    return rest if rest and first in words()["honorifics"] else name


def person_of(surface: str, people: dict[str, str]) -> str | None:
    """The key of a person named in full whose name ends with this surname, or else the one person
    whose name begins with it (family names first: 'Li' for 'Li Keqiang'); honorifics aside ('Prince Faisal')."""
    surface = without_honorific(surface)
    people = {without_honorific(name): key for name, key in people.items()}
    for name, key in people.items():
        if name.endswith((" " + surface, "-" + surface)):
            return key
    first = {key for name, key in people.items() if name.startswith(surface + " ")}
    if " " not in surface and len(first) == 1:
        return first.pop()
    return people.get(surface)


def link_surnames(doc: Doc, tokens: dict[int, str], people: dict[str, str], short: dict[str, str]) -> list[Merge]:
    """Bare surnames NER missed ('Burhan met ...') link to the person named in full,
    and an organisation's last word ('the Guards') to the organisation."""
    merges = []
    for token in tokens_of(doc):
        if token.i not in tokens and token.pos_ == "PROPN" and token.is_title:
            key = person_of(token.text, people)
            if key or token.text in short:
                tokens[token.i] = key or short[token.text]
                merges.append(Merge(tokens[token.i], token.text, "surname" if key else "short name", token.i))
    return merges


def institution_label(doc: Doc, mention: Mention, gazetteer: Gazetteer,
                      key_of_token: dict[int, str], entities: dict[str, Entity], home: str | None = None) -> str | None:
    """'Defence Ministry' of Israel -> 'Israeli Defence Ministry'; None if not generic.

    The state comes from the name itself ('US Navy'), a possessive or modifier
    ('Israel's Defence Ministry', 'the Iranian navy'), the words just before it, or else
    the only state the text names, or the state the story is filed from (so that 'the Supreme Court' of one
    article is not every article's Supreme Court).
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
        inside = range(mention.token_start, mention.token_end)
        key = next((key_of_token[i] for i in nearby if i in key_of_token and i not in inside), None) \
            or sole_state(entities) or home
    state = entities.get(key) or gazetteer.entities.get(key)
    if state is None or state.type not in ("Country", "Territory"):
        return None
    name = " ".join(w if w in ("of", "and", "the") else w[:1].upper() + w[1:] for w in name.split())
    return f"{gazetteer.adjectives.get(key, state.label)} {name}"


def sole_state(entities: dict[str, Entity]) -> str | None:
    states = [key for key, entity in entities.items() if entity.type == "Country"]
    return states[0] if len(states) == 1 else None


def initials(name: str) -> str:
    """'Rapid Support Forces' -> 'RSF' (capitalised words only)."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def reason_of(mention: Mention, entity: Entity, kind: str, gazetteer: Gazetteer) -> str:
    """Why a mention was linked to an entity of another name."""
    if kind in REASONS:
        return REASONS[kind]
    if entity.key in gazetteer.entities:
        return "alias"
    if mention.text == initials(entity.label):
        return "acronym"
    return "surname" if entity.type == "Person" else "institution"


def written_label(doc: Doc, text: str, gazetteer: Gazetteer) -> str:
    """An all-capitals form ('KABUL', a dateline left in the text) is labelled as the known place it is or as the
    text writes it elsewhere ('Kabul'); an acronym stays as it is."""
    title = text.title()
    if not text.isupper() or len(text) < 3 or title == text:
        return text
    return title if place_state(title, gazetteer) is not None or title in doc.text else text


def link(entities: dict[str, Entity], tokens: dict[int, str], mention: Mention, entity: Entity) -> None:
    entities.setdefault(entity.key, entity)
    tokens.update({i: entity.key for i in range(mention.token_start, mention.token_end)})


def link_names(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer, people: dict[str, str],
               entities: dict[str, Entity], tokens: dict[int, str], choices: dict[str, Entity]) -> set[int]:
    """Link named mentions by gazetteer, metonymy, demonyms, surnames and acronyms (an ambiguous name as the text's
    cues choose); the demonyms' tokens."""
    demonym_tokens: set[int] = set()
    acronyms = {initials(m.text): m.text for m in mentions if m.label == "ORG" and len(m.text.split()) > 1}
    named: dict[str, Entity] = {}  # a name is one thing throughout: 'the village of Mandera' ... 'Mandera officials'
    for mention in mentions:
        kind, _, key = mention.hint.rpartition(":")
        choice = choices.get(surface_variants(mention.text)[-1])
        key = choice.key if choice is not None else key
        if key and kind == "seat" and is_locative(doc, mention):
            link(entities, tokens, mention, Entity(entity_key("Place", mention.text), mention.text, "Place"))
        elif key in gazetteer.entities:
            link(entities, tokens, mention, gazetteer.entities[key])
            if kind == "demonym":
                demonym_tokens.update(range(mention.token_start, mention.token_end))
        elif mention.label in ("PERSON", "ORG", "PRODUCT", "GPE") and (key := person_of(mention.text, people)):
            link(entities, tokens, mention, Entity(key, next(n for n, k in people.items() if k == key), "Person"))
        elif mention.label in words()["ner_types"]:
            type_ = words()["ner_types"][mention.label]
            known = gazetteer.lookup(mention.text)
            if known is None and mention.text in acronyms:
                known = Entity(entity_key("Organization", acronyms[mention.text]), acronyms[mention.text],
                               "Organization", aliases=(mention.text,))
            label = written_label(doc, mention.text, gazetteer)
            entity = known or named.get(mention.text) or Entity(entity_key(type_, label), label, type_)
            named.setdefault(mention.text, entity)
            link(entities, tokens, mention, entity)
    return demonym_tokens


def resolve_mentions(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer, dateline: str = "",
                     dispatches: tuple[tuple[int, str], ...] = ()) -> tuple[dict, dict, set, list[Merge], tuple]:
    """Link named mentions: gazetteer, metonymy, demonyms, surnames, institutions; and each dispatch's home state."""
    mentions = [repair_type(doc, m) for m in mentions]
    entities: dict[str, Entity] = {}
    tokens: dict[int, str] = {}
    people = {m.text: entity_key("Person", m.text) for m in mentions
              if m.label == "PERSON" and m.token_end - m.token_start > 1}
    choices = chosen(f"{dateline}\n{doc.text}", gazetteer)
    demonym_tokens = link_names(doc, mentions, gazetteer, people, entities, tokens, choices)
    homes = dispatch_homes(doc, dispatches or ((0, dateline),), gazetteer, tokens, entities, choices)
    for mention in mentions:
        home = next((h for first, h in reversed(homes) if first <= mention.token_start), None)
        label = institution_label(doc, mention, gazetteer, tokens, entities, home)
        if label:
            link(entities, tokens, mention, Entity(entity_key("Organization", label), label, "Organization",
                                                   aliases=(mention.text,)))
    link_repeats(doc, mentions, tokens)
    short = short_names(mentions, tokens)
    link_short_forms(mentions, tokens, short)
    link_aliases(doc, tokens)
    merges = link_surnames(doc, tokens, people, short)
    for index in [i for i, key in tokens.items() if key not in entities]:  # a name no entity was made for
        del tokens[index]
    return entities, tokens, demonym_tokens, merges, homes


def named_merges(mentions: list[Mention], tokens: dict[int, str], entities: dict[str, Entity],
                 gazetteer: Gazetteer) -> list[Merge]:
    """The mentions resolved to an entity under another name, each with its reason."""
    found = []
    for mention in mentions:
        entity = entities.get(tokens.get(mention.token_start, ""))
        if entity is not None and mention.text != entity.label:
            reason = reason_of(mention, entity, mention.hint.rpartition(":")[0], gazetteer)
            found.append(Merge(entity.key, mention.text, reason, mention.token_start))
    return found


def description(token: Token) -> str:
    """The words of a description or pronoun, up to its head ('the North African kingdom', 'it')."""
    return token.doc[token.left_edge.i:token.i + 1].text if token.left_edge.i < token.i else token.text


def resolve(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer, dateline: str = "",
            dispatches: tuple[tuple[int, str], ...] = ()) -> Resolution:
    """Resolve every mention, then link descriptions and pronouns to what came before. ``dispatches``: each
    dateline cut with where its dispatch starts (a character of the text); else ``dateline`` is the whole text's."""
    entities, tokens, demonym_tokens, merges, homes = resolve_mentions(doc, mentions, gazetteer, dateline, dispatches)
    inferred, groups = refer_back(doc, entities, tokens, gazetteer, homes)
    merges += named_merges(mentions, tokens, entities, gazetteer)
    merges += [Merge(tokens[i], description(doc[i]), "coreference", i) for i in sorted(inferred)]
    used = set(tokens.values())
    surfaces: dict[str, set[str]] = {}
    for mention in mentions:
        key = tokens.get(mention.token_start)
        if key:
            surfaces.setdefault(key, set()).add(mention.text)
    places = place_states(entities, used, gazetteer)
    used |= set(places.values())
    return Resolution(entities={k: e for k, e in entities.items() if k in used}, tokens=tokens,
                      inferred=frozenset(inferred), demonym=frozenset(demonym_tokens),
                      surfaces={k: tuple(sorted(v)) for k, v in surfaces.items()}, groups=groups,
                      merges=tuple(m for m in merges if m.entity in used), homes=homes, places=places,
                      titled=title_states(doc, tokens, entities, homes))
