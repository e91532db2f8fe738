"""The notebook runs headless from the repository root and shows analytics and the page."""
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def test_explore_notebook_runs_and_only_calls_the_public_api():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "def " not in code and "class " not in code and "from kg." not in code and "kg._" not in code
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "statements," in text and "How is Algeria connected to Israel?" in text and "Central entities:" in text
    assert "accuses" in text and "relation" in text  # the named queries printed their tables
    pages = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert len(pages) == 2 and all(p.startswith('<div class="kg-page"><iframe srcdoc=') for p in pages)
