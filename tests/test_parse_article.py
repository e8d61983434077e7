"""The newsroom export parser: the sample article parses exactly, and the dialect's rules hold."""

from pathlib import Path

import pytest

from layout.errors import InputError
from layout.model.document import Paragraph, SectionHead
from layout.model.parse_article import parse_article

SAMPLE = Path(__file__).parent.parent / "examples" / "beita" / "article.txt"


@pytest.fixture(scope="module")
def sample():
    return parse_article(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))


def test_sample_parts(sample):
    """1 slogan, 1 headline, 1 subheadline, 1 byline, 3 section heads, the paragraphs."""
    assert sample.kicker == "廉是北塔百年矗立，浩如资江万载长流。"
    assert sample.headline == "清风扬正气 “廉”花遍地开"
    assert sample.subheadline == "——北塔区纵深推进清廉建设走深走实综述"
    assert sample.byline == "邵阳日报记者 刘陪陪 通讯员 马晶"
    heads = [b.text for b in sample.body if isinstance(b, SectionHead)]
    assert heads == ["高位谋划，政治责任全面压实", "一盘棋推进，清廉建设走深走实", "示范化引领，清廉北塔全域延伸"]
    assert sum(isinstance(b, Paragraph) for b in sample.body) == 20


def test_sample_figures(sample):
    """2 photo captions, 1 gallery title with 8 artwork captions, titles and credits read."""
    assert [(f.title, f.credit) for f in sample.photos] == [("廉是北塔百年矗立", "刘剑"), ("纯洁的队伍", "伍军华")]
    assert sample.gallery.title == "北塔区廉洁文化作品征集活动优秀作品和入围作品"
    assert len(sample.gallery.figures) == 8
    assert sample.gallery.figures[4].title == "清·廉"
    assert sample.gallery.figures[6].title == "一身正氣"
    assert all(f.kind == "artwork" for f in sample.gallery.figures)


def test_sample_joins(sample):
    """The two paragraphs the export split at column breaks are joined, and reported."""
    assert [(j.before[-2:], j.after[:2]) for j in sample.joins] == [("政谈", "话，"), ("根基", "的重")]
    joined = [b.text for b in sample.body if "集体廉政谈话，约谈" in b.text or "根基的重要路径。" in b.text]
    assert len(joined) == 2


def test_byline_and_headings_never_join():
    text = "# 标题\n\n## 副题\n\n记者 张三\n\n### 小标题\n\n正文没有句号\n\n### 下一节\n\n第二段。"
    article = parse_article(text, "t.txt")
    assert article.byline == "记者 张三"
    assert article.joins == ()
    assert [b.text for b in article.body] == ["小标题", "正文没有句号", "下一节", "第二段。"]


def test_kicker_markdown_images_and_lines_joined():
    text = ("> 引题一行\n\n# 主题\n\n![图一说明](img/a.jpg)\n\n第一行\n第二行。\n\n"
            "## 作品\n\n![作品甲](b.png)\n书法作品《乙》作者:某")
    article = parse_article(text, "t.md")
    assert article.kicker == "引题一行"
    assert article.photos[0].image == "img/a.jpg" and article.photos[0].kind == "photo"
    assert [b.text for b in article.body] == ["第一行第二行。"]
    assert [(f.image, f.title) for f in article.gallery.figures] == [("b.png", None), (None, "乙")]


def test_no_headline_is_an_input_error():
    with pytest.raises(InputError) as error:
        parse_article("只有正文。", "x.txt")
    assert "x.txt" in error.value.one_line() and "# " in error.value.one_line()


def test_second_headline_names_the_line():
    with pytest.raises(InputError) as error:
        parse_article("# 一\n\n正文。\n\n# 二", "x.txt")
    assert "x.txt:5" in error.value.one_line()
