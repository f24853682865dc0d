"""Versioned model folders: manifest, sha256 check, lookup, and model cards.

A model lives in ``models/<name>/<version>/``::

    models/sentiment-fast/1.0.0/
        manifest.json   format, name, version, kind, cxtext version range, params,
                        labels, metrics, trained_on (data + licence), commercial_use,
                        and the sha256 of every other file in the folder
        weights.safetensors
        README.md       the model card, rendered from the manifest

Loading verifies every file against its recorded sha256 before anything is read,
and that the manifest still renders to its (hash-checked) model card, so an edited
manifest is refused too; it refuses a model whose cxtext range excludes the running
version. The card's layout is therefore part of manifest format 1. Weights are
stored as safetensors (plain arrays) and parameters as JSON, so loading a model
never unpickles anything.

Lookup order for a model *name* (``"fast"``, ``"sentiment-fast"``): the folder in
``$CXTEXT_MODELS_DIR`` if set, else the ``models/`` folder of the source checkout
this package was imported from. A *path* to a version folder is used as given.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxtext.errors import ModelError, ModelIntegrityError, ModelNotFoundError, ModelVersionError

__all__ = [
    "CARD_NAME",
    "MANIFEST_NAME",
    "ModelManifest",
    "TrainingData",
    "load_arrays",
    "load_by_kind",
    "load_verified",
    "models_root",
    "prepare_model_dir",
    "read_manifest",
    "resolve_model_dir",
    "save_arrays",
    "sha256_file",
    "verify_model_dir",
    "write_model_dir",
]

logger = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
CARD_NAME = "README.md"
MANIFEST_FORMAT = 1
_ALIASES = {
    ("sentiment", "fast"): "sentiment-fast",
    ("sentiment", "accurate"): "sentiment-accurate",
    ("emotion", "fast"): "emotion-fast",
    ("emotion", "accurate"): "emotion-accurate",
}


@dataclass(frozen=True)
class TrainingData:
    """One dataset a model learned from, with its licence.

    Parameters
    ----------
    data : str
        Dataset name (e.g. ``"airline_tweets"``).
    licence : str
        Licence of the data (e.g. ``"CC BY-NC-SA 4.0"``).
    rows : int
        Rows used for training.
    commercial_use : bool
        Whether the licence allows commercial use.
    note : str
        How the data was split or mapped.
    """

    data: str
    licence: str
    rows: int = 0
    commercial_use: bool = False
    note: str = ""


@dataclass
class ModelManifest:
    """Everything recorded about a model folder (``manifest.json``)."""

    name: str
    version: str
    kind: str
    cxtext: str
    params: dict[str, Any] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    trained_on: list[dict[str, Any]] = field(default_factory=list)
    description: str = ""
    files: dict[str, str] = field(default_factory=dict)
    format: int = MANIFEST_FORMAT

    @property
    def commercial_use(self) -> bool:
        """True only when every training dataset allows commercial use."""
        return all(bool(t.get("commercial_use")) for t in self.trained_on)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready manifest."""
        return {
            "format": self.format,
            "name": self.name,
            "version": self.version,
            "kind": self.kind,
            "cxtext": self.cxtext,
            "description": self.description,
            "params": self.params,
            "labels": self.labels,
            "metrics": self.metrics,
            "trained_on": self.trained_on,
            "commercial_use": self.commercial_use,
            "files": self.files,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: Path | str = "") -> ModelManifest:
        """Build a manifest from its JSON form, with a clear error for missing keys."""
        missing = [k for k in ("name", "version", "kind", "cxtext", "files") if k not in data]
        if missing:
            raise ModelError(
                f"[CX202] Manifest {str(source)!r} lacks required key(s) {missing}. "
                "Re-save the model with cxtext."
            )
        return cls(
            name=str(data["name"]),
            version=str(data["version"]),
            kind=str(data["kind"]),
            cxtext=str(data["cxtext"]),
            params=dict(data.get("params", {})),
            labels=list(data.get("labels", [])),
            metrics=dict(data.get("metrics", {})),
            trained_on=list(data.get("trained_on", [])),
            description=str(data.get("description", "")),
            files=dict(data["files"]),
            format=int(data.get("format", MANIFEST_FORMAT)),
        )


def sha256_file(path: str | os.PathLike[str], *, block: int = 1 << 20) -> str:
    """Return the hex sha256 of a file, read in blocks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256_file(p)[:16]
    'ba7816bf8f01cfea'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(block):
            digest.update(chunk)
    return digest.hexdigest()


def models_root() -> Path:
    """Return the folder holding the embedded models.

    ``$CXTEXT_MODELS_DIR`` wins; otherwise the ``models/`` folder of the source
    checkout (``src/cxtext/../../models``).
    """
    env = os.environ.get("CXTEXT_MODELS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "models"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else -1 for p in re.split(r"[.\-+]", version))


def resolve_model_dir(name_or_path: str | os.PathLike[str], *, kind: str = "") -> Path:
    """Find the folder of a model given a short name, a model name, or a path.

    Parameters
    ----------
    name_or_path : str or path-like
        ``"fast"``/``"accurate"`` (with ``kind``), a model name such as
        ``"sentiment-fast"`` (latest version), ``"sentiment-fast/1.0.0"``, or a path
        to a version folder holding ``manifest.json``.
    kind : str
        Component kind used to expand short names (``"sentiment"``).

    Raises
    ------
    ModelNotFoundError
        Listing the models that exist.

    Notes
    -----
    A short name always means the shipped model of ``kind``, even where a
    folder of that name holds a model in the working directory (a model
    trained with ``-o fast`` is loaded as ``./fast``): otherwise every plain
    run there would silently use it, and the emotion step would find a
    sentiment model under the same name.
    """
    raw = str(name_or_path)
    alias = _ALIASES.get((kind, raw))
    path = Path(raw).expanduser()
    if alias is None and (path / MANIFEST_NAME).is_file():
        return path
    root = models_root()
    name = alias or raw
    candidate = root / name
    if (candidate / MANIFEST_NAME).is_file():
        return candidate
    if candidate.is_dir():
        versions = [p for p in candidate.iterdir() if (p / MANIFEST_NAME).is_file()]
        if versions:
            return max(versions, key=lambda p: _version_key(p.name))
    available = sorted(
        str(p.parent.relative_to(root)) for p in root.glob(f"*/*/{MANIFEST_NAME}")
    ) if root.is_dir() else []
    raise ModelNotFoundError(
        f"[CX201] No model found for {raw!r} (looked for a folder with {MANIFEST_NAME} at "
        f"{str(path)!r} and under {str(root)!r}). Available models: "
        f"{', '.join(available) or 'none'}. Pass one of these, a path to a model folder, "
        "or set CXTEXT_MODELS_DIR."
    )


def read_manifest(folder: str | os.PathLike[str]) -> ModelManifest:
    """Read ``manifest.json`` of a model folder (no hash check)."""
    path = Path(folder) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelNotFoundError(
            f"[CX201] {str(path)!r} does not exist; a model folder needs a manifest."
        ) from exc
    except (OSError, ValueError) as exc:
        raise ModelError(f"[CX202] Cannot read manifest {str(path)!r}: {exc}.") from exc
    return ModelManifest.from_dict(data, source=path)


def _check_version_range(manifest: ModelManifest) -> None:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    from cxtext import __version__

    try:
        spec = SpecifierSet(manifest.cxtext)
    except InvalidSpecifier as exc:
        raise ModelVersionError(
            f"[CX204] Model {manifest.name} {manifest.version} declares an invalid cxtext "
            f"range {manifest.cxtext!r}."
        ) from exc
    if not spec.contains(__version__, prereleases=True):
        raise ModelVersionError(
            f"[CX204] Model {manifest.name} {manifest.version} needs cxtext {manifest.cxtext}, "
            f"but this is cxtext {__version__}. Install a matching cxtext or retrain the model."
        )
    if not any(s.operator in ("<", "<=", "==", "~=") for s in spec):
        logger.warning(
            "Model %s %s declares cxtext %r without an upper bound; it may not work with "
            "future versions.", manifest.name, manifest.version, manifest.cxtext,
        )


def verify_model_dir(folder: str | os.PathLike[str]) -> ModelManifest:
    """Check a model folder: manifest, cxtext range and every file's sha256.

    Raises
    ------
    ModelIntegrityError
        A listed file is missing or its sha256 differs from the manifest, a file in
        the folder is not listed, or the manifest no longer renders to its card.
    ModelVersionError
        The running cxtext is outside the model's declared range.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    _check_version_range(manifest)
    unlisted = [rel for rel in _folder_files(folder) if rel != MANIFEST_NAME and rel not in manifest.files]
    if unlisted:
        raise ModelIntegrityError(
            f"[CX203] Refusing to load {str(folder)!r}: it holds file(s) its manifest does not list "
            f"({', '.join(unlisted[:4])}{', ...' if len(unlisted) > 4 else ''}), so they cannot be checked. "
            "A model folder holds only the files saved with it: move other files elsewhere, or restore the "
            "manifest from the model's source."
        )
    for rel, expected in manifest.files.items():
        target = folder / rel
        if not target.is_file():
            raise ModelIntegrityError(
                f"[CX203] Model file {str(target)!r} listed in the manifest is missing. "
                "Restore the model folder from its source."
            )
        actual = sha256_file(target)
        if actual != expected:
            raise ModelIntegrityError(
                f"[CX203] Refusing to load {str(target)!r}: its sha256 is {actual}, but the "
                f"manifest records {expected}. The file was changed or corrupted; restore it "
                "or retrain the model."
            )
    _check_manifest_matches_card(folder, manifest)
    return manifest


def _folder_files(folder: Path) -> list[str]:
    """The files of a model folder, as sorted relative paths, without system files (:func:`_system_file`)."""
    return sorted(rel for rel in (str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
                  if not _system_file(rel))


def _system_file(rel: str) -> bool:
    """Files an operating system or Python leaves in any folder (``.DS_Store``, ``__pycache__``): never a
    model's (no loader reads a hidden file), so their presence is no reason to refuse a model."""
    parts = Path(rel).parts
    return any(part.startswith(".") or part == "__pycache__" for part in parts)


def _check_manifest_matches_card(folder: Path, manifest: ModelManifest) -> None:
    """Refuse a manifest edited after saving: its model card (hash-checked) is rendered from it.

    The manifest cannot record its own sha256, but the card written beside it
    renders every field a loader reads (name, version, kind, cxtext range,
    labels, parameters, metrics, training data), and the card's sha256 is in
    the manifest. A manifest whose fields no longer render to that card was
    changed after the model was saved (labels swapped, parameters edited).
    """
    card = folder / CARD_NAME
    if CARD_NAME not in manifest.files:
        raise ModelIntegrityError(
            f"[CX203] Refusing to load {str(folder)!r}: its manifest lists no model card ({CARD_NAME}), "
            "which every saved model has. Restore the model folder from its source or retrain the model."
        )
    if _card_form(card.read_bytes().decode("utf-8")) != _card_form(_render_card(manifest)):
        raise ModelIntegrityError(
            f"[CX203] Refusing to load {str(folder)!r}: {MANIFEST_NAME} no longer matches the model card "
            f"({CARD_NAME}) written from it when the model was saved, so the manifest was edited "
            "afterwards (labels, parameters or other fields). Restore manifest.json from the model's "
            "source or retrain the model."
        )


_JSON_BLOCK = re.compile(r"```json\n(.*?)\n```", re.DOTALL)


def _card_form(text: str) -> tuple[str, list[Any]]:
    """A card's text compared loosely: carriage returns dropped (line ends differ between systems), and
    its JSON blocks (parameters, metrics) parsed, so a manifest whose keys were reordered
    (``jq -S``, ``sort_keys=True``) still matches the card written from it."""
    text = text.replace("\r", "")
    blocks = []
    for block in _JSON_BLOCK.findall(text):
        try:
            blocks.append(json.loads(block))
        except ValueError:
            blocks.append(block)
    return _JSON_BLOCK.sub("```json```", text), blocks


def _render_card(manifest: ModelManifest) -> str:
    lines = [
        f"# {manifest.name} {manifest.version}",
        "",
        manifest.description or f"A cxtext {manifest.kind} model.",
        "",
        f"- kind: `{manifest.kind}`",
        f"- cxtext: `{manifest.cxtext}`",
        f"- labels: {', '.join(f'`{lab}`' for lab in manifest.labels) or '—'}",
        f"- commercial use: **{'allowed' if manifest.commercial_use else 'NOT allowed'}**"
        + ("" if manifest.commercial_use else " (at least one training set is non-commercial)"),
        "",
        "## Training data",
        "",
        "| data | licence | rows | commercial use | note |",
        "|---|---|---|---|---|",
    ]
    for t in manifest.trained_on:
        lines.append(
            f"| {t.get('data', '')} | {t.get('licence', '')} | {t.get('rows', '')} | "
            f"{'yes' if t.get('commercial_use') else 'no'} | {t.get('note', '')} |"
        )
    lines += ["", "## Parameters", "", "```json", json.dumps(manifest.params, indent=2), "```"]
    lines += ["", "## Metrics", "", "```json", json.dumps(manifest.metrics, indent=2), "```", ""]
    lines += [
        "Files are checked against the sha256 values in `manifest.json` on every load.",
        "",
    ]
    return "\n".join(lines)


def write_model_dir(
    folder: str | os.PathLike[str],
    *,
    name: str,
    version: str,
    kind: str,
    cxtext: str,
    params: Mapping[str, Any],
    labels: Sequence[str] = (),
    metrics: Mapping[str, Any] | None = None,
    trained_on: Sequence[TrainingData | Mapping[str, Any]] = (),
    description: str = "",
) -> ModelManifest:
    """Finish a model folder: render its card, hash every file, write the manifest.

    The weights must already be written into ``folder``. Every file except the
    manifest is hashed (the card included), but for hidden files and
    ``__pycache__``, which an operating system may add or change at any time.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    records = [t.__dict__.copy() if isinstance(t, TrainingData) else dict(t) for t in trained_on]
    manifest = ModelManifest(
        name=name, version=version, kind=kind, cxtext=cxtext, params=dict(params),
        labels=list(labels), metrics=dict(metrics or {}), trained_on=records,
        description=description,
    )
    (folder / CARD_NAME).write_text(_render_card(manifest), encoding="utf-8")
    manifest.files = {rel: sha256_file(folder / rel) for rel in _folder_files(folder)
                      if Path(rel).name != MANIFEST_NAME}
    (folder / MANIFEST_NAME).write_text(
        json.dumps(manifest.to_dict(), indent=2, sort_keys=False) + "\n", encoding="utf-8"
    )
    return manifest


def prepare_model_dir(folder: str | os.PathLike[str], *, overwrite: bool = False, dry_run: bool = False) -> Path:
    """Check (and with ``overwrite``, empty) the folder a model is about to be saved into.

    A model folder hashes every file in it, so a save into a folder that holds
    other files would take them into its manifest, and a second save would
    silently replace the first model. Call before training, so a bad output path
    fails fast.

    Parameters
    ----------
    folder : path
        The version folder to write (``models/NAME/VERSION``).
    overwrite : bool
        Replace a model saved there before: the files its manifest lists (and the
        manifest) are removed. Files that are not part of that model are never
        removed; their presence is an error.
    dry_run : bool
        Only check: raise as above, remove nothing (before a long training).

    Raises
    ------
    ModelError
        ``[CX206]``: the path is a file, or the folder holds files (without
        ``overwrite``), or files that are not a saved model's.

    Examples
    --------
    >>> import tempfile
    >>> prepare_model_dir(Path(tempfile.mkdtemp()) / "custom" / "1.0.0").name
    '1.0.0'
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ModelError(f"[CX206] The output {str(folder)!r} is a file; give a folder to save the model in, "
                         "e.g. models/NAME/1.0.0.")
    for parent in folder.parents:  # the nearest existing ancestor must be a folder we can create in
        if parent.exists():
            if not parent.is_dir():
                raise ModelError(f"[CX206] Cannot create the output folder {str(folder)!r}: {str(parent)!r} is a "
                                 "file. Choose another folder, e.g. models/NAME/1.0.0.")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise ModelError(f"[CX206] Cannot create the output folder {str(folder)!r}: {str(parent)!r} is "
                                 "not writable. Choose a folder you can write to.")
            break
    present = [folder / rel for rel in _folder_files(folder)] if folder.is_dir() else []
    if not present:
        return folder
    shown = ", ".join(str(p.relative_to(folder)) for p in present[:4]) + (", ..." if len(present) > 4 else "")
    if not overwrite:
        if not (folder / MANIFEST_NAME).is_file():
            raise ModelError(f"[CX206] The output folder {str(folder)!r} already holds files ({shown}) and no "
                             "saved model: save the model in a new or empty folder (e.g. models/NAME/1.0.0).")
        raise ModelError(f"[CX206] The output folder {str(folder)!r} already holds files ({shown}). Save the "
                         "model as a new version (e.g. models/NAME/1.0.1), or pass overwrite=True (on the "
                         "command line --force) to replace the model saved there.")
    manifest_path = folder / MANIFEST_NAME
    owned = ({MANIFEST_NAME, *read_manifest(folder).files} if manifest_path.is_file() else set())
    foreign = [p for p in present if str(p.relative_to(folder)) not in owned]
    if foreign:
        raise ModelError(f"[CX206] Not replacing the model in {str(folder)!r}: it also holds files that are not "
                         f"part of a saved model ({', '.join(str(p.relative_to(folder)) for p in foreign[:4])}). "
                         "Move them away or choose another folder.")
    if not dry_run:
        for p in present:
            p.unlink()
    return folder


def save_arrays(path: str | os.PathLike[str], arrays: Mapping[str, Any]) -> None:
    """Write numpy arrays as safetensors (made contiguous: the raw buffer is written)."""
    import numpy as np
    from safetensors.numpy import save_file

    save_file({k: np.ascontiguousarray(v) for k, v in arrays.items()}, str(path))
    # safetensors writes owner-only files (0600): give the weights the read/write bits of their folder,
    # as the folder's other files get from the umask, so a model shared with colleagues loads for them
    os.chmod(path, os.stat(Path(path).parent).st_mode & 0o666)


def load_arrays(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a safetensors file written by :func:`save_arrays` (call after :func:`verify_model_dir`)."""
    from safetensors.numpy import load_file

    return load_file(str(path))


def load_verified(name_or_path: str | os.PathLike[str], *, kind: str, family: str) -> tuple[Path, ModelManifest]:
    """Resolve, hash-check and kind-check a model folder in one call.

    Parameters
    ----------
    name_or_path : str or path-like
        Short name, model name or folder (see :func:`resolve_model_dir`).
    kind : str
        The manifest ``kind`` the caller can load (``"sentiment-fast"``).
    family : str
        Short-name family (``"sentiment"``), so ``"fast"`` expands correctly.
    """
    folder = resolve_model_dir(name_or_path, kind=family)
    manifest = verify_model_dir(folder)
    if manifest.kind != kind:
        raise ModelError(f"[CX205] {str(folder)!r} holds a model of kind {manifest.kind!r}, not {kind!r}.")
    return folder, manifest


def load_by_kind(name_or_path: str | os.PathLike[str], *, family: str,
                 classes: Mapping[str, Any]) -> Any:
    """Load a model with the class its manifest ``kind`` names (files hash-checked by that class).

    Parameters
    ----------
    name_or_path : str or path-like
        Short name (``"fast"``), model name or folder.
    family : str
        ``"sentiment"``, ``"emotion"`` … (expands short names, names the family in errors).
    classes : mapping of str to class
        Manifest kind -> class with a ``load(folder)`` classmethod.
    """
    folder = resolve_model_dir(name_or_path, kind=family)
    kind = read_manifest(folder).kind
    if kind not in classes:
        raise ModelError(
            f"[CX205] {str(folder)!r} holds a model of kind {kind!r}, not a {family} model "
            f"({', '.join(classes)})."
        )
    return classes[kind].load(folder)
