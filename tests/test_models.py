from __future__ import annotations

import json

import numpy as np
import pytest

from cxtext.errors import ModelIntegrityError, ModelNotFoundError, ModelVersionError
from cxtext.models import (
    TrainingData,
    read_manifest,
    resolve_model_dir,
    sha256_file,
    verify_model_dir,
    write_model_dir,
)


def _make(folder, cxtext=">=0.1,<0.2", trained_on=None, version="1.2.0"):
    folder.mkdir(parents=True)
    (folder / "weights.bin").write_bytes(np.arange(10, dtype=np.int32).tobytes())
    return write_model_dir(
        folder, name="toy", version=version, kind="toy", cxtext=cxtext, params={"a": 1},
        labels=["x"], metrics={"f1": 0.5},
        trained_on=trained_on or [TrainingData("d1", "CC0 1.0", 10, True)],
    )


def test_manifest_lists_hash_of_every_file_and_card(tmp_path):
    folder = tmp_path / "toy" / "1.2.0"
    manifest = _make(folder)
    assert set(manifest.files) == {"weights.bin", "README.md"}
    assert manifest.files["weights.bin"] == sha256_file(folder / "weights.bin")
    data = json.loads((folder / "manifest.json").read_text())
    assert data["commercial_use"] is True and data["trained_on"][0]["licence"] == "CC0 1.0"
    assert "CC0 1.0" in (folder / "README.md").read_text()
    assert verify_model_dir(folder).params == {"a": 1}


def test_non_commercial_data_makes_model_non_commercial(tmp_path):
    folder = tmp_path / "m"
    manifest = _make(folder, trained_on=[TrainingData("a", "CC0", 1, True),
                                         TrainingData("b", "CC BY-NC-SA 4.0", 1, False)])
    assert manifest.commercial_use is False
    assert "NOT allowed" in (folder / "README.md").read_text()


def test_tampered_file_is_refused(tmp_path):
    folder = tmp_path / "m"
    _make(folder)
    (folder / "weights.bin").write_bytes(b"evil")
    with pytest.raises(ModelIntegrityError, match="sha256"):
        verify_model_dir(folder)


@pytest.mark.parametrize(("field", "value"), [
    ("labels", ["y"]), ("params", {"a": 2}), ("params", {"a": 1, "temperature": 3.0}),
    ("metrics", {"f1": 0.9}), ("kind", "other"), ("version", "1.2.1"), ("cxtext", ">=0.1"),
    ("trained_on", []),
])
def test_edited_manifest_is_refused(tmp_path, field, value):
    folder = tmp_path / "m"
    _make(folder)
    data = json.loads((folder / "manifest.json").read_text())
    data[field] = value
    (folder / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(ModelIntegrityError, match="manifest was edited"):
        verify_model_dir(folder)


def test_manifest_without_its_card_is_refused(tmp_path):
    folder = tmp_path / "m"
    _make(folder)
    data = json.loads((folder / "manifest.json").read_text())
    del data["files"]["README.md"]
    (folder / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(ModelIntegrityError, match=r"does not list \(README.md\)"):
        verify_model_dir(folder)


def test_reformatted_manifest_still_loads(tmp_path):
    folder = tmp_path / "m"
    _make(folder)
    data = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps(data, indent=4, sort_keys=True))  # same fields
    assert verify_model_dir(folder).labels == ["x"]


def test_every_shipped_model_folder_verifies():
    from pathlib import Path

    folders = sorted(p.parent for p in (Path(__file__).resolve().parents[1] / "models").glob("*/*/manifest.json"))
    assert len(folders) >= 30
    for folder in folders:
        verify_model_dir(folder)


def test_missing_file_is_refused(tmp_path):
    folder = tmp_path / "m"
    _make(folder)
    (folder / "weights.bin").unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        verify_model_dir(folder)


def test_version_range_is_enforced(tmp_path):
    folder = tmp_path / "m"
    _make(folder, cxtext=">=9,<10")
    with pytest.raises(ModelVersionError, match="needs cxtext >=9,<10"):
        verify_model_dir(folder)


def test_resolve_by_name_picks_latest_version(tmp_path, monkeypatch):
    for version in ("1.2.0", "1.10.0", "1.9.1"):
        _make(tmp_path / "toy" / version, version=version)
    monkeypatch.setenv("CXTEXT_MODELS_DIR", str(tmp_path))
    assert resolve_model_dir("toy").name == "1.10.0"
    assert resolve_model_dir(tmp_path / "toy" / "1.2.0").name == "1.2.0"
    assert read_manifest(resolve_model_dir("toy/1.9.1")).version == "1.9.1"


def test_short_names_mean_the_shipped_models_whatever_the_working_directory_holds(tmp_path, monkeypatch):
    shipped = tmp_path / "shipped"
    _make(shipped / "sentiment-fast" / "1.0.0")
    _make(tmp_path / "work" / "fast")  # a model trained with `-o fast`
    monkeypatch.setenv("CXTEXT_MODELS_DIR", str(shipped))
    monkeypatch.chdir(tmp_path / "work")
    assert resolve_model_dir("fast", kind="sentiment") == shipped / "sentiment-fast" / "1.0.0"
    assert resolve_model_dir("./fast", kind="sentiment").resolve() == tmp_path / "work" / "fast"
    assert resolve_model_dir("fast").resolve() == tmp_path / "work" / "fast"  # no kind: no short name


def test_unknown_model_lists_available(tmp_path, monkeypatch):
    _make(tmp_path / "toy" / "1.0.0")
    monkeypatch.setenv("CXTEXT_MODELS_DIR", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match="toy/1.0.0"):
        resolve_model_dir("nope")


def test_manifest_with_reordered_keys_or_carriage_returns_still_loads(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir(parents=True)
    (folder / "weights.bin").write_bytes(b"w")
    write_model_dir(folder, name="toy", version="1.0.0", kind="toy", cxtext=">=0.1,<0.2",
                    params={"b": 1, "a": {"y": 2, "x": 3}}, labels=["x"], metrics={"z": 1.5, "f1": 0.5},
                    trained_on=[TrainingData("d1", "Licence\r\n(c) someone", 10, True, note="line\r\nend")])
    assert verify_model_dir(folder).params["a"] == {"y": 2, "x": 3}
    data = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps(data, sort_keys=True, indent=1))  # as `jq -S` writes it
    assert verify_model_dir(folder).metrics == {"z": 1.5, "f1": 0.5}


def test_an_unlisted_file_is_refused_but_system_files_are_not(tmp_path):
    folder = tmp_path / "m"
    _make(folder)
    (folder / ".DS_Store").write_bytes(b"finder")
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "x.pyc").write_bytes(b"")
    verify_model_dir(folder)
    data = json.loads((folder / "manifest.json").read_text())
    del data["files"]["weights.bin"]  # the weights would never be checked
    (folder / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(ModelIntegrityError, match=r"does not list \(weights.bin\)"):
        verify_model_dir(folder)


def test_hidden_files_are_not_part_of_a_saved_model(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / ".DS_Store").write_bytes(b"finder")
    (folder / "weights.bin").write_bytes(b"w")
    manifest = write_model_dir(folder, name="toy", version="1.0.0", kind="toy", cxtext=">=0.1,<0.2", params={})
    assert set(manifest.files) == {"weights.bin", "README.md"}
    (folder / ".DS_Store").write_bytes(b"finder wrote again")
    verify_model_dir(folder)
