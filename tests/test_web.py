"""The dashboard and JSON API, in process, on a small store built here."""
import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from accord.web import CSP, create_app

pytestmark = pytest.mark.slow

ARTICLES = [
    {"id": "pact", "date": "2024-06-20", "url": "https://example.org/pact",
     "text": "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a mutual defence treaty "
             "in Pyongyang on Wednesday. \"This is a breakthrough,\" Putin said."},
    {"id": "visit", "date": "2024-01-17", "url": "https://example.org/visit",
     "text": "North Korean Foreign Minister Choe Son Hui met Russian Foreign Minister Sergei Lavrov in Moscow on Tuesday."},
    {"id": "evil", "date": "2024-06-21", "url": "https://example.org/evil",
     "text": "Russia accused Ukraine of shelling Belgorod. <script>alert('x')</script> "
             "<img src=x onerror=alert('y')> North Korea praised Russia on Friday."},
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web")
    corpus = tmp / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in ARTICLES))
    db = tmp / "w.duckdb"
    proc = subprocess.run([sys.executable, "-m", "accord.cli", "run", str(corpus), "--db", str(db)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return str(db)


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(store_path))


def an_event_id(client):
    return client.get("/api/events", params={"limit": 1}).json()["events"][0]["id"]


def test_pages_answer_with_a_strict_csp(client):
    event_id = an_event_id(client)
    for path in ("/", "/dyad/RUS/PRK", "/dyad/RUS/PRK?by=week&status=asserted", "/actor/RUS", "/article/pact",
                 f"/event/{event_id}", "/search?q=treaty", "/static/app.js", "/static/vendor/chart-4.4.7.umd.js"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-security-policy"] == CSP and "'unsafe-inline'" not in CSP


def test_api_dyad_shape(client):
    body = client.get("/api/dyad/RUS/PRK", params={"by": "month"}).json()
    assert set(body) >= {"series", "flags"}
    first = body["series"][0]
    assert set(first) >= {"period", "events", "goldstein_sum", "goldstein_mean", "quad"}
    assert set(first["quad"]) == {"verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"}


def test_api_events_filters_paging_and_csv(client):
    everything = client.get("/api/events", params={"limit": 1000}).json()["events"]
    rus_prk = client.get("/api/events", params={"dyad": "RUS,PRK"}).json()["events"]
    assert rus_prk and all(e["source_code"].startswith("RUS") for e in rus_prk) and len(rus_prk) < len(everything)
    page2 = client.get("/api/events", params={"limit": 1, "offset": 1}).json()["events"]
    assert page2 and page2[0]["id"] == everything[1]["id"]
    csv = client.get("/api/events", params={"dyad": "RUS,PRK", "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv") and "source_code" in csv.text.splitlines()[0]
    assert client.get("/api/actors/top").json()["actors"][0]["events"] >= 1
    assert client.get("/api/dyads/top", params={"format": "csv"}).status_code == 200


def test_api_quotes_and_claims(client):
    quotes = client.get("/api/quotes", params={"speaker": "RUS"}).json()["quotes"]
    assert any("breakthrough" in q["text"] for q in quotes)
    assert client.get("/api/quotes", params={"contains": "breakthrough", "format": "csv"}).text.count("\n") >= 2
    assert client.get("/api/claims", params={"format": "csv"}).status_code == 200
    assert client.get("/api/quotes", params={"speaker": "1=1"}).status_code == 422


def test_api_article_and_event(client):
    art = client.get("/api/articles/pact").json()
    assert art["id"] == "pact" and art["events"]
    event = client.get(f"/api/events/{an_event_id(client)}").json()
    assert event["reports"] and event["num_articles"] >= 1
    assert client.get("/api/articles/nothing-here").status_code == 404


def test_openapi_documents_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/dyad/{a}/{b}", "/api/events", "/api/actors/top", "/api/articles/{article_id}"} <= set(paths)


def test_article_text_renders_inert(client):
    for path in ("/article/evil", "/search?q=alert", "/dyad/RUS/UKR"):
        body = client.get(path).text
        assert "<script>alert" not in body and "<img src=x onerror" not in body
    assert "&lt;script&gt;alert" in client.get("/article/evil").text


def test_injection_and_bad_parameters_get_a_clear_4xx(client):
    r = client.get("/api/events", params={"actor": "' OR 1=1 --"})
    assert r.status_code == 422 and "actor code" in r.text
    assert client.get("/dyad/RUS/%27%20OR%201=1%20--").status_code == 422
    assert client.get("/search", params={"q": "' OR 1=1 --"}).status_code == 200      # bound, finds nothing
    assert client.get("/api/events", params={"limit": 10**9}).status_code == 422
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/dyad/RUS/PRK", params={"by": "fortnight"}).status_code == 422
    assert client.get("/search", params={"q": "x" * 5000}).status_code in (413, 422)


def test_serve_binds_to_localhost_by_default():
    from click.testing import CliRunner

    from accord.cli import cli

    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text


def test_report_is_one_self_contained_file(store_path, tmp_path):
    out = tmp_path / "report.html"
    proc = subprocess.run([sys.executable, "-m", "accord.cli", "report", "--dyad", "RUS", "PRK", "--out", str(out),
                           "--db", store_path], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    html = out.read_text()
    assert "<svg" in html and "<polyline" in html and "Key events" in html
    assert "signed a mutual defence treaty" in html and "This is a breakthrough" in html
    assert "<script" not in html and "http://" not in html and "https://" not in html and "src=" not in html


def test_no_path_traversal_no_writes_and_rate_limits(store_path):
    client = TestClient(create_app(store_path, rate=1.0, burst=20))
    for path in ("/static/../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fpyproject.toml",
                 "/article/..%2F..%2Fetc%2Fpasswd"):
        r = client.get(path)
        assert r.status_code in (400, 404, 422) and "root:" not in r.text, path
    assert client.post("/api/events").status_code == 405
    codes = [client.get("/api/actors/top").status_code for _ in range(40)]
    assert 429 in codes and codes[0] == 200


def test_dashboard_says_busy_while_a_run_writes(store_held_elsewhere):
    with store_held_elsewhere() as path:
        r = TestClient(create_app(str(path))).get("/api/actors/top")
        assert r.status_code == 503 and "busy" in r.json()["detail"]
