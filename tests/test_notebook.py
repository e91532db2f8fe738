"""The notebook runs as Jupyter runs it (kernel started in notebooks/), from any folder, on the public API."""
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
JUPYTER = Path(sys.executable).with_name("jupyter")


def test_explore_notebook_runs_with_nbconvert_from_elsewhere_and_only_calls_the_public_api(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "def " not in code and "class " not in code and "from kg." not in code and "kg._" not in code
    result = subprocess.run([str(JUPYTER), "nbconvert", "--to", "notebook", "--execute", str(NOTEBOOK),
                             "--output-dir", str(tmp_path), "--ExecutePreprocessor.timeout=600"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    executed = nbformat.read(tmp_path / NOTEBOOK.name, as_version=4)
    outputs = [output for cell in executed.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "statements," in text and "How is Algeria connected to Israel?" in text and "Central entities:" in text
    assert "accuses" in text and "relation" in text  # the named queries printed their tables
    pages = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert len(pages) == 2 and all(p.startswith('<div class="kg-page"><iframe srcdoc=') for p in pages)


def test_the_notebook_reads_no_path_relative_to_the_working_folder():
    code = "\n".join(cell.source for cell in nbformat.read(NOTEBOOK, as_version=4).cells if cell.cell_type == "code")
    assert '"examples/' not in code and '"outputs/' not in code and "kg.ROOT" in code
