"""The newsroom export parser: the sample article parses exactly, and the dialect's rules hold."""

from pathlib import Path

import pytest

from layout.errors import InputError
from layout.model.document import Paragraph, SectionHead
from layout.model.parse_article import parse_article

SAMPLE = Path(__file__).parent.parent / "examples" / "beita" / "article.txt"
ARTICLES = SAMPLE.parent.parent / "articles"
PROSE = "这是一段足够长的正文，说明活动的来龙去脉和各方的安排"  # ends in Han, no mark


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
    text = (f"> 引题一行\n\n# 主题\n\n![图一说明](img/a.jpg)\n\n{PROSE}\n第二行。\n\n"
            "## 作品\n\n![作品甲](b.png)\n书法作品《乙》作者:某")
    article = parse_article(text, "t.md")
    assert article.kicker == "引题一行"
    assert article.photos[0].image == "img/a.jpg" and article.photos[0].kind == "photo"
    assert [b.text for b in article.body] == [f"{PROSE}第二行。"]
    assert [(f.image, f.title) for f in article.gallery.figures] == [("b.png", None), (None, "乙")]


def test_no_headline_is_an_input_error():
    with pytest.raises(InputError) as error:
        parse_article("只有正文。", "x.txt")
    assert "x.txt" in error.value.one_line() and "# " in error.value.one_line()


def test_second_headline_names_the_line():
    with pytest.raises(InputError) as error:
        parse_article("# 一\n\n正文。\n\n# 二", "x.txt")
    assert "x.txt:5" in error.value.one_line()



@pytest.mark.parametrize(
    "blocks",
    [
        # a schedule: dates, times, days of the week (the press release of issue 11)
        ["展覽時間：", "9月1日（日）至9月5日（四）", "10:00-20:00", "9月6日（五）夜間場"],
        # an address block: short lines ending in Han
        ["展覽地點：", "松山文創園區", "臺北市信義區光復南路133號", "華山文化創意產業園區"],
        # a contact line with a URL, then the event's name
        [PROSE, "https://creativexpo.tw", "2024臺灣文博會", "聯絡人 王小明", "電話：02-8512-6000"],
        # a label line and short lines that end in Han
        [PROSE, "主辦單位 文化部", "承辦單位 臺灣創意設計中心"],
        # a list under a long paragraph
        [PROSE, "一、加强组织领导，明确责任分工和时间节点", "二、强化督查问效"],
    ],
)
@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_schedules_addresses_and_contact_lines_are_never_joined(blocks, separator):
    article = parse_article("# 题\n\n记者 张三\n\n" + separator.join(blocks), "t.txt")
    assert article.joins == ()
    assert [b.text for b in article.body] == blocks


def test_a_column_break_inside_a_sentence_is_joined_and_reported():
    article = parse_article(f"# 题\n\n记者 张三\n\n{PROSE}\n\n的各项工作。\n\n{PROSE}\n\n，并提出了要求。", "t.txt")
    assert [b.text for b in article.body] == [f"{PROSE}的各项工作。", f"{PROSE}，并提出了要求。"]
    assert [(j.line, j.next_line) for j in article.joins] == [(5, 7), (9, 11)]


def test_joins_off_keeps_every_block():
    article = parse_article(f"# 题\n\n记者 张三\n\n{PROSE}\n\n的各项工作。", "t.txt", joins="off")
    assert [b.text for b in article.body] == [PROSE, "的各项工作。"]
    assert article.joins == ()


def test_a_later_second_level_heading_without_artwork_captions_is_a_heading():
    text = "# 题\n\n## 副题\n\n正文第一段。\n\n## 相关链接\n\n第二段说明相关情况。\n\n第三段。"
    article = parse_article(text, "t.txt")
    assert article.gallery is None
    assert [type(b).__name__ for b in article.body] == ["Paragraph", "SectionHead", "Paragraph", "Paragraph"]
    assert article.body[1].text == "相关链接"


@pytest.mark.parametrize("caption", ["书法作品《气清乾坤》作者:翁泽斌", "摄影作品《晨》作者：某", "▲《晨》 作者：某",
                                     "《无题》 作者：某", "![作品](a.png)"])
def test_a_later_second_level_heading_over_artwork_captions_starts_a_gallery(caption):
    article = parse_article(f"# 题\n\n正文。\n\n## 作品选登\n\n{caption}", "t.txt")
    assert article.gallery is not None and article.gallery.title == "作品选登"


@pytest.mark.parametrize("name", ["expo_tw.txt", "harbour_forum.txt"])
def test_own_articles_with_schedules_have_no_joins(name):
    path = ARTICLES / name
    article = parse_article(path.read_text(encoding="utf-8"), str(path))
    assert article.joins == ()
    texts = [b.text for b in article.body]
    assert not any("10:00-20:009月" in t or "creativexpo.tw2024" in t for t in texts)
