"""Who acts on whom in one clause: the agents and targets of a predicate, verbal or nominal.

Works on any parse, not on a list of verbs: the subject, a passive's by-phrase, control and
raising ('agreed to restore', 'is expected to visit', 'urged X to leave'), coordinated actors
(through the Linker), relative and participial clauses; targets along the paths an event names.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.lexicon import load_json
from kg.entities.linker import Linker, event_nouns, follow, is_relative, relative_head
from kg.statements.words import stems

Found = list[tuple[str, Token]]
CLIMBS = ("conj", "advcl", "acomp", "oprd", "pcomp", "prep", "xcomp")
VERBAL = ("VERB", "AUX")


@lru_cache(maxsize=1)
def clause_prepositions() -> frozenset[str]:
    """Prepositions through which an event noun takes the agent of its clause ('during a visit')."""
    return frozenset(load_json("lexicon/events.json")["clause_prepositions"])


@lru_cache(maxsize=1)
def targeted() -> frozenset[str]:
    """Prepositions through which an event noun takes its clause's agent only with a target ('under a deal with')."""
    return frozenset(load_json("lexicon/events.json")["targeted_prepositions"])


@lru_cache(maxsize=1)
def accusation_verbs() -> frozenset[str]:
    """Verbs that charge their object with an event ('blamed X for the attack')."""
    return frozenset(load_json("lexicon/modality.json")["accusation_verbs"])


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Verbs that report a clause ('Moscow announced they were expelling ...')."""
    return frozenset(load_json("lexicon/modality.json")["reporting_verbs"])


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


def with_auxiliaries(verb: Token) -> list[Token]:
    """A verb's dependents and those the parser hung on its auxiliary ('Egypt and Qatar are mediating', with
    the subject under 'are')."""
    return [*verb.children, *(g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children)]


def named_first(tokens, linker: Linker) -> list[Token]:
    """Tokens that name an entity before those that only stand for one ('army chief General Burhan')."""
    return sorted(tokens, key=lambda t: linker.resolution.tokens.get(t.i) is None)


def verb_subjects(verb: Token, linker: Linker, intransitive: bool = False, depth: int = 0) -> list[tuple[str, Token]]:
    """Who does what the verb says: nsubj, passive agent, relative head, or inherited.

    ``intransitive``: the frame takes no direct object, so a passive-looking
    subject ('Gantz is headed to') is the actor.
    """
    if depth > 4:
        return []
    for child in named_first(with_auxiliaries(verb), linker):
        if child.dep_ == "nsubj" or (intransitive and child.dep_ == "nsubjpass"):
            if is_relative(child) and verb.dep_ == "relcl":
                return antecedent(verb, linker)
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


def antecedent(verb: Token, linker: Linker) -> Found:
    """The actor a relative clause is on, through an apposition that names none ('AES, a bloc that has left')."""
    head = verb.head
    return relative_head(verb, linker) or (linker.entities(head.head)[:1] if head.dep_ == "appos" else [])


def helpers(verb: Token, linker: Linker, depth: int) -> Found:
    """'(accused Minsk of) helping Russia deport ...': who helps does it too."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.lemma_.lower() not in load_json("lexicon/events.json")["helping_verbs"]:
        return []
    return [e for e in (gerund_object(head, linker) or agents(head, linker, depth + 1)) if e[0] not in
            {k for k, _ in linker.entities(verb)}]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def passive_subjects(verb: Token, linker: Linker) -> Found:
    return [e for c in verb.children if c.dep_ == "nsubjpass" for e in linker.entities(c)]


def agents(verb: Token, linker: Linker, depth: int = 0) -> Found:
    """Who does what the verb says; an explicit subject that is no actor ('crowds') ends the search."""
    if depth > 6:
        return []
    subject = next((c for c in named_first(with_auxiliaries(verb), linker) if c.dep_ in ("nsubj", "csubj")), None)
    if subject is not None:
        if is_relative(subject) and verb.dep_ == "relcl":
            return antecedent(verb, linker)
        found = linker.entities(subject) or launched_by(subject, linker) or reporter(subject, verb, linker, depth) \
            or event_subject(subject, linker)
        return found + helpers(verb, linker, depth) if found else found
    if is_passive(verb):  # the by-phrase, or one the parser hung on the complement ('were designated a group by')
        return [e for t in (follow(verb, "agent") or follow(verb, "dobj.@by"))[:1] for e in linker.entities(t)]
    head = verb.head
    if head.i == verb.i or verb.dep_ == "amod":  # a verb the parser left without a subject ('Sweden suspended aid',
        return left_actor(verb, linker)           # 'The US sanctioned firms' read as a noun phrase)
    if verb.dep_ == "xcomp":
        return controller(head, linker) or (passive_subjects(head, linker) if is_passive(head) else []) \
            or agents(head, linker, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and follow(verb, "agent"):  # 'prisoners released by Israel'
        return [e for t in follow(verb, "agent")[:1] for e in linker.entities(t)]
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
        return linker.entities(head)
    if (charged := gerund_object(verb, linker)) is not None:
        return charged
    if verb.dep_ in CLIMBS or head.pos_ in ("ADJ", "ADP"):
        return agents(head, linker, depth + 1)
    return []


def event_subject(subject: Token, linker: Linker) -> Found:
    """'An Israeli strike destroyed ...', 'a strike by Israel killed ...': an event that acts is its agent's act."""
    if subject.lemma_.lower() not in event_nouns():
        return []
    named = [c for c in subject.children
             if c.dep_ in ("poss", "compound", "amod", "nmod") and linker.resolution.tokens.get(c.i)]
    return [e for c in (named or follow(subject, "@by"))[:1] for e in linker.entities(c)]


def reporter(subject: Token, verb: Token, linker: Linker, depth: int) -> Found:
    """'Moscow announced they were expelling ...': a pronoun no one else claims, subject of a reported clause,
    is the reporter."""
    if subject.lower_ not in ("they", "it", "we") or verb.dep_ != "ccomp" or \
            verb.head.lemma_.lower() not in reporting_verbs():
        return []
    return agents(verb.head, linker, depth + 1)


def gerund_object(verb: Token, linker: Linker) -> Found | None:
    """'accused Russia of shelling', 'thanked Japan for helping', 'blamed Pakistan for the attack': the object
    of the governing verb (a passive's subject: 'Spain was criticised for recognising') does what the gerund
    (or, after an accusation, the event noun) says; no one if that object is no actor ('accused them of')."""
    prep = verb.head
    if verb.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep" or prep.lower_ not in ("of", "for") or \
            prep.head.pos_ not in VERBAL or \
            (verb.dep_ == "pobj" and prep.head.lemma_.lower() not in accusation_verbs()):
        return None
    objects = [c for c in prep.head.children if c.dep_ in ("dobj", "nsubjpass")]  # none: the clause's agent
    return [e for c in objects for e in linker.entities(c)] if objects else None


def left_actor(verb: Token, linker: Linker) -> Found:
    """The actor the parser hung before a verb as a modifier."""
    return [e for c in verb.lefts if c.dep_ in ("npadvmod", "nmod", "dep", "compound") for e in linker.entities(c)][:1]


def participle_patient(verb: Token, linker: Linker) -> Found:
    """'The US sanctioned firms' parsed as a noun phrase: the noun a past participle modifies undergoes it."""
    return linker.entities(verb.head) if verb.dep_ in ("amod", "acl") and verb.tag_ == "VBN" else []


def launched_by(thing: Token, linker: Linker) -> Found:
    """'The drones, launched by Houthi rebels, struck ...': who sent the thing that acts."""
    return [e for c in thing.children if c.dep_ == "acl" for t in follow(c, "agent")[:1] for e in linker.entities(t)]


def along(trigger: Token, paths: tuple[str, ...], linker: Linker, agents_: frozenset[str] | set[str] = frozenset()
          ) -> Found:
    """The actors other than the agents on the first path that reaches any; a verb without an object shares
    its coordinated verb's ('condemned and protested China's actions')."""
    for start in (trigger, *shared_object_verbs(trigger), *comment_clause(trigger)):
        for path in paths:
            found = [e for t in follow(start, path) for e in actors_of(t, start, linker) if e[0] not in agents_]
            if found:
                return found
    return []


def actors_of(token: Token, verb: Token, linker: Linker) -> Found:
    """A target token's actors; a relative pronoun stands for the noun its clause modifies ('Modi, who was ...')."""
    if is_relative(token) and verb.dep_ == "relcl" and token.head.i == verb.i:
        return antecedent(verb, linker)
    return linker.entities(token)


def comment_clause(verb: Token) -> list[Token]:
    """'restore, it seems, full ties': a comment clause right after a verb, made the head of the verb's object."""
    doc, i = verb.doc, verb.i
    if verb.pos_ in VERBAL and i + 3 < len(doc) and doc[i + 1].text == "," and doc[i + 2].lower_ == "it" and \
            doc[i + 3].lemma_.lower() in load_json("lexicon/events.json")["comment_clauses"]:
        return [doc[i + 3]]
    return []


def shared_object_verbs(verb: Token) -> list[Token]:
    """Verbs coordinated with an object-less verb, whose object it shares; one with a subject of its own only
    when nothing but the conjunction follows the verb ('Brazil condemned and Argentina praised X')."""
    if verb.pos_ not in VERBAL or any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return []
    bare = all(c.dep_ in ("cc", "conj") for c in verb.rights)  # 'Brazil condemned and Argentina praised X'
    return [c for c in verb.conjuncts if c.pos_ in VERBAL and c.i > verb.i
            and (bare or not any(s.dep_ == "nsubj" for s in c.children))]


def noun_paths(paths: tuple[str, ...]) -> tuple[str, ...]:
    """A verb's target paths as a noun's: its object is an 'of' phrase ('the invasion of Ukraine')."""
    kept = [p for p in paths if p not in ("dative", "dobj.@in", "@in")]
    return tuple(dict.fromkeys("@of" if p == "dobj" else p.removeprefix("dobj.") for p in kept))


def light_verb(noun: Token, light: frozenset[str]) -> Token | None:
    """'held talks', 'launched strikes', 'imposed sanctions': the verb that carries the noun."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in load_json("lexicon/events.json")[
            "quantity_nouns"]:  # 'carried out a round of air strikes'
        noun, head = head.head, head.head.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in VERBAL and any(s in light for s in stems(head)):
        return head
    return None


def responsible_verb(noun: Token) -> Token | None:
    """'claimed (denied) responsibility for (any role in) the bombing': the verb whose subject owns up to it."""
    owned = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "in") else None
    if owned is not None and owned.lower_ in load_json("lexicon/events.json")["responsibility_nouns"] and \
            owned.head.pos_ in VERBAL and not any(c.dep_ == "neg" for c in owned.head.children):  # not 'did not claim'
        return owned.head
    return None


def noun_agents(noun: Token, linker: Linker, light: Token | None) -> Found:
    """Whose event a noun names: possessive or modifier ('Iran's attack', 'Israeli strikes'), 'by',
    the light verb's agent, or the clause's agent when the noun sits in its adverbial ('during a visit')."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and linker.resolution.tokens.get(child.i):
            return linker.entities(child)
        if child.dep_ == "poss" and child.lower_ == "their" and noun.head.pos_ in VERBAL:
            return agents(noun.head, linker)  # 'Gondor and Rohan delayed their meeting'
    by = follow(noun, "@by")
    if by:
        return linker.entities(by[0])
    if (charged := gerund_object(noun, linker)):
        return charged
    if light is not None:
        return agents(light, linker)
    if (claimant := responsible_verb(noun)) is not None:  # 'claimed responsibility for an attack'
        return agents(claimant, linker)
    head = noun.head
    if noun.dep_ == "pobj" and head.head.pos_ in VERBAL and head.lower_ in load_json("lexicon/events.json")[
            "prepositional_light_verbs"].get(head.head.lemma_.lower(), ()):  # 'agreed to a ceasefire'
        return agents(head.head, linker)
    if noun.dep_ == "pobj" and head.lower_ in clause_prepositions() | targeted() and head.head.pos_ in VERBAL and \
            f"{head.head.lemma_.lower()} {head.lower_}" not in load_json("lexicon/modality.json")["demand_verbs"]:
        root = noun.sent.root
        return agents(head.head, linker) or (agents(root, linker) if root.pos_ in VERBAL else [])
    return []
