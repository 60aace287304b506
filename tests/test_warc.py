"""WARC archives and gzip'd record files, built by hand in the test."""
import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from accord.errors import ErrorCode, ItemError
from accord.ingest import read_sources

LIMIT = 100_000
PAGE = b"<html><head><title>Talks</title></head><body><p>Russia and China held talks in Beijing.</p></body></html>"


def _archive(path, records, gz=True):
    """records: (url, status, content type, payload) of HTTP responses, plus a request record."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, status, ctype, payload in records:
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))


def found(path):
    return list(read_sources([str(path)], LIMIT))


def test_only_html_pages_with_status_200_become_documents(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _archive(path, [("https://news.example/a", "200 OK", "text/html; charset=utf-8", PAGE),
                    ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG...."),
                    ("https://news.example/old", "301 Moved Permanently", "text/html", b"<html>moved</html>"),
                    ("https://news.example/b", "200 OK", "text/html", PAGE.replace(b"China", b"India"))])
    docs = found(path)
    assert [d.url for d in docs] == ["https://news.example/a", "https://news.example/b"]
    assert all(d.kind == "html" and d.source.startswith(str(path) + ":") for d in docs)
    assert docs[0].content_hash != docs[1].content_hash


def test_uncompressed_warc_reads_the_same(tmp_path):
    path = tmp_path / "crawl.warc"
    _archive(path, [("https://news.example/a", "200 OK", "text/html", PAGE)], gz=False)
    assert [d.url for d in found(path)] == ["https://news.example/a"]


def test_a_truncated_archive_keeps_the_pages_before_the_break(tmp_path):
    path = tmp_path / "cut.warc"
    _archive(path, [("https://news.example/a", "200 OK", "text/html", PAGE),
                    ("https://news.example/b", "200 OK", "text/html", PAGE * 50)], gz=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 2000])
    result = found(path)
    assert result[0].url == "https://news.example/a"
    assert isinstance(result[-1], ItemError)
    assert str(path) in result[-1].source


def test_an_oversized_page_fails_alone(tmp_path):
    path = tmp_path / "big.warc.gz"
    _archive(path, [("https://news.example/big", "200 OK", "text/html", b"<html><p>" + b"x" * LIMIT + b"</p></html>"),
                    ("https://news.example/a", "200 OK", "text/html", PAGE)])
    result = found(path)
    assert isinstance(result[0], ItemError) and result[0].code == ErrorCode.TOO_LARGE
    assert result[1].url == "https://news.example/a"


def test_gzipped_json_lines_stream_like_plain_ones(tmp_path):
    rows = [{"id": "1", "text": "Kyiv said Russia attacked."}, {"id": "2", "text": "Seoul accused Pyongyang."}]
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in rows).encode()))
    docs = found(path)
    assert [d.id for d in docs] == ["1", "2"]
    assert docs[0].source == f"{path}:1"


def test_a_truncated_gzip_feed_keeps_earlier_rows_and_reports_the_break(tmp_path):
    rows = "\n".join(json.dumps({"text": f"Report number {i} on talks in Beijing."}) for i in range(2000))
    data = gzip.compress(rows.encode())
    path = tmp_path / "feed.ndjson.gz"
    path.write_bytes(data[: len(data) // 2])
    result = found(path)
    assert len(result) > 1 and all(not isinstance(r, ItemError) for r in result[:-1])
    assert isinstance(result[-1], ItemError) and result[-1].code == ErrorCode.BAD_GZIP


def test_gzipped_csv_is_read(tmp_path):
    path = tmp_path / "feed.csv.gz"
    path.write_bytes(gzip.compress(b"id,text\n7,Tokyo protested to Beijing.\n"))
    assert [d.id for d in found(path)] == ["7"]


def test_a_page_that_fails_its_digest_is_reported(tmp_path):
    path = tmp_path / "damaged.warc"
    _archive(path, [("https://news.example/a", "200 OK", "text/html", PAGE)], gz=False)
    path.write_bytes(path.read_bytes().replace(b"Beijing", b"Bejjing"))
    result = found(path)
    assert len(result) == 1 and isinstance(result[0], ItemError) and "digest" in result[0].reason
