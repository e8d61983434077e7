"""Half-width punctuation between Chinese characters (GB/T 15834): reported by place, fixed on request."""

import re

import pypdfium2
from command import ROOT, run

from layout.text.punctuation import check_punctuation, half_width_marks

SAMPLE = ROOT / "examples" / "beita" / "article.txt"


def test_the_samples_credit_colon_is_reported_at_its_line_and_column():
    text = SAMPLE.read_text(encoding="utf-8")
    line = text.split("\n")[6]
    assert "作者:刘剑" in line
    _, problems = check_punctuation(text, "article.txt", fix=False)
    assert problems[0].where == f"article.txt:7:{line.index(':') + 1}"
    assert problems[0].kind == "half-width-punctuation" and "作者:刘剑" in problems[0].message


def test_only_marks_with_chinese_on_both_sides_are_reported():
    text = "时间10:00,网址https://a.cn/x?a=1,金额1,000元。他说:好!(注)是(CPI)\nA, B: c"
    assert [(m.mark, m.column) for m in half_width_marks(text)] == [(":", 41), (")", 46)]  # not !( nor (CPI)


def test_fix_prints_full_width_and_says_so():
    text = "作者:刘剑\n村(社区)均建立了村规民约。"
    fixed, problems = check_punctuation(text, "a.txt", fix=True)
    assert fixed == "作者：刘剑\n村（社区）均建立了村规民约。"
    assert [p.where for p in problems] == ["a.txt:1:3", "a.txt:2:2", "a.txt:2:5"]
    assert all(p.kind == "punctuation-fixed" and "unchanged" in p.message for p in problems)


def test_fix_punctuation_through_the_command_leaves_the_source_alone(tmp_path):
    article = tmp_path / "a.txt"
    source = "# 题\n\n记者 张三\n\n这是正文，村(社区)均建立了规约。\n\n▲摄影作品《晨》作者:刘剑\n"
    article.write_text(source, encoding="utf-8")
    spec = tmp_path / "page.toml"
    spec.write_text('article = "a.txt"\n\n[typesetting]\nfix_punctuation = true\n', encoding="utf-8")
    result = run("build", spec, "-o", tmp_path / "a.pdf")
    assert result.returncode == 0, result.stderr
    assert "a.txt:5:7: warning: printed half-width '(' as '（'" in result.stdout + result.stderr
    assert article.read_text(encoding="utf-8") == source
    document = pypdfium2.PdfDocument(str(tmp_path / "a.pdf"))
    text = re.sub(r"\s+", "", document[0].get_textpage().get_text_range())
    document.close()
    assert "村（社区）均" in text and "作者：刘剑" in text
