"""The HTML audit report in a real browser (Debian's ``chromium``, headless): at 700 and 1280 px wide
the page has no horizontal overflow and no clipped or off-screen text, on real and generated logs.
A measuring script is added to a copy of the report (the report itself ships no script); Chromium
runs it and ``--dump-dom`` returns its measurements.  Screenshots at both widths are kept in
``$PCACHE_TEST_ARTIFACTS`` (else the test's tmp dir).  Without chromium the test is skipped, unless
``PCACHE_REQUIRE_BROWSER`` is set (``.ci/run`` installs chromium and sets it)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

WIDTHS = (700, 1280)
MEASURE = """<script>
(function () {
  var W = document.documentElement.clientWidth, out = {viewport: W,
    scrollWidth: document.documentElement.scrollWidth, clipped: [], outside: [], wrapped: [], texts: 0};
  var els = document.querySelectorAll('body *');
  for (var i = 0; i < els.length; i++) {
    var e = els[i], own = false;
    for (var j = 0; j < e.childNodes.length; j++)
      if (e.childNodes[j].nodeType === 3 && e.childNodes[j].textContent.trim()) own = true;
    if (!own) continue;
    var r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    out.texts++;
    if (r.right > W + 1 || r.left < -1) out.outside.push(e.tagName + ': ' + e.textContent.slice(0, 60));
    if (e.tagName === 'TD' && e.cellIndex > 0 && !e.classList.contains('text')) {  // a number cell
      var range = document.createRange();
      range.selectNodeContents(e);
      var lines = {};
      var rects = range.getClientRects();
      for (var k = 0; k < rects.length; k++) lines[Math.round(rects[k].top)] = 1;
      if (Object.keys(lines).length > 1) out.wrapped.push(e.textContent.slice(0, 30));
    }
    var cs = getComputedStyle(e);
    if ((cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis') && e.scrollWidth > e.clientWidth + 1)
      out.clipped.push(e.tagName + ': ' + e.textContent.slice(0, 60));
  }
  var pre = document.createElement('pre');
  pre.id = 'pcache-measure';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("PCACHE_REQUIRE_BROWSER"):
        raise AssertionError("chromium is required (PCACHE_REQUIRE_BROWSER is set) but not installed")
    return None


@pytest.fixture(scope="module")
def browser():
    path = _browser()
    if path is None:
        pytest.skip("no chromium on this machine (.ci/run installs it)")
    return path


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    d = os.environ.get("PCACHE_TEST_ARTIFACTS")
    out = Path(d) if d else tmp_path_factory.mktemp("screenshots")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _run(browser: str, width: int, *args: str) -> subprocess.CompletedProcess:
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
           "--no-first-run", "--disable-extensions", f"--window-size={width},2400", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def measure(browser: str, page: Path, width: int) -> dict:
    probe = page.with_name(page.stem + f".measure{width}.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    r = _run(browser, width, "--dump-dom", probe.as_uri())
    m = re.search(r'<pre id="pcache-measure">(.*?)</pre>', r.stdout, re.S)
    assert m, f"chromium gave no measurements (exit {r.returncode}): {r.stderr[-500:]}"
    from html import unescape

    return json.loads(unescape(m.group(1)))


def _report(run_cli, tmp_path, name, paths) -> Path:
    out = tmp_path / f"{name}.html"
    code, _o, err = run_cli("audit", *paths, "--format", "html", "-o", out)
    assert code in (0, 2) and out.is_file(), err
    return out


def _logs(tmp_path):
    gen = tmp_path / "generated.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "log", "--requests", "300",
                    "--out", str(gen)], check=True, capture_output=True)
    logs = {"generated": [gen]}
    rec = SHARED / "corpora" / "openai-recorded" / "recorded.jsonl"
    if rec.is_file():
        logs["openai-recorded"] = [rec]
    pyd = SHARED / "corpora" / "pydantic-ai-vcr" / "usage_with_cache.jsonl"
    if pyd.is_file():  # long model names, unpriced models, many warnings
        logs["pydantic-ai-vcr"] = [pyd]
    # raw cassettes: the cache-writes section and the write classes in the misses table
    logs["cassettes"] = [ROOT / "tests" / "fixtures" / "cassettes"]
    return logs


def test_report_fits_700_and_1280_px_without_clipping(browser, artifacts, run_cli, tmp_path):
    for name, paths in _logs(tmp_path).items():
        page = _report(run_cli, tmp_path, name, paths)
        for width in WIDTHS:
            m = measure(browser, page, width)
            assert m["texts"] > 20, m  # the page rendered
            assert m["scrollWidth"] <= m["viewport"], (name, width, m["scrollWidth"], m["viewport"])
            assert m["outside"] == [], (name, width, m["outside"][:5])
            assert m["clipped"] == [], (name, width, m["clipped"][:5])
            assert m["wrapped"] == [], (name, width, m["wrapped"][:5])  # numbers stay on one line
            shot = artifacts / f"audit-{name}-{width}px.png"
            r = _run(browser, width, f"--screenshot={shot}", page.as_uri())
            assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", r.stderr[-500:]


def test_the_measurement_catches_overflow_and_clipping(browser, tmp_path):
    """A control page: a table wider than the window and a clipped label must be reported."""
    page = tmp_path / "control.html"
    page.write_text("<!doctype html><html><body><table><tr><td style='min-width:1500px'>wide cell</td></tr></table>"
                    "<table><tr><td>x</td><td style='width:30px'>$12,345.67 and more</td></tr></table>"
                    "<div style='width:80px;overflow:hidden;white-space:nowrap'>a label far too long to fit</div>"
                    "</body></html>")
    m = measure(browser, page, 700)
    assert m["scrollWidth"] > m["viewport"] and m["outside"]
    assert any("a label far too long" in c for c in m["clipped"])
    assert m["wrapped"]
