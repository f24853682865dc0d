import json
import math
import os

import pandas as pd
import pytest

from cxtext.errors import ConfigError, InputError, UnsupportedFormatError
from cxtext.io import TableWriter, read_table, write_table

FORMATS = ["csv", "tsv", "xlsx", "parquet", "jsonl", "csv.gz", "jsonl.gz"]


def sample_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["r3", "r1", "007", "570306133677760513"],
            "comment": ["Lovely staff", "", "café “naïve”\nsecond line", 'x, y; "z"'],
            "themes": [["staff_attitude", "waiting_time"], [], None, ["price"]],
            "nps": [10, 0, 7, 9],
        }
    )


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("ext", FORMATS)
def test_round_trip_keeps_ids_order_and_strings(tmp_path, ext):
    df = sample_frame()
    p = tmp_path / f"out.{ext}"
    write_table(df, p)
    back = read_table(p)
    assert back["id"].tolist() == df["id"].tolist()
    comments = back["comment"].fillna("") if ext == "xlsx" else back["comment"]  # "" is blank
    assert comments.tolist() == df["comment"].tolist()
    assert back["nps"].astype(int).tolist() == df["nps"].tolist()
    assert leftovers(tmp_path) == []
    if ext in ("parquet", "jsonl", "jsonl.gz"):
        assert back["themes"].tolist() == [["staff_attitude", "waiting_time"], [], None, ["price"]]
    else:
        assert back["themes"].fillna("").tolist() == [
            "staff_attitude;waiting_time",
            "",
            "",
            "price",
        ]


def test_csv_bytes_are_utf8_crlf_no_index(tmp_path):
    # RFC 4180 line ends: with CRLF as the terminator, cells holding "\r" or "\n" are quoted.
    p = tmp_path / "out.csv"
    write_table(pd.DataFrame({"a": ["é", None], "b": [1.5, math.nan]}, index=[5, 9]), p)
    assert p.read_bytes() == "a,b\r\né,1.5\r\n,\r\n".encode()


def test_tsv_is_tab_separated(tmp_path):
    p = tmp_path / "out.tsv"
    write_table(pd.DataFrame({"a": ["x,y"], "b": [1]}), p)
    assert p.read_text() == "a\tb\nx,y\t1\n"


def test_dicts_become_json_text_in_csv_and_objects_in_jsonl(tmp_path):
    df = pd.DataFrame({"meta": [{"k": "é", "n": [1, 2]}, None]})
    write_table(df, tmp_path / "o.csv")
    assert read_table(tmp_path / "o.csv")["meta"].tolist() == ['{"k": "é", "n": [1, 2]}', ""]
    write_table(df, tmp_path / "o.jsonl")
    lines = (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == [{"meta": {"k": "é", "n": [1, 2]}}, {"meta": None}]


def test_jsonl_nan_is_null(tmp_path):
    p = tmp_path / "o.jsonl"
    write_table(pd.DataFrame({"x": [1.5, math.nan], "t": [pd.Timestamp("2024-01-02"), pd.NaT]}), p)
    assert p.read_text().splitlines() == [
        '{"x": 1.5, "t": "2024-01-02T00:00:00"}',
        '{"x": null, "t": null}',
    ]


def test_xlsx_types_and_long_ids(tmp_path):
    from openpyxl import load_workbook

    p = tmp_path / "o.xlsx"
    df = pd.DataFrame(
        {
            "big": [570306133677760513, 5],
            "when": [pd.Timestamp("2024-05-01 10:00"), pd.NaT],
            "ok": [True, False],
            "bad": ["a\x00b\x07c", "x" * 40_000],
        }
    )
    write_table(df, p)
    ws = load_workbook(p).active
    assert ws["A2"].value == "570306133677760513" and ws["A3"].value == 5
    assert ws["B2"].value == pd.Timestamp("2024-05-01 10:00").to_pydatetime()
    assert ws["B3"].value is None and ws["C2"].value is True
    assert ws["D2"].value == "abc" and len(ws["D3"].value) == 32_767


def test_xlsx_too_many_rows(tmp_path, monkeypatch):
    from cxtext.io import writers

    monkeypatch.setattr(writers, "XLSX_MAX_ROWS", 3)
    with pytest.raises(UnsupportedFormatError, match=r"at most 2 data rows.*CSV or Parquet"):
        write_table(pd.DataFrame({"a": [1, 2, 3]}), tmp_path / "o.xlsx")
    assert not (tmp_path / "o.xlsx").exists() and leftovers(tmp_path) == []


# --------------------------------------------------------------------------- excel_safe
RISKY = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "-5", "-", "fine"]


def test_excel_safe_csv(tmp_path):
    df = pd.DataFrame({"c": RISKY, "o": pd.Series(RISKY, dtype=object)})
    write_table(df, tmp_path / "safe.csv")
    back = read_table(tmp_path / "safe.csv")
    expected = [
        '\'=HYPERLINK("http://evil","x")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\t=1",
        "-5",
        "-",
        "fine",
    ]
    assert back["c"].tolist() == expected and back["o"].tolist() == expected
    write_table(df, tmp_path / "raw.csv", excel_safe=False)
    assert read_table(tmp_path / "raw.csv")["c"].tolist() == RISKY


def test_excel_safe_list_cells_in_csv(tmp_path):
    write_table(pd.DataFrame({"t": [["=cmd", "b"]]}), tmp_path / "o.csv")
    assert read_table(tmp_path / "o.csv")["t"].tolist() == ["'=cmd;b"]


@pytest.mark.parametrize("safe", [True, False])
def test_xlsx_text_is_never_a_formula(tmp_path, safe):
    from openpyxl import load_workbook

    p = tmp_path / "o.xlsx"
    write_table(pd.DataFrame({"c": RISKY}), p, excel_safe=safe)
    ws = load_workbook(p).active
    cells = [ws.cell(row=i + 2, column=1) for i in range(len(RISKY))]
    assert [c.value for c in cells] == RISKY  # text unchanged
    assert all(c.data_type == "s" for c in cells)  # no formula cells
    assert [c.quotePrefix for c in cells] == [safe] * 5 + [False] * 3
    assert read_table(p)["c"].tolist() == RISKY


def test_excel_safe_leaves_parquet_and_jsonl_alone(tmp_path):
    for ext in ("parquet", "jsonl"):
        write_table(pd.DataFrame({"c": RISKY}), tmp_path / f"o.{ext}")
        assert read_table(tmp_path / f"o.{ext}")["c"].tolist() == RISKY


# --------------------------------------------------------------------------- streaming
@pytest.mark.parametrize("ext", ["csv", "xlsx", "parquet", "jsonl"])
def test_chunks_append_and_count(tmp_path, ext):
    p = tmp_path / f"o.{ext}"
    with TableWriter(p) as writer:
        for start in range(0, 10, 3):
            chunk = pd.DataFrame({"id": [f"r{i}" for i in range(start, min(start + 3, 10))]})
            writer.write(chunk)
        assert writer.rows_written == 10
        assert not p.exists()  # nothing visible until the block ends
    assert read_table(p)["id"].tolist() == [f"r{i}" for i in range(10)]


def test_later_chunks_are_aligned_to_the_first(tmp_path):
    p = tmp_path / "o.csv"
    with TableWriter(p) as w:
        w.write(pd.DataFrame({"a": ["1"], "b": ["2"]}))
        w.write(pd.DataFrame({"b": ["4"]}))
    assert read_table(p).to_dict("records") == [{"a": "1", "b": "2"}, {"a": "", "b": "4"}]
    match = r"\[CX106\] Chunk 2 has columns .*\['c'\]"
    with pytest.raises(InputError, match=match), TableWriter(tmp_path / "x.csv") as w:
        w.write(pd.DataFrame({"a": [1]}))
        w.write(pd.DataFrame({"a": [1], "c": [2]}))
    assert not (tmp_path / "x.csv").exists()


def test_parquet_schema_drift_across_chunks(tmp_path):
    p = tmp_path / "o.parquet"
    with TableWriter(p) as w:
        w.write(
            pd.DataFrame(
                {
                    "id": ["a", "b"],
                    "note": [None, None],  # all null in chunk 1
                    "score": [math.nan, math.nan],  # all-NaN float in chunk 1
                    "nps": [9, 10],  # int64 in chunk 1
                    "themes": [[], []],  # empty lists only
                    "mixed": [1, "x"],  # object column with mixed types
                }
            )
        )
        w.write(
            pd.DataFrame(
                {
                    "id": ["c", "d"],
                    "note": ["now text", None],
                    "score": [0.5, math.nan],
                    "nps": [math.nan, 7.0],  # float with NaN: integral, so castable
                    "themes": [["price"], None],
                    "mixed": [2.5, None],
                }
            )
        )
    back = read_table(p)
    assert back["id"].tolist() == ["a", "b", "c", "d"]
    assert back["note"].tolist()[2] == "now text"
    assert back["score"].tolist()[2] == "0.5"  # stored as string: chunk 1 had no values
    assert back["nps"].tolist()[:2] == [9, 10] and back["nps"].tolist()[3] == 7
    assert back["themes"].tolist() == [[], [], ["price"], None]
    assert back["mixed"].tolist()[:3] == ["1", "x", "2.5"] and pd.isna(back["mixed"].iloc[3])


def test_parquet_column_whose_type_changes_is_stored_as_text(tmp_path, caplog):
    """Numbers in chunk 1, then 1.5 and "n/a": the whole column becomes string, with one warning."""
    p = tmp_path / "o.parquet"
    with caplog.at_level("WARNING", logger="cxtext.io"), TableWriter(p) as w:
        w.write(pd.DataFrame({"nps": pd.array([9, None], dtype="Int64"), "id": ["a", "b"]}))
        w.write(pd.DataFrame({"nps": [1.5, 10.0], "id": ["c", "d"]}))
        w.write(pd.DataFrame({"nps": [7, "n/a"], "id": ["e", "f"]}, dtype=object))
        w.write(pd.DataFrame({"nps": [8], "id": ["g"]}))
    back = read_table(p)
    nps = back["nps"].tolist()
    assert nps[:1] + nps[2:] == ["9", "1.5", "10.0", "7", "n/a", "8"] and pd.isna(nps[1])
    assert back["id"].tolist() == list("abcdefg")
    assert "o.parquet: column 'nps'" in caplog.text and "from chunk 2 on" in caplog.text
    assert "stored as text" in caplog.text and caplog.text.count("column 'nps'") == 1
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("first, later", [
    ([100, 101], ["00107", "0108"]),   # ids: 00107 became 107, so mentions no longer joined
    ([True, False], ["1", "0"]),       # "1"/"0" became true/false
    ([1.5, 2.0], ["4.50", "1e1"]),     # "4.50" became 4.5, "1e1" 10.0
    ([True, False], [5, 0]),           # 5 became true
])
def test_parquet_text_in_a_later_chunk_is_kept_as_written(tmp_path, caplog, first, later):
    """Arrow's cast parsed later text into the first chunk's type, changing it; now the column is text."""
    p = tmp_path / "o.parquet"
    with caplog.at_level("WARNING", logger="cxtext.io"), TableWriter(p) as w:
        w.write(pd.DataFrame({"v": first}))
        w.write(pd.DataFrame({"v": pd.Series(later, dtype=object if isinstance(later[0], str) else None)}))
    from cxtext.io.cells import to_text

    assert read_table(p)["v"].tolist() == [to_text(v) for v in first] + [str(v) for v in later]
    assert "column 'v'" in caplog.text and "stored as text" in caplog.text


@pytest.mark.parametrize("safe", [True, False])
def test_excel_safe_csv_header_cells(tmp_path, safe):
    """Header cells are cells: a formula-like column name is escaped like a value."""
    p = tmp_path / "o.csv"
    write_table(pd.DataFrame({'=HYPERLINK("http://x","y")': ["=1+1"], "-5": ["ok"], "id": ["a"]}), p,
                excel_safe=safe)
    header = p.read_text(encoding="utf-8").splitlines()[0]
    quote = "'" if safe else ""
    assert header == f'"{quote}=HYPERLINK(""http://x"",""y"")",-5,id'


@pytest.mark.parametrize("ext", ["csv", "xlsx", "parquet", "jsonl"])
def test_no_chunks_still_writes_a_valid_file(tmp_path, ext):
    p = tmp_path / f"o.{ext}"
    with TableWriter(p) as w:
        pass
    assert p.exists() and w.rows_written == 0


def test_empty_frame_writes_header(tmp_path):
    write_table(pd.DataFrame({"id": [], "text": []}), tmp_path / "o.csv")
    assert (tmp_path / "o.csv").read_text() == "id,text\n"


# --------------------------------------------------------------------------- atomicity
@pytest.mark.parametrize("ext", ["csv", "xlsx", "parquet", "jsonl"])
@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_exception_leaves_no_file_and_no_temp(tmp_path, ext, error):
    p = tmp_path / f"o.{ext}"
    with pytest.raises(error), TableWriter(p) as w:
        w.write(pd.DataFrame({"a": [1, 2]}))
        # xlsx buffers in openpyxl's own temp file until save, so no temp yet
        assert set(leftovers(tmp_path)) <= {f".o.{ext}.tmp-{os.getpid()}"}
        assert not p.exists()
        raise error("boom")
    assert not p.exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_exception_keeps_existing_output(tmp_path, ext):
    p = tmp_path / f"o.{ext}"
    write_table(pd.DataFrame({"a": ["old"]}), p)
    before = p.read_bytes()
    with pytest.raises(ValueError), TableWriter(p) as w:
        w.write(pd.DataFrame({"a": ["new"]}))
        raise ValueError("interrupted")
    assert p.read_bytes() == before and leftovers(tmp_path) == []
    write_table(pd.DataFrame({"a": ["new"]}), p)  # a successful run replaces it
    assert read_table(p)["a"].tolist() == ["new"]


# --------------------------------------------------------------------------- errors
def test_missing_folder(tmp_path):
    with pytest.raises(ConfigError, match=r"\[CX303\].*does not exist"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "nope" / "o.csv")


def test_target_is_directory(tmp_path):
    (tmp_path / "o.csv").mkdir()
    with pytest.raises(ConfigError, match=r"is a directory"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "o.csv")


def test_unsupported_output_format(tmp_path):
    with pytest.raises(UnsupportedFormatError, match=r"\[CX105\] Cannot write 'o\.doc'"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "o.doc")


def test_format_override(tmp_path):
    write_table(pd.DataFrame({"a": [1]}), tmp_path / "o.dat", format="jsonl")
    assert (tmp_path / "o.dat").read_text() == '{"a": 1}\n'


def test_write_outside_with_block(tmp_path):
    with pytest.raises(RuntimeError, match="inside `with"):
        TableWriter(tmp_path / "o.csv").write(pd.DataFrame({"a": [1]}))


def test_params_stored_unchanged(tmp_path):
    w = TableWriter(str(tmp_path / "o.csv"), format="csv", excel_safe=False)
    assert (w.path, w.format, w.excel_safe) == (str(tmp_path / "o.csv"), "csv", False)


@pytest.mark.parametrize("ext", ["csv", "parquet", "jsonl", "xlsx"])
def test_row_less_and_bare_first_chunks_do_not_fix_a_wrong_schema(tmp_path, ext):
    # e.g. a mentions table that is empty for the first chunk of comments
    p = tmp_path / f"o.{ext}"
    with TableWriter(p) as w:
        w.write(pd.DataFrame())
        w.write(pd.DataFrame({"id": pd.Series([], dtype=object), "themes": []}))
        w.write(pd.DataFrame({"id": ["a"], "themes": [["price", "staff"]]}))
    back = read_table(p)
    assert back["id"].tolist() == ["a"]
    expected = ["price", "staff"] if ext in ("parquet", "jsonl") else "price;staff"
    assert back["themes"].tolist() == [expected]


def test_parquet_only_row_less_chunk_keeps_its_columns(tmp_path):
    import pyarrow.parquet as pq

    p = tmp_path / "o.parquet"
    write_table(pd.DataFrame({"id": pd.Series([], dtype=str), "n": pd.Series([], dtype=float)}), p)
    assert pq.read_schema(p).names == ["id", "n"]


def test_input_frame_is_not_modified(tmp_path):
    df = pd.DataFrame({0: ["x"], 1: [["a"]]})
    with TableWriter(tmp_path / "o.parquet") as w:
        w.write(df)
        w.write(df)
    assert df.columns.tolist() == [0, 1] and df[1].iloc[0] == ["a"]
    assert read_table(tmp_path / "o.parquet").columns.tolist() == ["0", "1"]


@pytest.mark.parametrize("cell", ["\r0", "a\rb", "a\nb", "a\r\nb", "\r"])
def test_csv_cells_with_line_breaks_round_trip(tmp_path, cell):
    df = pd.DataFrame({"id": ["1", "2"], "c": [cell, "x"]})
    write_table(df, tmp_path / "t.csv", excel_safe=False)
    back = read_table(tmp_path / "t.csv")
    assert back["id"].astype(str).tolist() == ["1", "2"]
    assert back["c"].tolist()[0] == cell
