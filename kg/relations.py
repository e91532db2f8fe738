"""Relations and events from dependency parses, driven by ``ontologies/lexicon/relations.json``.

A frame names trigger lemmas (a verb such as *sign*, or a noun such as *visit*) and
argument paths through the dependency tree; this module walks them and links the
tokens it reaches to resolved entities.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .errors import KgError
from .lexicon import confidence as start, load_json
from .mentions import words
from .model import Predicate
from .resolve import Resolution
from .sentences import sentence_of, tokens_of

PREP_DEPS = ("prep", "agent", "dative")


@dataclass(frozen=True, slots=True)
class Frame:
    """One rule: trigger lemmas, a predicate and where to find its arguments."""

    id: str
    kind: str
    lemmas: frozenset[str]
    predicate: str
    object: tuple[str, ...]
    subject: tuple[str, ...] = ()
    dobj: frozenset[str] = frozenset()
    particle: str = ""
    object_types: frozenset[str] = frozenset()
    named_object: bool = False
    requires_as: frozenset[str] = frozenset()
    acl: frozenset[str] = frozenset()
    partner: str = ""
    pair: bool = False
    light: bool = False
    accuser: bool = False
    parties: bool = False
    inverse: bool = False


#: Where the other parties of a brokered deal are: 'X brokered the deal ... with Y'.
PARTIES = Frame("parties", "noun", frozenset(), "", ("@with", "dobj.@with"))


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation found in one sentence, before modality and time are added."""

    subject: str
    predicate: str
    object: str
    trigger: int
    rule: str
    tokens: tuple[int, ...]
    confidence: float
    role: str = ""
    status: str = ""
    label: str = ""


@lru_cache(maxsize=1)
def predicates() -> dict[str, Predicate]:
    """The ontology properties the rules can produce."""
    data = load_json("lexicon/relations.json")["predicates"]
    return {name: Predicate(id=name, label=p["label"], cameo=p.get("cameo"), wikidata=p.get("wikidata"),
                            symmetric=p.get("symmetric", False), kind=p.get("kind", "event"))
            for name, p in data.items()}


@lru_cache(maxsize=1)
def frames() -> tuple[Frame, ...]:
    """Every verb and noun frame, checked against the predicate list."""
    data = load_json("lexicon/relations.json")
    known = predicates()
    result = []
    for kind in ("verb_frames", "noun_frames"):
        for raw in data[kind]:
            if raw["predicate"] not in known:
                raise KgError(f"relations.json: frame {raw['id']} names unknown predicate {raw['predicate']}",
                              "add it under 'predicates'", 1)
            result.append(Frame(
                id=raw["id"], kind=kind.split("_")[0], lemmas=frozenset(raw["lemmas"]),
                predicate=raw["predicate"], object=tuple(raw.get("object", ())),
                subject=tuple(raw.get("subject", ())), dobj=frozenset(raw.get("dobj", ())),
                particle=raw.get("particle", ""), object_types=frozenset(raw.get("object_types", ())),
                named_object=raw.get("named_object", False),
                requires_as=frozenset(raw.get("requires_as", ())), acl=frozenset(raw.get("acl", ())),
                partner=raw.get("partner", ""), pair=raw.get("pair", False), light=raw.get("light", False),
                accuser=raw.get("accuser", False), parties=raw.get("parties", False),
                inverse=raw.get("inverse", False)))
    return tuple(result)


@lru_cache(maxsize=1)
def frames_by_word() -> dict[str, tuple[tuple[int, Frame], ...]]:
    """(lexicon position, frame) of the frames each trigger word may start."""
    index: dict[str, list[tuple[int, Frame]]] = {}
    for rank, frame in enumerate(frames()):
        for word in frame.lemmas:
            index.setdefault(word, []).append((rank, frame))
    return {word: tuple(found) for word, found in index.items()}


@lru_cache(maxsize=1)
def partner_predicates() -> dict[str, frozenset[str]]:
    """Where a frame's missing partner is found: the last ties event, or the last accusation."""
    return {k: frozenset(v) for k, v in load_json("lexicon/relations.json")["partner_predicates"].items()}


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(load_json("lexicon/relations.json")["light_verbs"])


def follow(token: Token, path: str) -> list[Token]:
    """Tokens reached from ``token`` along a dotted dependency path."""
    nodes = [token]
    for step in path.split("."):
        reached: list[Token] = []
        for node in nodes:
            if step.startswith("@"):
                reached += [o for c in node.children if c.dep_ in PREP_DEPS and c.lower_ == step[1:]
                            for o in c.children if o.dep_ in ("pobj", "pcomp")]
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
        stands_for_state = bool({token.lemma_.lower(), token.lower_} & (self.proxies | self.of_heads))
        for child in children:
            key = self.resolution.tokens.get(child.i)
            if key and child.dep_ in ("compound", "nmod", "appos") and (
                    stands_for_state or self.type_of(key) not in ("Country", "Territory")):
                return key
        for child in children:
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
        if stands_for_state:
            for child in children:
                if child.dep_ in ("poss", "amod") and self.resolution.tokens.get(child.i):
                    return self.resolution.tokens[child.i]
            for pobj in follow(token, "@in") + follow(token, "@of") + follow(token, "@from") + follow(token, "acl.@to"):
                key = self.resolution.tokens.get(pobj.i)
                if key and self.type_of(key) == "Country":
                    return key
        return self.owner(token, children)

    def owner(self, token: Token, children: list[Token]) -> str | None:
        """'an American journalist', 'a US warship', 'Guyana's claim', 'a British-flagged tanker': a person or
        thing of a state or body stands for it (not an event noun, which is an event of its own)."""
        if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() in event_nouns():
            return None
        tokens, demonym = self.resolution.tokens, self.resolution.demonym
        for child in children:
            key = tokens.get(child.i)
            if key and (child.dep_ == "poss" or (child.dep_ in ("amod", "compound", "nmod") and (
                    child.i in demonym or self.type_of(key) in ("Country", "Territory")))):
                return key
            if child.dep_ == "amod" and child.i >= 2 and token.doc[child.i - 1].text == "-" \
                    and (child.i - 2) in demonym:
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
        linked = [c for c in source.conjuncts if c.i not in self.resolution.demonym or source.i in self.resolution.demonym]
        if source.i == token.i and self.type_of(key) == "Country":  # lists misparsed as modifiers or appositions
            linked += [c for c in token.children if c.dep_ in ("nmod", "appos") and tokens.get(c.i)]
        doc = token.doc
        if source.i >= 2 and doc[source.i - 1].text == "-" and tokens.get(source.i - 2):  # 'the Israel-Hamas war'
            return [(tokens[source.i - 2], doc[source.i - 2])] if tokens[source.i - 2] != key else []
        return [(tokens[c.i], c) for c in linked if tokens.get(c.i) and tokens[c.i] != key
                and self.type_of(tokens[c.i]) == self.type_of(key)]


def is_relative(token: Token) -> bool:
    return token.lower_ in words()["relative_pronouns"]


def relative_head(verb: Token, linker: Linker) -> list[tuple[str, Token]]:
    """'Morocco and Algeria, which backs ...': the conjunct nearest before the pronoun."""
    found = linker.entities(verb.head)
    before = [(k, t) for k, t in found if t.i < verb.i]
    return sorted(before, key=lambda kt: kt[1].i)[-1:] if before else found[:1]


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    """Nouns that name an event in either lexicon: an argument like that is an event, not an actor."""
    words = {n for e in load_json("lexicon/events.json")["entries"] for n in e.get("nouns", ())}
    return frozenset(words | {w for f in frames() if f.kind == "noun" for w in f.lemmas})


@lru_cache(maxsize=1)
def object_control() -> frozenset[str]:
    """Verbs whose object, not subject, does what their complement says ('urged Iran to talk')."""
    return frozenset(load_json("lexicon/events.json")["object_control"])


def controller(verb: Token, linker: Linker) -> list[tuple[str, Token]]:
    """The object that controls an infinitive: 'urged Iran to talk', 'called on Iran to talk'."""
    if verb.lemma_.lower() not in object_control():
        return []
    for path in ("dobj", "@on", "@upon"):
        found = [e for t in follow(verb, path) if t.dep_ != "nsubjpass" for e in linker.entities(t)]
        if found:
            return found
    return []


def named_first(tokens, linker: Linker) -> list[Token]:
    """Tokens that name an entity before those that only stand for one ('army chief General Burhan')."""
    return sorted(tokens, key=lambda t: linker.resolution.tokens.get(t.i) is None)


def verb_subjects(verb: Token, linker: Linker, intransitive: bool = False,
                  depth: int = 0) -> list[tuple[str, Token]]:
    """Who does what the verb says: nsubj, passive agent, relative head, or inherited.

    ``intransitive``: the frame takes no direct object, so a passive-looking
    subject ('Gantz is headed to') is the actor.
    """
    if depth > 4:
        return []
    for child in named_first(verb.children, linker):
        if child.dep_ == "nsubj" or (intransitive and child.dep_ == "nsubjpass"):
            if is_relative(child) and verb.dep_ == "relcl":
                return relative_head(verb, linker)
            found = linker.entities(child)
            if found:
                return found
    agents = follow(verb, "agent")
    if agents:
        return linker.entities(agents[0])
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return linker.entities(verb.head) or [e for t in follow(verb.head, "@between") for e in linker.entities(t)]
    if verb.dep_ == "xcomp" and (controlled := controller(verb.head, linker)):
        return controlled
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return verb_subjects(verb.head, linker, intransitive, depth + 1)
    for child in verb.lefts:
        if child.dep_ == "advcl":
            subjects = [s for c in child.children if c.dep_ == "nsubj" for s in linker.entities(c)]
            if subjects:
                return subjects
    return []


def passive_objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "nsubjpass"]


def objects(trigger: Token, frame: Frame, linker: Linker, extra: Token | None = None) -> list[tuple[str, Token]]:
    """The first object path of the frame that reaches an entity of an allowed type."""
    for start in (trigger, extra) if extra is not None else (trigger,):
        for path in frame.object:
            if path == "dobj" and passive_objects(start):
                reached = passive_objects(start)
            elif path.endswith(".*Product"):
                reached = [t for head in follow(start, path.split(".")[0]) for t in head.subtree]
                found = [(k, t) for t in reached for k in [linker.resolution.tokens.get(t.i)]
                         if k and linker.type_of(k) == "Product"]
                if found:
                    return found[:1]
                continue
            else:
                reached = follow(start, path)
            found = [(k, t) for token in reached for k, t in linker.entities(token)
                     if (not frame.object_types or linker.type_of(k) in frame.object_types)
                     and (not frame.named_object or linker.names(t, k))]
            if found:
                return found
    return []


def dobj_of(verb: Token) -> Token | None:
    """The direct object, the passive subject, or the noun a participle modifies ('a deal signed by')."""
    found = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return found if found is not None or verb.dep_ != "acl" else verb.head


def verb_matches(verb: Token, frame: Frame) -> bool:
    """Trigger lemma, required object noun, particle and 'as' complement all agree."""
    if verb.lemma_.lower() not in frame.lemmas or verb.pos_ not in ("VERB", "AUX"):
        return False
    if frame.particle and not any(c.dep_ == "prt" and c.lower_ == frame.particle for c in verb.children):
        return False
    if frame.dobj:
        obj = dobj_of(verb)
        if obj is None or (obj.lemma_.lower() not in frame.dobj and obj.lower_ not in frame.dobj):
            return False
    if frame.requires_as:
        complements = [t.lemma_.lower() for path in ("@as", "ccomp", "oprd") for t in follow(verb, path)]
        if not frame.requires_as.intersection(complements):
            return False
    return True


def light_verb_of(noun: Token) -> Token | None:
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in light_verbs() and head.pos_ == "VERB":
        return head
    return None


def partner_between(trigger: Token, subject: str, linker: Linker) -> list[tuple[str, Token]]:
    """'an agreement between the two countries': the other country of the sentence."""
    sentence = sentence_of(trigger)
    text = sentence.text.lower()
    if not any(cue in text for cue in ("between", "bilateral", "two countries", "both countries")):
        return []
    for token in sentence:
        key = linker.resolution.tokens.get(token.i)
        if key and key != subject and linker.type_of(key) == "Country" \
                and token.i not in linker.resolution.demonym:
            return [(key, token)]
    return []


def partner_ties(subject: str, earlier: list[Relation]) -> list[str]:
    """'broke them off': the other party of the last ties event of the subject."""
    for relation in reversed(earlier):
        if relation.predicate in partner_predicates()["ties"] and subject in (relation.subject, relation.object):
            return [relation.object if relation.subject == subject else relation.subject]
    return []


def make_relation(subject: str, predicate: str, obj: str, trigger: Token, rule: str, tokens: list[Token],
                  linker: Linker, confidence: float) -> Relation | None:
    """A relation between two different entities; each argument found by inference costs confidence."""
    if subject == obj:
        return None
    inferred = sum(1 for t in tokens if t.i in linker.resolution.inferred)
    table = load_json("lexicon/confidence.json")
    return Relation(subject=subject, predicate=predicate, object=obj, trigger=trigger.i, rule=rule,
                    tokens=tuple(sorted({trigger.i, *(t.i for t in tokens)})),
                    confidence=round(max(table["floor"], confidence - table["per_inferred_argument"] * inferred), 2))


def make(subject: str, frame: Frame, obj: str, trigger: Token, tokens: list[Token],
         linker: Linker, confidence: float) -> Relation | None:
    if frame.inverse:
        subject, obj = obj, subject
    return make_relation(subject, frame.predicate, obj, trigger, frame.id, tokens, linker, confidence)


def verb_relations(verb: Token, frame: Frame, linker: Linker, earlier: list[Relation]) -> Iterator[Relation]:
    subjects = verb_subjects(verb, linker, intransitive="dobj" not in frame.object)
    found = objects(verb, frame, linker)
    for subject, subject_token in subjects:
        pairs = [(k, t, start("frame_verb_object")) for k, t in found]
        if not pairs and frame.partner == "between":
            pairs = [(k, t, start("frame_partner_between")) for k, t in partner_between(verb, subject, linker)]
        if not pairs and frame.partner:
            pairs = [(k, t, start("frame_partner_coordination")) for k, t in subjects if k != subject]
        if not pairs and frame.partner == "ties":
            pairs = [(k, verb, start("frame_partner_ties")) for k in partner_ties(subject, earlier)]
        if not pairs and frame.partner == "accuser":
            pairs = [(r.subject, verb, start("frame_partner_accuser")) for r in earlier[::-1]
                     if r.predicate in partner_predicates()["accuser"]
                     and r.object == subject][:1]
        for obj, obj_token, confidence in pairs:
            relation = make(subject, frame, obj, verb, [subject_token, obj_token], linker, confidence)
            if relation:
                yield relation


def noun_relations(noun: Token, frame: Frame, linker: Linker) -> Iterator[Relation]:
    if frame.acl:
        participles = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in frame.acl]
        if not participles:
            return
        actors = follow(participles[0], "agent") + follow(participles[0], "nsubj")
        subjects = linker.entities(actors[0]) if actors else []
    else:
        subjects = [e for path in frame.subject for t in follow(noun, path) for e in linker.entities(t)]
    light = light_verb_of(noun)
    if not subjects and light is not None:
        subjects = verb_subjects(light, linker)
    if not subjects and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
        subjects = verb_subjects(noun.head.head, linker)
    governor = noun.head if frame.pair and noun.dep_ in ("nsubj", "nsubjpass") else None
    found = objects(noun, frame, linker, light or governor)
    if frame.pair and not subjects and len(found) > 1:
        subjects, found = found[:1], found[1:]
    if frame.pair and not found and len(subjects) > 1:
        subjects, found = subjects[:1], subjects[1:]
    if frame.accuser or frame.parties:
        clause = noun.head if noun.head.pos_ in ("VERB", "AUX") else noun.head.head
        found = found or verb_subjects(clause, linker)
        if frame.parties:
            found += objects(clause, PARTIES, linker)
    for subject, subject_token in subjects:
        for obj, obj_token in found:
            relation = make(subject, frame, obj, noun, [subject_token, obj_token], linker, start("frame_noun"))
            if relation:
                yield relation


@lru_cache(maxsize=1)
def hyphen_frames() -> dict[str, dict]:
    """Participle -> frame for 'Qatar-brokered', 'Iran-backed', 'Saudi-led'."""
    return {word: frame for frame in load_json("lexicon/relations.json")["hyphen_frames"] for word in frame["words"]}


def hyphen_relations(token: Token, linker: Linker) -> Iterator[Relation]:
    """'the Qatar-brokered deal between Israel and Hamas', 'Iran-backed Hezbollah'."""
    frame = hyphen_frames().get(token.lower_)
    doc = token.doc
    if frame is None or token.i < 2 or doc[token.i - 1].text != "-":
        return
    subject = linker.resolution.tokens.get(token.i - 2)
    noun = token.head if token.head.i != token.i else None
    if not subject or noun is None:
        return
    if frame["object"] == "parties":
        clause = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else noun
        parties = [e for t in follow(noun, "@between") for e in linker.entities(t)] or verb_subjects(clause, linker)
    else:
        parties = linker.entities(noun)
    rule = Frame(frame["id"], "hyphen", frozenset(frame["words"]), frame["predicate"], ())
    for obj, obj_token in parties:
        relation = make(subject, rule, obj, token, [doc[token.i - 2], obj_token], linker, start("hyphen"))
        if relation:
            yield relation


def frame_relations(token: Token, linker: Linker, earlier: list[Relation]) -> list[Relation]:
    """The relations of the first frame that matches at a token."""
    by_word = frames_by_word()
    candidates = dict(by_word.get(token.lemma_.lower(), ()) + by_word.get(token.lower_, ()))
    for _, frame in sorted(candidates.items()):
        if frame.kind == "verb" and verb_matches(token, frame):
            found = list(verb_relations(token, frame, linker, earlier))
        elif frame.kind == "noun" and token.pos_ in ("NOUN", "PROPN"):
            found = list(noun_relations(token, frame, linker))
        else:
            continue
        if found:
            return found
    return []
