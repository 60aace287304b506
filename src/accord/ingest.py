"""Readers: files, directories, stdin, JSON lines, CSV and WARC -> RawDocument (or ItemError).

The format of an item is decided from its name and confirmed by its content; when the two
disagree in a way we cannot settle (a ``.txt`` full of binary, an unknown suffix that is not
text) the item fails with a coded error instead of being guessed.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .errors import ErrorCode, ItemError
from .model import RawDocument
from .warc import WARC_SUFFIXES, read_warc

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
# Record files stream row by row (a gzip'd one decompresses as it is read), so they have no size limit.
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".jsonl.gz", ".ndjson.gz", ".csv.gz")
STREAM_SUFFIXES = RECORD_SUFFIXES + WARC_SUFFIXES
ALL_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + STREAM_SUFFIXES

# Magic numbers of formats people drop into news folders by mistake.
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF": "a PDF document", b"PK\x03\x04": "a zip archive", b"\x7fELF": "an ELF executable",
    b"\x1f\x8b": "gzip data",
}

Item = RawDocument | ItemError


def content_hash(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def read_sources(paths: Iterable[str], max_bytes: int, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every item under ``paths`` ('-' is standard input), in a stable order."""
    for path in paths:
        if path == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, max_bytes)
            continue
        p = Path(path)
        if p.is_dir():
            yield from _read_directory(p, max_bytes)
        elif p.exists():
            yield from read_file(p, max_bytes)
        else:
            yield ItemError(ErrorCode.NOT_FOUND, "no such file or directory", str(p))


def _read_directory(root: Path, max_bytes: int) -> Iterator[Item]:
    seen: set[tuple[int, int]] = set()
    for p in sorted(root.rglob("*")):
        try:
            if p.is_symlink() and not p.exists():
                if p.name.lower().endswith(ALL_SUFFIXES):
                    yield ItemError(ErrorCode.UNREADABLE, "a link to nothing (broken or looping symlink)", str(p))
                continue
            if not p.is_file():
                continue
            st = p.stat()
        except OSError as exc:
            yield ItemError(ErrorCode.UNREADABLE, exc.strerror or str(exc), str(p))
            continue
        if (st.st_dev, st.st_ino) in seen:   # the same file reached through a link
            continue
        seen.add((st.st_dev, st.st_ino))
        if p.name.startswith(".") or not p.name.lower().endswith(ALL_SUFFIXES):
            continue   # a folder of news also holds READMEs, images, lock files: skip, not fail
        yield from read_file(p, max_bytes)


def read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    name = path.name.lower()
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes and not name.endswith(STREAM_SUFFIXES):
            yield ItemError(ErrorCode.TOO_LARGE, f"{size} bytes, over the limit of {max_bytes} (max_input_bytes)", source)
            return
        if name.endswith(WARC_SUFFIXES):
            with path.open("rb") as fh:   # warcio decompresses a .warc.gz itself, record by record
                yield from _warc_documents(read_warc(fh, source, max_bytes))
            return
        if name.endswith(RECORD_SUFFIXES):
            with (gzip.open(path, "rb") if name.endswith(".gz") else path.open("rb")) as fh:
                yield from _read_records(fh, source, name.endswith((".csv", ".csv.gz")), max_bytes)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ItemError(ErrorCode.UNREADABLE, exc.strerror or str(exc), source)
        return
    try:
        if name.endswith(".gz"):
            data = _gunzip(data, max_bytes)
        kind = _kind_from_name(name)
        yield make_document(data, source, kind)
    except ItemError as err:
        yield err.at(source)


def _warc_documents(pages) -> Iterator[Item]:
    for page in pages:
        if isinstance(page, ItemError):
            yield page
            continue
        payload, where, url = page
        try:
            yield make_document(payload, where, "html", url=url)
        except ItemError as err:
            yield err.at(where)


def _kind_from_name(name: str) -> str | None:
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress, refusing more than ``max_bytes`` of output (a gzip bomb stays small here)."""
    d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise ItemError(ErrorCode.BAD_GZIP, f"corrupt gzip data ({exc})") from None
    if len(out) > max_bytes:
        raise ItemError(ErrorCode.TOO_LARGE, f"decompresses to more than {max_bytes} bytes (max_input_bytes)")
    if not d.eof:
        raise ItemError(ErrorCode.BAD_GZIP, "truncated gzip data")
    return out


def make_document(data: bytes, source: str, kind: str | None, **meta: str | None) -> RawDocument:
    """Check the bytes, decode them, and settle the kind (``text`` or ``html``)."""
    if not data.strip():
        raise ItemError(ErrorCode.EMPTY, "the file is empty or only whitespace")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ItemError(ErrorCode.BINARY, f"looks like {what}, not a news article")
    text = decode(data)
    sniffed = "html" if _looks_like_html(text) else "text"
    if kind is None:
        kind = sniffed
    elif kind == "text" and sniffed == "html":
        kind = "html"   # a saved page with a .txt name: the markup settles it
    return RawDocument(source=source, kind=kind, content=text, content_hash=content_hash(data),
                       **meta)  # type: ignore[arg-type]


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), or the charset an HTML page declares; otherwise an error."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):    # UTF-16 says so itself with its byte-order mark
            try:
                return data[2:].decode(codec)
            except UnicodeDecodeError as exc:
                raise ItemError(ErrorCode.ENCODING, f"invalid {codec} at byte {exc.start + 2}") from None
    if b"\x00" in data[:4096]:
        raise ItemError(ErrorCode.BINARY, "contains NUL bytes: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _declared_charset(data[:4096])
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        raise ItemError(ErrorCode.ENCODING, f"invalid UTF-8 at byte {exc.start} and no usable charset declared") from None


def _declared_charset(head: bytes) -> str | None:
    lower = head.lower()
    at = lower.find(b"charset=")
    if at < 0:
        return None
    m = re.match(rb"[\"' ]*([a-z0-9_\-]+)", lower[at + 8: at + 48])
    return m.group(1).decode("ascii") if m else None


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head or "<head" in head)


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[Item]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield ItemError(ErrorCode.TOO_LARGE, f"more than {max_bytes} bytes on standard input", "<stdin>")
        return
    first = data.lstrip()[:1]
    if first == b"{":
        yield from _read_records(io.BytesIO(data), "<stdin>", False, max_bytes)
        return
    try:
        yield make_document(data, "<stdin>", None)
    except ItemError as err:
        yield err.at("<stdin>")


def read_records(stream: BinaryIO, source: str, is_csv: bool, max_bytes: int) -> Iterator[Item]:
    """Public twin of the record reader, for `accord code --jsonl`."""
    return _read_records(stream, source, is_csv, max_bytes)


def _read_records(stream: BinaryIO, source: str, is_csv: bool, max_bytes: int) -> Iterator[Item]:
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="strict", newline="" if is_csv else None)
    rows = _csv_rows(text, source, max_bytes) if is_csv else _json_rows(text, source)
    for where, row in rows:
        if isinstance(row, ItemError):
            yield row
            continue
        try:
            yield _record_document(row, where, max_bytes)
        except ItemError as err:
            yield err.at(where)


def _json_rows(text: io.TextIOWrapper, source: str) -> Iterator[tuple[str, dict | ItemError]]:
    number = 0
    while True:
        number += 1
        where = f"{source}:{number}"
        try:
            line = text.readline()
        except UnicodeDecodeError as exc:
            yield where, ItemError(ErrorCode.ENCODING, f"invalid UTF-8 ({exc.reason})", where)
            return
        except (OSError, EOFError, zlib.error) as exc:   # a .jsonl.gz that is corrupt or cut short
            yield where, ItemError(ErrorCode.BAD_GZIP, f"corrupt or truncated gzip data ({exc})", where)
            return
        if not line:
            return
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, ItemError(ErrorCode.BAD_RECORD, f"not valid JSON ({exc.msg} at column {exc.colno})", where)
            continue
        if not isinstance(row, dict):
            yield where, ItemError(ErrorCode.BAD_RECORD, "a JSON line must be an object", where)
            continue
        yield where, row


def _csv_rows(text: io.TextIOWrapper, source: str, max_bytes: int) -> Iterator[tuple[str, dict | ItemError]]:
    csv.field_size_limit(max_bytes)
    reader = csv.DictReader(text, strict=True)   # broken quoting is an error, not a guess
    number = 1
    while True:
        number += 1
        where = f"{source}:{number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield where, ItemError(ErrorCode.BAD_RECORD, f"unreadable CSV ({exc})", where)
            return
        except (OSError, EOFError, zlib.error) as exc:
            yield where, ItemError(ErrorCode.BAD_GZIP, f"corrupt or truncated gzip data ({exc})", where)
            return
        yield where, row


def _record_document(row: dict, where: str, max_bytes: int) -> RawDocument:
    html, text = row.get("html"), row.get("text")
    body = html if html else text
    if not isinstance(body, str) or not body.strip():
        raise ItemError(ErrorCode.BAD_RECORD, "the record has no 'text' or 'html' field with content")
    data = body.encode("utf-8")
    if len(data) > max_bytes:
        raise ItemError(ErrorCode.TOO_LARGE, f"{len(data)} bytes, over the limit of {max_bytes} (max_input_bytes)")
    meta = {k: (str(row[k]).strip() or None) if row.get(k) is not None else None for k in ("id", "title", "url", "date")}
    doc = make_document(data, where, "html" if html else "text", **meta)
    return doc
