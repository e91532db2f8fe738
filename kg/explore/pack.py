"""The page's data as columns: what :func:`kg.explore.pagedata.page_data` gives, in a third of the bytes.

A browser reads a page's inline data at a few tens of MB a second (the HTML parser scans every byte of
a script element before JSON.parse sees it), so at 50,000 entities the size of the block decided how
soon the overview was drawn. Packed, each list of records (nodes, edges, the statements behind the
edges) is a table of columns: keys are written once, repeated values (types, statuses, time spans,
articles) once per distinct value, fields most rows lack only where present, and node IRIs without
their common prefix. The statements of all edges are one table, in edge order; an edge keeps their
count. ``page.js`` unpacks it the same way as :func:`unpack` (which tests use).
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence

CHUNK = 4096  # items of a long list written at a time
JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})


SCALARS = (str, int, float, bool, type(None))


def _key(value) -> tuple:
    """A hashable stand-in for a JSON value (``True`` and ``1`` stay apart)."""
    return (type(value), value) if isinstance(value, SCALARS) else (list, repr(value))


def _coded(values: list) -> dict | None:
    """Values as a table of distinct ones and a code per row, when that is the shorter: strings when the
    repeats outweigh the codes, other values (lists, booleans, nulls) when few are distinct, numbers never."""
    if all(type(v) is int or type(v) is float for v in values):
        return None
    strings = all(type(v) is str for v in values)
    table: dict = {}
    codes = [table.setdefault(v if strings else _key(v), len(table)) for v in values]
    if strings:
        worth = sum(map(len, values)) > sum(map(len, table)) + 4 * len(values)
    else:
        worth = 4 * len(table) <= len(values)
    if not worth:
        return None
    distinct = {code: value for value, code in zip(values, codes)} if not strings else {c: v for v, c in table.items()}
    return {"table": [distinct[i] for i in range(len(table))], "codes": codes}


def _prefixed(values: list) -> dict | None:
    if len(values) < 2 or not all(isinstance(v, str) for v in values):
        return None
    prefix = os.path.commonprefix(values)
    return {"prefix": prefix, "rest": [v[len(prefix):] for v in values]} if len(prefix) > 8 else None


def column(values: list, present: Sequence[int] | None = None):
    """One column: a plain list, ``{table, codes}``, ``{prefix, rest}``, or ``{at, values}`` for a key
    only some rows have (the others lack it)."""
    if present is not None and not all(present):
        rows = [i for i, here in enumerate(present) if here]
        return {"at": rows, "values": column([values[i] for i in rows])}
    return _prefixed(values) or _coded(values) or values


class Table:
    """Records added one at a time and held as columns (a list per key, not a dict per record): how the page
    holds its edges and statements. Keys come in the order they first appear, a row without a key marked absent."""

    def __init__(self):
        self.rows, self.values, self.present = 0, {}, {}

    @classmethod
    def of(cls, records: Iterable[dict]) -> Table:
        table = cls()
        for record in records:
            table.add(record)
        return table

    def add(self, record: dict) -> None:
        for key in record:
            if key not in self.values:
                self.values[key], self.present[key] = [None] * self.rows, bytearray(self.rows)
        for key, values in self.values.items():
            values.append(record.get(key))
            self.present[key].append(key in record)
        self.rows += 1

    def columns(self) -> Iterator[tuple[str, object]]:
        """(key, column) of each key in turn; the table is emptied as its columns are made."""
        for key in list(self.values):
            yield key, column(self.values.pop(key), self.present.pop(key))


def to_json(value) -> str:
    """JSON that is inert inside a script element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)


def write_json(value, write: Callable[[str], object]) -> None:
    """``value`` as :func:`to_json` gives it, written a part at a time: each table packed as columns
    (``{"rows": n, "columns": {key: column}}``) a column at a time and emptied as it goes, a long list
    ``CHUNK`` items at a time (dict keys are strings)."""
    if isinstance(value, Table):
        write(f'{{"rows":{value.rows},"columns":{{')
        for n, (key, encoded) in enumerate(value.columns()):
            write(("," if n else "") + to_json(key) + ":")
            write_json(encoded, write)
        write("}}")
    elif isinstance(value, dict):
        write("{")
        for n, key in enumerate(value):
            write(("," if n else "") + to_json(key) + ":")
            write_json(value[key], write)
        write("}")
    elif isinstance(value, list) and len(value) > CHUNK:
        for start in range(0, len(value), CHUNK):
            write(("," if start else "[") + to_json(value[start:start + CHUNK])[1:-1])
        write("]")
    else:
        write(to_json(value))


def values_of(encoded, rows: int) -> list:
    """A column's values, one per row (``_MISSING`` where a row lacks the key)."""
    if isinstance(encoded, list):
        return encoded
    if "at" in encoded:
        found = [_MISSING] * rows
        for row, value in zip(encoded["at"], values_of(encoded["values"], len(encoded["at"]))):
            found[row] = value
        return found
    if "prefix" in encoded:
        return [encoded["prefix"] + rest for rest in encoded["rest"]]
    return [encoded["table"][code] for code in encoded["codes"]]


_MISSING = object()


def records(table: dict) -> list[dict]:
    """The records of a ``columns`` table."""
    found: list[dict] = [{} for _ in range(table["rows"])]
    for key, encoded in table["columns"].items():
        for record, value in zip(found, values_of(encoded, table["rows"])):
            if value is not _MISSING:
                record[key] = value
    return found


def _split(edges: list[dict], statements: Iterable[dict]) -> None:
    supports = iter(statements)
    for edge in edges:
        edge["supports"] = [next(supports) for _ in range(edge["supports"])]


def unpack(packed: dict) -> dict:
    """The page data :func:`pack` was given."""
    data = dict(packed)
    data["nodes"], data["edges"] = records(packed["nodes"]), records(packed["edges"])
    _split(data["edges"], records(data.pop("statements")))
    return data
