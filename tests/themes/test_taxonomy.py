"""Tests for cxtext.themes.taxonomy: the default taxonomy, editing and validation."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from cxtext.errors import ConfigError
from cxtext.themes import Taxonomy, Theme, load_taxonomy
from cxtext.themes.taxonomy import GROUPS, STAGES

REQUIRED_IDS = [
    "responsiveness",
    "waiting_time",
    "empathy",
    "staff_attitude",
    "knowledge",
    "effort",
    "communication",
    "resolution",
    "personalisation",
    "consistency",
    "product_quality",
    "ease_of_use",
    "digital_experience",
    "price_value",
    "billing",
    "delivery",
    "packaging",
    "returns_refunds",
    "support",
    "cleanliness",
    "availability",
    "trust",
]

GOOD = """\
version: 1.0.0
name: tiny
description: A tiny taxonomy.
themes:
  - id: noise
    label: Noise
    description: How loud the place is.
    group: place
    seeds: [noisy, loud]
  - id: queueing
    label: Queueing
    description: Standing in line.
    group: process
    stage: purchase
    seeds: [queue, in line]
    exclude: [line manager]
    examples: ["Long queue at the till."]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tax.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# -- the packaged default ---------------------------------------------------
def test_default_has_required_ids_and_metadata() -> None:
    tax = load_taxonomy()
    missing = [i for i in REQUIRED_IDS if i not in tax]
    assert not missing
    assert tax.version == "1.8.3"
    assert tax.name and tax.description
    assert len(tax.ids) == len(set(tax.ids)) == len(tax)


@pytest.mark.parametrize("theme", load_taxonomy().themes, ids=lambda t: t.id)
def test_default_theme_is_complete(theme: Theme) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9_]*", theme.id)
    assert len(theme.description.split()) >= 8
    assert theme.group in GROUPS
    assert theme.stage is None or theme.stage in STAGES
    assert 15 <= len(theme.seeds) <= 60
    assert len(set(theme.seeds)) == len(theme.seeds), "duplicate seeds"
    assert all(s == s.lower() for s in theme.seeds)
    assert 3 <= len(theme.examples) <= 6


def test_load_passes_taxonomy_through() -> None:
    tax = load_taxonomy()
    assert load_taxonomy(tax) is tax


# -- immutable editing -------------------------------------------------------
def test_drop_returns_new_object(tmp_path: Path) -> None:
    tax = load_taxonomy(write(tmp_path, GOOD))
    smaller = tax.drop(["noise"])
    assert smaller.ids == ["queueing"]
    assert tax.ids == ["noise", "queueing"]
    assert smaller.version == tax.version and smaller.name == tax.name


def test_drop_unknown_lists_known_ids(tmp_path: Path) -> None:
    tax = load_taxonomy(write(tmp_path, GOOD))
    with pytest.raises(ConfigError, match=r"'nope'.*Known ids: noise, queueing"):
        tax.drop("nope")


def test_add_and_duplicate(tmp_path: Path) -> None:
    tax = load_taxonomy(write(tmp_path, GOOD))
    bigger = tax.add(
        "parking", label="Parking", description="Car parks.", group="place", seeds=["car park"]
    )
    assert bigger.ids[-1] == "parking" and bigger["parking"].seeds == ("car park",)
    assert "parking" not in tax
    with pytest.raises(ConfigError, match="already"):
        bigger.add(Theme("parking", "P", "Car parks.", "place"))
    with pytest.raises(ConfigError, match="missing label, group"):
        tax.add("x_theme", description="d")
    with pytest.raises(ConfigError, match="snake_case"):
        tax.add("Bad-Id", label="B", description="d", group="place")
    with pytest.raises(ConfigError, match="group"):
        tax.add("ok_id", label="B", description="d", group="vibes")


def test_merge(tmp_path: Path) -> None:
    tax = load_taxonomy(write(tmp_path, GOOD))
    other = Taxonomy(
        [
            Theme("noise", "Loudness", "Decibels.", "place"),
            Theme("parking", "Parking", "Car parks.", "place"),
        ]
    )
    with pytest.raises(ConfigError, match="'noise'"):
        tax.merge(other)
    merged = tax.merge(other, replace=True)
    assert merged.ids == ["noise", "queueing", "parking"]
    assert merged["noise"].label == "Loudness"
    assert merged.name == "tiny"


def test_getitem_unknown() -> None:
    with pytest.raises(ConfigError, match="Known ids"):
        load_taxonomy()["no_such_theme"]


def test_yaml_round_trip(tmp_path: Path) -> None:
    tax = load_taxonomy().add(
        "parking",
        label="Parking",
        description="Car parks: 'pay & display'.",
        group="place",
        seeds=["car park"],
        examples=["Parking: £5!"],
    )
    path = tax.to_yaml(tmp_path / "sub" / "out.yaml")
    again = load_taxonomy(path)
    assert again == tax
    assert again.to_dict() == tax.to_dict()
    assert Taxonomy.from_dict(tax.to_dict()) == tax


def test_theme_accepts_lists_and_is_hashable() -> None:
    theme = Theme("noise", "Noise", "Loud.", "place", seeds=["loud"])
    assert theme.seeds == ("loud",)
    assert hash(theme) == hash(Theme("noise", "Noise", "Loud.", "place", seeds=("loud",)))


# -- validation errors: file, key and line in the message --------------------
BAD_CASES = {
    "unknown_theme_key": (
        GOOD.replace("    seeds: [noisy, loud]", "    seed: [noisy, loud]"),
        9,
        "unknown theme key 'seed'",
    ),
    "unknown_top_key": (
        GOOD.replace("name: tiny", "name: tiny\nauthor: me"),
        3,
        "unknown top-level key 'author'",
    ),
    "missing_label": (GOOD.replace("    label: Noise\n", ""), 5, "missing required key 'label'"),
    "missing_description": (
        GOOD.replace("    description: How loud the place is.\n", ""),
        5,
        "missing required key 'description'",
    ),
    "missing_id": (
        GOOD.replace("  - id: noise\n    label", "  - label"),
        5,
        "missing required key 'id'",
    ),
    "bad_id": (GOOD.replace("id: queueing", "id: Queue-Time"), 10, "not snake_case"),
    "duplicate_id": (GOOD.replace("id: queueing", "id: noise"), 10, "duplicate theme id 'noise'"),
    "bad_group": (GOOD.replace("group: place", "group: vibes"), 8, "allowed groups"),
    "bad_stage": (GOOD.replace("stage: purchase", "stage: checkout"), 14, "allowed stages"),
    "seeds_not_list": (
        GOOD.replace("seeds: [noisy, loud]", "seeds: noisy"),
        9,
        "must be a list of strings",
    ),
    "seed_not_string": (
        GOOD.replace("seeds: [noisy, loud]", "seeds: [noisy, 42]"),
        9,
        "item 1 of 'seeds'",
    ),
    "yaml_syntax": (
        GOOD.replace("    group: place\n", "    group: [place\n"),
        9,
        "invalid YAML syntax",
    ),
    "duplicate_key": (
        GOOD.replace("    group: place\n", "    group: place\n    group: people\n"),
        9,
        "appears twice",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_validation_error_names_file_and_line(tmp_path: Path, case: str) -> None:
    text, line, fragment = BAD_CASES[case]
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_taxonomy(path)
    msg = str(info.value)
    assert str(path) in msg
    assert fragment in msg
    assert f"line {line}" in msg, msg
    assert msg.startswith("[CX31")


def test_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[CX310\].*does not exist"):
        load_taxonomy(tmp_path / "nope.yaml")


def test_empty_and_wrong_top_level(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="empty"):
        load_taxonomy(write(tmp_path, "# nothing\n"))
    with pytest.raises(ConfigError, match="line 1.*top level must be a mapping"):
        load_taxonomy(write(tmp_path, "- a\n- b\n"))
    with pytest.raises(ConfigError, match="missing required top-level key 'themes'"):
        load_taxonomy(write(tmp_path, "version: 1.0.0\nname: x\n"))


def test_bad_taxonomy_argument_type() -> None:
    with pytest.raises(ConfigError, match="file path or a Taxonomy"):
        load_taxonomy(42)  # type: ignore[arg-type]


def test_the_same_text_loads_once_and_an_edited_file_loads_again(tmp_path: Path) -> None:
    assert load_taxonomy() is load_taxonomy()  # immutable: one object per text
    path = write(tmp_path, GOOD)
    first = load_taxonomy(path)
    assert load_taxonomy(path) is first
    path.write_text(GOOD.replace("seeds: [noisy, loud]", "seeds: [noisy, loud, din]"), encoding="utf-8")
    edited = load_taxonomy(path)
    assert edited is not first and "din" in edited["noise"].seeds


def test_yaml_errors_keep_the_precise_message(tmp_path: Path) -> None:
    """libyaml parses first; a file it rejects is read again for the pure-Python parser's words."""
    path = write(tmp_path, GOOD.replace("    group: place\n", "\tgroup: place\n"))
    with pytest.raises(ConfigError, match=r"found character '\\t' that cannot start any token"):
        load_taxonomy(path)


def test_add_refuses_a_bare_string_of_seeds() -> None:
    """seeds="parking" would be the seeds p, a, r, k ... tagging every "a" and "I"."""
    with pytest.raises(ConfigError, match="'seeds' must be a list of strings"):
        load_taxonomy().add("parking", label="Parking", description="Car parks.", group="place", seeds="parking")
    added = load_taxonomy().add("parking", label="Parking", description="Car parks.", group="place",
                                seeds=["parking", "car park"])
    assert added["parking"].seeds == ("parking", "car park")
