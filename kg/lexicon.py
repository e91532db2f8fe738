"""Loading the knowledge files under ``ontologies/`` with validation."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import KgError

ROOT = Path(__file__).resolve().parent.parent  # the project folder kg runs from: ontologies/, examples/
ONTOLOGIES = ROOT / "ontologies"


def ontology_path(name: str) -> Path:
    """Path of a file under ``ontologies/``."""
    return ONTOLOGIES / name


@lru_cache(maxsize=None)
def load_json(name: str, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """Load a versioned JSON lexicon, checking that every entry has ``required`` keys.

    All bad entries are reported at once.
    """
    path = ontology_path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise KgError(f"{path}: cannot load lexicon ({error})", "fix or restore the file", 1) from None
    check_schema(path, data)
    problems = [] if "version" in data else ["no 'version'"]
    for number, entry in enumerate(data.get("entries", [])):
        missing = [key for key in required if key not in entry]
        if missing:
            problems.append(f"entry {number} ({entry.get('id', '?')}): missing {', '.join(missing)}")
    if problems:
        raise KgError(f"{path}: " + "; ".join(problems), "fix these entries", 1)
    return data


def check_schema(path: Path, data: Any) -> None:
    """Validate a lexicon against ``ontologies/schemas/<name>.schema.json`` where there is one: an unknown key
    (a typo such as 'objekt') or a wrong type is refused with the file and the place named."""
    schema_path = ONTOLOGIES / "schemas" / f"{path.stem}.schema.json"
    if not schema_path.is_file():
        return
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "top level"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise KgError(f"{path}: at {where}: {errors[0].message}{more}",
                      f"fix it: the allowed keys and types are in {schema_path}", 1)


def confidence(how: str) -> float:
    """The starting confidence of a statement found ``how`` (``ontologies/lexicon/confidence.json``)."""
    return load_json("lexicon/confidence.json")["start"][how]
