"""The report in a real headless browser: it renders, logs nothing, and comment scripts never run.

Needs Debian's ``chromium`` on PATH (CI installs it); skipped otherwise.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cxtext.report import build_report
from cxtext.scores import ces_scale

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not on PATH (apt-get install -y chromium)")

_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--enable-logging=stderr", "--v=0"]


def _chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run([CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)


def _console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def _title(dom: str) -> str:
    m = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    return m.group(1) if m else ""


def test_browser_sees_scripts_and_console_messages(tmp_path):
    # control: proves the two checks below can fail
    page = tmp_path / "control.html"
    page.write_text("<!DOCTYPE html><html><head><title>ok</title></head><body>"
                    "<script>console.error('boom'); document.title='pwned'</script></body></html>",
                    encoding="utf-8")
    run = _chromium(tmp_path, page, "--dump-dom")
    assert _title(run.stdout) == "pwned"
    assert any("boom" in line for line in _console(run.stderr))


@pytest.fixture
def report(tmp_path, make_result):
    res = make_result(n=300)
    res.comments["emotions"] = [["frustration"] if i % 3 else ["gratitude"] for i in range(300)]
    path = tmp_path / "report.html"
    build_report(res, path, nps="nps", csat="csat", ces="ces", ces_scale=ces_scale(easy="low"),
                 segments=["channel"], date="date", title="Browser test", n_boot=100)
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;" in path.read_text(encoding="utf-8")
    return path


def test_comment_script_does_not_run_and_console_is_clean(tmp_path, report):
    run = _chromium(tmp_path, report, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert _title(run.stdout) == "Browser test"
    assert "pwned" not in _title(run.stdout)
    assert _console(run.stderr) == []
    assert run.stdout.count("<section") == 8


def test_page_renders_to_a_screenshot(tmp_path, report):
    shot = tmp_path / "shot.png"
    run = _chromium(tmp_path, report, f"--screenshot={shot}", "--window-size=1280,2000")
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 50_000  # a blank 1280x2000 page is a few kB
    assert _console(run.stderr) == []
