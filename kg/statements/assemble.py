"""From relations found in a parse to Statements with evidence, status, time and confidence."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.lexicon import load_json
from kg.model import Evidence, Passage, Statement
from kg.statements.modality import Modality, clause_verb, modality, own_word
from kg.entities.linker import Linker
from kg.statements.frames import predicates
from kg.statements.relations import Relation
from kg.parse.sentences import sentence_of
from kg.statements.timex import statement_time, validity



def evidence(sentence: Span, passage: Passage) -> Evidence:
    """The sentence as it stands in the original input, with its original offsets."""
    tokens = [t for t in sentence if not t.is_space]
    return passage.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def to_statement(relation: Relation, doc: Doc, linker: Linker, passage: Passage) -> Statement:
    """The statement of one relation read in ``passage``."""
    published = passage.article.published
    trigger = doc[relation.trigger]
    predicate = predicates()[relation.predicate]
    if relation.label:  # an uncoded event is labelled with its own verb
        predicate = replace(predicate, label=relation.label)
    is_event = predicate.kind in ("event", "uncoded")  # an uncoded link is negated, reported or planned too
    entities = linker.resolution.entities
    one_sided = None if predicate.symmetric else predicate.cameo
    mood = own_word(modality(trigger, linker), entities[relation.subject].label, one_sided) if is_event \
        else Modality("asserted")
    status = relation.status or mood.status
    verb = clause_verb(trigger)
    table = load_json("lexicon/confidence.json")
    since, until = validity(trigger, verb, published, status)
    return Statement(
        article=passage.article.id,
        subject=entities[relation.subject],
        predicate=predicate,
        object=entities[relation.object],
        evidence=evidence(sentence_of(trigger), passage),
        status=status,
        time=statement_time(trigger, verb, published, status == "planned") if is_event else None,
        attributed_to=mood.attributed_to,
        confidence=round(max(table["statement_floor"],
                             relation.confidence - table["status_penalty"].get(status, 0)), 2),
        rule=relation.rule,
        trigger=trigger.text,
        tokens=tuple(doc[i].text for i in relation.tokens),
        role=relation.role,
        valid_since=since,
        valid_until=until,
        claimant=entities[relation.claimant] if relation.claimant else None,
    )


def deduplicate(statements: Iterable[Statement]) -> Iterator[Statement]:
    """One statement per fact and sentence (symmetric facts in either direction)."""
    best: dict[tuple, Statement] = {}
    for statement in statements:
        ends = (statement.subject.key, statement.object.key)
        pair = tuple(sorted(ends)) if statement.predicate.symmetric else ends
        key = (pair, statement.predicate.id, statement.evidence.start)
        if key not in best or statement.confidence > best[key].confidence:
            best[key] = statement
    return iter(sorted(best.values(), key=lambda s: (s.evidence.start, s.subject.key, s.predicate.id)))
