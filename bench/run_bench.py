"""Times banmian against Typst, WeasyPrint and XeLaTeX as whole processes (see bench/README.md)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from ctypes.util import find_library
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT, PEERS, OUT = BENCH.parent, BENCH / "peers", BENCH / "out"
BANMIAN_PY = ROOT / ".venv" / "bin" / "python"
PEER_VENV = BENCH / ".venv-peers"
PEER_PY = PEER_VENV / "bin" / "python"
SPEC = ROOT / "examples" / "beita" / "page.toml"
FRONTPAGE = ROOT / "examples" / "frontpage" / "page.toml"
EDITION = ROOT / "examples" / "edition16"
# Spec keys whose values are paths relative to the spec's folder (see examples/beita/page.toml).
PATH_KEY = re.compile(r'^(\s*(?:article|dir|fonts)\s*=\s*)"([^"]+)"', re.MULTILINE)
# The targets: (label, row measured, peer row or None, limit, unit of the limit).
TARGETS = (("warm page", "banmian page (warm)", "Typst page", 1.0, "x"),
           ("after-edit", "banmian after edit", "Typst page", 1.5, "x"),
           ("cold page", "banmian page (cold)", None, 3.0, "s"),
           ("edition", "banmian edition", "Typst edition", 2.0, "x"),
           ("5-story page", "banmian frontpage (warm)", "banmian page (warm)", 2.0, "x"))
MEMORY_LIMIT_MB, PAGE_PAIRS = 300.0, (("page", "banmian page (warm)"), ("edition", "banmian edition"))


@dataclass
class Tool:
    """One measured command; `prepare` runs untimed before each run and returns the command."""

    name: str
    prepare: Callable[[], list[str]]
    env: dict = field(default_factory=dict)
    cwd: Path = ROOT
    walls: list = field(default_factory=list)
    rss_mb: list = field(default_factory=list)


def run_measured(tool: Tool, record: bool) -> None:
    """Run the tool once as a child process; wall time by perf_counter, peak RSS by os.wait4."""
    command = tool.prepare()
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=tool.cwd, env={**os.environ, **tool.env},
                                 stdout=subprocess.DEVNULL, stderr=errors)
        # wait4 reaps the child and gives its own rusage (the largest of it and its children's peaks).
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{tool.name} failed ({child.returncode}): {errors.read().decode()[-800:]}")
    if record:
        tool.walls.append(wall)
        tool.rss_mb.append(usage.ru_maxrss / 1024)  # Linux reports kilobytes


def spec_copy(spec: Path, folder: Path, article: str | None = None) -> Path:
    """Copy a page spec into `folder` with absolute paths (and, if given, a replacement article)."""
    def absolute(match: re.Match) -> str:
        key, value = match.group(1), match.group(2)
        if article is not None and key.strip().startswith("article"):
            return f'{key}"{article}"'
        return f'{key}"{(spec.parent / value).resolve()}"'
    target = folder / spec.name
    target.write_text(PATH_KEY.sub(absolute, spec.read_text(encoding="utf-8")), encoding="utf-8")
    return target


class FreshHan:
    """Hands out Han characters the article never uses, ten new ones each time (GB 2312 level 1)."""

    def __init__(self, text: str) -> None:
        level1 = bytes(b for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) for b in (hi, lo))
        used = set(text)
        self.unused = [c for c in level1.decode("gb2312", errors="ignore") if c not in used]

    def take(self, count: int = 10) -> str:
        """The next `count` characters, never handed out before."""
        taken, self.unused = self.unused[:count], self.unused[count:]
        return "".join(taken)


def edited_article(text: str, insert: str) -> str:
    """The article with `insert` placed inside its first long body paragraph."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if len(line) > 40 and not line.startswith(("#", "▲")):
            lines[index] = line[:10] + insert + line[10:]
            return "".join(lines)
    raise ValueError("no body paragraph to edit")


def banmian_tools(work: Path) -> list[Tool]:
    """Warm page, warm six-story front page, cold page, page after a 10-character edit, and the edition."""
    warm_cache = work / "cache-warm"
    warm_env = {"BANMIAN_CACHE": str(warm_cache)}
    build = [str(BANMIAN_PY), "make_pdf.py", "build"]
    article = (SPEC.parent / "article.txt").read_text(encoding="utf-8")
    fresh = FreshHan(article)

    def cold_page() -> list[str]:
        shutil.rmtree(work / "cache-cold", ignore_errors=True)
        return [*build, str(SPEC), "-o", str(OUT / "banmian-cold.pdf")]

    def after_edit() -> list[str]:
        folder = Path(tempfile.mkdtemp(dir=work, prefix="edit-"))
        (folder / "article.txt").write_text(edited_article(article, fresh.take()), encoding="utf-8")
        return [*build, str(spec_copy(SPEC, folder, str(folder / "article.txt"))), "-o", str(folder / "out.pdf")]

    return [Tool("banmian page (warm)", lambda: [*build, str(SPEC), "-o", str(OUT / "banmian.pdf")], warm_env),
            Tool("banmian frontpage (warm)", lambda: [*build, str(FRONTPAGE), "-o", str(OUT / "frontpage.pdf")],
                 warm_env),
            Tool("banmian page (cold)", cold_page, {"BANMIAN_CACHE": str(work / "cache-cold")}),
            Tool("banmian after edit", after_edit, warm_env),
            Tool("banmian edition", lambda: [str(BANMIAN_PY), "make_pdf.py", "build-edition", str(edition_folder(work)),
                                             "-o", str(OUT / "banmian-edition.pdf")], warm_env)]


def edition_folder(work: Path) -> Path:
    """examples/edition16, or (until it exists) 16 copies of the sample page spec."""
    if EDITION.is_dir():
        return EDITION
    folder = work / "edition-fallback"
    if not folder.is_dir():
        folder.mkdir()
        for page in range(1, 17):
            spec_copy(SPEC, folder).rename(folder / f"{page:02d}.toml")
        print("note: examples/edition16 is missing; the edition is 16 copies of the sample page")
    return folder


def peer_tools(work: Path) -> list[Tool]:
    """Typst and WeasyPrint from the peer venv, XeLaTeX where installed; a missing peer is said and skipped."""
    tools = []
    for name, module, command in (("Typst", "typst", [str(PEER_PY), "build_typst.py"]),
                                  ("WeasyPrint", "weasyprint", [str(PEER_PY), "-m", "weasyprint"])):
        if subprocess.run([str(PEER_PY), "-c", f"import {module}"], capture_output=True, check=False).returncode != 0:
            print(f"note: {name} is not installed in {PEER_VENV}; skipped")
            continue
        suffix = "typ" if module == "typst" else "html"
        for kind, source in (("page", "page"), ("edition", "edition16x")):
            output = str(OUT / f"{module}-{kind}.pdf")
            tools.append(Tool(f"{name} {kind}", lambda c=command, s=f"{source}.{suffix}", o=output: [*c, s, o],
                              cwd=PEERS))
    if shutil.which("xelatex") is None:
        print("note: xelatex is not installed (texlive-xetex texlive-lang-chinese); skipped")
        return tools
    tex_out = work / "xelatex"
    tex_out.mkdir(exist_ok=True)
    for kind, source in (("page", "page.tex"), ("edition", "edition16x.tex")):
        command = ["xelatex", "-interaction=batchmode", "-halt-on-error", f"-output-directory={tex_out}", source]
        tools.append(Tool(f"XeLaTeX {kind}", lambda c=command: c, cwd=PEERS))
    return tools


def set_up_peers() -> None:
    """Create the peer venv and the peer images if they are missing (failures only skip those peers)."""
    if not PEER_PY.exists():
        print(f"setting up {PEER_VENV} (pip install -r bench/requirements-peers.txt)…")
        made = subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=False).returncode == 0
        if not made or subprocess.run([str(PEER_PY), "-m", "pip", "install", "-q", "-r",
                                       str(BENCH / "requirements-peers.txt")], check=False).returncode != 0:
            print("note: the peer venv could not be set up; peers that need it are skipped")
    if PEER_PY.exists() and not (PEERS / "img" / "photo1.jpg").exists():
        subprocess.run([str(PEER_PY), "gen_images.py", "img"], cwd=PEERS, stdout=subprocess.DEVNULL, check=False)
    if not find_library("harfbuzz-subset"):
        print("note: libharfbuzz-subset0 is missing; WeasyPrint falls back to slow fontTools subsetting")


def machine() -> dict:
    """The machine and the versions the figures were measured with."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    def version(command: list[str]) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            return (done.stdout or done.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "not installed"
    peer_versions = [str(PEER_PY), "-c", ("from importlib.metadata import version as v\n"
                     "print(' '.join(f'{p} {v(p)}' for p in ('typst', 'weasyprint')))")]
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": version([str(BANMIAN_PY), "--version"]),
            "peers": version(peer_versions), "xelatex": version(["xelatex", "--version"]),
            "edition": str(EDITION.relative_to(ROOT)) if EDITION.is_dir() else "16 copies of the sample page"}


PEER_IMAGE_MAP = {"廉是北塔百年矗立": "photo1", "纯洁的队伍": "photo2", "气清乾坤": "art1", "清廉北塔": "art2",
                  "百年沧桑": "art3", "哪个小鬼敢胡来": "art4", "清·廉": "art5", "历览前贤": "art6",
                  "一身正氣": "art7", "不贪是福": "art8"}


def same_images_pdf() -> Path:
    """The sample page built with the peers' own JPEGs, so the two PDFs embed the same pictures."""
    spec = OUT / "same-images.toml"
    mapping = "".join(f'"{title}" = "{PEERS / "img" / name}.jpg"\n' for title, name in PEER_IMAGE_MAP.items())
    text = PATH_KEY.sub(lambda m: f'{m.group(1)}"{(SPEC.parent / m.group(2)).resolve()}"', SPEC.read_text("utf-8"))
    spec.write_text(text.replace("[images]\n", f"[images.map]\n{mapping}\n[images]\n", 1), encoding="utf-8")
    pdf = OUT / "banmian-same-images.pdf"
    subprocess.run([str(BANMIAN_PY), str(ROOT / "make_pdf.py"), "build", str(spec), "-o", str(pdf)],
                   capture_output=True, check=True, cwd=ROOT)
    return pdf


def pdf_sizes() -> dict:
    """Bytes of the sample page's PDF from banmian (its images, and the peers') and Typst, and of their images."""
    files = {"banmian": OUT / "banmian.pdf", "banmian, peers' images": same_images_pdf(),
             "typst": OUT / "typst-page.pdf"}
    sizes = {name: {"bytes": path.stat().st_size} for name, path in files.items() if path.exists()}
    count = ("import pikepdf, sys\nwith pikepdf.open(sys.argv[1]) as pdf:\n"
             "    print(sum(len(o.read_raw_bytes()) for o in pdf.objects if isinstance(o, pikepdf.Stream)"
             " and o.get('/Subtype') == '/Image'))")
    for name, figures in sizes.items():
        command = [str(BANMIAN_PY), "-c", count, str(files[name])]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            figures["image_bytes"] = int(done.stdout)
    return sizes


def summarise(tools: list[Tool]) -> dict:
    """Median, min, max wall and peak RSS per tool."""
    return {t.name: {"median_s": statistics.median(t.walls), "min_s": min(t.walls), "max_s": max(t.walls),
                     "peak_rss_mb": max(t.rss_mb), "runs": len(t.walls)} for t in tools if t.walls}


def verdicts(rows: dict, sizes: dict) -> list[tuple[str, bool, str]]:
    """One (target, met, figure) per target of the issue that could be measured."""
    found = []
    for label, measured, peer, limit, unit in TARGETS:
        if measured not in rows or (peer and peer not in rows):
            continue
        value = rows[measured]["median_s"] / (rows[peer]["median_s"] if peer else 1)
        found.append((f"{label} ≤ {limit:g}{unit}{' ' + peer if peer else ''}", value <= limit, f"{value:.2f}{unit}"))
    peak = max((row["peak_rss_mb"] for name, row in rows.items() if name.startswith("banmian")), default=None)
    if peak is not None:
        found.append((f"peak memory ≤ {MEMORY_LIMIT_MB:g} MB", peak <= MEMORY_LIMIT_MB, f"{peak:.0f} MB"))
    same = "banmian, peers' images"
    if {same, "typst"} <= sizes.keys():
        # The same page with the same pictures: banmian's own stand-ins are larger files.
        ratio = sizes[same]["bytes"] / sizes["typst"]["bytes"]
        figure = f"{ratio:.2f}x"
        if all("image_bytes" in sizes[name] for name in (same, "typst")):
            rest = [sizes[name]["bytes"] - sizes[name]["image_bytes"] for name in (same, "typst")]
            figure += f" (without images {rest[0] / rest[1]:.2f}x)"
        found.append(("PDF size ≤ Typst's (same images)", ratio <= 1.0, figure))
    return found


def report(rows: dict, sizes: dict, info: dict) -> None:
    """Print the tables, ratios, sizes and verdicts."""
    print(f"\nmachine: {info['nproc']} cores, {info['cpu']}, {info['python']}; {info['peers']}; {info['xelatex']}")
    print(f"\n{'tool':<22}{'median s':>9}{'min s':>8}{'max s':>8}{'peak RSS MB':>13}{'runs':>6}")
    for name, row in rows.items():
        print(f"{name:<22}{row['median_s']:>9.3f}{row['min_s']:>8.3f}{row['max_s']:>8.3f}"
              f"{row['peak_rss_mb']:>13.0f}{row['runs']:>6}")
    print(f"edition: banmian builds {info['edition']}; the peers build bench/peers/edition16x.* (16 distinct pages)")
    print("\nbanmian / peer (medians)")
    for kind, ours in PAGE_PAIRS:
        for peer in ("Typst", "WeasyPrint", "XeLaTeX"):
            if ours in rows and f"{peer} {kind}" in rows:
                print(f"  {kind:<8} vs {peer:<11}{rows[ours]['median_s'] / rows[f'{peer} {kind}']['median_s']:>6.2f}x")
    print("\nsample page PDF")
    for name, figures in sizes.items():
        images = f", images {figures['image_bytes']:,}" if "image_bytes" in figures else ""
        print(f"  {name:<24}{figures['bytes']:>12,} bytes{images}")
    print("\nverdicts (issue 'Fast proofs')")
    for target, met, figure in verdicts(rows, sizes):
        print(f"  {'PASS' if met else 'FAIL'}  {target:<28} {figure}")


def main() -> int:
    """Warm up every tool once, then time N round-robin rounds and report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool (at least 5)")
    parser.add_argument("--json", nargs="?", const=str(OUT / "bench.json"), help="also write the figures as JSON")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    set_up_peers()
    work = OUT / "work"  # caches and edited copies; emptied first so every run of the script starts alike
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    tools = banmian_tools(work) + peer_tools(work)
    for round_number in range(args.runs + 1):  # round 0 is the warm-up and is not recorded
        for tool in list(tools):
            try:
                run_measured(tool, record=round_number > 0)
            except RuntimeError as failure:  # one broken tool must not lose the others' figures
                print(f"note: {failure}; {tool.name} dropped")
                tools.remove(tool)
    info, rows, sizes = machine(), summarise(tools), pdf_sizes()
    report(rows, sizes, info)
    if args.json:
        figures = {"machine": info, "tools": rows, "pdf_sizes": sizes,
                   "verdicts": [{"target": t, "met": m, "figure": f} for t, m, f in verdicts(rows, sizes)]}
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
