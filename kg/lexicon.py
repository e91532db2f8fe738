"""Loading the knowledge files under ``ontologies/``, each validated against its schema."""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import KgError

ROOT = Path(__file__).resolve().parent.parent  # the project folder kg runs from: ontologies/, examples/
ONTOLOGIES = ROOT / "ontologies"
SHOWN_ERRORS = 3  # schema errors named in one message; the rest are counted
SHOWN_KEYS = 8  # allowed keys listed after an unknown one that resembles none of them


def ontology_path(name: str) -> Path:
    """Path of a file under ``ontologies/``."""
    return ONTOLOGIES / name


def schema_path(path: Path) -> Path:
    """The schema of a knowledge file: ``ontologies/schemas/<name>.schema.json``."""
    return ONTOLOGIES / "schemas" / f"{path.stem}.schema.json"


@lru_cache(maxsize=None)
def load_json(name: str) -> dict[str, Any]:
    """Load a versioned JSON knowledge file, validated against its schema (required keys included)."""
    path = ontology_path(name)
    data = read_json(path, "lexicon")
    check_schema(path, data)
    return data


def read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise KgError(f"{path}: cannot load {what} ({error})", "fix or restore the file", 1) from None


def check_schema(path: Path, data: Any) -> None:
    """Validate a lexicon against its schema, which every lexicon must have: an unknown key (a typo such as
    'objekt') or a wrong type is refused with the file, the place and the key named."""
    schema_file = schema_path(path)
    if not schema_file.is_file():
        raise KgError(f"{path}: no schema {schema_file}",
                      "add one: a JSON Schema (2020-12) refusing unknown keys; every knowledge file is validated", 1)
    import jsonschema

    validator = jsonschema.Draft202012Validator(read_json(schema_file, "schema"))
    errors = sorted(validator.iter_errors(data), key=lambda e: [(isinstance(p, str), p) for p in e.absolute_path])
    if errors:
        shown = "; ".join(describe(error) for error in errors[:SHOWN_ERRORS])
        more = f" (and {len(errors) - SHOWN_ERRORS} more)" if len(errors) > SHOWN_ERRORS else ""
        raise KgError(f"{path}: {shown}{more}", f"fix it: the allowed keys and types are in {schema_file}", 1)


def describe(error) -> str:
    """One schema error: where, and what; an unknown key by its name ('objekt'), with the keys allowed there."""
    where = "at " + ("/".join(str(p) for p in error.absolute_path) or "top level")
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in known]
        if known and unknown:
            return f"{where}: " + ", ".join(f"unknown key '{key}'{suggestion(key, known)}" for key in unknown)
    if error.validator in ("enum", "pattern") and list(error.relative_schema_path)[-2:-1] == ["propertyNames"]:
        return f"{where}: key '{error.instance}' is not allowed ({error.message})"
    return f"{where}: {error.message}"


def suggestion(key: str, known: list[str]) -> str:
    """' (did you mean 'object'?)' for a near miss, else the keys allowed when they are few."""
    close = difflib.get_close_matches(key, known, 1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (allowed: {', '.join(known)})" if len(known) <= SHOWN_KEYS else ""


def confidence(how: str) -> float:
    """The starting confidence of a statement found ``how`` (``ontologies/lexicon/confidence.json``)."""
    return load_json("lexicon/confidence.json")["start"][how]
