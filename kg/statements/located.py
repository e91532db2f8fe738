"""Where an attack lands when what it hits is no actor: 'stormed a hotel in Mogadishu', 'struck hideouts of
militants inside Afghanistan', 'strikes on what it called hideouts inside Iran'. The state the object is
located in (a city's state, when the gazetteer knows it) is the target; the place itself is no actor.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.lexicon import load_json
from kg.entities.linker import Linker, follow

Found = list[tuple[str, Token]]
#: Steps that stay inside the object's phrase: a preposition's object, coordination; and from a verb, what it
#: says its object is ('hit what Tehran called spy headquarters', 'struck what it said were bases').
STEPS = ("pobj", "pcomp", "oprd", "attr", "conj", "appos")
VERB_STEPS = ("ccomp", "oprd", "attr", "dobj")
STATES = ("Country", "Territory")


@lru_cache(maxsize=1)
def located_prepositions() -> frozenset[str]:
    """Prepositions that say where a thing is ('in', 'inside', 'near', 'across')."""
    return frozenset(load_json("lexicon/events.json")["located_prepositions"])


def state_of(token: Token, linker: Linker) -> Found:
    """The states a place phrase names: a country or territory, the state of a city or province it names, or
    its possessive ("Russia's Kursk region")."""
    owners = [e for c in token.children if c.dep_ == "poss" for e in linker.entities(c)]
    for candidates in (linker.entities(token), owners):
        found: Found = []
        for key, named in candidates:
            state = key if linker.type_of(key) in STATES else linker.resolution.places.get(key)
            if state and state not in [k for k, _ in found]:
                found.append((state, named))
        if found:
            return found
    return []


def located(starts: list[Token], linker: Linker) -> Found:
    """The first state one of the phrases is located in, through its place prepositions (and 'of' phrases:
    'hideouts of militants inside Afghanistan')."""
    todo, seen = list(starts), set()
    while todo:
        node = todo.pop(0)
        if node.i in seen:
            continue
        seen.add(node.i)
        for child in node.children:
            if child.dep_ == "prep" and (child.lower_ in located_prepositions() or child.lower_ == "of"):
                places = [o for o in child.children if o.dep_ == "pobj"]
                found = [e for o in places for e in state_of(o, linker)] if child.lower_ != "of" else []
                if found:
                    return found
                todo += places
            elif child.dep_ in (VERB_STEPS if node.pos_ in ("VERB", "AUX") else STEPS):
                todo.append(child)
    return []


def located_target(trigger: Token, paths: tuple[str, ...], linker: Linker, light: Token | None = None) -> Found:
    """An attack's target as where its object is: the object of the trigger's target paths (itself when it is
    a place of a state: 'entered Russia's Kursk region'), or the verb's own place (a noun's is only where it
    happened, 'an attack by X in Y', unless its light verb has it: 'resumed strikes across Gaza'), located in
    a state. Not for an event noun named only as where something happened to an actor ('killed 12 fighters
    in a raid in Helmand'), nor through a clause a preposition takes ('fired at ships in what they say is
    solidarity with Palestinians in Gaza')."""
    if trigger.pos_ not in ("VERB", "AUX"):
        verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        if verb.i != trigger.i and any(linker.entities(c) for c in verb.children
                                       if c.dep_ == "dobj" and c.i != trigger.i):
            return []
    objects = [t for path in paths for t in follow(trigger, path.split(".")[0])
               if t.i != trigger.i and t.dep_ != "pcomp"]  # 'in what they say is solidarity with X in Gaza
    own = trigger if trigger.pos_ in ("VERB", "AUX") else light
    return next((found for o in objects if (found := state_of(o, linker))), None) \
        or located([*([own] if own is not None else []), *objects], linker)


def armed(agents: Found, linker: Linker) -> Found:
    """The agents that are a state's or group's forces: named ('Israel crossed into') or armed ('Israeli troops
    entered'), not its people ('hundreds of Sudanese refugees crossed into Chad')."""
    words = frozenset(load_json("lexicon/events.json")["armed_agents"])
    return [(k, t) for k, t in agents
            if t.i in linker.resolution.tokens or t.lemma_.lower() in words or t.lower_ in words]


def home_target(token: Token, linker: Linker) -> Found:
    """The state the token's dispatch is filed from ('ALGIERS - ... during a visit by Meloni': Algeria)."""
    home = next((h for first, h in reversed(linker.resolution.homes) if first <= token.i), None)
    return [(home, token)] if home and home in linker.resolution.entities else []
