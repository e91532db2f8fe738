"""From tokens to actors: dependency paths, and the Linker that finds the entity a token names or stands for
(compounds, 'of' phrases, state proxies such as 'Israeli troops', coordination, a state's people and things).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.lexicon import load_json
from kg.entities.mentions import words
from kg.entities.resolve import Resolution


PREP_DEPS = ("prep", "agent", "dative")
#: Dependencies that stay inside one noun or verb phrase (with its reduced relatives): a "~@to" step looks through them.
PHRASE_DEPS = ("dobj", "prep", "pobj", "acl", "advmod", "npadvmod", "amod", "compound", "nmod", "nummod", "quantmod",
               "appos")


def in_phrase(token: Token) -> list[Token]:
    """The tokens of a verb's object phrase: its object (or what the parser took for one) and everything the
    object carries, down through modifiers and prepositional phrases (not the verb's own adverbials)."""
    found, todo = [], [c for c in token.children if c.dep_ in ("dobj", "advmod", "npadvmod")]
    while todo:
        node = todo.pop(0)
        found.append(node)
        todo += [c for c in node.children if c.dep_ in PHRASE_DEPS]
    return found


def follow(token: Token, path: str) -> list[Token]:
    """Tokens reached from ``token`` along a dotted dependency path."""
    nodes = [token]
    for step in path.split("."):
        reached: list[Token] = []
        for node in nodes:
            if step.startswith("@"):
                reached += [o for c in node.children if c.dep_ in PREP_DEPS and c.lower_ == step[1:]
                            for o in c.children if o.dep_ in ("pobj", "pcomp")]
            elif step.startswith("~@"):  # a prepositional phrase the parser hung lower ('gave aid on X to Y')
                reached += [o for c in in_phrase(node) if c.dep_ in PREP_DEPS and c.lower_ == step[2:]
                            for o in c.children if o.dep_ == "pobj"]
            elif step == "agent":
                reached += [o for c in node.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            elif step == "^":
                reached += [node.head] if node.dep_ == "acl" and node.head.i != node.i else []
            elif step.startswith("*"):
                reached += list(node.subtree)
            else:
                deps = ("dobj", "nsubjpass") if step == "dobj" else (step,)
                reached += [c for c in node.children if c.dep_ in deps]
        nodes = reached
    return nodes


class Linker:
    """Finds the entities that argument tokens stand for, within one resolution."""

    def __init__(self, doc: Doc, resolution: Resolution):
        self.doc = doc
        self.resolution = resolution
        lexicon = words()
        self.of_heads = set(lexicon["of_heads"])
        self.proxies = set(lexicon["state_proxies"])
        self.non_state = set(lexicon["non_state_agents"])

    def type_of(self, key: str) -> str:
        return self.resolution.entities[key].type

    def direct(self, token: Token) -> str | None:
        """The entity of a token, looking through compounds, 'of' phrases and state proxies."""
        key = self.resolution.tokens.get(token.i)
        if key:
            return key
        for pobj in follow(token, "@including"):
            if self.resolution.tokens.get(pobj.i):
                return self.resolution.tokens[pobj.i]
        children = sorted(token.children, key=lambda c: abs(c.i - token.i))
        if self.not_for_state(token):
            return self.own_group(token, children)
        stands_for_state = bool({token.lemma_.lower(), token.lower_} & (self.proxies | self.of_heads))
        for child in children:
            key = self.resolution.tokens.get(child.i)
            if key and child.dep_ in ("compound", "nmod", "appos") and (
                    stands_for_state or self.type_of(key) not in ("Country", "Territory")):
                return key
        for child in children:
            if child.dep_ == "compound" and self.proxy_compound(child, token):
                return self.direct(child)
            if child.dep_ == "amod" and child.lower_ == "led" and child.i >= 2 and token.doc[child.i - 1].text == "-":
                leader = self.resolution.tokens.get(child.i - 2)
                if leader:
                    return leader
            if child.dep_ == "appos":
                found = self.direct(child)
                if found:
                    return found
        if token.lemma_.lower() in self.of_heads or token.lower_ in self.of_heads:
            for pobj in follow(token, "@of"):
                found = self.direct(pobj)
                if found:
                    return found
        return (self.proxy_of(token, children) if stands_for_state else None) or self.owner(token, children) \
            or self.home_institution(token, children)

    def not_for_state(self, token: Token) -> bool:
        """'Rebels in Yemen fired', 'Myanmar rebels attacked', 'tourists visited': people of a state who are not
        its agents stand for no state as an agent; a protest (CAMEO 14) is the act of its people, coded for the
        state ('Greek protesters marched on the German embassy')."""
        group = token
        while group.dep_ == "pobj" and group.head.lower_ == "of" and group.head.head.lower_ in self.of_heads:
            group = group.head.head  # 'Thousands of Chilean tourists visited'
        protest = group.dep_ == "nsubj" and group.head.lemma_.lower() in protest_verbs()
        return bool({token.lemma_.lower(), token.lower_} & self.non_state) and acts(group) and not protest

    def own_group(self, token: Token, children: list[Token]) -> str | None:
        """Who such a group belongs to: a named group ('Houthi rebels', 'fighters of Hezbollah') or a possessive
        state ("Ithilen's militia"), never a state named as where they are from."""
        tokens = self.resolution.tokens
        for child in children + follow(token, "@of") + follow(token, "@from"):
            key = tokens.get(child.i)
            if key and (child.dep_ == "poss" or self.type_of(key) not in ("Country", "Territory", "Place")) and \
                    child.dep_ in ("compound", "nmod", "appos", "amod", "poss", "pobj"):
                return key
        return None

    def home_institution(self, token: Token, children: list[Token]) -> str | None:
        """'Police arrested ...', 'the foreign ministry said' with no state named, as the agent: the body of that
        kind named before ('Iran's Foreign Ministry ... the foreign ministry'), else the state the story is filed from,
        if it has one ('ANKARA (Reuters) - Police ...'); else no one."""
        is_agent = token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "pobj" and token.head.dep_ == "agent")
        if not is_agent or any(c.dep_ in ("amod", "poss", "nmod", "prep", "appos") for c in children):
            return None
        name = " ".join([c.lower_ for c in children if c.dep_ == "compound"] + [token.lower_])
        if name not in words()["generic_institutions"]:
            return None
        named = [i for i, key in self.resolution.tokens.items() if i < token.i and self.type_of(key) == "Organization"
                 and self.resolution.entities[key].label.lower().endswith(" " + name)]
        return self.resolution.tokens[max(named)] if named else self.resolution.home_at(token.i)

    def proxy_of(self, token: Token, children: list[Token]) -> str | None:
        """The state or body a proxy word stands for: 'Israeli troops', 'officials in Fornost', 'in the White House'
        (not the place an armed group or crowd is in: 'rebels in Iraq')."""
        for child in children:
            if child.dep_ in ("poss", "amod") and self.resolution.tokens.get(child.i):
                return self.resolution.tokens[child.i]
        located = [] if token.lower_ in words()["groups_not_of_place"] else follow(token, "@in")  # 'rebels in Iraq'
        for pobj in located + follow(token, "@of") + follow(token, "@from") + follow(token, "acl.@to"):
            key = self.resolution.tokens.get(pobj.i)
            kind = self.type_of(key) if key else ""
            if kind == "Country" or (kind == "Organization" and pobj.head.lower_ == "in"):
                return key
            if kind == "Place" and pobj.head.lower_ == "in" and key in self.resolution.places:
                return self.resolution.places[key]  # 'police in Istanbul': Turkey's
        return None

    def proxy_compound(self, child: Token, token: Token) -> bool:
        """'the Iraqi government spokesman', 'the Calenardhon army convoy': a compound that stands for a state
        lends it to its head (not to an event noun, which is an event of its own)."""
        return bool({child.lemma_.lower(), child.lower_} & (self.proxies | self.of_heads)) and \
            token.lemma_.lower() not in event_nouns() and self.direct(child) is not None

    def owner(self, token: Token, children: list[Token]) -> str | None:
        """'an American journalist', 'a US warship', 'Guyana's claim', 'a British-flagged tanker', 'Israel-linked
        ships' (not an 'Iran-backed group'): a person or thing of a state or body stands for it (not an event noun,
        which is an event of its own)."""
        if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() in event_nouns():
            return None
        tokens, demonym = self.resolution.tokens, self.resolution.demonym
        for child in children:
            key = tokens.get(child.i)
            if key and (child.dep_ == "poss" or (child.dep_ in ("amod", "compound", "nmod") and (
                    child.i in demonym or self.type_of(key) in ("Country", "Territory")))):
                return key
            if child.dep_ == "amod" and child.i >= 2 and token.doc[child.i - 1].text == "-" and (
                    (child.i - 2) in demonym
                    or (child.lower_ in words()["owner_participles"] and tokens.get(child.i - 2))):
                return tokens.get(child.i - 2)
        return None

    def names(self, token: Token, key: str) -> bool:
        """Whether the token names the entity ('Crimea', 'the town of Bakhmut'), not a thing of it ('Indian ships')."""
        return self.resolution.tokens.get(token.i) == key or token.lemma_.lower() in self.of_heads

    def entities(self, token: Token) -> list[tuple[str, Token]]:
        """Entities of a token and of the tokens coordinated with it or with the name it stands for."""
        found = [(key, token) for key in self.resolution.groups.get(token.i, ())]
        for candidate in (token, *token.conjuncts):
            key = self.direct(candidate)
            if key:
                for linked in ((key, candidate), *self.coordinated(candidate, key)):
                    if linked[0] not in [k for k, _ in found]:
                        found.append(linked)
        return found

    def coordinated(self, token: Token, key: str) -> list[tuple[str, Token]]:
        """'Eriadori and Calenardhon leaders', 'officials in Fornost and Gondor': the conjuncts of the
        name a token stands for; 'Fornost and the evil Gondor' parsed as a modifier of a state."""
        tokens = self.resolution.tokens
        source = next((t for t in token.subtree if tokens.get(t.i) == key), None)
        if source is None:
            return []
        demonym = self.resolution.demonym
        linked = [c for c in source.conjuncts if c.i not in demonym or source.i in demonym]
        if source.i == token.i and self.type_of(key) == "Country":  # lists misparsed as modifiers or appositions
            linked += [c for c in token.children if c.dep_ in ("nmod", "appos") and tokens.get(c.i)]
        doc = token.doc
        if source.i >= 2 and doc[source.i - 1].text == "-" and tokens.get(source.i - 2):  # 'the Israel-Hamas war'
            return [(tokens[source.i - 2], doc[source.i - 2])] if tokens[source.i - 2] != key else []
        return [(tokens[c.i], c) for c in linked if tokens.get(c.i) and tokens[c.i] != key
                and self.type_of(tokens[c.i]) == self.type_of(key)]


def acts(token: Token) -> bool:
    """Whether a noun is in an agent's place: a subject, a possessive or a by-phrase (or coordinated with one)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "csubj", "poss") or (
        token.dep_ == "pobj" and (token.head.dep_ == "agent" or token.head.lower_ == "by"))


def is_relative(token: Token) -> bool:
    return token.lower_ in words()["relative_pronouns"]


def relative_head(verb: Token, linker: Linker) -> list[tuple[str, Token]]:
    """'Morocco and Algeria, which backs ...': the conjunct nearest before the pronoun."""
    found = linker.entities(verb.head)
    before = [(k, t) for k, t in found if t.i < verb.i]
    return sorted(before, key=lambda kt: kt[1].i)[-1:] if before else found[:1]


@lru_cache(maxsize=1)
def protest_verbs() -> frozenset[str]:
    """Verbs of the events lexicon's protest entries (CAMEO root 14)."""
    codes = {name: p.get("cameo") or "" for name, p in load_json("lexicon/relations.json")["predicates"].items()}
    return frozenset(v for e in load_json("lexicon/events.json")["entries"] if codes.get(e["predicate"], "")[:2] == "14"
                     for v in e.get("verbs", ()))


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    """Nouns that name an event in either lexicon: an argument like that is an event, not an actor."""
    nouns = {n for e in load_json("lexicon/events.json")["entries"] for n in e.get("nouns", ())}
    return frozenset(nouns | {w for f in load_json("lexicon/relations.json")["noun_frames"] for w in f["lemmas"]})
