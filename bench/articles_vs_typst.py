"""banmian's galley proofs against Typst on the same articles, measured by pagecheck (see bench/README.md).

Each article of examples/articles is set by Typst in one 13-em column of 9 pt Noto Serif CJK (justified,
2-em first-line indent, the measure and size of banmian's default grid) and by `make_pdf.py build
ARTICLE.txt`; `../shared/tools/run-pagecheck` reads both PDFs the same way.

    python3 bench/articles_vs_typst.py [NAME ...]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from run_bench import BANMIAN_PY, PEER_PY, ROOT, set_up_peers

ARTICLES = ROOT / "examples" / "articles"
PAGECHECK = ROOT.parent / "shared" / "tools" / "run-pagecheck"
FIGURES = ("letterspaced_lines", "holes_half_em", "max_extra_em", "justified_ratio", "cjk_advance_exact_em_ratio",
           "kinsoku_line_start_violations", "source_chars_missing")
DETECT = ("import sys; from layout.text.linebreak import detect_language; "
          "print(detect_language(open(sys.argv[1], encoding='utf-8').read()))")
TYPST_PAGE = """#set page(width: 200mm, height: auto, margin: 15mm)
#set text(font: ("{font}",), size: 9pt, lang: "zh", region: "{region}", top-edge: 0.88em, bottom-edge: -0.12em)
#block(width: 117pt)[
#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 4.5pt, spacing: 4.5pt)
{body}
]
"""


def typst_source(article: Path) -> str:
    """The article's paragraphs (not its # headline lines) as a Typst column."""
    paragraphs = [line.strip() for line in article.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")]
    traditional = subprocess.run([str(BANMIAN_PY), "-c", DETECT, str(article)], capture_output=True, text=True,
                                 cwd=ROOT, check=True).stdout.strip() == "zh-Hant"
    body = "\n".join(f"#par({json.dumps(p, ensure_ascii=False)})" for p in paragraphs)
    return TYPST_PAGE.format(font="Noto Serif CJK TC" if traditional else "Noto Serif CJK SC",
                             region="tw" if traditional else "cn", body=body)


def figures(pdf: Path, article: Path) -> dict:
    result = subprocess.run([str(PAGECHECK), str(pdf), "--source", str(article), "--no-print", "--json"],
                            capture_output=True, text=True, check=True)
    measured = json.loads(result.stdout)["typesetting"]
    return {name: measured.get(name) for name in FIGURES}


def main(names: list[str]) -> int:
    set_up_peers()
    articles = [ARTICLES / f"{name}.txt" for name in names] if names else sorted(ARTICLES.glob("*.txt"))
    print(f"{'article':15} {'tool':8} " + " ".join(f"{name[:12]:>12}" for name in FIGURES))
    with tempfile.TemporaryDirectory() as work:
        for article in articles:
            ours, theirs = Path(work) / f"{article.stem}.pdf", Path(work) / f"{article.stem}-typst.pdf"
            subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "make_pdf.py"), "build", str(article),
                            "-o", str(ours)], capture_output=True, check=True)
            source = Path(work) / f"{article.stem}.typ"
            source.write_text(typst_source(article), encoding="utf-8")
            compile_typst = f"import typst; typst.compile({str(source)!r}, output={str(theirs)!r})"
            subprocess.run([str(PEER_PY), "-c", compile_typst], check=True)
            for tool, pdf in (("banmian", ours), ("Typst", theirs)):
                row = figures(pdf, article)
                print(f"{article.stem:15} {tool:8} " + " ".join(f"{str(row[name]):>12}" for name in FIGURES))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
