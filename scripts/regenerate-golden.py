"""Rewrite the golden graphs of tests/test_golden.py after an intended change of extraction or modelling.

    .venv/bin/python scripts/regenerate-golden.py

Review the diff of tests/fixtures/golden/ before committing it: every changed triple is a changed reading.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_golden import CASES, GOLDEN, build_graph  # noqa: E402

for name, (path, published) in CASES.items():
    (GOLDEN / f"{name}.ttl").write_text(build_graph(path, published).serialize(format="turtle"), encoding="utf-8")
    print(f"wrote {GOLDEN / name}.ttl")
