"""The matcher: one trie regex for the whole list, longest word first, positions in plain text."""

from __future__ import annotations

import pytest

from wagtail.blocks import StreamValue

from content_models.articles.models import ArticlePage
from content_models.review.content import cleaned_texts, instance_texts, plain
from content_models.review.matching import compile_words, find_all
from content_models.review.models import SensitiveWord


def test_longest_word_wins_and_every_occurrence_is_found():
    pattern = compile_words(["内部", "内部资料", "绝密", "a.b"])
    hits = find_all(pattern, "内部资料与内部通知，绝密；axb 不算，a.b 算")
    assert [(m.word, m.start) for m in hits] == [
        ("内部资料", 0),
        ("内部", 5),
        ("绝密", 10),
        ("a.b", 20),
    ]


def test_empty_list_matches_nothing():
    assert compile_words([]) is None
    assert find_all(None, "任何文字") == []


def test_a_few_thousand_words_compile_into_one_pattern_and_match_a_long_page():
    words = [f"词{n:04d}号" for n in range(3000)] + ["部暑"]
    pattern = compile_words(words)
    text = "为认真贯彻落实区委区政府工作部署，" * 5000 + "部暑" + "词2999号"
    hits = find_all(pattern, text)
    assert [m.word for m in hits] == ["部暑", "词2999号"]
    assert hits[0].start == len("为认真贯彻落实区委区政府工作部署，") * 5000


def test_plain_strips_tags_and_entities():
    assert plain("<p>关于<b>内部</b>资料&amp;说明</p>") == "关于内部资料&说明"


def test_stream_blocks_are_labelled_by_position():
    page = ArticlePage(
        title="标题",
        body=[
            ("paragraph", "<p>第一段</p>"),
            ("quote", {"quote": "引文内容", "attribution": "出处"}),
        ],
    )
    texts = dict(instance_texts(page))
    assert texts["标题"] == "标题"
    assert texts["正文 第1块"] == "第一段"
    assert texts["正文 第2块"] == "引文内容\n出处"


def test_cleaned_form_data_is_read_like_the_instance():
    body = ArticlePage._meta.get_field("body")
    value = StreamValue(body.stream_block, [("paragraph", "<p>段落</p>")])
    texts = cleaned_texts(ArticlePage, {"title": "题目", "body": value, "slug": "x"})
    assert texts == [("标题", "题目"), ("正文 第1块", "段落")]


def test_word_validation():
    word = SensitiveWord(word="  按装 ", level="warn", replacement="按装")
    with pytest.raises(Exception) as caught:
        word.clean()
    assert "不能与词语相同" in str(caught.value)
