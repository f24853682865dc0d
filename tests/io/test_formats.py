from pathlib import Path

import pytest

from cxtext.errors import UnsupportedFormatError
from cxtext.io import detect_format
from cxtext.io.formats import _detect, compression_of, is_tab_separated, sibling_path


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.csv", "csv"),
        ("a.TSV", "csv"),
        ("a.txt", "csv"),
        ("dir.v2/a.csv.gz", "csv"),
        ("a.tsv.gz", "csv"),
        ("a.xlsx", "xlsx"),
        ("a.xlsm", "xlsx"),
        ("a.parquet", "parquet"),
        ("a.pq", "parquet"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.json-lines", "jsonl"),
        ("survey.2024.csv", "csv"),
    ],
)
def test_detect_format_from_extension(name, expected):
    assert detect_format(name) == expected


@pytest.mark.parametrize("name", ["x.doc", "x.xls", "x", "x.json", "x.parquet.gz", "x.xlsx.gz"])
def test_unknown_extension_raises_with_help(name):
    with pytest.raises(UnsupportedFormatError) as info:
        detect_format(name)
    msg = str(info.value)
    assert msg.startswith("[CX105] Cannot read 'x")
    assert ".csv, .tsv" in msg and "format=" in msg


def test_doc_message_names_extension():
    with pytest.raises(UnsupportedFormatError, match=r"unsupported format '\.doc'"):
        detect_format("x.doc")


@pytest.mark.parametrize(
    ("override", "expected"),
    [("csv", "csv"), ("TSV", "csv"), ("excel", "xlsx"), ("pq", "parquet"), ("ndjson", "jsonl")],
)
def test_format_override_wins(override, expected):
    assert detect_format("export.dat", format=override) == expected
    assert detect_format("export.csv", format=override) == expected


def test_bad_override_lists_choices():
    with pytest.raises(UnsupportedFormatError, match=r"format='xls'.*csv, xlsx, parquet, jsonl"):
        detect_format("a.csv", format="xls")


def test_compression_and_tab_helpers():
    assert compression_of("a.csv.gz") == "gzip"
    assert compression_of("a.jsonl.xz") == "xz"
    assert compression_of("a.csv") is None
    assert is_tab_separated("a.tsv.gz") and not is_tab_separated("a.csv")
    assert is_tab_separated("a.csv", "tsv")


@pytest.mark.parametrize("name,tag,ext,expected", [
    ("out.csv", "mentions", None, "out.mentions.csv"),
    ("out.jsonl.gz", "mentions", None, "out.mentions.jsonl.gz"),
    ("out.csv.bz2", "mentions", None, "out.mentions.csv.bz2"),
    ("out.tsv.xz", "mentions", None, "out.mentions.tsv.xz"),
    ("OUT.CSV.GZ", "mentions", None, "OUT.mentions.CSV.GZ"),
    ("run.v2.parquet", "mentions", None, "run.v2.mentions.parquet"),
    ("res.dat", "mentions", None, "res.mentions.dat"),
    ("out.jsonl.gz", "info", ".json", "out.info.json"),
    ("out", "info", ".json", "out.info.json"),
])
def test_sibling_path_keeps_the_whole_extension(name, tag, ext, expected):
    assert sibling_path(Path("a") / name, tag, ext) == Path("a") / expected


def test_an_unsupported_output_name_gets_output_advice():
    """'-o f.json' was told to convert the file (advice for inputs) instead of '.jsonl' / --output-format."""
    with pytest.raises(UnsupportedFormatError) as info:
        _detect("f.json", format=None, action="write")
    message = str(info.value)
    assert "'.jsonl': JSON Lines" in message and "--output-format" in message and "Convert the file" not in message
    with pytest.raises(UnsupportedFormatError, match=r"Convert the file.*--format on the command line"):
        detect_format("f.json")
    with pytest.raises(UnsupportedFormatError, match=r"Unknown format=.json.*\(--output-format on the command"):
        _detect("f.csv", format="json", action="write")
