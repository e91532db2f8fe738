"""Status and attribution of a statement: asserted, planned, claimed, denied, negated,
former or hypothetical, and who says so. Cues come from ``ontologies/lexicon/modality.json``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Token

from kg.lexicon import load_json
from kg.entities.linker import Linker, event_nouns
from kg.statements.clauses import responsible_verb
from kg.parse.sentences import sentence_of

CLAUSE_LINKS = ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "parataxis")


@dataclass(frozen=True, slots=True)
class Modality:
    status: str
    attributed_to: str | None = None
    cue: str = ""


@lru_cache(maxsize=1)
def cues() -> dict:
    return {k: (set(v) if isinstance(v, list) else v) for k, v in load_json("lexicon/modality.json").items()}


def clause_verb(token: Token) -> Token:
    """The verb whose clause a trigger belongs to (a noun's light verb, or itself)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and token.dep_ not in CLAUSE_LINKS:
        token = token.head
    return token


def auxiliaries(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def governing_auxiliaries(verb: Token) -> set[str]:
    """The auxiliaries of a verb and of the verbs it complements ('would continue to press')."""
    found = auxiliaries(verb)
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
        found |= auxiliaries(verb)
    return found


def is_negated(verb: Token, trigger: Token) -> bool:
    negations = cues()["negations"]
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
               for t in {verb, trigger} for c in t.children if c.lower_ in negations) or neither_subject(verb)


def neither_subject(verb: Token) -> bool:
    """'Neither Armenia nor Azerbaijan signed': a subject that 'neither' opens denies the verb of all its conjuncts."""
    return any(g.lower_ == "neither" and g.i < s.i for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")
               for g in s.children)


def is_former(verb: Token) -> bool:
    """'no longer recognises', 'formerly backed': true once, not now."""
    return any(a.lower_ in cues()["former_adverbs"]
               and (a.lower_ != "longer" or any(n.lower_ == "no" for n in a.children))
               for a in verb.children if a.dep_ == "advmod")


def is_adjunct(trigger: Token) -> bool:
    """An event noun in its clause's adverbial ('did not clash during a visit'): not negated with the clause."""
    head = trigger.head
    return trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and head.dep_ == "prep" \
        and head.lower_ in load_json("lexicon/events.json")["clause_prepositions"]


def is_reported_event(trigger: Token) -> bool:
    """An event noun that a verb speaks of ('did not condemn Russia's invasion'): the clause's negation, future
    or condition is about the speaking, not about the event (a light verb's noun, 'did not hold talks', is not)."""
    head = trigger.head
    return trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and head.pos_ == "VERB" \
        and head.lemma_.lower() not in load_json("lexicon/events.json")["light_verbs"] and not undone_by(head)


def is_topic(trigger: Token) -> bool:
    """An event noun that names what another event is about ('Israel-Hamas ceasefire talks', 'trade deal')."""
    return trigger.pos_ == "NOUN" and trigger.dep_ == "compound" and \
        bool({trigger.head.lemma_.lower(), trigger.head.lower_} & event_nouns())


def demanded(trigger: Token) -> bool:
    """An event noun that is asked for ('called for a ceasefire', 'demanded talks') has not happened."""
    head, demands = trigger.head, cues()["demand_verbs"]
    if trigger.pos_ != "NOUN":
        return False
    if trigger.dep_ == "dobj":
        return head.lemma_.lower() in demands
    return trigger.dep_ == "pobj" and f"{head.head.lemma_.lower()} {head.lower_}" in demands


def undone_by(verb: Token) -> bool:
    return verb.lemma_.lower() in cues()["ending_verbs"] | cues()["postponing_verbs"] | cues()["blocking_verbs"]


def has_condition(verb: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ in cues()["conditional_markers"] for m in verb.subtree)


def grammatical_status(verb: Token, trigger: Token) -> str:
    """Status from the clause itself: negation, future, conditional, intent."""
    c = cues()
    aux = auxiliaries(verb)
    if is_former(verb):
        return "former"
    if is_negated(trigger if is_adjunct(trigger) else verb, trigger):
        return "negated"
    if aux & c["hypothetical_auxiliaries"] or has_condition(verb):
        return "hypothetical"
    if aux & c["future_auxiliaries"]:
        return "planned"
    governor = verb.head.lemma_.lower() if verb.dep_ in ("xcomp", "acl") else ""  # 'Moscow's failure to defend it'
    if governor in c["negative_intent_verbs"]:
        return "negated"
    if governor in c["implicative_verbs"]:  # 'would continue to press': the status of the continuing
        return grammatical_status(verb.head, verb.head)
    if "to" in aux and verb.dep_ in ("xcomp", "acl", "advcl", "relcl", "ccomp"):
        return "asserted" if first_to(verb) else "planned"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in c["intent_verbs"]:
        return "planned"
    if verb.lemma_.lower() in c["motion_verbs"] and verb.tag_ in ("VBN", "VBG") and aux & {"is", "are", "am"}:
        return "planned"
    if any(m.lower_ in c["planned_modifiers"] for m in trigger.children if m.dep_ == "amod"):
        return "planned"
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass") \
            and trigger.head.lemma_.lower() in c["intent_verbs"]:
        return "planned"  # 'a visit ... is planned for next month'
    return undone(trigger)


def first_to(verb: Token) -> bool:
    """'the first Indian prime minister to visit Ukraine': an infinitive after an ordinal happened."""
    return verb.dep_ in ("acl", "relcl") and any(m.lower_ in cues()["implicative_ordinals"] for m in verb.head.children)


def undone(trigger: Token) -> str:
    """An event noun a verb ends, puts off or blocks: 'lifted its blockade' (former), 'delayed their meeting'
    (planned), 'blocked an EU loan to Ukraine' (negated)."""
    c = cues()
    if trigger.pos_ != "NOUN" or trigger.dep_ not in ("dobj", "nsubjpass"):
        return "asserted"
    verb = trigger.head.lemma_.lower()
    return "former" if verb in c["ending_verbs"] else "planned" if verb in c["postponing_verbs"] else \
        "negated" if verb in c["blocking_verbs"] else "asserted"


def speaker(verb: Token, linker: Linker) -> str | None:
    """Who a reporting verb's subject is: an entity's label or the noun phrase itself."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    subject = subjects[0]
    found = linker.entities(subject)
    if found:
        return linker.resolution.entities[found[0][0]].label
    owner = [c for c in subject.children if c.dep_ == "poss" and linker.resolution.tokens.get(c.i)]
    if owner:
        return f"{linker.resolution.entities[linker.resolution.tokens[owner[0].i]].label}'s {subject.text}"
    if subject.pos_ == "PRON":
        return None
    words = [t for t in subject.subtree if not t.is_punct]
    return subject.doc[words[0].i:words[-1].i + 1].text[:80] if words else None


def according_to(verb: Token, linker: Linker) -> str | None:
    """'according to Amnesty International and Forbidden Stories': the source named."""
    for token in sentence_of(verb):
        if token.lower_ not in cues()["according_to"]:
            continue
        phrase = [t for to in token.children if to.lower_ == "to" for o in to.children for t in o.subtree]
        if not phrase:
            following = token.doc[token.i + 2:sentence_of(verb).end]
            phrase = list(following[:next((n for n, t in enumerate(following) if t.is_punct), len(following))])
        keys = list(dict.fromkeys(k for t in phrase for k in [linker.resolution.tokens.get(t.i)]
                                  if k and linker.type_of(k) != "Place"))
        if keys:
            return " and ".join(linker.resolution.entities[k].label for k in keys[:3])
        words = [t for t in phrase if not t.is_punct]
        return token.doc[words[0].i:words[-1].i + 1].text[:80] if words else None
    return None


def modality(trigger: Token, linker: Linker, default: str = "") -> Modality:
    """The status of a statement triggered by ``trigger``, and its attribution."""
    c = cues()
    verb = clause_verb(trigger)
    status = "hypothetical" if demanded(trigger) or is_topic(trigger) else \
        "asserted" if is_reported_event(trigger) else grammatical_status(verb, trigger)
    if default and status == "asserted":
        status = default
    source = according_to(verb, linker)
    if source or any(t.lower_ in c["hedges"] for t in verb.children):
        return Modality("claimed" if status == "asserted" else status, source, "according to")
    accused = accusation(trigger, status, linker) or accusation(verb, status, linker) \
        or owned_up(trigger, status, linker)
    if accused:
        return accused
    node = verb
    for _ in range(6):
        if node.dep_ not in CLAUSE_LINKS or node.head.i == node.i:
            break
        if node.i != verb.i and (accused := accusation(node, status, linker)):
            return accused  # 'accusing Minsk of helping Russia deport'
        link, node = node.dep_, node.head
        lemma = node.lemma_.lower()
        if lemma in c["denial_verbs"] and link in ("ccomp", "xcomp"):
            return Modality("denied", speaker(node, linker), lemma)
        if node.lower_ in c["claim_nouns"] and node.dep_ in ("dobj", "nsubjpass") \
                and node.head.lemma_.lower() in c["denial_verbs"]:
            return Modality("denied", speaker(node.head, linker), node.head.lemma_.lower())
        if lemma in c["reporting_verbs"] and link in ("ccomp", "parataxis"):
            claimed = status == "asserted"
            if status == "hypothetical" and "would" in governing_auxiliaries(verb) and not has_condition(verb):
                status = "planned"
            return Modality("claimed" if claimed else status, speaker(node, linker), lemma)
    return reported_after(node, status, linker) or Modality(status)


def accusation(verb: Token, status: str, linker: Linker) -> Modality | None:
    """'Algiers accused Rabat of killing ...': what one side is accused of is its accuser's claim."""
    prep = verb.head
    accuser = prep.head
    if verb.dep_ in ("pcomp", "pobj") and prep.lower_ in ("of", "for") and \
            accuser.lemma_.lower() in cues()["accusation_verbs"]:
        return Modality("claimed" if status == "asserted" else status, speaker(accuser, linker), accuser.lemma_.lower())
    return None


def owned_up(noun: Token, status: str, linker: Linker) -> Modality | None:
    """'The Islamic State claimed responsibility for the bombing': the group's own claim ('denied responsibility':
    its denial)."""
    verb = responsible_verb(noun)
    if verb is None or status != "asserted":
        return None
    lemma = verb.lemma_.lower()
    return Modality("denied" if lemma in cues()["denial_verbs"] else "claimed", speaker(verb, linker), lemma)


def reported_after(root: Token, status: str, linker: Linker) -> Modality | None:
    """'X fired at Y, the Philippine military said': a reporting verb the parser hung under the clause it reports."""
    for child in root.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in cues()["reporting_verbs"] and child.i > root.i:
            return Modality("claimed" if status == "asserted" else status, speaker(child, linker), child.lemma_.lower())
    return None


def own_word(mood: Modality, subject: str, cameo: str | None) -> Modality:
    """'The EU said it supported Ukraine': a one-sided speech act (``speech_act_roots``; ``cameo`` is None for
    a symmetric one, 'said he had agreed with Putin') that its own speaker reports is made by the report, so it
    is asserted, not claimed (a reported deed, 'said it killed', stays claimed)."""
    if mood.status == "claimed" and mood.cue in cues()["reporting_verbs"] and mood.attributed_to == subject \
            and (cameo or "")[:2] in cues()["speech_act_roots"]:
        return replace(mood, status="asserted")
    return mood
