"""What a description or a bare noun can refer to: the titles a person was named with ('the minister' is
not the president), the other arguments of its verb (never its antecedent), and the armed group a bare
'insurgents' stands for.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.entities.home import known_countries
from kg.entities.mentions import words
from kg.model import Entity


def titles(person: str, doc: Doc, history, tokens: dict[int, str]) -> set[str]:
    """The role words a person was named or described with: 'Prime Minister Rishi Sunak' (minister),
    'Zabihullah Mujahid, the chief spokesman for ...' (spokesman), an earlier 'the chancellor'."""
    roles, found = {*words()["person_roles"], *words()["unique_roles"]}, set()
    for index, key, _ in history:
        if key != person:
            continue
        start = index
        while start > 0 and tokens.get(start - 1) == person:
            start -= 1
        for token in reversed(doc[max(0, start - 4):start]):
            if token.is_punct or token.pos_ in ("VERB", "AUX", "DET", "PRON", "ADP", "CCONJ") or tokens.get(token.i):
                break
            found |= {token.lower_} & roles
        found |= {c.lemma_.lower() for c in doc[index].children if c.dep_ == "appos"} & roles
        found |= {doc[index].lemma_.lower()} & roles
    return found


def fits_title(person: str, role: str, doc: Doc, history, tokens: dict[int, str]) -> bool:
    """'the Queen', 'the foreign minister', 'the Turkish ambassador': a person named with a title is referred to by
    that title or one of its kind (an expert may be 'the professor'; a minister is not 'the ambassador'); one named
    with none may be meant by any."""
    known = titles(person, doc, history, tokens)
    if not known:  # 'the King' is someone named as king, not any person named without a title
        return role not in words()["titled_only_roles"]
    return role in known or any(role in kind and known & set(kind) for kind in words()["role_kinds"])


def co_arguments(token: Token, tokens: dict[int, str]) -> set[str]:
    """What the other arguments of the token's verb name: 'Tamim was received by the King' (the King is not Tamim),
    'he met him'."""
    verb = token
    while verb.dep_ in ("pobj", "prep", "agent", "poss", "compound", "amod") and verb.head.i != verb.i:
        verb = verb.head
    verb = verb.head if verb.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "attr") else verb
    arguments = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative")]
    if verb.dep_ == "conj" and not any(a.dep_ in ("nsubj", "nsubjpass") for a in arguments):  # 'met Xi and praised him'
        arguments += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    arguments += [o for c in verb.children if c.dep_ in ("agent", "prep") for o in c.children if o.dep_ == "pobj"]
    return {tokens[t.i] for a in arguments for t in a.subtree if t.i != token.i and t.i in tokens
            and not a.left_edge.i <= token.i <= a.right_edge.i}


def argument_states(token: Token, tokens: dict[int, str]) -> set[str]:
    """The other arguments of the token's verb and the states the gazetteer gives them: in "Russia's Gazprom said it
    would halt supplies to the country", the country is not Russia."""
    others = co_arguments(token, tokens)
    return others | {known_countries()[k] for k in others if k in known_countries()}


def group_owner(token: Token, tokens: dict[int, str], entities: dict[str, Entity]) -> str | None:
    """The organisation named with an armed group's members: 'Boko Haram insurgents', 'its fighters',
    'fighters of Tehrik-e-Taliban Pakistan'."""
    near = [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
    near += [o for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
             for o in c.children if o.dep_ == "pobj"]
    return next((tokens[c.i] for c in near if tokens.get(c.i) and entities[tokens[c.i]].type == "Organization"), None)


def armed_group(token: Token, tokens: dict[int, str], entities: dict[str, Entity], last: list[str]) -> str | None:
    """'the insurgents', 'several militants' with no name of their own: the group last named with its members
    ('Boko Haram insurgents ... killed several insurgents'), in its paragraph or in one that goes on with the same
    story; ``last`` keeps that group and where it was named."""
    if token.lower_ not in words()["armed_group_nouns"] or token.pos_ != "NOUN":
        return None
    owner = group_owner(token, tokens, entities)
    if owner:
        last[:] = [owner, token.i]
        return None
    named = any(c.dep_ in ("compound", "amod", "poss", "nmod") and c.i in tokens for c in token.children)
    if not last or named:
        return None
    start = paragraph_start(token)
    return last[0] if last[1] >= start or not new_states(token, start, tokens, entities) else None


def paragraph_start(token: Token) -> int:
    """The first token of the token's paragraph (a line break ends one)."""
    doc, start = token.doc, token.i
    while start > 0 and "\n" not in doc[start - 1].whitespace_ and "\n" not in doc[start - 1].text:
        start -= 1
    return start


def new_states(token: Token, start: int, tokens: dict[int, str], entities: dict[str, Entity]) -> set[str]:
    """States a paragraph names (up to the end of the token's sentence) that the article had not named before it:
    'The Israeli military said it struck Gaza, killing four militants' after a story about the Taliban is
    another story, whose militants are not the Taliban."""
    def states(indices) -> set[str]:
        return {tokens[i] for i in indices if i in tokens and entities[tokens[i]].type in ("Country", "Territory")}
    return states(range(start, token.sent.end)) - states(i for i in tokens if i < start)


def state_of_institution(token: Token, key: str | None, history, entities, tokens: dict[int, str]) -> str | None:
    """"Azerbaijan's defence ministry said its forces ...": the forces are the state's, not the ministry's."""
    if key is None or entities[key].type != "Organization" or token.lower_ != "its" \
            or not {token.head.lemma_.lower(), token.head.lower_} & set(words()["state_proxies"]):
        return None
    named = next((i for i, k, _ in reversed(history) if k == key), None)
    head = token.doc[named] if named is not None else None
    states = [tokens[c.i] for c in (head.children if head is not None else ())
              if c.dep_ in ("poss", "amod", "compound") and tokens.get(c.i) and entities[tokens[c.i]].type == "Country"]
    return states[0] if states else None


def reporting_group(pronoun: Token, tokens: dict[int, str], entities: dict[str, Entity]) -> tuple[str, ...]:
    """'The Taliban said they had arrested ...': 'they' in what a named group says is that group."""
    clause = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
        return ()
    speakers = [tokens[c.i] for c in clause.head.children if c.dep_ == "nsubj" and c.i in tokens]
    return tuple(speakers[:1]) if speakers and entities[speakers[0]].type == "Organization" else ()


def titled_before(token: Token, history: list[tuple[int, str, bool]], entities: dict[str, Entity],
                  tokens: dict[int, str]) -> str | None:
    """The person last named with this very title ('the premier' after 'Chinese Premier Li Qiang', even when
    another was the subject since)."""
    doc = token.doc
    title = [t.lower_ for t in token.lefts if t.dep_ in ("amod", "compound")] + [token.lower_]
    for index, key, _ in reversed(history):
        if not key or entities[key].type != "Person":
            continue
        start = index
        while start > 0 and tokens.get(start - 1) == key:
            start -= 1
        if start >= len(title) and [t.lower_ for t in doc[start - len(title):start]] == title:
            return key
    return None


def is_state_body(token: Token, tokens: dict[int, str]) -> bool:
    """'the junta', 'the government', 'the authorities', 'the generals': a body of a state with no name beside it
    (not 'the military governments of Mali and Niger')."""
    return token.lower_ in words()["state_bodies"] and token.pos_ in ("NOUN", "PROPN") \
        and any(c.lower_ == "the" for c in token.children) and not any(
            (c.dep_ in ("compound", "amod", "poss", "nmod") and c.i in tokens)
            or (c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" for o in c.children))
            for c in token.children)


def body_state(token: Token, history, entities: dict[str, Entity], tokens: dict[int, str],
               homes: tuple[tuple[int, str | None], ...]) -> str | None:
    """The state a bare state body is of: the one last named as having such a body ("Burkina Faso's military
    government", 'the Myanmar military', "Sudan's army chief", "President Gustavo Petro's government"), else the state
    the story is filed from, else (for 'the regime') the state last named."""
    bodies = words()["state_bodies"]
    for index in sorted((i for i in tokens if i < token.i), reverse=True):
        owner = token.doc[index]
        body = owner.head.lower_ in bodies or any(c.dep_ == "compound" and c.lower_ in bodies
                                                  for c in owner.head.children)  # "Sudan's army chief"
        if owner.dep_ in ("poss", "compound", "amod", "nmod") and body:
            state = known_countries().get(tokens[index], tokens[index])
            if state in entities and entities[state].type in ("Country", "Territory"):
                return state
    home = next((state for first, state in reversed(homes) if first <= token.i), None)
    if home in entities:
        return home
    recent = [k for _, k, _ in reversed(history) if k and entities[k].type == "Country"]
    return recent[0] if recent and token.lower_ in words()["country_heads"] else None


def relative_antecedent(pronoun: Token, tokens: dict[int, str], entities: dict[str, Entity]) -> str | None:
    """'The European Union, which imports most of its rare earths': 'its' in a clause whose subject is 'which' is
    the state or body the clause is said of."""
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    key = tokens.get(verb.head.i) if verb.dep_ == "relcl" else None
    relative = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in words()["relative_pronouns"] for c in verb.children)
    return key if relative and key and entities[key].type in ("Country", "Organization", "Territory") else None


def is_reason_possessive(token: Token) -> bool:
    """'sanctions on Iran over its support', 'criticised Mexico for its policy': 'its' is the nearest actor."""
    owner = token.head
    while owner.dep_ == "conj" and owner.head.i != owner.i:  # 'over its nuclear program and its support for ...'
        owner = owner.head
    return token.lower_ == "its" and owner.dep_ == "pobj" and owner.head.lower_ in words()["reason_prepositions"]


def named_body(token: Token, history, entities: dict[str, Entity], tokens: dict[int, str]) -> str | None:
    """'the court', 'the commission' with nothing named beside them: the organisation last named with that word in
    its name ('the International Court of Justice', 'the National Elections Commission')."""
    if token.lower_ not in words()["body_words"] or not any(c.lower_ == "the" for c in token.children) or any(
            c.i in tokens or (c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" for o in c.children))
            for c in token.children):  # 'the commission of inquiry' is another body
        return None
    named = (k for _, k, _ in reversed(history) if k and entities[k].type == "Organization"
             and token.lower_ in entities[k].label.lower().split())
    return next(named, None)
