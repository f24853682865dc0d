"""cxtext._nlp: the shared spaCy pipeline, and importing spaCy without torch (CLI start-up)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pandas as pd


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, check=False,
                          text=True, timeout=300, env={"HF_HUB_OFFLINE": "1", "PATH": ""})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_import_spacy_without_torch_keeps_torch_importable() -> None:
    out = _run("""
        import sys
        from cxtext._nlp import import_spacy_without_torch, load_nlp
        first = import_spacy_without_torch()
        again = import_spacy_without_torch()  # spaCy is imported now: nothing to do
        print(first, again, "torch" in sys.modules)
        print([t.lemma_ for t in load_nlp()("The nurses were waiting")])
        import torch  # still importable afterwards (the accurate models import it directly)
        print(torch.ones(2).sum().item())
    """)
    assert out.splitlines() == ["True False False", "['The', 'nurse', 'be', 'wait']", "2.0"]


def test_import_spacy_without_torch_does_nothing_once_torch_is_imported() -> None:
    out = _run("""
        import sys, torch
        from cxtext._nlp import import_spacy_without_torch
        print(import_spacy_without_torch(), "spacy" in sys.modules)
    """)
    assert out == "False False"


def test_fast_cli_run_never_imports_torch(tmp_path) -> None:
    src = tmp_path / "in.csv"
    pd.DataFrame({"text": ["Staff were lovely but the wait was long.", "n/a"]}).to_csv(src, index=False)
    out = _run(f"""
        import sys
        from cxtext.cli import main
        code = main(["analyze", {str(src)!r}, "--text", "text", "-o", {str(tmp_path / "out.csv")!r},
                     "--jobs", "2", "-q"])
        print(code, "torch" in sys.modules)
    """)
    assert out == "0 False"
    assert pd.read_csv(tmp_path / "out.csv")["sentiment"].tolist()[0] in ("negative", "positive")
