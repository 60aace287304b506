"""Property tests: ingest, clean and coding never raise anything but a coded ItemError, and every
output validates against the JSON Schema of the output contract shipped in the package."""
import io
import json
from importlib import resources

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from accord.clean import clean
from accord.errors import ItemError
from accord.ingest import make_document, read_records, read_sources

SCHEMA = json.loads((resources.files("accord") / "data" / "contract.schema.json").read_text())
WORDS = ["Russia", "Ukraine", "Putin", "Kim", "Seoul", "attacked", "signed", "a", "pact", "with", "said", "on",
         "Monday", "“", "”", '"', "sanctions", "10,000", "troops", "the", ".", ",", "\n\n", "Kyiv", "North", "Korea",
         "<p>", "</p>", "<script>", "at least", "dozens", "of", "missiles", "according to", "denied", "will"]
news_like = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.html", "a.html.gz", "a.htm"]))
def test_ingest_any_bytes(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("ingest") / name
    path.write_bytes(data)
    for item in read_sources([str(path)], 100_000):
        assert isinstance(item, ItemError) or item.content is not None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_json_lines_any_bytes(data):
    for item in read_records(io.BytesIO(data), "x.jsonl", False, 100_000):
        assert hasattr(item, "content") or isinstance(item, ItemError)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000), st.sampled_from(["text", "html"]))
def test_clean_any_text(text, kind):
    try:
        doc = make_document(text.encode("utf-8"), "x", kind)
        article = clean(doc, 100_000)
    except ItemError:
        return
    assert article.text.strip() and "\n\n\n" not in article.text


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(news_like)
def test_coding_any_news_like_text_validates(pipeline, text):
    doc = make_document(text.encode("utf-8"), "x", None, date="2024-06-19") if text.strip() else None
    if doc is None:
        return
    for outcome in pipeline.process([doc]):
        if outcome.result is not None:
            jsonschema.validate(outcome.result.to_dict(), SCHEMA)
        else:
            assert outcome.failure.code.startswith("E")


@pytest.mark.slow
def test_the_seed_style_outputs_validate(pipeline):
    text = ("Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a pact on Wednesday. "
            "\"We will not abandon our friends,\" Putin said. North Korea has sent at least 10,000 containers "
            "to Russia, Seoul said.")
    [outcome] = list(pipeline.process([make_document(text.encode(), "x", "text", date="2024-06-19")]))
    result = outcome.result.to_dict(explain=True)
    jsonschema.validate(result, SCHEMA)
    assert result["events"] and result["quotes"] and result["claims"]
