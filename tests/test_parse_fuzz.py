"""Any article, fuzzed: it parses or raises the documented InputError, and no character is lost."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.errors import InputError
from layout.model.decode import decode_article_bytes
from layout.model.parse_article import parse_article

MARKUP = set("#>![]()")  # the markers a block's kind is read from
LINE = st.one_of(
    st.text(alphabet=st.sampled_from("清风扬正气，。“”《》—…ABC12 \t#>▲"), max_size=30),
    st.builds(lambda t: "# " + t, st.text(alphabet="标题甲乙丙", min_size=1, max_size=8)),
    st.builds(lambda t: "## " + t, st.text(alphabet="副题作品", min_size=1, max_size=8)),
    st.builds(lambda t: "### " + t, st.text(alphabet="小标题", min_size=1, max_size=8)),
    st.builds(lambda t: f"▲摄影作品《{t}》作者:某", st.text(alphabet="图片名", min_size=1, max_size=5)),
    st.builds(lambda t: f"![{t}](img/{t}.jpg)", st.text(alphabet="图甲乙", min_size=1, max_size=4)),
    st.just(""),
)
ARTICLES = st.lists(LINE, max_size=25).map("\n".join)


def model_text(article) -> str:
    parts = [article.kicker, article.headline, article.subheadline, article.byline]
    parts += [block.text for block in article.body]
    parts += [f.caption + (f.image or "") for f in article.figures]
    parts += [article.gallery.title] if article.gallery else []
    return "".join(p for p in parts if p)


@settings(max_examples=400)
@given(ARTICLES)
def test_fuzzed_articles_parse_or_fail_cleanly(text):
    raw = text.encode("utf-8")
    try:
        decoded = decode_article_bytes(raw, "fuzz.txt")
        article = parse_article(decoded.text, "fuzz.txt")
    except InputError as error:
        line = error.one_line()
        assert line.startswith("fuzz.txt") and "\n" not in line
        return
    have = Counter(model_text(article))
    want = Counter(ch for ch in decoded.text if not ch.isspace())
    lost = {ch for ch, n in want.items() if have[ch] < n}
    assert lost <= MARKUP, lost
