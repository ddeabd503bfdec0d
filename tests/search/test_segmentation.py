"""Index-time segmentation keeps every dictionary word a citizen may type."""

from search import segmentation


def test_a_site_name_learnt_as_one_word_does_not_hide_the_words_inside_it():
    # A topic site called 优化营商环境 teaches the tokenizer that six-character word; pages that
    # mention it must still be found by the four-character 营商环境 citizens type.
    segmentation.add_words(["优化营商环境"])
    tokens = segmentation.index_tokens("区政府召开优化营商环境工作推进会议")
    assert "优化营商环境" in tokens
    assert set(segmentation.words("营商环境")) <= set(tokens)
    assert {"优化", "营商", "环境"} <= set(tokens)
