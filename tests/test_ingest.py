import gzip
import io
import json

from accord.errors import ErrorCode, ItemError
from accord.ingest import read_sources
from accord.model import RawDocument

LIMIT = 1_000_000


def items(*paths, stdin=None):
    return list(read_sources([str(p) for p in paths], LIMIT, stdin=stdin))


def codes(found):
    return [i.code if isinstance(i, ItemError) else i.kind for i in found]


def test_text_and_html_files_are_read_with_their_kind(tmp_path):
    (tmp_path / "a.txt").write_text("Russia and China held talks in Beijing on Monday.")
    (tmp_path / "b.html").write_text("<html><body><p>Seoul accused Pyongyang.</p></body></html>")
    (tmp_path / "c.htm").write_text("<!doctype html><html><p>x</p></html>")
    found = items(tmp_path)
    assert codes(found) == ["text", "html", "html"]
    assert all(len(i.content_hash) == 64 for i in found)


def test_gzipped_html_is_decompressed(tmp_path):
    page = b"<html><body><p>Kyiv said Russia attacked.</p></body></html>"
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(page))
    [doc] = items(tmp_path / "p.html.gz")
    assert doc.kind == "html" and "Kyiv said" in doc.content


def test_empty_file_fails_with_its_path(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("  \n\t ")
    [e] = items(p)
    assert e.code is ErrorCode.EMPTY and str(p) in str(e)


def test_binary_file_is_named_as_such(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    [e] = items(p)
    assert e.code is ErrorCode.BINARY and "PNG" in e.reason


def test_nul_bytes_are_binary(tmp_path):
    p = tmp_path / "nul.txt"
    p.write_bytes(b"text\x00\x00more")
    [e] = items(p)
    assert e.code is ErrorCode.BINARY


def test_invalid_utf8_fails_with_the_byte_offset(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("Café Moscow".encode("utf-8") + b"\xff\xfe broken")
    [e] = items(p)
    assert e.code is ErrorCode.ENCODING and "byte" in e.reason


def test_declared_charset_is_honoured(tmp_path):
    p = tmp_path / "latin.html"
    p.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>Café in Zürich</p></body></html>'.encode("latin-1"))
    [doc] = items(p)
    assert "Zürich" in doc.content


def test_oversized_page_is_refused_before_reading(tmp_path):
    p = tmp_path / "huge.html"
    p.write_bytes(b"<html><body>" + b"<p>word</p>" * 2_000_000 + b"</body></html>")   # about 22 MB
    [e] = items(p)
    assert e.code is ErrorCode.TOO_LARGE and "max_input_bytes" in e.reason


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path):
    p = tmp_path / "bomb.html.gz"
    p.write_bytes(gzip.compress(b"<p>" + b"a" * (LIMIT * 3)))
    [e] = items(p)
    assert e.code is ErrorCode.TOO_LARGE


def test_truncated_gzip_is_reported(tmp_path):
    p = tmp_path / "cut.html.gz"
    p.write_bytes(gzip.compress(b"<html><body><p>hello world</p></body></html>" * 50)[:40])
    [e] = items(p)
    assert e.code is ErrorCode.BAD_GZIP


def test_directory_with_one_broken_file_keeps_the_good_ones(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good1.txt").write_text("Ukraine and Poland signed a deal.")
    (tmp_path / "good2.html").write_text("<html><body><p>NATO met in Brussels.</p></body></html>")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xff\xff")
    (tmp_path / "notes.md").write_text("not news: skipped, not failed")
    found = items(tmp_path)
    good = [i for i in found if isinstance(i, RawDocument)]
    bad = [i for i in found if isinstance(i, ItemError)]
    assert len(good) == 2 and len(bad) == 1 and "broken.txt" in bad[0].source


def test_missing_path_is_reported(tmp_path):
    [e] = items(tmp_path / "nope.txt")
    assert e.code is ErrorCode.NOT_FOUND


def test_json_lines_keep_ids_and_report_broken_lines(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Iran condemned Israel.", "date": "2024-04-02"}),
        "{not json",
        json.dumps({"id": "a2", "html": "<html><body><p>Hi</p></body></html>"}),
        json.dumps({"id": "a3", "title": "no body"}),
    ]))
    found = items(p)
    assert [getattr(i, "id", None) for i in found if isinstance(i, RawDocument)] == ["a1", "a2"]
    assert found[0].date == "2024-04-02" and found[2].kind == "html"
    errors = [i for i in found if isinstance(i, ItemError)]
    assert [e.source for e in errors] == [f"{p}:2", f"{p}:4"]
    assert all(e.code is ErrorCode.BAD_RECORD for e in errors)


def test_csv_in_the_wikinews_shape(tmp_path):
    p = tmp_path / "news.csv"
    p.write_text('url,date,title,text\nhttp://x/1,2019-01-04,"A title","Body, with ""quotes"" and\nnewlines"\n')
    [doc] = items(p)
    assert doc.url == "http://x/1" and doc.date == "2019-01-04" and doc.title == "A title"
    assert 'with "quotes"' in doc.content


def test_stdin_text_and_jsonl():
    [doc] = items("-", stdin=io.BytesIO(b"Russia attacked Ukraine."))
    assert doc.kind == "text" and doc.source == "<stdin>"
    found = items("-", stdin=io.BytesIO(b'{"id": "x", "text": "a b c"}\n'))
    assert found[0].id == "x"
