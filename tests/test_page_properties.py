"""Pages of many stories, composed from random stories, pictures and grids: modules are rectangles on
the grid that never overlap, headlines stand over their bodies, pictures keep their resolution and
crop limits, and every character is either placed or reported as overset by its story."""

import tomllib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.compose.allocate import Demand, Need, allocate
from layout.compose.copyfit import KEPT_SHARE, MIN_PPI
from layout.compose.figures import Asset
from layout.compose.grid import PageGrid
from layout.compose.items import PlacedImage, PlacedText
from layout.compose.module import StoryContent
from layout.compose.page import PageFrame, compose_page
from layout.compose.rank_styles import clear_step_up, headline_size, sizes_clash
from layout.compose.setting import TextSetter
from layout.errors import InputError
from layout.model.page_spec import DEFAULT_STYLES, GridPlace, Paper
from layout.model.parse_article import parse_article
from layout.model.story import Story
from layout.text.lines import TextStyle

ROOT = Path(__file__).resolve().parent.parent
HAN = "北塔区认真贯彻落实新时代党的建设总要求把牢全面从严治党主动权以清廉建设为抓手推动发展"
PUNCT = "，。、"


@pytest.fixture(scope="module")
def setter(book):
    roles = {style.role for style in DEFAULT_STYLES.values()}
    return TextSetter({role: book.glyph_source(role) for role in roles}, TextStyle(kinsoku="basic"))


def article_text(draw, number: int, chars: int, pictures: int) -> str:
    body = "".join(draw(st.sampled_from(HAN + PUNCT)) if i % 17 else "。" for i in range(chars))
    paragraphs = [body[i:i + 180] for i in range(0, len(body), 180)]
    captions = [f"![图{number}-{k}说明文字](p{number}-{k}.jpg)" for k in range(pictures)]
    return f"# 第{number}条新闻标题\n\n" + "\n\n".join(paragraphs + captions) + "\n"


@st.composite
def pages(draw):
    columns = draw(st.integers(1, 12))
    rows = draw(st.sampled_from((40, 70, 104)))
    stories = []
    for number in range(1, draw(st.integers(1, 5)) + 1):
        chars = draw(st.integers(50, 2500))
        pictures = draw(st.integers(0, 2))
        article = parse_article(article_text(draw, number, chars, pictures), f"story{number}.txt")
        assets = []
        for figure in article.photos:
            aspect = draw(st.sampled_from((1 / 6, 1 / 3, 0.75, 1.5, 3.0, 6.0)))
            height = draw(st.integers(300, 3000))
            assets.append(Asset(figure, f"p{number}.jpg", (max(1, round(height * aspect)), height)))
        stories.append(StoryContent(Story(article, number, number), tuple(assets)))
    return columns, rows, tuple(stories)


def frame_for(columns: int, rows: int) -> PageFrame:
    grid = PageGrid(50.0, 80.0, 117.0, 9.0, columns, 13.5, rows, 9.0)
    return PageFrame((grid.width + 100, rows * 13.5 + 130), grid, DEFAULT_STYLES, Paper(name="测试报"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_random_pages_compose_within_their_rules(setter, page):
    columns, rows, stories = page
    frame = frame_for(columns, rows)
    try:
        layout = compose_page(frame, stories, (), setter)
    except InputError as error:  # a page that cannot be set says so in one line
        assert "\n" not in error.one_line()
        return
    grid = frame.grid
    modules = [b for b in layout.blocks if b.name.startswith("module:")]
    for index, a in enumerate(modules):
        assert not any(a.rect.overlaps(b.rect) for b in modules[index + 1:]), (a, modules)
        r = a.rect
        assert grid.left - 0.01 <= r.x and r.right <= grid.left + grid.width + 0.01
        assert grid.top - 0.01 <= r.y and r.bottom <= grid.bottom + 0.01
        assert any(abs(r.x - grid.column_x(c)) < 0.01 for c in range(columns))
        assert abs((r.y - grid.top) / grid.pitch - round((r.y - grid.top) / grid.pitch)) < 1e-6
    _headlines_above_bodies(layout, modules)
    _pictures_within_limits(layout, stories)
    _nothing_lost(layout, stories)


def _headlines_above_bodies(layout, modules):
    for module in modules:
        inside = [t for t in layout.items if isinstance(t, PlacedText)
                  and module.rect.x - 0.01 <= t.x <= module.rect.right and module.rect.y <= t.y <= module.rect.bottom]
        heads = [t.y for t in inside if t.kind == "headline"]
        body = [t.y for t in inside if t.kind == "body"]
        if heads and body:
            assert max(heads) < min(body)


def _pictures_within_limits(layout, stories):
    sizes = {a.figure.caption: a.size_px for c in stories for a in c.assets}
    for image in (i for i in layout.items if isinstance(i, PlacedImage) and i.crop):
        width_px, height_px = sizes[image.label]
        scale = max(image.rect.width / width_px, image.rect.height / height_px)  # pt per pixel, cropped to fill
        one_column = width_px * 72 / MIN_PPI >= 117.0  # narrower pictures are placed with a ppi warning
        assert 72 / scale >= MIN_PPI - 0.5 or not one_column, image
        kept = min(image.rect.width / (width_px * scale), image.rect.height / (height_px * scale))
        assert kept >= KEPT_SHARE - 0.02, image


def _nothing_lost(layout, stories):
    placed = Counter(c for t in layout.items if isinstance(t, PlacedText) and t.kind == "body" for c in t.run.text)
    written = Counter(c for s in stories for block in s.story.article.body for c in block.text)
    missing = sum((written - placed).values())
    assert missing == sum(f.overset_chars for f in layout.fit.stories)
    if missing:
        assert any(p.kind == "overset" and "story" in p.message for p in layout.problems)


def test_the_lead_story_is_at_the_top_and_ranks_read_in_order():
    demands = tuple(Demand(rank, None, lambda w, n=n: Need(n // w + 6, n // w + 10, n // w + 8, n, 5),
                           lambda w, r=rank: headline_size(42, r, 12, w * 126))
                    for rank, n in ((1, 400), (2, 200), (3, 150), (4, 120)))
    allocation = allocate(demands, (8, 104, 126.0), ())
    first = next(m for m in allocation.modules if m.story == 0)
    assert (first.row, first.column) == (0, 0)
    order = [m.story for m in sorted(allocation.modules, key=lambda m: (m.row, m.column))]
    assert order[0] == 0 and len(set(order)) == 4


def test_modules_stay_clear_of_a_booked_ad():
    demands = tuple(Demand(rank, None, lambda w: Need(20, 30, 25, 200, 5), lambda w: 22.0) for rank in (1, 2, 3))
    ad = GridPlace(4, 80, 4, 24)
    allocation = allocate(demands, (8, 104, 126.0), (ad,))
    for m in allocation.modules:
        assert m.column + m.columns <= ad.column or m.row + m.rows <= ad.line


def test_headline_sizes_fall_with_rank_and_width():
    assert headline_size(42, 1, 10, 999) == 42
    assert headline_size(42, 2, 10, 999) < headline_size(42, 1, 10, 999)
    assert headline_size(42, 3, 10, 999) <= headline_size(42, 2, 10, 999)
    assert headline_size(42, 2, 16, 150) < headline_size(42, 2, 16, 999)


def test_clash_needs_a_clear_difference_in_size():
    assert sizes_clash(26, 22)
    assert not sizes_clash(42, 26)


def test_a_clear_step_up_stays_under_its_ceiling_and_in_two_lines():
    assert clear_step_up(12, 18, 8, 999) == 15  # 小三: the first 号数 1.25 × 小四 or more
    assert clear_step_up(12, 14, 8, 999) is None  # 四号 is the most a higher rank allows: no clear step
    assert clear_step_up(12, 42, 8, 4 * 15 - 1) is None  # four characters a line at 15 pt need 60 pt
    assert clear_step_up(12, 42, 8, 4 * 15) == 15


def test_the_front_page_has_no_clash_and_its_headlines_fall_with_rank():
    """Its 四条 and 五条 stand side by side (消费市场持续回暖 beside 邵阳花鼓戏新编剧目首演): the 四条 takes
    a clear step up to 小三 rather than stand beside the 五条 at 四号 to its 小四 (撞题, reported before)."""
    from layout.build import compose
    from layout.model.parse_article import parse_article

    spec = ROOT / "examples" / "frontpage" / "page.toml"
    page = compose(str(spec))
    assert not [p for p in page.problems if p.kind == "clash"]
    headlines = [t for t in page.layout.items if isinstance(t, PlacedText) and t.kind == "headline"]
    ranked = []
    for number, story in enumerate(tomllib.loads(spec.read_text(encoding="utf-8"))["story"], start=1):
        area = next(b.rect for b in page.layout.blocks if b.name == f"module:{number}")
        inside = [t for t in headlines if area.x <= t.x < area.right and area.y <= t.y < area.bottom]
        article = parse_article((spec.parent / story["article"]).read_text(encoding="utf-8"), story["article"])
        assert "".join(t.run.text for t in inside).replace(" ", "") == article.headline.replace(" ", "")
        ranked.append((story["rank"], inside[0].run.size))
    ranked.sort()
    assert all(a[1] >= b[1] for a, b in zip(ranked, ranked[1:])), ranked


def test_a_short_story_of_text_alone_is_not_spread_thin_to_fill_the_page():
    """Too little copy for the page: a story of six lines keeps to two columns (not one line in each of
    eight), and one of 20 lines to six at most (three lines a column)."""
    def text(lines, pictures=False, rank=1):
        return Demand(rank, None, lambda w: Need(lines // w + 6, lines // w + 8, lines // w + 6, lines, 5),
                      lambda w: 22.0, pictures=pictures)
    allocation = allocate((text(200), text(20, rank=2), text(6, rank=3)), (8, 104, 126.0), ())
    widths = {m.story: m.columns for m in allocation.modules}
    assert widths[2] == 2 and widths[1] <= 6
    pictured = allocate((text(200), text(6, pictures=True, rank=2)), (8, 104, 126.0), ())
    assert {m.story: m.columns for m in pictured.modules}[1] > 2  # its pictures may take the width
