import pytest

from accord.clean import clean, parse_date
from accord.errors import ErrorCode, ItemError
from accord.ingest import make_document

PAGE = """Connect with us

World

Seoul Says Pyongyang Fired Two Missiles Into the Sea

Published

on

March 3, 2024

By Dana Whitfield

North Korea fired two short-range ballistic missiles into the sea off its east coast on Sunday, South Korea's military said.

See also  Ten Things To Know About Spring Travel

The launches came days after Seoul and Washington began joint drills that Pyongyang calls a rehearsal for invasion.

12 Shares

© 2024 The Meridian Post. All rights reserved.
"""


def doc(text, kind="text"):
    return make_document(text.encode("utf-8"), "page.txt", kind)


def test_scraped_text_header_gives_metadata_and_body():
    a = clean(doc(PAGE), 100_000)
    assert a.title == "Seoul Says Pyongyang Fired Two Missiles Into the Sea"
    assert a.author == "Dana Whitfield"
    assert a.section == "World"
    assert a.published == "2024-03-03"
    assert len(a.paragraphs) == 2 and a.paragraphs[0].startswith("North Korea fired")
    assert a.text == "\n\n".join(a.paragraphs)


def test_removed_lines_are_kept_and_not_in_the_text():
    a = clean(doc(PAGE), 100_000)
    for line in ("Connect with us", "World", "Published", "on", "By Dana Whitfield",
                 "See also  Ten Things To Know About Spring Travel", "12 Shares",
                 "© 2024 The Meridian Post. All rights reserved."):
        assert line in a.removed
        assert line not in a.paragraphs


def test_only_boilerplate_is_an_error():
    with pytest.raises(ItemError) as e:
        clean(doc("Connect with us\n\n0Shares\n"), 100_000)
    assert e.value.code is ErrorCode.NO_TEXT


def test_article_over_the_character_limit_fails():
    with pytest.raises(ItemError) as e:
        clean(doc("Russia and Ukraine talked again today about grain. " * 100), 500)
    assert e.value.code is ErrorCode.TOO_LONG


def test_html_goes_through_trafilatura_with_metadata():
    html = """<html><head><title>Talks resume | Northern Ledger</title>
    <meta property="og:title" content="Talks resume in Geneva">
    <meta property="og:site_name" content="Northern Ledger">
    <meta name="author" content="Ana Ruiz">
    <meta property="article:published_time" content="2024-06-19T08:30:00Z"></head>
    <body><nav><a href="/">Home</a><a href="/world">World</a></nav>
    <article><h1>Talks resume in Geneva</h1>
    <p>Diplomats from the United States and Russia met in Geneva on Tuesday for a second round of talks on arms control, officials said.</p>
    <p>The talks lasted five hours and will continue next month, according to a statement from the State Department.</p>
    </article><footer>© Northern Ledger</footer></body></html>"""
    a = clean(doc(html, "html"), 100_000)
    assert a.title == "Talks resume in Geneva"
    assert a.author == "Ana Ruiz"
    assert a.published == "2024-06-19"
    assert a.site == "Northern Ledger"
    assert "arms control" in a.text and "Home" not in a.text


@pytest.mark.parametrize("text,iso", [("September 13, 2023", "2023-09-13"), ("13 September 2023", "2023-09-13"),
                                      ("2023-09-13", "2023-09-13"), ("Sept 2023 was hot", None)])
def test_parse_date(text, iso):
    assert parse_date(text) == iso
