"""pytest set-up shared by ``tests/`` and the docstring examples in ``src/cxtext``.

The examples write their files under ``tempfile.mkdtemp()``; here that folder
is the example's own ``tmp_path``, which pytest prunes (it keeps the last three
runs), so running the examples leaves nothing behind in the system's temp folder.
"""

from __future__ import annotations

import tempfile

import pytest


@pytest.fixture(autouse=True)
def _examples_write_under_tmp_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if type(request.node).__name__ == "DoctestItem":
        monkeypatch.setattr(tempfile, "tempdir", str(request.getfixturevalue("tmp_path")))
