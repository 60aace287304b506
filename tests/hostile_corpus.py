"""Generate the hostile corpus: every kind of bad input Accord meets on the open web, next to
good articles.  Nothing binary is committed; this script writes it all.

    python tests/hostile_corpus.py OUTDIR

`make_corpus(folder)` returns {relative path: expected}: an error code, None for one of the good
articles (stored with events), "ok" for odd but readable text (stored), "*" for either.
"""
from __future__ import annotations

import gzip
import json
import os
import struct
import sys
import zipfile
import zlib
from pathlib import Path

GOOD = [
    "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Wednesday.",
    "Seoul accused Pyongyang of sending artillery shells to Moscow, officials said on Friday.",
    "Ukraine launched drone strikes on Russian air bases on Sunday, the Ukrainian security service said.",
    "China held large military drills around Taiwan on Monday, Taiwan's defence ministry said.",
    "The European Union imposed new sanctions on Russia over the war in Ukraine on Thursday.",
    "Israel attacked Iranian nuclear sites on Friday, the Israeli military said.",
    "India and China agreed on patrolling arrangements along their disputed border on Monday.",
    "The United States sent air defence systems to Ukraine, the Pentagon said on Tuesday.",
    "Thousands of protesters rallied outside Georgia's parliament in Tbilisi on Thursday night.",
    "Japan criticised China for sending coast guard ships near the Senkaku Islands on Saturday.",
]


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = zlib.compress(b"\x00\xff\x00\x00" * 4)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) \
        + chunk(b"IEND", b"")


def make_corpus(folder: Path, big: bool = True) -> dict[str, str | None]:
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}

    def write(name: str, data: bytes | str, code: str | None) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = code

    for i, text in enumerate(GOOD[:7]):
        write(f"good/report{i}.txt", text + "\n", None)
    write("good/with space.txt", GOOD[7] + "\n", None)
    write("good/line\nbreak.txt", GOOD[8] + "\n", None)
    write("good/nón-ascii-ünïcödé.txt", GOOD[9] + "\n", None)

    write("empty.txt", b"", "E003")
    write("whitespace.txt", b" \n\t\n  ", "E003")
    write("image.html", _png(), "E004")
    write("program.txt", b"\x7fELF\x02\x01\x01" + bytes(200), "E004")
    zbuf = Path(folder / "_tmp.zip")
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("a.txt", "hello")
    write("archive.txt", zbuf.read_bytes(), "E004")
    zbuf.unlink()
    write("nul.txt", b"Russia \x00\x00 attacked", "E004")
    write("invalid-utf8.txt", "Café in Moscow".encode("utf-8") + b"\xff\xfe\xfa broken", "E005")
    # text in other encodings that say what they are is read, not refused ("ok": stored, events or not)
    write("utf16-bom.txt", "Ukraine and Poland signed a defence agreement in Warsaw on Monday.\n".encode("utf-16"), "ok")
    latin = "<p>Renée Dupont, the French minister, met officials in Zürich on Monday to discuss the talks.</p>"
    write("latin1-declared.html", f'<html><head><meta charset="iso-8859-1"></head><body>{latin * 3}</body></html>'
          .encode("latin-1"), "ok")
    write("latin1-undeclared.txt", ("Renée and José met in Zürich. " * 5).encode("latin-1"), "E005")
    cyr = "Президент России заявил, что переговоры продолжатся. " * 4
    write("cp1251-declared.html", f'<html><head><meta charset="windows-1251"></head><body><p>{cyr}</p></body></html>'
          .encode("cp1251"), "E012")
    write("cp1251-undeclared.txt", cyr.encode("cp1251"), "E005")
    write("deep.html", "<html><body>" + "<div>" * 10_000 + "Russia attacked." + "</div>" * 10_000 + "</body></html>",
          "*")     # stored with what survives, or refused with a code: never a crash
    write("scripts-only.html", "<html><head><style>p{color:red}</style></head><body><script>var x = 1;</script>"
          "</body></html>", "E009")
    write("bomb.html.gz", gzip.compress(b"<html><body><p>" + b"A" * 30_000_000 + b"</p></body></html>"), "E006")
    write("truncated.html.gz", gzip.compress(b"<html><body><p>" + GOOD[0].encode() * 40 + b"</p></body></html>")[:60],
          "E010")
    write("broken-quoting.csv", 'id,text\n1,"Russia attacked Ukraine on Monday.\n2,"unclosed\n', "E008")
    write("broken.jsonl", json.dumps({"id": "j1", "text": GOOD[0]}) + "\n{not json\n"
          + json.dumps({"id": "j2"}) + "\n", "E008")
    write("long-sentence.txt", " ".join(["word"] * 5000) + ".\n", "E013")
    write("russian.txt", cyr + "\n", "E012")
    write("korean.txt", "대한민국 정부는 북한이 미사일을 발사했다고 밝혔다. " * 5 + "\n", "E012")
    write("arabic.txt", "قالت الحكومة إن المحادثات ستستمر الأسبوع المقبل. " * 5 + "\n", "E012")
    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    if not (loop / "again").exists():
        os.symlink(folder, loop / "again")
    broken = folder / "unreadable.txt"
    if not broken.is_symlink():
        os.symlink(folder / "no-such-target.txt", broken)   # as root nothing is unreadable; a dangling link is
    expected["unreadable.txt"] = "E002"
    if big:
        with (folder / "big.txt").open("wb") as fh:            # 50 MB of text
            line = (GOOD[0] + "\n").encode()
            for _ in range(50_000_000 // len(line) + 1):
                fh.write(line)
        expected["big.txt"] = "E006"
        with (folder / "big.html").open("wb") as fh:           # 20 MB page
            fh.write(b"<html><body>")
            for _ in range(20_000_000 // 40 + 1):
                fh.write(b"<p>Russia attacked Ukraine again.</p>\n")
            fh.write(b"</body></html>")
        expected["big.html"] = "E006"
        with (folder / "huge-field.csv").open("wb") as fh:     # one 100 MB field
            fh.write(b'id,text\n1,"')
            chunk = b"x" * 1_000_000
            for _ in range(100):
                fh.write(chunk)
            fh.write(b'"\n')
        expected["huge-field.csv"] = "E008"
    return expected


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    for name, code in sorted(make_corpus(out).items()):
        print(f"{code or 'good':6} {name!r}")
