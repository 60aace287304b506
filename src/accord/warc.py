"""WARC archives (``.warc``, ``.warc.gz``) -> the archived HTML pages, one (bytes, place, URL) each.

A crawl archive holds far more than news pages: request records, redirects, images, scripts,
robots.txt. Those are skipped silently, as a folder reader skips a README; only a 200 response
whose payload is HTML becomes a document. A damaged archive fails at the record where it breaks,
and every page read before that point is kept.
"""
from __future__ import annotations

from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .errors import ErrorCode, ItemError

WARC_SUFFIXES = (".warc", ".warc.gz")


def read_warc(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[tuple[bytes, str, str | None] | ItemError]:
    """Every archived HTML page in ``stream`` as (payload, where, URL); ``source:N`` names the N-th
    record of the archive. Ingest turns the payloads into documents like any other HTML."""
    number = 0
    # a payload that does not match the digest crawlers write is damaged, not news
    records = iter(ArchiveIterator(stream, check_digests="raise"))
    while True:
        number += 1
        where = f"{source}:{number}"
        try:
            record = next(records)
            if not _is_html_page(record):
                continue
            # read one byte past the limit so an oversized page is refused, not silently cut
            payload = record.content_stream().read(max_bytes + 1)
        except StopIteration:
            return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield ItemError(ErrorCode.BAD_RECORD, f"unreadable WARC record ({exc})".replace("\n", " "), where)
            return
        if len(payload) > max_bytes:
            yield ItemError(ErrorCode.TOO_LARGE, f"a page over the limit of {max_bytes} bytes (max_input_bytes)", where)
            continue
        missing = getattr(record.raw_stream, "limit", 0)
        if missing:   # the file ends inside this record: the archive was cut short
            yield ItemError(ErrorCode.BAD_RECORD, f"truncated WARC record ({missing} bytes missing)", where)
            return
        yield payload, where, record.rec_headers.get_header("WARC-Target-URI")


def _is_html_page(record) -> bool:  # noqa: ANN001 - warcio's record type is not exported
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False   # redirects and errors carry no article
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return "html" in content_type
