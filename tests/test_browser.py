"""End to end in a real headless Chromium (Debian's package, driven by Playwright through its
executablePath; .ci/run installs both, nothing is downloaded by the test tool): the demo store's
dyad page draws its chart, a filter changes the event list, and a screenshot is saved."""
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from accord.runner import demo_corpus_path

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    pytest.importorskip("playwright.sync_api")
    db = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    proc = subprocess.run([sys.executable, "-m", "accord.cli", "run", demo_corpus_path(), "--db", str(db)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    port = free_port()
    srv = subprocess.Popen([sys.executable, "-m", "accord.cli", "serve", "--db", str(db), "--port", str(port)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield base
    srv.terminate()
    srv.wait(timeout=10)


def test_dyad_page_in_chromium(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)   # a fresh profile each launch
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "/dyad/RUS/PRK")
        page.wait_for_function("window.accordChart && window.accordChart.data.datasets[0].data.length > 0")
        drawn = page.evaluate("window.accordChart.getDatasetMeta(0).data.length")
        assert drawn > 2, "the chart drew no points"
        painted = page.evaluate("""() => { const c = document.getElementById('dyad-chart');
            const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) n++; } return n; }""")
        assert painted > 500, "the canvas is blank"
        before = page.locator("tr.event-row").count()
        page.select_option("select[name=status]", "claimed")
        page.click("#filters button[type=submit]")
        page.wait_for_load_state("load")
        after = page.locator("tr.event-row").count()
        assert before > 0 and after != before
        assert all(s == "claimed" for s in page.locator("tr.event-row td:nth-child(4)").all_inner_texts())
        shot = tmp_path / "dyad.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        page.goto(server + "/actor/PRK")
        page.wait_for_function("document.getElementById('network-chart').getAttribute('data-nodes') !== null")
        assert int(page.get_attribute("#network-chart", "data-nodes")) >= 2
        assert not errors, errors
        browser.close()
