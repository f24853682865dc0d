"""The dask engine on a real LocalCluster (2 worker processes): same results as the local engine."""

from __future__ import annotations

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from cxtext.analyzer import Analyzer
from cxtext.cli import main, mentions_path, run_analyze
from cxtext.engine.dask_engine import analyze_dask
from cxtext.errors import ConfigError, DuplicateIdError


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def frame(make_survey) -> pd.DataFrame:
    return make_survey(240, seed=3)


def test_global_duplicates_identical_to_local_engine(client, frame):
    ddf = dd.from_pandas(frame, npartitions=4)
    comments, mentions = analyze_dask(ddf, text="comment", id="rid", question="question",
                                      mentions=True)
    import dask

    got_c, got_m = dask.compute(comments, mentions)
    local = ddf.compute()  # the same input as dask hands it over (arrow-backed strings)
    want = Analyzer(chunksize=37).analyze(local, text="comment", id="rid", question="question")
    assert got_c["is_duplicate"].sum() > 30  # plenty of duplicates across partitions
    pd.testing.assert_frame_equal(got_c, want.comments)
    pd.testing.assert_frame_equal(got_m.reset_index(drop=True), want.mentions, check_dtype=False)
    # both workers did some of the work
    assert len(client.run(lambda: 1)) == 2


def test_partition_duplicates_and_index_ids(client, frame):
    ddf = dd.from_pandas(frame.drop(columns="rid"), npartitions=3)
    got = analyze_dask(ddf, text="comment", duplicates="partition").compute()
    analyzer = Analyzer()
    for part in ddf.partitions:
        local = part.compute()
        want = analyzer.analyze(local, text="comment").comments  # one partition alone
        pd.testing.assert_frame_equal(got.loc[local.index], want)
    assert list(got.columns[:2]) == ["comment", "question"]


def test_duplicate_ids_across_partitions(client, frame):
    bad = frame.copy()
    bad.loc[239, "rid"] = bad.loc[0, "rid"]
    ddf = dd.from_pandas(bad, npartitions=4)
    with pytest.raises(DuplicateIdError):
        analyze_dask(ddf, text="comment", id="rid").compute()


def test_bad_arguments(frame):
    with pytest.raises(ConfigError, match="duplicates"):
        analyze_dask(dd.from_pandas(frame, npartitions=1), text="comment", duplicates="all")
    with pytest.raises(ConfigError, match="dask.dataframe.DataFrame"):
        analyze_dask(frame, text="comment")


def test_cli_dask_engine_byte_identical(client, tmp_path, frame, capsys):
    src = tmp_path / "survey.csv"
    frame.to_csv(src, index=False)
    ref, out = tmp_path / "local.csv", tmp_path / "dask.csv"
    run_analyze(src, ref, text="comment", id="rid", chunksize=60)
    address = client.scheduler.address
    assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "--id", "rid",
                 "--chunksize", "60", "--engine", "dask", "--scheduler", address, "-q"]) == 0
    assert out.read_bytes() == ref.read_bytes()
    assert mentions_path(out).read_bytes() == mentions_path(ref).read_bytes()

    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert main(["analyze", str(src), "-o", str(out), "--text", "comment", "--engine",
                     "dask", "--scheduler", "tcp://127.0.0.1:1", "-q"]) == 2
    assert "[CX333]" in capsys.readouterr().err


def test_mention_dtypes_cover_every_mention_column():
    from cxtext.analyzer import MENTION_COLUMNS
    from cxtext.engine.dask_engine import _MENTION_DTYPES

    assert list(_MENTION_DTYPES) == MENTION_COLUMNS
