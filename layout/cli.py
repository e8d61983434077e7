"""The command line: build a page, check a PDF for press, build an edition."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from layout.errors import BanmianError

EXIT_OK, EXIT_FAILED = 0, 1  # argparse itself exits 2 on a usage error

USAGE_EPILOG = """exit codes: 0 ok (a proof may carry warnings), 1 input error or failed check, 2 usage error.
Add --debug to see a traceback instead of the one-line error."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make_pdf.py", description="Set a Chinese newspaper page as a PDF.",
                                     epilog=USAGE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build one page from a page spec (.toml) or an article (.txt/.md)")
    build.add_argument("input")
    build.add_argument("-o", "--output", required=True, help="the PDF to write")
    build.add_argument("--images", help="folder of images for figures the spec does not map")
    build.add_argument("--png", help="also write a PNG proof rendered from the PDF")
    build.add_argument("--dpi", type=float, default=100.0, help="PNG resolution (default 100)")
    build.add_argument("--print", dest="print_mode", action="store_true", default=None,
                       help="print mode: PDF/X, CMYK, preflight; overset or missing images are errors")
    build.add_argument("--pdfx", choices=("X-1a", "X-4", "1a", "4"), help="PDF/X flavour (default X-1a)")
    build.add_argument("--grid", action="store_true", help="draw the column grid and baselines over the proof")
    build.add_argument("--watch", action="store_true", help="build again after every save of the page's files")
    build.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    check = commands.add_parser("check", help="preflight a PDF for the newsprint press")
    check.add_argument("pdf")
    check.add_argument("--json", action="store_true", help="the report as JSON")
    check.add_argument("--tac", type=float, help="total area coverage limit in %% (default 240)")
    check.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    edition = commands.add_parser("build-edition", help="build every page spec in a folder into one PDF")
    edition.add_argument("folder")
    edition.add_argument("-o", "--output", required=True)
    edition.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (default: all cores)")
    edition.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    serve = commands.add_parser("serve", help="a live proof in the browser, rebuilt on every save")
    serve.add_argument("input", help="a page spec, an article, or a folder of page specs (an edition)")
    serve.add_argument("--port", type=int, default=8765, help="default 8765; 0 picks a free port")
    serve.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1: this machine only)")
    serve.add_argument("--token", help="access token for --host (default: a random one, printed)")
    serve.add_argument("--dpi", type=float, default=100.0, help="proof resolution (default 100)")
    serve.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit code (never raises for a user's mistake)."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except BanmianError as error:
        if args.debug:
            raise
        print(error.one_line(), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # the report was piped into `head`: the work is done
        sys.stderr.close()
        return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        return _build(args)
    if args.command == "check":
        return _check(args)
    if args.command == "serve":
        from layout.serve.live import serve

        return serve(Path(args.input), args.host, args.port, args.token, args.dpi)
    from layout.edition import build_edition

    return build_edition(Path(args.folder), args.output, args.jobs)


def _build(args: argparse.Namespace) -> int:
    from layout.build import BuildOptions, build
    from layout.report import format_build_report

    _check_output_folder(args.output)
    if args.png:
        _check_output_folder(args.png)
    pdfx = None if args.pdfx is None else ("X-4" if args.pdfx.endswith("4") else "X-1a")
    options = BuildOptions(images_dir=args.images, png=args.png, png_dpi=args.dpi,
                           print_mode=args.print_mode, pdfx=pdfx, grid=args.grid)
    if args.watch:
        from layout.serve.live import watch_build

        return watch_build(args.input, lambda: build(args.input, args.output, options))
    report = build(args.input, args.output, options)
    print(format_build_report(report))
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from layout.prepress.preflight import preflight

    if not Path(args.pdf).is_file():
        raise BanmianError("no such PDF", args.pdf, "check the path")
    report = preflight(Path(args.pdf), tac_limit=args.tac)
    print(report.to_json() if args.json else report.format_text())
    return EXIT_OK if report.passed else EXIT_FAILED


def _check_output_folder(path: str) -> None:
    folder = Path(path).resolve().parent
    if not folder.is_dir():
        raise BanmianError("the output folder does not exist", str(folder), f"mkdir -p {folder}")
