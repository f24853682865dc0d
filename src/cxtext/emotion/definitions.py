"""The CX emotion set: fixed ids, with definitions read from ``emotions.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cxtext.errors import ConfigError

__all__ = ["EMOTIONS", "NONE", "Emotion", "load_emotion_definitions"]

#: The CX emotion ids, in the fixed column order of every model's output.
EMOTIONS: tuple[str, ...] = (
    "anger", "frustration", "disappointment", "confusion",
    "anxiety", "gratitude", "delight", "admiration",
)
#: Label used when a text carries none of :data:`EMOTIONS`.
NONE = "none"
_RESOURCE = "emotions.yaml"


@dataclass(frozen=True)
class Emotion:
    """One CX emotion: id, label, definition, examples and its GoEmotions sources."""

    id: str
    label: str
    description: str
    polarity: str
    examples: tuple[str, ...]
    goemotions: tuple[str, ...]


@lru_cache(maxsize=1)
def load_emotion_definitions() -> tuple[Emotion, ...]:
    """Read the packaged ``emotions.yaml`` (cached), in :data:`EMOTIONS` order.

    Raises
    ------
    ConfigError
        ``[CX312]`` when the file does not define exactly :data:`EMOTIONS`.

    Examples
    --------
    >>> defs = load_emotion_definitions()
    >>> [d.id for d in defs][:3]
    ['anger', 'frustration', 'disappointment']
    >>> defs[4].goemotions
    ('fear', 'nervousness')
    """
    from importlib.resources import files

    import yaml

    raw = yaml.safe_load(files("cxtext.emotion").joinpath(_RESOURCE).read_text(encoding="utf-8"))
    items = raw.get("emotions", []) if isinstance(raw, dict) else []
    out = []
    for item in items:
        out.append(Emotion(
            id=str(item["id"]), label=str(item["label"]), description=str(item["description"]).strip(),
            polarity=str(item.get("polarity", "")), examples=tuple(item.get("examples", ())),
            goemotions=tuple(item.get("goemotions", ())),
        ))
    ids = tuple(e.id for e in out)
    if ids != EMOTIONS:
        raise ConfigError(
            f"[CX312] {_RESOURCE} defines emotions {list(ids)}, but cxtext expects "
            f"{list(EMOTIONS)} in that order. Restore the packaged file."
        )
    return tuple(out)
