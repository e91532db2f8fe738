"""The public Python API exactly as the README shows it: its examples are run as written."""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECTION = re.search(r"## The Python API\n(.*?)\n## ", (ROOT / "README.md").read_text(encoding="utf-8"), re.S).group(1)
EXAMPLES = re.findall(r"```python\n(.*?)```", SECTION, re.S)


@pytest.fixture()
def project_copy(tmp_path):
    """A working folder with the files the examples name (the seed article, a small corpus)."""
    (tmp_path / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "seed-article.txt", tmp_path / "examples")
    rows = [{"id": "c1", "published": "2024-05-08", "text": "Kenya signed a trade agreement with Ethiopia."},
            {"id": "c2", "published": "2024-05-09", "text": "Chile criticised Peru over the border dispute."}]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(cwd)


def run(code: str) -> str:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})  # noqa: S102 - our own README
    return printed.getvalue()


def test_the_readme_has_its_three_api_examples():
    assert len(EXAMPLES) == 3


def test_extract_and_build_as_the_readme_shows(project_copy):
    printed = run(EXAMPLES[0])
    assert "Chile signs agreement with Peru asserted 2024-05-06" in printed
    assert (project_copy / "outputs" / "graph.ttl").is_file() and re.search(r"\b\d{3,}\b", printed)


def test_a_run_assembled_as_the_readme_shows(project_copy):
    printed = run(EXAMPLES[1])
    assert printed.splitlines() == ["c1 added", "c2 added"]


def test_store_as_the_readme_shows(project_copy):
    printed = run(EXAMPLES[2])
    assert "c1 added" in printed and "c2 added" in printed
    assert (project_copy / "kgstore").is_dir()
