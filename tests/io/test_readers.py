import codecs
import datetime as dt
import gzip
import json
import logging
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from cxtext.errors import (
    ConfigError,
    EmptyInputError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from cxtext.io import iter_table, read_table

TWEETS = Path(__file__).resolve().parents[3] / "shared" / "data" / "airline_tweets" / "Tweets.csv"


def write_bytes(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --------------------------------------------------------------------------- CSV values
def test_csv_values_round_trip_exactly_as_text(tmp_path):
    p = write_bytes(
        tmp_path,
        "a.csv",
        b"id,code,text,score\n"
        b"570306133677760513,007,NA,1.50\n"
        b"570306133677760514,,null,\n"
        b"570306133677760515,N/A,  spaced  ,-0\n",
    )
    df = read_table(p)
    assert list(df.columns) == ["id", "code", "text", "score"]
    assert all(pd.api.types.is_string_dtype(t) for t in df.dtypes)
    assert df["id"].tolist() == ["570306133677760513", "570306133677760514", "570306133677760515"]
    assert df["code"].tolist() == ["007", "", "N/A"]
    assert df["text"].tolist() == ["NA", "null", "  spaced  "]
    assert df["score"].tolist() == ["1.50", "", "-0"]
    assert isinstance(df.index, pd.RangeIndex) and df.index.start == 0


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_csv_delimiter_is_sniffed(tmp_path, sep):
    text = f'id{sep}comment\n1{sep}"fast, friendly{sep} nice"\n2{sep}slow, rude\n'
    p = write_bytes(tmp_path, "a.csv", text.encode())
    df = read_table(p)
    assert df["comment"].tolist() == [f"fast, friendly{sep} nice", "slow, rude"]


def test_tsv_extension_means_tab_even_with_commas(tmp_path):
    p = write_bytes(tmp_path, "a.tsv", b"comment\nfine, thanks\nok, good\n")
    assert read_table(p)["comment"].tolist() == ["fine, thanks", "ok, good"]


def test_explicit_sep_and_format_override(tmp_path):
    p = write_bytes(tmp_path, "export.dat", b"a;b\n1,5;2\n")
    assert read_table(p, format="csv", sep=";").to_dict("records") == [{"a": "1,5", "b": "2"}]


def test_bom_is_stripped(tmp_path):
    p = write_bytes(tmp_path, "a.csv", codecs.BOM_UTF8 + "id,text\n1,héllo\n".encode())
    assert read_table(p).columns.tolist() == ["id", "text"]
    # also when the caller says utf-8
    assert read_table(p, encoding="utf-8").columns.tolist() == ["id", "text"]


def test_utf16_excel_unicode_text(tmp_path):
    p = write_bytes(tmp_path, "a.txt", "id\tcomment\n1\tcafé, ok\n".encode("utf-16"))
    assert read_table(p).to_dict("records") == [{"id": "1", "comment": "café, ok"}]


def test_cp1252_file(tmp_path, caplog):
    text = "id;comment\n1;café naïve\n2;“smart quotes” – €5\n"
    p = write_bytes(tmp_path, "a.csv", text.encode("cp1252"))
    with caplog.at_level(logging.INFO, logger="cxtext.io"):
        df = read_table(p)
    assert df["comment"].tolist() == ["café naïve", "“smart quotes” – €5"]
    assert "cp1252" in caplog.text


def test_mostly_utf8_csv_keeps_utf8_and_repairs_the_cp1252_line(tmp_path, caplog):
    """A UTF-8 export with one line typed in Excel (a cp1252 ’, byte 0x92) is read as UTF-8."""
    data = (
        "id;product;comment;channel\n"
        "1;Crème brûlée;Café crème “parfait”;e-mail ✉\n"
        "2;Thé;très bien 😀;téléphone\n"
    ).encode() + b"3;Tea;it\x92s fine;web\n" + "4;Café;encore;mobile\n".encode()
    p = write_bytes(tmp_path, "a.csv", data)
    with caplog.at_level(logging.WARNING, logger="cxtext.io"):
        chunks = list(iter_table(p, chunksize=1))  # the repair holds across chunks
    df = pd.concat(chunks)
    assert df["product"].tolist() == ["Crème brûlée", "Thé", "Tea", "Café"]
    assert df["comment"].tolist() == ["Café crème “parfait”", "très bien 😀", "it’s fine", "encore"]
    assert df["channel"].tolist() == ["e-mail ✉", "téléphone", "web", "mobile"]
    assert "1 line (line 4)" in caplog.text and "cp1252" in caplog.text


def test_mostly_utf8_csv_names_the_first_bad_lines(tmp_path, caplog):
    good, bad = "x;Café\n".encode(), b"x;it\x92s\n"
    p = write_bytes(tmp_path, "a.csv", b"id;comment\n" + (good * 10 + bad) * 7)
    with caplog.at_level(logging.WARNING, logger="cxtext.io"):
        df = read_table(p)
    assert df["comment"].tolist() == (["Café"] * 10 + ["it’s"]) * 7
    assert "7 lines (lines 12, 23, 34, 45, 56 and 2 more)" in caplog.text


def test_mostly_utf8_csv_with_explicit_encoding_is_strict(tmp_path):
    p = write_bytes(tmp_path, "a.csv", "a\ncafé\n".encode() + b"it\x92s\n")
    with pytest.raises(UnreadableFileError, match=r"\[CX104\].*line 3 is not valid utf-8"):
        read_table(p, encoding="utf-8")  # the file's line, not an offset inside a field
    assert read_table(p, encoding="cp1252")["a"].tolist() == ["cafÃ©", "it’s"]


def test_latin1_file(tmp_path):
    # 0x81/0x8d are control characters in latin-1 and undefined in cp1252
    data = "id,comment\n1,señor ÿ\n".encode("latin-1") + b"2,a\x81b\x8d\n"
    df = read_table(write_bytes(tmp_path, "a.csv", data))
    assert df["comment"].tolist() == ["señor ÿ", "a\x81b\x8d"]


def test_encoding_override(tmp_path):
    p = write_bytes(tmp_path, "a.csv", "a\nĳ\n".encode())
    assert read_table(p, encoding="latin-1")["a"].tolist() == ["Ä³"]
    with pytest.raises(ConfigError, match=r"\[CX302\].*'no-such-codec'"):
        read_table(p, encoding="no-such-codec")


def test_wrong_encoding_override_is_clear(tmp_path):
    p = write_bytes(tmp_path, "a.csv", "a\ncafé\n".encode("cp1252"))
    with pytest.raises(UnreadableFileError, match=r"\[CX104\].*not valid utf-8.*encoding=") as info:
        read_table(p, encoding="utf-8")
    assert isinstance(info.value.__cause__, UnicodeDecodeError)


def test_utf16_named_for_a_utf8_file_is_clear(tmp_path):
    """UTF-16 without a byte-order mark raises a plain UnicodeError, not a decode error."""
    p = write_bytes(tmp_path, "a.csv", b"comment\nhello\n")
    with pytest.raises(UnreadableFileError, match=r"\[CX104\].*cannot be read as utf-16.*encoding="):
        read_table(p, encoding="utf-16")


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_quoted_fields_with_embedded_newlines(tmp_path, newline):
    nl = newline
    data = b"id,comment" + nl + b'1,"line one' + nl + b'line two"' + nl + b'2,"say ""hi"""' + nl
    df = read_table(write_bytes(tmp_path, "a.csv", data))
    assert df["comment"].tolist() == ["line one" + nl.decode() + "line two", 'say "hi"']
    assert df["id"].tolist() == ["1", "2"]


def test_gzip_csv(tmp_path):
    data = gzip.compress("id;comment\n1;café\n2;ok\n".encode("cp1252"))
    df = read_table(write_bytes(tmp_path, "a.csv.gz", data))
    assert df.to_dict("records") == [{"id": "1", "comment": "café"}, {"id": "2", "comment": "ok"}]


def test_short_rows_become_empty_strings(tmp_path):
    df = read_table(write_bytes(tmp_path, "a.csv", b"a,b,c\n1,2\n3,4,5\n"))
    assert df.to_dict("records") == [{"a": "1", "b": "2", "c": ""}, {"a": "3", "b": "4", "c": "5"}]


def test_one_column_file_keeps_quoted_empty_answers(tmp_path):
    df = read_table(write_bytes(tmp_path, "a.csv", b'comment\ngood\n""\nbad\n'))
    assert df["comment"].tolist() == ["good", "", "bad"]


def test_duplicate_headers_warn(tmp_path, caplog):
    p = write_bytes(tmp_path, "a.csv", b"id,text,text\n1,a,b\n")
    with caplog.at_level(logging.WARNING, logger="cxtext.io"):
        df = read_table(p)
    assert df.columns.tolist() == ["id", "text", "text.1"]
    assert "duplicate column names 'text'" in caplog.text


# --------------------------------------------------------------------------- chunking
@pytest.mark.parametrize("ext", ["csv", "jsonl", "parquet", "xlsx"])
def test_chunks_carry_a_global_index(tmp_path, ext):
    df = pd.DataFrame({"id": [f"r{i}" for i in range(10)], "n": list(range(10))})
    p = tmp_path / f"a.{ext}"
    if ext == "csv":
        df.to_csv(p, index=False)
    elif ext == "jsonl":
        p.write_text("".join(json.dumps(r) + "\n" for r in df.to_dict("records")))
    elif ext == "parquet":
        df.to_parquet(p, index=False)
    else:
        df.to_excel(p, index=False)
    chunks = list(iter_table(p, chunksize=3))
    assert [len(c) for c in chunks] == [3, 3, 3, 1]
    assert [list(c.index) for c in chunks] == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    assert all(isinstance(c.index, pd.RangeIndex) for c in chunks)
    assert pd.concat(chunks)["id"].tolist() == df["id"].tolist()
    whole = read_table(p, chunksize=3)
    assert isinstance(whole.index, pd.RangeIndex) and list(whole.index) == list(range(10))


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10"])
def test_bad_chunksize(tmp_path, bad):
    p = write_bytes(tmp_path, "a.csv", b"a\n1\n")
    with pytest.raises(ConfigError, match=r"\[CX301\] chunksize"):
        iter_table(p, chunksize=bad)


# --------------------------------------------------------------------------- other formats
def test_xlsx_types_sheets_and_empty_rows(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "first"
    ws.append(["id", "when", "score", "text", None])
    ws.append([1, dt.datetime(2024, 5, 1, 9, 30), 7.5, "007"])
    ws.append([None, None, None, None])  # empty row inside the data: kept
    ws.append([3, dt.datetime(2024, 5, 2), None, "ok", "stray"])
    for _ in range(5):
        ws.append([None, None])  # trailing empty rows: dropped
    other = wb.create_sheet("second")
    other.append(["a"])
    other.append(["b"])
    p = tmp_path / "a.xlsx"
    wb.save(p)

    df = read_table(p)
    assert df.columns.tolist() == ["id", "when", "score", "text"]
    assert len(df) == 3
    assert df["id"].dtype == "Int64" and df["id"].tolist()[::2] == [1, 3]
    assert df["when"].iloc[0] == pd.Timestamp("2024-05-01 09:30")
    assert df["score"].iloc[0] == 7.5
    assert df["text"].iloc[0] == "007"
    assert read_table(p, sheet="second")["a"].tolist() == ["b"]
    assert read_table(p, sheet=1)["a"].tolist() == ["b"]
    with pytest.raises(UnreadableFileError, match=r"no sheet 'third'.*\['first', 'second'\]"):
        read_table(p, sheet="third")
    with pytest.raises(UnreadableFileError, match=r"no sheet number 5"):
        read_table(p, sheet=5)


def test_parquet_lists_and_types(tmp_path):
    df = pd.DataFrame(
        {"id": [570306133677760513, 2], "themes": [["a", "b"], []], "text": ["x", None]}
    )
    p = tmp_path / "a.parquet"
    df.to_parquet(p, index=False)
    out = read_table(p)
    assert out["id"].tolist() == [570306133677760513, 2]
    assert out["themes"].tolist() == [["a", "b"], []]
    assert isinstance(out["themes"].iloc[0], list)


def test_parquet_with_stored_index_keeps_it_as_column(tmp_path):
    p = tmp_path / "a.parquet"
    pd.DataFrame({"v": [1, 2]}, index=pd.Index(["x", "y"], name="key")).to_parquet(p)
    out = read_table(p)
    assert out["key"].tolist() == ["x", "y"] and list(out.index) == [0, 1]


def test_jsonl_empty_objects_are_still_rows(tmp_path):
    p = write_bytes(tmp_path, "a.jsonl", b'{}\n{"a": 1}\n{}\n')
    df = read_table(p)
    assert len(df) == 3 and df["a"].isna().tolist() == [True, False, True]


def test_jsonl_key_first_seen_in_a_later_chunk_is_a_column_of_every_chunk(tmp_path):
    lines = [{"id": i, "comment": "ok"} for i in range(5)] + [{"id": 5, "comment": "ok", "channel": "web"}]
    p = tmp_path / "k.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    chunks = list(iter_table(p, chunksize=2))
    assert [c.columns.tolist() for c in chunks] == [["id", "comment", "channel"]] * 3
    both = pd.concat(chunks)
    assert both["channel"].isna().tolist() == [True] * 5 + [False]
    assert both["channel"].iloc[-1] == "web"
    assert read_table(p, chunksize=100).columns.tolist() == ["id", "comment", "channel"]  # as one chunk


def test_jsonl_keeps_strings_and_skips_blank_lines(tmp_path):
    lines = [
        {"id": "007", "when": "2024-05-01", "n": "12", "tags": ["a"], "x": 1},
        {"id": "008", "when": "soon", "n": "x", "tags": [], "extra": True},
    ]
    text = json.dumps(lines[0]) + "\n\n  \n" + json.dumps(lines[1]) + "\n"
    p = write_bytes(tmp_path, "a.jsonl", text.encode())
    df = read_table(p)
    assert df["id"].tolist() == ["007", "008"]
    assert df["when"].tolist() == ["2024-05-01", "soon"]
    assert df["n"].tolist() == ["12", "x"]
    assert df["tags"].tolist() == [["a"], []]
    assert df["x"].dtype == "Int64" and df["x"].isna().tolist() == [False, True]
    gz = write_bytes(tmp_path, "a.jsonl.gz", gzip.compress(text.encode()))
    assert read_table(gz)["id"].tolist() == ["007", "008"]


# --------------------------------------------------------------------------- errors
def test_missing_file(tmp_path):
    with pytest.raises(UnreadableFileError, match=r"\[CX104\].*nope\.csv.*no such file"):
        iter_table(tmp_path / "nope.csv")


def test_directory(tmp_path):
    d = tmp_path / "dir.csv"
    d.mkdir()
    with pytest.raises(UnreadableFileError, match=r"is a directory"):
        read_table(d)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    p = write_bytes(tmp_path, "a.csv", b"a\n1\n")
    p.chmod(0)
    with pytest.raises(UnreadableFileError, match=r"ermission"):
        read_table(p)


def test_unsupported_extension(tmp_path):
    p = write_bytes(tmp_path, "x.doc", b"hello")
    with pytest.raises(UnsupportedFormatError, match=r"\[CX105\] Cannot read 'x\.doc'"):
        read_table(p)


@pytest.mark.parametrize("ext", ["csv", "xlsx", "parquet", "jsonl"])
def test_zero_byte_file_is_empty(tmp_path, ext):
    p = write_bytes(tmp_path, f"x.{ext}", b"")
    with pytest.raises(EmptyInputError, match=rf"\[CX102\] 'x\.{ext}' has no data rows"):
        iter_table(p)


@pytest.mark.parametrize("ext", ["csv", "xlsx", "parquet", "jsonl"])
def test_header_only_is_empty(tmp_path, ext):
    p = tmp_path / f"x.{ext}"
    empty = pd.DataFrame({"id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)})
    if ext == "csv":
        p.write_text("id,text\n")
    elif ext == "jsonl":
        p.write_text("\n\n")
    elif ext == "parquet":
        empty.to_parquet(p)
    else:
        empty.to_excel(p, index=False)
    with pytest.raises(EmptyInputError, match=r"\[CX102\] 'x\.\w+' has no data rows"):
        iter_table(p)


def test_blank_lines_only_csv_is_empty(tmp_path):
    with pytest.raises(EmptyInputError, match=r"CX102"):
        read_table(write_bytes(tmp_path, "x.csv", b"\n\n\n"))


def test_malformed_csv_names_line(tmp_path):
    p = write_bytes(tmp_path, "x.csv", b"a,b\n1,2\n3,4\n5,6,7\n")
    with pytest.raises(
        UnreadableFileError, match=r"\[CX104\].*malformed CSV.*line 4.*sep="
    ):
        read_table(p)


def test_malformed_csv_keeps_the_parser_error_as_cause(tmp_path):
    p = write_bytes(tmp_path, "x.csv", b'a,b\n1,"never closed\n3,4\n')
    with pytest.raises(UnreadableFileError, match=r"\[CX104\].*malformed CSV.*EOF") as info:
        read_table(p)
    assert isinstance(info.value.__cause__, pd.errors.ParserError)


# --------------------------------------------------------------------------- CSV field counts
def test_rows_with_more_fields_than_the_header_are_refused(tmp_path):
    """An unquoted comma in a comment must not cut it short silently (pandas drops extra fields)."""
    p = write_bytes(tmp_path, "e.csv", b"id,comment\n1,great staff, but slow delivery and rude agent\n"
                                       b"2,fine\n3,the app crashes, every time\n")
    with pytest.raises(UnreadableFileError) as info:
        read_table(p)
    msg = str(info.value)
    assert msg.startswith("[CX104] Cannot read 'e.csv'")
    assert "2 rows have more fields than the header's 2 (lines 2, 4)" in msg
    assert "quoted" in msg and "TSV or XLSX" in msg and "--sep" in msg


def test_many_long_rows_are_counted_and_the_first_lines_named(tmp_path):
    body = "".join(f"{i},ok\n" if i % 3 else f"{i},slow, rude\n" for i in range(40))
    p = write_bytes(tmp_path, "e.csv", ("id,comment\n" + body).encode())
    with pytest.raises(UnreadableFileError, match=r"14 rows have more fields than the header's 2 "
                                                  r"\(lines 2, 5, 8, 11, 14 and 9 more\)"):
        iter_table(p, chunksize=10)  # the first long row is in the first chunk: every row is counted


def test_long_row_beyond_the_sample_with_several_extra_fields(tmp_path):
    """Past the sniffed sample, a row of 3 extra fields is a parser error: still counted and named."""
    body = "".join(f"{i},a comment of some length to fill the sample\n" for i in range(3000))
    p = write_bytes(tmp_path, "e.csv", ("id,comment\n" + body + "3000,one, two, three, four\n").encode())
    chunks = iter_table(p, chunksize=1000)
    assert len(next(chunks)) == 1000
    with pytest.raises(UnreadableFileError, match=r"1 row has more fields than the header's 2 \(line 3002\)") as info:
        list(chunks)
    assert isinstance(info.value.__cause__, pd.errors.ParserError)


def test_long_rows_quoted_newlines_and_blank_lines_name_the_starting_line(tmp_path):
    p = write_bytes(tmp_path, "e.csv", b'id,comment\n1,"two\nlines"\n\n2,cut, short\n')
    with pytest.raises(UnreadableFileError, match=r"\(line 5\)"):
        read_table(p)


def test_long_rows_with_a_multi_character_delimiter(tmp_path):
    p = write_bytes(tmp_path, "e.csv", b"id::comment\n1::ok\n2::cut:: short\n")
    with pytest.raises(UnreadableFileError, match=r"1 row has more fields.*\(line 3\)"):
        read_table(p, sep="::")


def test_empty_extra_fields_lose_nothing_and_are_dropped(tmp_path):
    """A trailing delimiter on some rows (some exports) is not text: the rows read as before."""
    p = write_bytes(tmp_path, "a.csv", b"a,b\n1,2,\n3,4\n5,6, \n7\n")
    df = read_table(p)
    assert df.to_dict("records") == [{"a": "1", "b": "2"}, {"a": "3", "b": "4"}, {"a": "5", "b": "6"},
                                     {"a": "7", "b": ""}]
    every = write_bytes(tmp_path, "b.csv", b"a,b\n1,2,,\n3,4,,\n")  # as before: every row
    assert read_table(every).to_dict("records") == [{"a": "1", "b": "2"}, {"a": "3", "b": "4"}]


def test_short_rows_with_chunks_and_a_one_column_file(tmp_path):
    p = write_bytes(tmp_path, "a.csv", b"id,comment,score\n1,great\n2,fine,5\n3\n")
    chunks = list(iter_table(p, chunksize=2))
    assert [len(c) for c in chunks] == [2, 1]
    assert pd.concat(chunks).to_dict("list") == {"id": ["1", "2", "3"], "comment": ["great", "fine", ""],
                                                "score": ["", "5", ""]}
    assert read_table(write_bytes(tmp_path, "b.csv", b"c\nx\ny\n"))["c"].tolist() == ["x", "y"]


# --------------------------------------------------------------------------- Excel's sep= line
@pytest.mark.parametrize("first", [b"sep=;", b'"sep=;"', b"\xef\xbb\xbfsep=;", b"SEP=;"])
@pytest.mark.parametrize("nl", [b"\n", b"\r\n"])
def test_excel_sep_line_names_the_delimiter_and_is_skipped(tmp_path, first, nl):
    data = first + nl + b"id;comment" + nl + b"1;great, staff" + nl + b"2;slow delivery" + nl
    df = read_table(write_bytes(tmp_path, "a.csv", data))
    assert df.to_dict("records") == [{"id": "1", "comment": "great, staff"},
                                     {"id": "2", "comment": "slow delivery"}]


def test_excel_sep_line_counts_in_line_numbers_and_yields_to_sep(tmp_path):
    p = write_bytes(tmp_path, "a.csv", b"sep=;\nid;comment\n1;ok\n2;cut; short\n")
    with pytest.raises(UnreadableFileError, match=r"\(line 4\)"):
        read_table(p)
    tab = write_bytes(tmp_path, "b.csv", b"sep=;\nid\tcomment\n1\ta;b\n")
    assert read_table(tab, sep="\t").to_dict("records") == [{"id": "1", "comment": "a;b"}]


def test_malformed_csv_late_in_stream_raises_while_iterating(tmp_path):
    body = "".join(f"{i},x\n" for i in range(50))
    p = write_bytes(tmp_path, "x.csv", ("a,b\n" + body + "1,2,3\n").encode())
    chunks = iter_table(p, chunksize=10)
    assert len(next(chunks)) == 10
    with pytest.raises(UnreadableFileError, match=r"line 52"):
        list(chunks)


def test_corrupt_gzip(tmp_path):
    p = write_bytes(tmp_path, "x.csv.gz", b"this is not gzip data at all")
    with pytest.raises(UnreadableFileError, match=r"\[CX104\].*x\.csv\.gz") as info:
        read_table(p)
    assert info.value.__cause__ is not None


def test_broken_parquet(tmp_path):
    p = write_bytes(tmp_path, "x.parquet", b"PAR1 definitely not parquet")
    with pytest.raises(UnreadableFileError, match=r"\[CX104\].*not a valid Parquet file") as info:
        read_table(p)
    assert info.value.__cause__ is not None


def test_truncated_parquet(tmp_path):
    p = tmp_path / "x.parquet"
    pd.DataFrame({"a": range(1000)}).to_parquet(p)
    p.write_bytes(p.read_bytes()[:-100])
    with pytest.raises(UnreadableFileError, match=r"Parquet"):
        read_table(p)


def test_xlsx_that_is_not_a_zip(tmp_path):
    p = write_bytes(tmp_path, "x.xlsx", b"id,text\n1,a\n")
    with pytest.raises(
        UnreadableFileError, match=r"\[CX104\].*as an \.xlsx workbook: its content is a text file"
    ):
        read_table(p)
    broken = write_bytes(tmp_path, "b.xlsx", b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFileError, match=r"\[CX104\].*not a valid \.xlsx workbook") as info:
        read_table(broken)
    assert info.value.__cause__ is not None


def test_invalid_json_names_line(tmp_path):
    p = write_bytes(tmp_path, "x.jsonl", b'{"a": 1}\n\n{"a": 2}\n{"a": \n')
    with pytest.raises(UnreadableFileError, match=r"invalid JSON on line 4") as info:
        read_table(p)
    assert isinstance(info.value.__cause__, json.JSONDecodeError)


def test_jsonl_line_that_is_not_an_object(tmp_path):
    p = write_bytes(tmp_path, "x.jsonl", b'{"a": 1}\n[1, 2]\n')
    with pytest.raises(UnreadableFileError, match=r"line 2 holds a JSON list, not an object"):
        read_table(p)


def test_jsonl_bad_encoding_names_line(tmp_path):
    p = write_bytes(tmp_path, "x.jsonl", b'{"a": "ok"}\n{"a": "caf\xe9"}\n')
    with pytest.raises(UnreadableFileError, match=r"line 2 is not valid UTF-8"):
        read_table(p)


# --------------------------------------------------------------------------- real data
@pytest.mark.slow
def test_airline_tweets_reads_every_row_with_exact_ids():
    if not TWEETS.exists():
        pytest.skip(f"shared data not available at {TWEETS}")
    start = time.perf_counter()
    df = read_table(TWEETS)
    elapsed = time.perf_counter() - start
    assert len(df) == 14_640
    assert df["tweet_id"].str.fullmatch(r"\d{18}").all()
    assert df["tweet_id"].nunique() == 14_640 - 155  # SOURCE.md: 155 ids appear twice
    assert df["text"].str.contains("\n").any()  # quoted newlines survive
    assert elapsed < 10


def test_qualtrics_header_rows_are_not_responses(tmp_path, caplog):
    """Qualtrics puts the question texts and ImportId cells under the column names."""
    text = ('ResponseId,Q1,Q2_TEXT\n'
            'Response ID,"How likely are you to recommend us? (0-10)",Please tell us why\n'
            '{"ImportId":"_recordId"},{"ImportId":"QID1"},{"ImportId":"QID2_TEXT"}\n'
            'R_1,9,Great staff\nR_2,3,"Waited ages, awful"\n')
    p = write_bytes(tmp_path, "survey.csv", text.encode("utf-8"))
    with caplog.at_level("WARNING", logger="cxtext"):
        table = read_table(p)
    assert table["ResponseId"].tolist() == ["R_1", "R_2"] and list(table.index) == [0, 1]
    assert "Qualtrics" in caplog.text
    plain = write_bytes(tmp_path, "plain.csv", b'id,c\n1,{"ImportId": "x"} is what I typed\n2,fine\n')
    assert len(read_table(plain)) == 2  # one such cell among others is a comment


_QUALTRICS = ('ResponseId,Q1,Q2_TEXT\n'
              'Response ID,"How likely are you to recommend us? (0-10)",Please tell us why\n'
              '{"ImportId":"_recordId"},{"ImportId":"QID1"},{"ImportId":"QID2_TEXT"}\n'
              'R_1,9,Great staff\nR_2,3,"Waited ages, awful"\nR_3,7,ok\n')


@pytest.mark.parametrize("chunksize", [1, 2, 3, 10_000])
def test_qualtrics_header_rows_are_skipped_whatever_the_chunksize(tmp_path, caplog, chunksize):
    """With --chunksize 1 the check saw only the question-text row, so both header rows were analysed."""
    from cxtext.io import iter_table

    p = write_bytes(tmp_path, "survey.csv", _QUALTRICS.encode("utf-8"))
    with caplog.at_level("WARNING", logger="cxtext"):
        chunks = list(iter_table(p, chunksize=chunksize))
    assert [r for c in chunks for r in c["ResponseId"]] == ["R_1", "R_2", "R_3"]
    assert all(0 < len(c) <= chunksize for c in chunks)
    assert [i for c in chunks for i in c.index] == [0, 1, 2]
    assert caplog.text.count("Qualtrics") == 1


@pytest.mark.parametrize("chunksize", [1, 10_000])
def test_surveymonkey_second_header_row_is_not_a_response(tmp_path, caplog, chunksize):
    text = ('Respondent ID,Collector ID,How likely are you to recommend?,What could we improve?,\n'
            ',,Response,Open-Ended Response,Other (please specify)\n'
            '114000001,4000,9,Faster shipping please,x\n114000002,4000,3,Website is confusing,\n')
    p = write_bytes(tmp_path, "sm.csv", text.encode("utf-8"))
    with caplog.at_level("WARNING", logger="cxtext"):
        table = read_table(p, chunksize=chunksize)
    assert table["Respondent ID"].tolist() == ["114000001", "114000002"] and list(table.index) == [0, 1]
    assert "SurveyMonkey" in caplog.text and "responses start on row 3" in caplog.text


@pytest.mark.parametrize("text", [
    "id,comment\n,Response\n2,fine\n",                      # a blank id and a one-word answer
    "Respondent ID,comment\n1,Response\n2,fine\n",          # a filled Respondent ID: a response
    "id,a,b\n1,Response,Open-Ended Response\n2,x,y\n",      # labels with an id: a response
    'id,c\n1,{"ImportId": "x"}\n2,fine\n',                  # one ImportId-like cell
])
def test_comments_that_resemble_export_header_rows_are_kept(tmp_path, caplog, text):
    p = write_bytes(tmp_path, "plain.csv", text.encode("utf-8"))
    with caplog.at_level("WARNING", logger="cxtext"):
        assert len(read_table(p, chunksize=1)) == 2
    assert "header row" not in caplog.text


def _workbook_bytes(tmp_path):
    book = tmp_path / "book.xlsx"
    pd.DataFrame({"id": [1], "comment": ["fine"]}).to_excel(book, index=False)
    return book.read_bytes()


@pytest.mark.parametrize("name, content, says", [
    ("x.csv", "xlsx", ("a ZIP archive (an Excel .xlsx workbook is one). If it is a workbook, rename it to "
                       ".xlsx or pass format='xlsx' (--format xlsx")),
    ("x.csv", "gzip", "gzip-compressed. Rename it to 'x.csv.gz'"),
    ("x.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image. Export the comments as CSV"),
    ("x.jsonl", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
    ("x.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an old Excel .xls workbook"),
    ("x.xlsx", b"\xef\xbb\xbfid,comment\r\n1,fine\r\n", "a text file (CSV or JSON Lines?). Rename it to .csv"),
    ("x.parquet", "xlsx", "as Parquet: its content is a ZIP archive"),
])
def test_a_file_that_is_not_what_its_name_says_is_named_for_what_it_is(tmp_path, name, content, says):
    """An .xlsx, gzip or PNG named .csv gave 'malformed CSV' or columns of binary noise."""
    import gzip

    if content == "xlsx":
        content = _workbook_bytes(tmp_path)
    elif content == "gzip":
        content = gzip.compress(b"id,comment\n1,fine\n")
    p = write_bytes(tmp_path, name, content)
    with pytest.raises(UnreadableFileError, match=r"\[CX104\]") as info:
        read_table(p)
    assert says in str(info.value) and "\\x" not in str(info.value)


def test_a_csv_whose_header_starts_like_a_signature_is_read(tmp_path):
    p = write_bytes(tmp_path, "x.csv", b"BZh,GIF8,PK\ncomment,b,c\n")
    assert read_table(p).columns.tolist() == ["BZh", "GIF8", "PK"]
    book = write_bytes(tmp_path, "renamed.dat", _workbook_bytes(tmp_path))
    assert read_table(book, format="xlsx")["comment"].tolist() == ["fine"]


def test_encoding_and_sheet_advice_names_the_cli_flags_too(tmp_path):
    """The CLI said 'pass encoding=' (a Python argument); messages now name --encoding / --sheet as well."""
    p = write_bytes(tmp_path, "a.csv", b"id,comment\n1,fine\n")
    with pytest.raises(ConfigError, match=r"\[CX302\] Unknown encoding 'nope'.*--encoding on the command line"):
        read_table(p, encoding="nope")
    bad = write_bytes(tmp_path, "b.csv", "id,comment\n1,caf\u00e9\n".encode("cp1252"))
    with pytest.raises(UnreadableFileError, match=r"--encoding on the command line, encoding= in Python"):
        read_table(bad, encoding="utf-8")
    book = tmp_path / "s.xlsx"
    pd.DataFrame({"id": [1], "comment": ["fine"]}).to_excel(book, index=False)
    with pytest.raises(UnreadableFileError, match=r"--sheet on the command line"):
        read_table(book, sheet=3)
