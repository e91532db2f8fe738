"""Word forms the lemmatiser may get wrong: a verb's lemma and the stems of its inflected form."""
from __future__ import annotations

from spacy.tokens import Token


def stems(verb: Token) -> list[str]:
    """The lemma, then stems of the inflected form for when the lemmatiser got a rare verb wrong ('cordoned',
    'waged' read as 'wag')."""
    word, lemma = verb.lower_, verb.lemma_.lower()
    guesses = {"ed": [word[:-2], word[:-1], word[:-3]], "ing": [word[:-3], word[:-3] + "e", word[:-4]],
               "s": [word[:-1]]}
    suffix = next((s for s in guesses if word.endswith(s) and len(word) > len(s) + 2), None)
    return [lemma, *(guesses[suffix] if suffix else [])]
