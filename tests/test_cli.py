from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import cxtext
from cxtext.cli import main, mentions_path


@pytest.fixture
def survey_csv(tmp_path, tiny_survey):
    path = tmp_path / "in.csv"
    tiny_survey.to_csv(path, index=False)
    return path


def _read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_analyze_csv_keeps_every_row(tmp_path, survey_csv, tiny_survey, capsys):
    out = tmp_path / "res" / "out.csv"
    assert main(["analyze", str(survey_csv), "-o", str(out), "--text", "comment", "--id", "rid"]) == 0
    res = _read(out)
    assert list(res["rid"]) == list(tiny_survey["rid"])
    assert {"comment", "nps", "channel", "sentiment", "themes", "text_clean"} <= set(res.columns)
    mentions = _read(mentions_path(out))
    assert set(mentions["comment_id"]) <= set(tiny_survey["rid"])
    printed = capsys.readouterr().out
    assert "read     50 rows" in printed and "wrote    50 rows" in printed and "top themes" in printed


def test_summary_shows_the_emotion_mix_per_theme(tmp_path, capsys):
    src = tmp_path / "in.csv"
    pd.DataFrame({"comment": ["Couldn't get through on the phone. Very frustrating.",
                              "The phone line was useless, so annoying.", "Lovely staff, thank you."]}
                 ).to_csv(src, index=False)
    assert main(["analyze", str(src), "-o", str(tmp_path / "out.csv"), "--text", "comment"]) == 0
    printed = capsys.readouterr().out
    line = next(x for x in printed.splitlines() if x.startswith("by theme "))
    assert line.startswith("by theme support (2 comments): frustration 2")


def test_emotions_switched_off_say_so_in_the_summary_report_and_api(tmp_path, capsys):
    # "--emotions none" printed "emotions (comments) none" and the report "No emotions were detected",
    # which read as "nobody felt anything"; theme_emotions() gave a table of zeros.
    from cxtext.errors import InputError
    from cxtext.report import load_result, render_report
    from cxtext.scores import drivers, theme_emotions

    src = tmp_path / "in.csv"
    pd.DataFrame({"comment": ["Couldn't get through on the phone. Very frustrating.", "Lovely staff, thank you."],
                  "nps": [2, 10]}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "--emotions", "none"]) == 0
    assert "emotions (comments) not read (emotions switched off)" in capsys.readouterr().out
    res = load_result(out)
    with pytest.raises(InputError, match=r"\[CX406\] theme_emotions\(\) needs emotions.*--emotions none"):
        theme_emotions(res)
    with pytest.raises(InputError, match=r"\[CX406\] drivers\(source='emotions'\)"):
        drivers(res.join_scores(nps="nps"), "nps", source="emotions")
    html = render_report(res, nps="nps")
    assert "Emotions were not read in this run" in html and "No emotions were detected" not in html


def test_emotions_switched_off_add_none_by_rule_either():
    # the praise and effort rules gave mentions admiration and frustration with emotions switched off
    res = cxtext.analyze(["The nurse was really thorough and kind.",
                          "Had to chase them three times about the refund, passed from pillar to post."],
                         emotions="none")
    assert len(res.mentions) >= 2 and not res.mentions["emotions"].map(len).any()
    on = cxtext.analyze(["The nurse was really thorough and kind."])
    assert "admiration" in {e for row in on.mentions["emotions"] for e in row}


def test_without_id_adds_row_numbers(tmp_path, survey_csv):
    out = tmp_path / "out.csv"
    assert main(["analyze", str(survey_csv), "-o", str(out), "--text", "comment", "-q", "--chunksize", "7"]) == 0
    assert _read(out)["row"].tolist() == [str(i) for i in range(50)]


def test_an_output_without_ids_can_be_analysed_again(tmp_path, survey_csv):
    """Its 'row' column (and every output column) is kept under another name."""
    first, again = tmp_path / "first.csv", tmp_path / "again.csv"
    assert main(["analyze", str(survey_csv), "-o", str(first), "--text", "comment", "-q"]) == 0
    assert main(["analyze", str(first), "-o", str(again), "--text", "comment", "-q", "--chunksize", "7"]) == 0
    table = pd.read_csv(again, dtype=str, keep_default_na=False)
    assert table.columns.is_unique and list(table.columns[:2]) == ["row", "row_input"]
    assert table["row"].tolist() == table["row_input"].tolist() == [str(i) for i in range(50)]
    assert table["sentiment_input"].tolist() == _read(first)["sentiment"].tolist()


@pytest.mark.parametrize("ext", ["xlsx", "parquet", "jsonl"])
def test_other_formats_round_trip(tmp_path, tiny_survey, ext):
    src = tmp_path / f"in.{ext}"
    df = tiny_survey.assign(comment=tiny_survey["comment"].map(lambda v: v if not isinstance(v, str) else v[:2000]))
    if ext == "xlsx":
        df.to_excel(src, index=False)
    elif ext == "parquet":
        df.astype({"comment": str}).to_parquet(src)
    else:
        df.to_json(src, orient="records", lines=True)
    out = tmp_path / f"out.{ext}"
    assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "rid", "-q"]) == 0
    from cxtext.io import read_table

    back = read_table(out)
    assert list(back["rid"]) == list(df["rid"])
    assert mentions_path(out).exists()


def _run_error(args, capsys):
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    return err


def test_missing_column_lists_columns(tmp_path, survey_csv, capsys):
    err = _run_error(["analyze", str(survey_csv), "-o", str(tmp_path / "o.csv"), "--text", "nope"], capsys)
    assert "'nope'" in err and "'comment'" in err and "'rid'" in err
    assert not (tmp_path / "o.csv").exists()


def test_duplicate_ids_named_and_no_partial_output(tmp_path, tiny_survey, capsys):
    df = tiny_survey.copy()
    df.loc[40, "rid"] = "r03"  # repeated in a later chunk
    src = tmp_path / "dup.csv"
    df.to_csv(src, index=False)
    out = tmp_path / "o.csv"
    err = _run_error(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "rid",
                      "--chunksize", "10"], capsys)
    assert "'r03'" in err
    assert not out.exists() and not mentions_path(out).exists()
    assert list(tmp_path.iterdir()) == [src]  # no temp files left behind


@pytest.mark.parametrize("name,content,expect", [
    ("missing.csv", None, "missing.csv"),
    ("empty.csv", b"", "no data rows"),
    ("header.csv", b"id,comment\n", "no data rows"),
    ("doc.docx", b"PK", "unsupported"),
    ("bad.parquet", b"not parquet", "bad.parquet"),
])
def test_bad_files(tmp_path, capsys, name, content, expect):
    src = tmp_path / name
    if content is not None:
        src.write_bytes(content)
    err = _run_error(["analyze", str(src), "-o", str(tmp_path / "o.csv"), "--text", "comment"], capsys)
    assert expect.lower() in err.lower()


def test_console_script_and_module_help():
    import os

    r = subprocess.run([sys.executable, "-m", "cxtext", "--help"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and "analyze" in r.stdout
    # at 80 columns the help panels cut option names and their help ("NAME.mentions.E…"): plain help wraps
    env = {**os.environ, "COLUMNS": "80"}
    r = subprocess.run([sys.executable, "-m", "cxtext", "analyze", "--help"], capture_output=True, text=True,
                       check=False, env=env)
    assert r.returncode == 0 and "--text" in r.stdout and "NAME.mentions.EXT" in r.stdout
    assert "…" not in r.stdout and max(len(line) for line in r.stdout.splitlines()) <= 80
    assert "--output-format" in r.stdout and "--resume" in r.stdout


def test_mentions_path():
    from pathlib import Path

    assert mentions_path(Path("a/out.parquet")) == Path("a/out.mentions.parquet")
    assert mentions_path(Path("out.tsv.gz")) == Path("out.mentions.tsv.gz")
    assert mentions_path(Path("out.jsonl.gz")) == Path("out.mentions.jsonl.gz")
    assert mentions_path(Path("out.csv.bz2")) == Path("out.mentions.csv.bz2")
    assert mentions_path(Path("out.tsv.xz")) == Path("out.mentions.tsv.xz")


@pytest.mark.parametrize("name", ["out.jsonl.gz", "out.csv.bz2", "out.tsv.xz"])
def test_compressed_outputs_of_every_kind(tmp_path, survey_csv, name):
    """The mentions file keeps the output's compression; `cxtext report` reads both back."""
    from pathlib import Path

    from cxtext.report import load_result

    out = tmp_path / name
    assert main(["analyze", str(survey_csv), "-o", str(out), "--text", "comment", "--id", "rid", "-q"]) == 0
    stem = name.split(".", 1)[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["in.csv", name, f"out.mentions.{stem}", "out.info.json"])
    back = load_result(out)
    assert len(back.comments) == 50 and len(back.mentions) > 0
    assert set(back.mentions["comment_id"]) <= set(back.comments["rid"])
    html = tmp_path / "r.html"
    assert main(["report", str(out), "-o", str(html), "-q"]) == 0 and Path(html).exists()


def test_unquoted_comma_in_a_comment_is_refused_not_cut_short(tmp_path, capsys):
    src = tmp_path / "e.csv"
    src.write_text("id,comment\n1,great staff, but slow delivery and rude agent\n2,fine\n"
                   "3,the app crashes, every time\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    err = _run_error(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "id"], capsys)
    assert "[CX104]" in err and "2 rows have more fields than the header's 2 (lines 2, 4)" in err
    assert "--sep" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.csv"]  # no output, no checkpoint


def test_excel_sep_line_is_honoured(tmp_path):
    src = tmp_path / "x.csv"
    src.write_bytes(b"sep=;\r\nid;comment\r\n1;great, staff\r\n2;slow delivery\r\n")
    out = tmp_path / "o.csv"
    assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "id", "-q"]) == 0
    assert _read(out)[["id", "comment"]].values.tolist() == [["1", "great, staff"], ["2", "slow delivery"]]


def test_jsonl_key_first_seen_in_a_later_chunk(tmp_path):
    import json

    src = tmp_path / "k.jsonl"
    rows = [{"id": i, "comment": "slow delivery"} for i in range(6)] + [{"id": 6, "comment": "ok", "channel": "web"}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for ext in ("csv", "parquet"):
        out = tmp_path / f"o.{ext}"
        assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "id", "-q",
                     "--chunksize", "3"]) == 0
        from cxtext.io import read_table

        assert read_table(out)["channel"].fillna("").tolist() == [""] * 6 + ["web"]


def test_jsonl_ids_that_differ_only_in_type_are_refused(tmp_path, capsys):
    src = tmp_path / "m.jsonl"
    src.write_text('{"id": 1, "c": "great staff"}\n{"id": "1", "c": "slow delivery"}\n', encoding="utf-8")
    err = _run_error(["analyze", str(src), "-o", str(tmp_path / "o.csv"), "--text", "c", "--id", "id"], capsys)
    assert "[CX103]" in err and "'1'" in err


def test_parquet_output_of_a_column_whose_type_changes(tmp_path, capsys):
    """An XLSX score column numeric but for one "n/a" after the first chunk: stored as text."""
    src = tmp_path / "nps.xlsx"
    nps = [i % 11 for i in range(12)]
    nps[9] = "n/a"
    pd.DataFrame({"id": range(12), "comment": ["slow delivery"] * 12, "nps": nps}).to_excel(src, index=False)
    out = tmp_path / "o.parquet"
    assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "id", "-q",
                 "--chunksize", "5"]) == 0
    assert "column 'nps'" in capsys.readouterr().err
    from cxtext.io import read_table

    assert read_table(out)["nps"].tolist() == [str(v) for v in nps]
    assert not list(tmp_path.glob(".*"))  # no checkpoint or temporary file left


def test_run_info_written_beside_output(tmp_path, survey_csv):
    import json

    out = tmp_path / "out.csv"
    assert main(["analyze", str(survey_csv), "-o", str(out), "--text", "comment", "-q"]) == 0
    info = json.loads((tmp_path / "out.info.json").read_text())
    assert info["sentiment_model"].startswith("sentiment-fast") and info["rows"] == 50
    assert info["output_format"] == "csv"


def test_report_reads_an_output_written_with_output_format(tmp_path, survey_csv):
    out = tmp_path / "res.dat"
    assert main(["analyze", str(survey_csv), "-o", str(out), "--output-format", "parquet", "--text",
                 "comment", "--id", "rid", "-q"]) == 0
    assert (tmp_path / "res.mentions.dat").read_bytes()[:4] == b"PAR1"
    assert main(["report", str(out), "-o", str(tmp_path / "r.html"), "-q"]) == 0


def test_themes_and_emotions_options_override_the_preset(tmp_path, survey_csv, capsys):
    import json

    out = tmp_path / "out.csv"
    assert main(["analyze", str(survey_csv), "-o", str(out), "--text", "comment", "-q",
                 "--emotions", "none"]) == 0
    info = json.loads((tmp_path / "out.info.json").read_text())
    assert info["emotion_model"] is None and info["themes"] == "KeywordThemeTagger"
    assert (_read(out)["emotions"] == "").all()
    err = _run_error(["analyze", str(survey_csv), "-o", str(tmp_path / "bad.csv"), "--text", "comment",
                      "--themes", "no-such-tagger"], capsys)
    assert "CX2" in err or "CX3" in err


@pytest.mark.parametrize("extra, expect", [
    (["--bogus"], "No such option: --bogus"),
    (["--jobs", "-5"], "Invalid value for '--jobs'"),
])
def test_usage_errors_are_usage_errors_not_internal_ones(tmp_path, survey_csv, capsys, extra, expect):
    out = tmp_path / "o.csv"
    assert main(["analyze", str(survey_csv), "-o", str(out), "--text", "comment", *extra]) == 2
    err = capsys.readouterr().err
    assert expect in err and "internal error" not in err
    assert not out.exists()


def test_a_taxonomy_that_fails_to_load_leaves_no_checkpoint(tmp_path, survey_csv, capsys):
    """Nothing was analysed, so the next run must not offer to resume it."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: x\nthemes: []\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["analyze", str(survey_csv), "-o", str(out), "--text", "comment", "--taxonomy", str(bad), "-q"]) == 2
    assert "[CX312]" in capsys.readouterr().err
    assert not list(tmp_path.glob(".*cxtext-run")) and not out.exists()
    assert main(["analyze", str(survey_csv), "-o", str(out), "--text", "comment", "-q"]) == 0
    assert "Replacing the checkpoint" not in capsys.readouterr().err


def test_the_comment_column_is_written_redacted_unless_kept(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text('id,comment,email\n1,"Call me on 07700 900123",a@b.com\n2,Great service,\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "id", "-q"]) == 0
    assert _read(out)[["comment", "email"]].values.tolist() == [["Call me on [PHONE]", "a@b.com"],
                                                                ["Great service", ""]]
    assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "id", "-q",
                 "--keep-raw-text"]) == 0
    frame = _read(out)
    assert frame["comment"].tolist()[0] == "Call me on 07700 900123" and frame["text_clean"][0] == "Call me on [PHONE]"


def test_the_comment_column_as_id_is_a_usage_error(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("comment\nmail a@b.com\nfine\n", encoding="utf-8")
    assert main(["analyze", str(src), "-o", str(tmp_path / "o.csv"), "--text", "comment", "--id", "comment",
                 "-q"]) == 2
    err = capsys.readouterr().err
    assert "[CX113]" in err and "Traceback" not in err and not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("src_name, out_name", [
    ("p.csv", "p.csv"),                  # the output is the input
    ("p.csv", "new/../p.csv"),           # the same file by another path
    ("p.mentions.csv", "p.csv"),         # the mentions table written beside the output is the input
])
def test_an_output_that_would_overwrite_the_input_is_refused(tmp_path, capsys, monkeypatch, src_name, out_name):
    """`analyze p.csv -o p.csv` replaced the export with its redacted analysis and exited 0."""
    monkeypatch.chdir(tmp_path)
    original = b'id,comment\r\n1,"call 07700 900123, staff rude"\r\n'
    (tmp_path / src_name).write_bytes(original)
    err = _run_error(["analyze", src_name, "-o", out_name, "--text", "comment", "-q"], capsys)
    assert "[CX307]" in err and "would overwrite the input file" in err and "-o" in err
    assert (tmp_path / src_name).read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == [src_name]  # no output, no checkpoint


def test_an_output_that_would_overwrite_the_input_is_refused_from_python(tmp_path):
    from cxtext.cli import run_analyze
    from cxtext.errors import ConfigError

    src = tmp_path / "p.csv"
    src.write_text("id,comment\n1,fine\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(src)
    with pytest.raises(ConfigError, match=r"\[CX307\]"):
        run_analyze(tmp_path / "link.csv", src, text="comment")
    assert src.read_text(encoding="utf-8") == "id,comment\n1,fine\n"


@pytest.mark.parametrize("out_name, expect", [
    ("o.json", "[CX105]"),     # a format cxtext does not write
    ("adir", "[CX303]"),       # a directory
    ("p.csv/x/o.csv", "[CX303]"),  # a path under a regular file
])
def test_an_unusable_output_path_leaves_no_checkpoint(tmp_path, capsys, out_name, expect):
    """Such runs left `.NAME.cxtext-run/`, so the next run offered a --resume that could never work."""
    src = tmp_path / "p.csv"
    src.write_text("id,comment\n1,fine\n", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    err = _run_error(["analyze", str(src), "-o", str(tmp_path / out_name), "--text", "comment"], capsys)
    assert expect in err and "Errno" not in err and "cxtext-run" not in err
    assert "Convert the file" not in err  # output advice: '.jsonl' / --output-format, a file path to -o
    assert ("--output-format" in err) if expect == "[CX105]" else ("-o" in err)
    assert not list(tmp_path.rglob(".*cxtext-run")) and not list((tmp_path / "adir").iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir", "p.csv"]


def test_parquet_output_keeps_text_ids_of_a_later_chunk(tmp_path, capsys):
    """XLSX ids 100..105 as numbers, then "00107", "0108" as text: Parquet wrote 107 and 108."""
    from cxtext.io import read_table

    src = tmp_path / "ids.xlsx"
    ids = [100, 101, 102, 103, 104, 105, "00107", "0108"]
    pd.DataFrame({"id": ids, "comment": ["slow delivery, rude staff"] * 8}).to_excel(src, index=False)
    out = tmp_path / "o.parquet"
    assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "id", "-q",
                 "--chunksize", "3"]) == 0
    assert "column 'id'" in capsys.readouterr().err
    written = [str(i) for i in ids]
    assert read_table(out)["id"].tolist() == written
    mentioned = read_table(mentions_path(out))["comment_id"].astype(str)
    assert set(mentioned) == set(written)


@pytest.mark.parametrize("ids, rows", [(["1", ""], "1 row(s) (data row 2,"), (["", ""], "2 row(s) (data rows 1, 2,")])
def test_blank_csv_ids_are_empty_ids(tmp_path, capsys, ids, rows):
    """Blank CSV ids passed (one) or were called duplicates (two); Parquet/JSONL nulls got [CX109]."""
    src = tmp_path / "a.csv"
    src.write_text(f"id,comment\n{ids[0]},good\n{ids[1]},bad delivery\n", encoding="utf-8")
    err = _run_error(["analyze", str(src), "-o", str(tmp_path / "o.csv"), "--text", "comment", "--id", "id"],
                     capsys)
    assert f"[CX109] Id column 'id' is empty in {rows}" in err and "CX103" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_rename_warnings_name_the_columns_as_written(tmp_path, capsys):
    src = tmp_path / "r.csv"
    src.write_text("id,comment,sentiment,sentiment_input,row\n1,slow,x,y,7\n2,fine,x,y,8\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "-q", "--chunksize", "1",
                 "--jobs", "1"]) == 0  # (a forked worker's warnings miss capsys)
    columns = _read(out).columns.tolist()
    assert columns[:6] == ["row", "id", "comment", "sentiment_input_2", "sentiment_input", "row_input"]
    err = capsys.readouterr().err
    assert "'sentiment' as 'sentiment_input_2'" in err and "it is kept as 'row_input'" in err
    assert err.count("'row'") == 1
