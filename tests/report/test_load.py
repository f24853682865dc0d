import pandas as pd
import pytest

from cxtext.errors import ColumnNotFoundError, InputError, UnsupportedFormatError
from cxtext.io import write_table
from cxtext.report.load import info_path, load_result


def _write(tmp_path, res, name="out.csv", **kw):
    path = tmp_path / name
    write_table(res.comments, path, **kw)
    write_table(res.mentions, tmp_path / name.replace("out.", "out.mentions.", 1), **kw)
    return path


def test_round_trip_restores_types(tmp_path, make_result):
    res = make_result(n=30)
    back = load_result(_write(tmp_path, res))
    cm, mn = back.comments, back.mentions
    assert back.id == "id" and back.info["source"].endswith("out.csv")
    assert cm["themes"].tolist() == res.comments["themes"].tolist()
    assert cm["pii"].tolist() == [[]] * 30
    assert cm["is_empty"].dtype == bool and cm["sentiment_score"].dtype == float
    assert cm["duplicate_of"].isna().all() and cm["n_clauses"].dtype.kind == "i"
    assert mn["start"].tolist() == res.mentions["start"].tolist()
    # spans index text_clean again
    text = dict(zip(cm["id"], cm["text_clean"]))
    assert all(text[c][s:e] == ev for c, s, e, ev in zip(mn["comment_id"], mn["start"], mn["end"], mn["evidence"]))


def test_excel_safe_quote_is_removed(tmp_path, make_result):
    res = make_result(n=5, evil=False)
    res.comments.loc[0, "text_clean"] = "-slow and =SUM(1) rude"
    res.mentions = pd.DataFrame({"comment_id": ["c00000"], "theme": ["speed"], "sentiment": ["negative"],
                                 "start": [0], "end": [5], "evidence": ["-slow"]})
    path = _write(tmp_path, res)
    assert "'-slow" in path.read_text(encoding="utf-8")  # the writer protected it
    back = load_result(path)
    assert back.comments["text_clean"][0] == "-slow and =SUM(1) rude"
    assert back.mentions["evidence"][0] == "-slow"


def test_excel_safe_quote_is_removed_from_every_text_column(tmp_path, make_result):
    """The input's own columns (comment, ids, notes) lost their mark too (only text_clean did)."""
    res = make_result(n=3, evil=False)
    res.comments["note"] = ["=SUM(A1)", "-5", "'-typed by hand"]
    res.comments.loc[0, "id"] = "=c0"
    res.mentions = pd.DataFrame({"comment_id": ["=c0"], "theme": ["speed"], "sentiment": ["negative"],
                                 "start": [0], "end": [3], "evidence": ["abc"]})
    path = _write(tmp_path, res)
    assert "'=SUM(A1)" in path.read_text(encoding="utf-8")
    back = load_result(path)
    assert back.comments["note"].tolist() == ["=SUM(A1)", "-5", "'-typed by hand"]  # only real marks go
    assert back.comments["id"][0] == "=c0" and back.mentions["comment_id"][0] == "=c0"


def test_row_id_is_found_and_parquet_lists(tmp_path, make_result):
    res = make_result(n=12, evil=False)
    res.comments = res.comments.drop(columns=["id"]).rename_axis(None)
    res.comments.insert(0, "row", range(12))
    res.mentions["comment_id"] = res.mentions["comment_id"].str[1:].astype(int)
    back = load_result(_write(tmp_path, res, "out.parquet"))
    assert back.id == "row"
    assert back.comments["themes"].tolist() == res.comments["themes"].tolist()
    from cxtext.scores._base import mention_rows

    assert len(mention_rows(back)) == len(res.mentions)


def test_missing_mentions_file_gives_empty_mentions(tmp_path, make_result, caplog):
    res = make_result(n=5)
    write_table(res.comments, tmp_path / "out.csv")
    back = load_result(tmp_path / "out.csv")
    assert len(back.mentions) == 0 and "comment_id" in back.mentions.columns
    assert "No mentions file" in caplog.text


def test_info_file_is_read(tmp_path, make_result):
    path = _write(tmp_path, make_result(n=5))
    info_path(path).write_text('{"sentiment_model": "sentiment-fast 9.9"}', encoding="utf-8")
    assert load_result(path).info["sentiment_model"] == "sentiment-fast 9.9"


def test_not_an_analyze_output(tmp_path):
    write_table(pd.DataFrame({"comment": ["hi"]}), tmp_path / "raw.csv")
    with pytest.raises(InputError, match=r"\[CX105\].*cxtext analyze"):
        load_result(tmp_path / "raw.csv")


def test_unknown_id_column(tmp_path, make_result):
    with pytest.raises(ColumnNotFoundError):
        load_result(_write(tmp_path, make_result(n=5)), id="nope")


@pytest.mark.parametrize("ext", ["csv", "jsonl", "xlsx", "parquet"])
def test_mentions_file_without_rows_is_an_empty_table(tmp_path, make_result, ext):
    # `cxtext analyze` found no theme: header-only CSV/XLSX/Parquet, 0-byte JSON Lines
    from cxtext.analyzer import MENTION_COLUMNS

    res = make_result(n=4, evil=False)
    write_table(res.comments, tmp_path / f"out.{ext}")
    write_table(pd.DataFrame(columns=MENTION_COLUMNS), tmp_path / f"out.mentions.{ext}")
    back = load_result(tmp_path / f"out.{ext}")
    assert len(back.mentions) == 0 and set(MENTION_COLUMNS) <= set(back.mentions.columns)
    assert back.id == "id" and len(back.comments) == 4


def test_comments_file_without_rows_is_still_an_error(tmp_path, make_result):
    from cxtext.errors import EmptyInputError

    res = make_result(n=4)
    write_table(res.comments.iloc[0:0], tmp_path / "out.csv")
    with pytest.raises(EmptyInputError, match=r"\[CX102\]"):
        load_result(tmp_path / "out.csv")


def test_formula_like_column_names_are_read_back_unescaped(tmp_path, make_result):
    """The CSV writer escapes header cells like values; load_result removes the mark from names too."""
    res = make_result(n=5, evil=False)
    res.comments['=HYPERLINK("http://x","y")'] = "kept"
    path = _write(tmp_path, res)
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8").splitlines()[0]
    back = load_result(path)
    assert '=HYPERLINK("http://x","y")' in back.comments.columns
    assert list(back.comments.columns) == list(res.comments.columns)


@pytest.mark.parametrize("name", ["out.jsonl.gz", "out.csv.bz2", "out.tsv.xz"])
def test_compressed_outputs_are_read_with_their_mentions(tmp_path, make_result, name):
    from cxtext.cli import mentions_path

    res = make_result(n=8, evil=False)
    path = tmp_path / name
    write_table(res.comments, path)
    write_table(res.mentions, mentions_path(path))
    info_path(path).write_text('{"sentiment_model": "sentiment-fast 9.9"}', encoding="utf-8")
    back = load_result(path)
    assert len(back.mentions) == len(res.mentions) > 0
    assert back.info["sentiment_model"] == "sentiment-fast 9.9"


def test_unknown_extension_reads_the_given_or_recorded_format(tmp_path, make_result):
    res = make_result(n=6, evil=False)
    path = tmp_path / "res.dat"
    write_table(res.comments, path, format="parquet")
    write_table(res.mentions, tmp_path / "res.mentions.dat", format="parquet")
    with pytest.raises(UnsupportedFormatError, match=r"\[CX105\] Cannot read 'res\.dat'.*--format"):
        load_result(path)
    assert len(load_result(path, format="parquet").mentions) == len(res.mentions)
    info_path(path).write_text('{"output_format": "parquet"}', encoding="utf-8")  # as analyze records it
    assert len(load_result(path).mentions) == len(res.mentions)


def test_report_without_its_mentions_file_says_so(tmp_path, make_result):
    # the comments name themes, but NAME.mentions.csv is missing: not "no theme was found"
    from cxtext.report import render_report

    res = make_result(n=40)
    write_table(res.comments, tmp_path / "out.csv")
    page = render_report(load_result(tmp_path / "out.csv"), nps="nps", n_boot=20)
    assert page.count("their mentions file") == 3  # themes, drivers and quotes
    assert "No theme mentions were found" not in page and "no drivers to estimate" not in page


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet", "out.csv"])
def test_only_a_marked_csv_loses_a_quote(tmp_path, make_result, name):
    """JSON Lines and Parquet carry no mark, nor a CSV written with --no-excel-safe (its info file says so)."""
    pytest.importorskip("pyarrow")
    res = make_result(n=3, evil=False)
    res.comments["note"] = ["'=typed", "'-typed", "plain"]
    safe = name != "out.csv"
    path = _write(tmp_path, res, name, **({} if safe else {"excel_safe": False}))
    if not safe:
        info_path(path).write_text('{"excel_safe": false}', encoding="utf-8")
    assert load_result(path).comments["note"].tolist() == ["'=typed", "'-typed", "plain"]


@pytest.mark.parametrize("name", ["out.csv", "out.xlsx", "out.parquet", "out.jsonl"])
def test_emotion_columns_come_back_as_lists_and_dicts_in_every_format(tmp_path, make_result, name):
    # CSV and Excel gave the mentions' emotions back as "disappointment;anger" text (NaN when empty in
    # Excel) and emotion_scores as JSON text; Parquet and JSON Lines as lists and dicts.
    if name.endswith("xlsx"):
        pytest.importorskip("openpyxl")
    res = make_result(n=3, evil=False)
    res.comments["emotions"] = pd.Series([["anger", "disappointment"], [], ["gratitude"]], dtype=object)
    res.comments["emotion_scores"] = pd.Series([{"anger": 0.5, "disappointment": 0.25}, {}, {"gratitude": 0.75}],
                                               dtype=object)
    res.mentions = pd.DataFrame({"comment_id": ["c00000", "c00001"], "theme": ["speed", "speed"],
                                 "sentiment": ["negative", "neutral"], "start": [0, 0], "end": [3, 3],
                                 "evidence": ["abc", "abc"],
                                 "emotions": pd.Series([["anger", "disappointment"], []], dtype=object)})
    back = load_result(_write(tmp_path, res, name))
    assert back.comments["emotions"].tolist() == [["anger", "disappointment"], [], ["gratitude"]]
    assert back.comments["emotion_scores"].tolist() == [{"anger": 0.5, "disappointment": 0.25}, {},
                                                        {"gratitude": 0.75}]
    assert back.mentions["emotions"].tolist() == [["anger", "disappointment"], []]
