"""Relations and events from dependency parses, driven by ``ontologies/lexicon/relations.json``.

A frame names trigger lemmas (a verb such as *sign*, or a noun such as *visit*) and
argument paths through the dependency tree; this module walks them and links the
tokens it reaches to resolved entities.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Token

from kg.statements.clauses import clause_prepositions, gerund_object, responsible_verb, verb_subjects
from kg.statements.frames import PARTIES, Frame, frames_by_word, light_verbs, partner_predicates
from kg.statements.modality import modality
from kg.lexicon import confidence as start_confidence
from kg.lexicon import load_json
from kg.entities.linker import Linker, follow
from kg.parse.sentences import sentence_of


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
    claimant: str = ""


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
                     and (not frame.named_object or linker.names(t, k))
                     and not (frame.visitor and are_people(token, linker))]
            if found:
                return found
    return []


def are_people(token: Token, linker: Linker) -> bool:
    """'thousands of Sudanese refugees', 'tourists': people of a state who are not its agents."""
    while token is not None:
        if {token.lemma_.lower(), token.lower_} & linker.non_state:
            return True
        token = next(iter(follow(token, "@of")), None)
    return False


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


def placed(verb: Token, frame: Frame, linker: Linker) -> bool:
    """A frame that needs a place: one of its prepositions names a resolved place, building or state."""
    return not frame.place or any(linker.resolution.tokens.get(t.i) for p in frame.place for t in follow(verb, f"@{p}"))


def light_verb_of(noun: Token) -> Token | None:
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in light_verbs() and head.pos_ == "VERB":
        return head
    return None


def partner_between(trigger: Token, subject: str, linker: Linker) -> list[tuple[str, Token]]:
    """'an agreement between the two countries': the other country of the sentence."""
    sentence = sentence_of(trigger)
    text = sentence.text.lower()
    if not any(cue in text for cue in load_json("lexicon/relations.json")["between_cues"]):
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
    relation = make_relation(subject, frame.predicate, obj, trigger, frame.id, tokens, linker, confidence)
    if relation is None or not (frame.claimant or frame.status):
        return relation
    claimants = [k for path in frame.claimant for t in follow(trigger, path) for k, _ in linker.entities(t) if k != obj]
    return replace(relation, claimant=claimants[0] if claimants else "", status=frame.status)


def verb_relations(verb: Token, frame: Frame, linker: Linker, earlier: list[Relation]) -> Iterator[Relation]:
    subjects = verb_subjects(verb, linker, intransitive="dobj" not in frame.object)
    found = objects(verb, frame, linker)
    for subject, subject_token in subjects:
        pairs = [(k, t, start_confidence("frame_verb_object")) for k, t in found]
        if not pairs and frame.partner == "between":
            between = partner_between(verb, subject, linker)
            pairs = [(k, t, start_confidence("frame_partner_between")) for k, t in between]
        if not pairs and frame.partner:
            pairs = [(k, t, start_confidence("frame_partner_coordination")) for k, t in subjects if k != subject]
        if not pairs and frame.partner == "ties":
            pairs = [(k, verb, start_confidence("frame_partner_ties")) for k in partner_ties(subject, earlier)]
        if not pairs and frame.partner == "accuser":
            pairs = [(r.subject, verb, start_confidence("frame_partner_accuser")) for r in earlier[::-1]
                     if r.predicate in partner_predicates()["accuser"]
                     and r.object == subject][:1]
        for obj, obj_token, confidence in pairs:
            relation = make(subject, frame, obj, verb, [subject_token, obj_token], linker, confidence)
            if relation:
                yield relation


def noun_relations(noun: Token, frame: Frame, linker: Linker) -> Iterator[Relation]:
    if frame.acl:
        participles = [c for c in noun.children if c.dep_ in ("acl", "relcl", "amod") and c.lemma_.lower() in frame.acl]
        if not participles:
            return  # 'talks hosted by Turkey'; 'Turkey hosted talks' parsed as 'Turkey-hosted talks' (npadvmod)
        actors = follow(participles[0], "agent") + follow(participles[0], "nsubj") + follow(participles[0], "npadvmod")
        subjects = linker.entities(actors[0]) if actors else []
    else:
        subjects = [e for path in frame.subject for t in follow(noun, path) for e in linker.entities(t)]
    light = light_verb_of(noun)
    if not subjects and light is not None:
        subjects = verb_subjects(light, linker)
    subjects = subjects or gerund_object(noun, linker) or []  # 'blamed Pakistan for the attack'
    if not subjects and (claimant := responsible_verb(noun)) is not None:  # 'claimed responsibility for the bombing'
        subjects = verb_subjects(claimant, linker)
    if not subjects and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" \
            and noun.head.lower_ in clause_prepositions():
        subjects = verb_subjects(noun.head.head, linker)
    governor = noun.head if frame.pair and noun.dep_ in ("nsubj", "nsubjpass") else None
    found = [(k, t) for k, t in objects(noun, frame, linker, light or governor) if not where_only(noun, t, linker)]
    if frame.pair and not subjects and len(found) > 1:
        subjects, found = found[:1], found[1:]
    if frame.pair and not found and len(subjects) > 1:
        subjects, found = subjects[:1], subjects[1:]
    if frame.accuser or frame.parties:
        clause = clause_verb(noun)
        found = found or verb_subjects(clause, linker)
        if frame.parties:
            found += objects(clause, PARTIES, linker)
    for subject, subject_token in subjects:
        for obj, obj_token in found:
            relation = make(subject, frame, obj, noun, [subject_token, obj_token], linker,
                            start_confidence("frame_noun"))
            if relation:
                yield relation


def clause_verb(noun: Token) -> Token:
    """The verb whose clause a noun stands in, through the nouns and prepositions above it ('agreed to restore
    ties after a rupture in a deal brokered by China': restore); an 'of' phrase is its noun's ('at the start
    of the talks')."""
    node = noun.head
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i and node.lower_ != "of":
        node = node.head
    return node if node.lower_ != "of" else noun.head.head


def where_only(noun: Token, place: Token, linker: Linker) -> bool:
    """'killed 12 Taliban fighters in a raid in Helmand province': a place named only as where an event noun
    happened, in a clause whose verb already has an actor as its object, is the location, not the target."""
    if place.head.lower_ != "in" or place.head.head.i != noun.i:
        return False
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    return verb.i != noun.i and any(linker.entities(c) for c in verb.children if c.dep_ == "dobj" and c.i != noun.i)


def done(verb: Token, frame: Frame, linker: Linker) -> bool:
    """A frame of something that must have happened ('joined NATO') fits only an asserted or reported verb."""
    return not frame.happened or modality(verb, linker).status in ("asserted", "claimed")


def frame_relations(token: Token, linker: Linker, earlier: list[Relation]) -> list[Relation]:
    """The relations of the first frame that matches at a token."""
    by_word = frames_by_word()
    candidates = dict(by_word.get(token.lemma_.lower(), ()) + by_word.get(token.lower_, ()))
    for _, frame in sorted(candidates.items()):
        if frame.kind == "verb" and verb_matches(token, frame) and placed(token, frame, linker) \
                and done(token, frame, linker):
            found = list(verb_relations(token, frame, linker, earlier))
        elif frame.kind == "noun" and token.pos_ in ("NOUN", "PROPN"):
            found = list(noun_relations(token, frame, linker))
        else:
            continue
        if found:
            return found
    return []
