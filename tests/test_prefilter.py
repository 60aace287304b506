"""The pre-parse filter: which sentences of a paragraph get the full parse."""
from __future__ import annotations

import pytest

from accord.prefilter import load_filter_rules, word_forms


def test_regular_and_listed_irregular_forms():
    irregular = load_filter_rules().irregular
    assert {"attack", "attacks", "attacked", "attacking"} <= word_forms("attack", irregular)
    assert {"seize", "seized", "seizing"} <= word_forms("seize", irregular)
    assert {"ban", "banned", "banning"} <= word_forms("ban", irregular)
    assert {"deny", "denied", "denies"} <= word_forms("deny", irregular)
    assert {"met", "meets"} <= word_forms("meet", irregular)
    assert {"struck", "strikes"} <= word_forms("strike", irregular)


def _kept(pipeline, paragraphs):
    spans = pipeline.filter.select(paragraphs)
    return [[text[s:e] for s, e in own] for text, own in zip(paragraphs, spans)]


@pytest.mark.slow
def test_event_quote_and_claim_sentences_are_kept_the_rest_dropped(pipeline):
    paragraph = ("The weather in the capital was mild for the season. Turkey condemned the air strike on "
                 "the convoy. The museum reopened after a long renovation. About 4,000 people attended the "
                 "funeral. “We will rebuild,” the mayor told reporters.")
    [kept] = _kept(pipeline, [paragraph])
    assert kept == ["Turkey condemned the air strike on the convoy.",
                    "About 4,000 people attended the funeral. “We will rebuild,” the mayor told reporters."]


@pytest.mark.slow
def test_a_trigger_without_any_actor_and_a_date_alone_are_dropped(pipeline):
    [kept] = _kept(pipeline, ["The storm hit the coast on March 3 in 2024. The film opened to good reviews."])
    assert kept == []


@pytest.mark.slow
def test_a_paragraph_kept_whole_comes_back_exactly(pipeline):
    paragraph = "Russia attacked Ukraine.  Ukraine said it would respond.\n"
    assert pipeline.filter.select([paragraph]) == [[(0, len(paragraph))]]


@pytest.mark.slow
def test_an_open_quotation_runs_on_and_a_named_person_is_kept_for_a_later_pronoun(pipeline):
    paragraphs = ["Emmanuel Macron spent two hours at the lectern. “Europe can fail. It can disappear.",
                  "“We must act,” he said."]
    kept = _kept(pipeline, paragraphs)
    assert kept[0] == [paragraphs[0]]          # the person sentence and the whole open quotation
    assert kept[1] == [paragraphs[1]]


@pytest.mark.slow
def test_offsets_of_a_filtered_article_point_into_its_text(pipeline):
    from accord.ingest import make_document

    text = ("The weather was mild. Russia attacked Kharkiv overnight, the Ukrainian military said.\n\n"
            "The film festival opened on Friday. China and Brazil signed a trade agreement in Beijing.")
    [outcome] = list(pipeline.process([make_document(text.encode(), "t.txt", "text", date="2024-05-01")]))
    result = outcome.result
    assert {e.type for e in result.events} >= {"ASSAULT", "AGREE"}
    body = result.article.text
    assert all(body[e.start:e.end] == e.sentence for e in result.events)
    assert all(body[m.start:m.end] == m.actor.text for m in result.mentions)
