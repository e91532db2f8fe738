"""The package tree is the architecture: imports run one way, down the pipeline, and every piece stays small."""
from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"
#: Each stage, in pipeline order; a module may import its own stage and the stages before it.
STAGES = ["core", "ingest", "parse", "entities", "statements", "graph", "store", "serve", "explore",
          "pipeline", "api", "cli"]
CORE = {"errors", "model", "lexicon", "gazetteer", "iri", "vocab"}
MAX_LINES, MAX_FUNCTION = 300, 40


def stage(module: str) -> str:
    """``kg.graph.rdf`` -> graph; the top-level foundation modules are core, ``kg`` itself is the API."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in ("api", "__init__", "__main__"):
        return "cli" if parts[:1] == ["__main__"] else "api"
    return "core" if parts[0] in CORE else parts[0]


def module_name(path: Path) -> str:
    return ".".join(("kg", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")


def imports(path: Path) -> set[str]:
    """The kg modules a file imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kg":
            found |= {f"{node.module}.{a.name}" if (PACKAGE / node.module[3:].replace(".", "/") / a.name).is_dir()
                      or (PACKAGE / node.module[3:].replace(".", "/") / f"{a.name}.py").exists() else node.module
                      for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "kg"}
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_stage_is_a_package_and_every_module_is_in_one():
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(STAGES) - {
        "core", "api"}
    assert all(stage(module_name(p)) in STAGES for p in MODULES)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_run_down_the_pipeline(path):
    here = stage(module_name(path))
    upward = sorted(m for m in imports(path) if m != "kg" and STAGES.index(stage(m)) > STAGES.index(here))
    assert not upward, f"{module_name(path)} ({here}) imports a later stage: {upward}"


def test_no_module_imports_the_command_line():
    users = [module_name(p) for p in MODULES if stage(module_name(p)) != "cli"
             and any(stage(m) == "cli" for m in imports(p))]
    assert not users


def test_the_command_line_uses_only_the_public_api():
    """The CLI is a thin layer: it imports ``kg`` (the names of ``kg/__init__.py``) and its own modules."""
    internal = {module_name(p): sorted(m for m in imports(p) if m != "kg" and stage(m) != "cli")
                for p in MODULES if stage(module_name(p)) == "cli" and module_name(p) != "kg.__main__"}
    assert internal and not any(internal.values()), internal


def test_no_import_cycle():
    graph = {module_name(p): {m for m in imports(p) if m != "kg"} for p in MODULES}
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, f"import cycle: {' -> '.join(path[path.index(node):] + (node,))}"
        if node not in done:
            for nxt in graph.get(node, ()):
                visit(nxt, path + (node,))
            done.add(node)

    for name in graph:
        visit(name, ())


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_modules_and_functions_stay_small(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) < MAX_LINES
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(ast.parse(text))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno >= MAX_FUNCTION]
    assert not long


def test_no_line_is_longer_than_ruff_allows():
    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    limit = pyproject["tool"]["ruff"]["line-length"]
    long = [f"{path.relative_to(PACKAGE.parent)}:{number}" for path in MODULES
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if len(line) > limit]
    assert not long, f"lines over {limit} characters: {long}"


def test_the_command_line_starts_without_the_pipeline():
    """``kg --help``, ``kg query`` and ``kg serve`` start fast: spaCy, networkx and pyvis load only when needed."""
    code = ("import sys; from kg.cli import corpus, entities, explore, graph, main; "
            "print(sorted(m for m in ('spacy', 'networkx', 'pyvis') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
