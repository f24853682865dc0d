"""The CX theme taxonomy: a versioned list of themes read from YAML.

A taxonomy file looks like this::

    version: 1.0.0
    name: my-taxonomy
    description: Themes for our contact-centre survey.
    themes:
      - id: waiting_time
        label: Waiting time
        description: Time spent waiting in queues, on hold or for something to happen.
        group: process
        stage: support            # optional
        seeds: [wait, queue, on hold, took ages]
        exclude: [can't wait to]  # optional
        examples: ["I was on hold for forty minutes."]

The packaged default (``default_taxonomy.yaml``) is read with
:mod:`importlib.resources`. Files are parsed with ``yaml.compose`` so every error
message can name the file, the key and the line. The validation itself is
hand-written (about a hundred lines) rather than done with a schema library:
no schema package is a cxtext dependency, and none reports YAML line numbers.

Error codes: ``[CX310]`` file missing or unreadable, ``[CX311]`` invalid YAML,
``[CX312]`` invalid content (unknown/missing key, bad type or value),
``[CX313]`` duplicate theme id, ``[CX314]`` unknown theme id.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

from cxtext.errors import ConfigError

__all__ = [
    "GROUPS",
    "STAGES",
    "Taxonomy",
    "Theme",
    "load_taxonomy",
]

logger = logging.getLogger(__name__)

#: Allowed values of a theme's ``group``.
GROUPS: tuple[str, ...] = ("people", "process", "product", "price", "digital", "delivery", "place")
#: Allowed values of a theme's optional ``stage`` (customer-journey stage).
STAGES: tuple[str, ...] = (
    "awareness",
    "consideration",
    "purchase",
    "delivery",
    "post-purchase",
    "support",
)

_DEFAULT_RESOURCE = "default_taxonomy.yaml"
_ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_TOP_KEYS = ("version", "name", "description", "themes")
_THEME_KEYS = ("id", "label", "description", "group", "stage", "seeds", "exclude", "examples")
_THEME_REQUIRED = ("id", "label", "description", "group")

PathLike = Union[str, "os.PathLike[str]"]
_Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Theme:
    """One CX theme.

    Parameters
    ----------
    id : str
        Snake-case identifier, e.g. ``"waiting_time"``.
    label : str
        Short human label, e.g. ``"Waiting time"``.
    description : str
        One or two sentences an analyst understands.
    group : str
        One of :data:`GROUPS`.
    stage : str or None, default None
        Customer-journey stage, one of :data:`STAGES`.
    seeds : tuple of str
        Lower-case words and phrases that signal the theme (matched on lemmas, so
        "wait" finds "waited"; a leading ``=`` matches the exact words only:
        ``"=ups"``, whose lemma "up" would also find "set up").
    exclude : tuple of str
        Phrases that look like a seed but are not the theme (``"can't wait to"``),
        matched on lemmas; a leading ``=`` matches the exact words only
        (``"=weeks later"``: lemmas would also exclude "a week late").
    examples : tuple of str
        Example comments that mention the theme.

    Examples
    --------
    >>> t = Theme("noise", "Noise", "How loud the place is.", "place", seeds=("noisy", "loud"))
    >>> t.seeds
    ('noisy', 'loud')
    """

    id: str
    label: str
    description: str
    group: str
    stage: str | None = None
    seeds: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Accept lists for convenience but keep the object hashable and immutable.
        for name in ("seeds", "exclude", "examples"):
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise ConfigError(
                    f"[CX312] Theme {self.id!r}: {name!r} must be a list of strings, "
                    f'got {type(value).__name__}. Write e.g. {name}: ["a", "b"].'
                )
            object.__setattr__(self, name, tuple(value))

    def to_dict(self) -> dict[str, Any]:
        """Return the theme as a plain dict (optional empty fields left out).

        Examples
        --------
        >>> Theme("noise", "Noise", "How loud.", "place").to_dict()["group"]
        'place'
        """
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "description": self.description,
            "group": self.group,
        }
        if self.stage is not None:
            out["stage"] = self.stage
        for name in ("seeds", "exclude", "examples"):
            value = getattr(self, name)
            if value:
                out[name] = list(value)
        return out


class Taxonomy:
    """An ordered, immutable collection of :class:`Theme` objects.

    Methods that change the taxonomy (:meth:`add`, :meth:`drop`, :meth:`merge`)
    return a new object and leave this one untouched.

    Parameters
    ----------
    themes : iterable of Theme
        The themes, in order. Ids must be unique.
    version : str, default "0.0.0"
        Version of the taxonomy (not of cxtext).
    name : str, default "custom"
        Short name.
    description : str, default ""
        What the taxonomy is for.

    Examples
    --------
    >>> tax = load_taxonomy()
    >>> "waiting_time" in tax
    True
    >>> smaller = tax.drop(["packaging"])
    >>> len(smaller) == len(tax) - 1
    True
    """

    def __init__(
        self,
        themes: Iterable[Theme],
        *,
        version: str = "0.0.0",
        name: str = "custom",
        description: str = "",
    ) -> None:
        themes = tuple(themes)
        seen: set[str] = set()
        for theme in themes:
            if not isinstance(theme, Theme):
                raise ConfigError(
                    f"[CX312] Taxonomy themes must be Theme objects, got {type(theme).__name__}."
                )
            _check_theme(theme, source="<Taxonomy>", lines={}, path=())
            if theme.id in seen:
                raise ConfigError(
                    f"[CX313] Duplicate theme id {theme.id!r}. Each theme id must be unique; "
                    "rename one of them."
                )
            seen.add(theme.id)
        self._themes = themes
        self._by_id = {t.id: t for t in themes}
        self._version = str(version)
        self._name = str(name)
        self._description = str(description)

    # -- read-only views -------------------------------------------------
    @property
    def themes(self) -> tuple[Theme, ...]:
        """The themes, in file order."""
        return self._themes

    @property
    def ids(self) -> list[str]:
        """Theme ids, in file order."""
        return [t.id for t in self._themes]

    @property
    def version(self) -> str:
        """Version string of the taxonomy."""
        return self._version

    @property
    def name(self) -> str:
        """Name of the taxonomy."""
        return self._name

    @property
    def description(self) -> str:
        """What the taxonomy is for."""
        return self._description

    def __len__(self) -> int:
        return len(self._themes)

    def __iter__(self) -> Iterator[Theme]:
        return iter(self._themes)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Theme):
            return self._by_id.get(item.id) == item
        return item in self._by_id

    def __getitem__(self, theme_id: str) -> Theme:
        try:
            return self._by_id[theme_id]
        except KeyError:
            raise ConfigError(self._unknown_msg([theme_id])) from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Taxonomy):
            return NotImplemented
        return (
            self._themes == other._themes
            and self._version == other._version
            and self._name == other._name
            and self._description == other._description
        )

    def __hash__(self) -> int:
        return hash((self._themes, self._version, self._name, self._description))

    def __repr__(self) -> str:
        return f"Taxonomy(name={self._name!r}, version={self._version!r}, themes={len(self)})"

    # -- new objects -----------------------------------------------------
    def _replace(self, themes: Iterable[Theme]) -> Taxonomy:
        return Taxonomy(
            themes, version=self._version, name=self._name, description=self._description
        )

    def _unknown_msg(self, unknown: Sequence[object]) -> str:
        return (
            f"[CX314] Unknown theme id(s) {', '.join(repr(u) for u in unknown)}. "
            f"Known ids: {', '.join(self.ids)}."
        )

    def drop(self, ids: str | Iterable[str]) -> Taxonomy:
        """Return a copy without the given theme ids.

        Parameters
        ----------
        ids : str or iterable of str
            Theme ids to remove. An unknown id raises :class:`~cxtext.errors.ConfigError`.

        Examples
        --------
        >>> "billing" in load_taxonomy().drop("billing")
        False
        """
        wanted = [ids] if isinstance(ids, str) else list(ids)
        unknown = [i for i in wanted if i not in self._by_id]
        if unknown:
            raise ConfigError(self._unknown_msg(unknown))
        gone = set(wanted)
        return self._replace(t for t in self._themes if t.id not in gone)

    def add(
        self,
        theme_or_id: Theme | str,
        *,
        label: str | None = None,
        description: str | None = None,
        group: str | None = None,
        stage: str | None = None,
        seeds: Iterable[str] = (),
        exclude: Iterable[str] = (),
        examples: Iterable[str] = (),
    ) -> Taxonomy:
        """Return a copy with one more theme at the end.

        Parameters
        ----------
        theme_or_id : Theme or str
            A ready :class:`Theme`, or the id of a new one built from the keywords
            (then ``label``, ``description`` and ``group`` are required).
        label, description, group, stage, seeds, exclude, examples
            Fields of the new theme; see :class:`Theme`.

        Examples
        --------
        >>> tax = load_taxonomy().add("parking", label="Parking",
        ...     description="Finding and paying for a parking space.", group="place",
        ...     seeds=["parking", "car park"])
        >>> tax.ids[-1]
        'parking'
        """
        if isinstance(theme_or_id, Theme):
            theme = theme_or_id
        else:
            missing = [
                k
                for k, v in (("label", label), ("description", description), ("group", group))
                if not v
            ]
            if missing:
                raise ConfigError(
                    f"[CX312] Cannot add theme {theme_or_id!r}: missing {', '.join(missing)}. "
                    "Pass label=..., description=... and group=... (or a Theme object)."
                )
            theme = Theme(
                str(theme_or_id),
                str(label),
                str(description),
                str(group),
                stage,
                _keywords(seeds),  # lower case and trimmed, as a loaded file's
                _keywords(exclude),
                examples,
            )
        if theme.id in self._by_id:
            raise ConfigError(
                f"[CX313] Theme id {theme.id!r} is already in taxonomy {self._name!r}. "
                "Pick another id, or drop the existing theme first."
            )
        return self._replace((*self._themes, theme))

    def merge(self, other: Taxonomy, *, replace: bool = False) -> Taxonomy:
        """Return a copy with the themes of ``other`` appended.

        Parameters
        ----------
        other : Taxonomy
            Themes to add. Name and version of ``self`` are kept.
        replace : bool, default False
            If False, an id found in both raises :class:`~cxtext.errors.ConfigError`.
            If True, the theme from ``other`` replaces ours in place.

        Examples
        --------
        >>> base = load_taxonomy()
        >>> extra = Taxonomy([Theme("parking", "Parking", "Car parks.", "place")])
        >>> base.merge(extra).ids[-1]
        'parking'
        """
        if not isinstance(other, Taxonomy):
            raise ConfigError(
                f"[CX312] merge() needs a Taxonomy, got {type(other).__name__}. "
                "Load one with load_taxonomy(path)."
            )
        common = [t.id for t in other if t.id in self._by_id]
        if common and not replace:
            raise ConfigError(
                f"[CX313] Both taxonomies define {', '.join(repr(c) for c in common)}. "
                "Drop them from one side, or call merge(other, replace=True)."
            )
        theirs = {t.id: t for t in other}
        themes = [theirs.get(t.id, t) for t in self._themes]
        themes += [t for t in other if t.id not in self._by_id]
        return self._replace(themes)

    # -- serialisation ---------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Return the taxonomy as plain data in file layout.

        Examples
        --------
        >>> sorted(load_taxonomy().to_dict())
        ['description', 'name', 'themes', 'version']
        """
        return {
            "version": self._version,
            "name": self._name,
            "description": self._description,
            "themes": [t.to_dict() for t in self._themes],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<dict>") -> Taxonomy:
        """Build and validate a taxonomy from plain data (same layout as the YAML file).

        Examples
        --------
        >>> Taxonomy.from_dict({"version": "1", "name": "x", "themes": [
        ...     {"id": "noise", "label": "Noise", "description": "Loudness.", "group": "place"}]}).ids
        ['noise']
        """
        return _build(data, source=source, lines={})

    def to_yaml(self, path: PathLike) -> Path:
        """Write the taxonomy to a YAML file that :func:`load_taxonomy` reads back equal.

        Parameters
        ----------
        path : str or path-like
            Destination file (parent folders are created).

        Returns
        -------
        pathlib.Path
            The path written.

        Examples
        --------
        >>> import tempfile, os
        >>> p = load_taxonomy().to_yaml(os.path.join(tempfile.mkdtemp(), "t.yaml"))
        >>> load_taxonomy(p) == load_taxonomy()
        True
        """
        import yaml

        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(
            self.to_dict(), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
        )
        out.write_text(text, encoding="utf-8")
        logger.debug("Wrote taxonomy %r (%d themes) to %s", self._name, len(self), out)
        return out


# ---------------------------------------------------------------------------
# loading and validation
# ---------------------------------------------------------------------------
def _where(source: str, lines: Mapping[_Path, int], path: _Path) -> str:
    """Describe a location: file, dotted key and line (if known)."""
    key = ""
    for part in path:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    line = None
    probe = path
    while probe and line is None:  # fall back to the closest enclosing node
        line = lines.get(probe)
        probe = probe[:-1]
    if line is None:
        line = lines.get(())
    at = f"{source}"
    if line is not None:
        at += f", line {line}"
    if key:
        at += f", key {key!r}"
    return at


def _fail(code: str, msg: str, source: str, lines: Mapping[_Path, int], path: _Path) -> ConfigError:
    return ConfigError(f"[{code}] {_where(source, lines, path)}: {msg}")


def _check_str_list(
    value: object, name: str, source: str, lines: Mapping[_Path, int], path: _Path
) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise _fail(
            "CX312",
            f"{name!r} must be a list of strings, got {type(value).__name__}. "
            f'Write it as a YAML list: {name}: ["first", "second"].',
            source,
            lines,
            path,
        )
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise _fail(
                "CX312",
                f"item {i} of {name!r} must be a non-empty string, got {item!r}. "
                "Quote values YAML would read as numbers, booleans or null.",
                source,
                lines,
                (*path, i),
            )
        out.append(item.strip())
    return tuple(out)


def _check_theme(theme: Theme, *, source: str, lines: Mapping[_Path, int], path: _Path) -> None:
    """Validate the values of a built Theme (types, id format, group, stage)."""
    for key in ("id", "label", "description", "group"):
        value = getattr(theme, key)
        if not isinstance(value, str) or not value.strip():
            raise _fail(
                "CX312",
                f"theme {key!r} must be a non-empty string, got {value!r}.",
                source,
                lines,
                (*path, key),
            )
    if not _ID_RE.match(theme.id):
        raise _fail(
            "CX312",
            f"theme id {theme.id!r} is not snake_case. Use lower-case letters, digits and "
            "single underscores, starting with a letter (e.g. 'waiting_time').",
            source,
            lines,
            (*path, "id"),
        )
    if theme.group not in GROUPS:
        raise _fail(
            "CX312",
            f"theme {theme.id!r} has group {theme.group!r}; allowed groups: {', '.join(GROUPS)}.",
            source,
            lines,
            (*path, "group"),
        )
    if theme.stage is not None and theme.stage not in STAGES:
        raise _fail(
            "CX312",
            f"theme {theme.id!r} has stage {theme.stage!r}; allowed stages: {', '.join(STAGES)} "
            "(or leave it out).",
            source,
            lines,
            (*path, "stage"),
        )
    for key in ("seeds", "exclude", "examples"):
        _check_str_list(list(getattr(theme, key)), key, source, lines, (*path, key))


def _build(data: object, *, source: str, lines: Mapping[_Path, int]) -> Taxonomy:
    """Validate parsed data and build a Taxonomy, naming file, key and line on error."""
    if not isinstance(data, Mapping):
        raise _fail(
            "CX312",
            f"the top level must be a mapping with keys {', '.join(_TOP_KEYS)}, "
            f"got {type(data).__name__}.",
            source,
            lines,
            (),
        )
    for key in data:
        if key not in _TOP_KEYS:
            raise _fail(
                "CX312",
                f"unknown top-level key {key!r}. Allowed keys: {', '.join(_TOP_KEYS)}.",
                source,
                lines,
                (key,),
            )
    for key in ("version", "name", "themes"):
        if key not in data:
            raise _fail("CX312", f"missing required top-level key {key!r}.", source, lines, ())
    for key in ("version", "name", "description"):
        value = data.get(key, "")
        if value is None or isinstance(value, (bool, list, dict)):
            raise _fail("CX312", f"{key!r} must be a string, got {value!r}.", source, lines, (key,))
    if isinstance(data["version"], float):  # YAML reads version: 1.10 as the number 1.1
        import warnings

        warnings.warn(f"Taxonomy {source}: 'version' was read as the number {data['version']!r} (YAML drops "
                      "trailing zeros: 1.10 becomes 1.1); write it in quotes, e.g. version: \"1.10\".",
                      UserWarning, stacklevel=3)
    themes_raw = data["themes"]
    if not isinstance(themes_raw, list) or not themes_raw:
        raise _fail(
            "CX312",
            "'themes' must be a non-empty list of theme mappings.",
            source,
            lines,
            ("themes",),
        )
    themes: list[Theme] = []
    first_line: dict[str, _Path] = {}
    for i, raw in enumerate(themes_raw):
        path: _Path = ("themes", i)
        if not isinstance(raw, Mapping):
            raise _fail(
                "CX312",
                f"theme {i} must be a mapping with keys {', '.join(_THEME_REQUIRED)} ..., "
                f"got {type(raw).__name__}.",
                source,
                lines,
                path,
            )
        for key in raw:
            if key not in _THEME_KEYS:
                raise _fail(
                    "CX312",
                    f"unknown theme key {key!r}. Allowed keys: {', '.join(_THEME_KEYS)}.",
                    source,
                    lines,
                    (*path, key),
                )
        for key in _THEME_REQUIRED:
            if key not in raw or raw[key] is None or str(raw[key]).strip() == "":
                raise _fail(
                    "CX312",
                    f"theme {raw.get('id', i)!r} is missing required key {key!r}.",
                    source,
                    lines,
                    path,
                )
        for key in _THEME_REQUIRED + ("stage",):
            if key in raw and raw[key] is not None and not isinstance(raw[key], str):
                raise _fail(
                    "CX312",
                    f"{key!r} must be a string, got {raw[key]!r}.",
                    source,
                    lines,
                    (*path, key),
                )
        seeds = _check_str_list(raw.get("seeds"), "seeds", source, lines, (*path, "seeds"))
        exclude = _check_str_list(raw.get("exclude"), "exclude", source, lines, (*path, "exclude"))
        examples = _check_str_list(
            raw.get("examples"), "examples", source, lines, (*path, "examples")
        )
        theme = Theme(
            id=raw["id"].strip(),
            label=raw["label"].strip(),
            description=raw["description"].strip(),
            group=raw["group"].strip(),
            stage=raw["stage"].strip() if raw.get("stage") is not None else None,
            seeds=tuple(s.lower() for s in seeds),
            exclude=tuple(s.lower() for s in exclude),
            examples=examples,
        )
        _check_theme(theme, source=source, lines=lines, path=path)
        _warn_unmatchable(theme, source)
        if theme.id in first_line:
            first = lines.get((*first_line[theme.id], "id"))
            raise _fail(
                "CX313",
                f"duplicate theme id {theme.id!r}"
                + (f" (first defined on line {first})" if first else "")
                + ". Each theme id must be unique; rename or remove one.",
                source,
                lines,
                (*path, "id"),
            )
        first_line[theme.id] = path
        themes.append(theme)
    return Taxonomy(
        themes,
        version=str(data["version"]),
        name=str(data["name"]),
        description=str(data.get("description") or ""),
    )


def _parse_yaml(text: str, source: str) -> tuple[object, dict[_Path, int]]:
    """Parse YAML text into plain data plus a map from key path to 1-based line."""
    loader, root = _compose(text, source)
    return _walk_nodes(loader, root, source)


def _compose(text: str, source: str) -> tuple[Any, Any]:
    """The loader and root node of ``text``; invalid YAML raises a :class:`ConfigError`.

    libyaml's parser (about 8x faster) when PyYAML has it; a text it rejects is
    parsed again by the pure-Python parser, whose error messages are more precise.
    """
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        loader = fast(text)
        try:
            return loader, loader.get_single_node()
        except yaml.YAMLError:
            pass  # parsed again below, for the message
        finally:
            loader.dispose()
    loader = yaml.SafeLoader(text)
    try:
        return loader, loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise ConfigError(
            f"[CX311] {source}{line}: invalid YAML syntax: {problem}. "
            "Check indentation, colons and quotes around values with ':' or '#'."
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"[CX311] {source}: invalid YAML: {exc}") from exc
    finally:
        loader.dispose()


def _walk_nodes(loader: Any, root: Any, source: str) -> tuple[object, dict[_Path, int]]:
    """Plain data of a composed YAML document, with the 1-based line of every key path."""
    import yaml

    if root is None:
        raise ConfigError(
            f"[CX312] {source}: the file is empty. A taxonomy needs version, name and themes."
        )
    lines: dict[_Path, int] = {}

    def walk(node: yaml.Node, path: _Path) -> object:
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[object, object] = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise ConfigError(
                        f"[CX312] {source}, line {key_node.start_mark.line + 1}: "
                        "mapping keys must be plain words."
                    )
                key_path: _Path = (*path, key)  # type: ignore[arg-type]
                if key in out:
                    here = {key_path: key_node.start_mark.line + 1}
                    raise _fail(
                        "CX312",
                        f"the key {key!r} appears twice in the same mapping; keep one.",
                        source,
                        here,
                        key_path,
                    )
                lines[key_path] = key_node.start_mark.line + 1
                out[key] = walk(value_node, key_path)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [walk(child, (*path, i)) for i, child in enumerate(node.value)]
        return loader.construct_object(node, deep=True)

    try:
        data = walk(root, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"[CX311] {source}{line}: cannot read value: {exc.problem}.") from exc
    return data, lines


#: Taxonomies loaded in this process, by their file's text (most :data:`_LOADED_KEPT`):
#: every new tagger, so every :func:`cxtext.analyze` call, loads its taxonomy.
_LOADED: dict[str, Taxonomy] = {}
_LOADED_KEPT = 8


def _keywords(values: Iterable[str]) -> Iterable[str]:
    """Keywords as a loaded file holds them (lower case, trimmed); a bare string is passed on, for
    :class:`Theme` to refuse ("parking" is not ("p", "a", ...))."""
    if isinstance(values, str):
        return values
    return tuple(str(v).strip().lower() for v in values)


#: Dashes a word processor puts in text where the cleaned comments hold "-" or nothing.
_ODD_DASHES = "\u2010\u2011\u00ad"


def _warn_unmatchable(theme: Theme, source: str) -> None:
    """Warn about seeds and excludes that can never match a cleaned comment as written."""
    import warnings

    for kind, phrases in (("seed", theme.seeds), ("exclude", theme.exclude)):
        for phrase in phrases:
            words = phrase.removeprefix("=")
            if words.rstrip() != words.rstrip().rstrip(".,;:!?") and len(words.strip()) > 1:
                why = "ends in punctuation, which a comment seldom has right after those words"
            elif any(ch in words for ch in _ODD_DASHES):
                why = "holds a non-breaking or soft hyphen (pasted from a word processor); type a plain '-'"
            elif phrase.startswith("=") and not words.strip():
                why = "is empty after its '='"
            else:
                continue
            warnings.warn(f"Taxonomy {source}: theme {theme.id!r} {kind} {phrase!r} {why}, so it will rarely "
                          "or never match.", UserWarning, stacklevel=4)


def load_taxonomy(path: PathLike | Taxonomy | None = None) -> Taxonomy:
    """Load and validate a taxonomy.

    Parameters
    ----------
    path : str, path-like, Taxonomy or None, default None
        A YAML file. ``None`` loads the packaged default taxonomy; a
        :class:`Taxonomy` is returned as is.

    Returns
    -------
    Taxonomy

    Raises
    ------
    cxtext.errors.ConfigError
        The file is missing, is not valid YAML, or breaks the schema. The message
        names the file, the key and the line.

    Examples
    --------
    >>> tax = load_taxonomy()
    >>> tax.name, "waiting_time" in tax.ids
    ('cxtext-default', True)
    """
    if isinstance(path, Taxonomy):
        return path
    if path is None:
        from importlib.resources import files

        resource = files("cxtext.themes").joinpath(_DEFAULT_RESOURCE)
        text = resource.read_text(encoding="utf-8")
        source = f"<cxtext default taxonomy {_DEFAULT_RESOURCE}>"
    else:
        if not isinstance(path, (str, os.PathLike)):
            raise ConfigError(
                f"[CX312] taxonomy must be None, a file path or a Taxonomy, got "
                f"{type(path).__name__}."
            )
        file = Path(path)
        source = str(file)
        if not file.is_file():
            what = "is a folder, not a file" if file.is_dir() else "does not exist"
            raise ConfigError(
                f"[CX310] Taxonomy file {source!r} {what}. Pass the path of a YAML taxonomy "
                "file, or none for the default taxonomy (taxonomy=None; on the command line, leave out "
                "--taxonomy)."
            )
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"[CX310] Cannot read taxonomy file {source!r}: {exc}. "
                "Save it as UTF-8 text and check its permissions."
            ) from exc
    known = _LOADED.get(text)
    if known is not None:  # immutable, so the same text gives back the same object
        return known
    data, lines = _parse_yaml(text, source)
    taxonomy = _build(data, source=source, lines=lines)
    if len(_LOADED) >= _LOADED_KEPT:
        _LOADED.clear()
    _LOADED[text] = taxonomy
    logger.debug(
        "Loaded taxonomy %r %s (%d themes)", taxonomy.name, taxonomy.version, len(taxonomy)
    )
    return taxonomy
