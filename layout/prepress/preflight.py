"""The print preflight: checks a PDF against PDF/X and newsprint rules and reports every figure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
from pikepdf import Name

from layout.prepress.preflight_content import collect_content_facts
from layout.prepress.preflight_paint import PAINT_CHECK_NAMES, paint_checks
from layout.prepress.preflight_report import Check, PreflightReport
from layout.prepress.preflight_tools import qpdf_check, total_area_coverage_check
from layout.units import EPS, to_mm

__all__ = ["Check", "PreflightReport", "preflight", "DEFAULT_TAC_LIMIT"]

DEFAULT_TAC_LIMIT = 240.0  # % — a cautious newsprint ceiling when no profile limit is given
_PDFXID = "{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"
_MAX_PDF_VERSION = {"X-1a": (1, 3), "X-4": (1, 6)}

DocumentCheck = Callable[[pikepdf.Pdf, str], Check]


def preflight(
    pdf_path: Path, *, tac_limit: float | None = None, min_ppi: float = 150, dpi: int = 150
) -> PreflightReport:
    """Check `pdf_path` for press; never raises: an unreadable file gives a failing 'readable' check.

    The PDF/X flavour to hold the file to (X-1a or X-4) is the one it declares;
    a file declaring neither is held to X-1a. `tac_limit` is in per cent
    (default 240), `min_ppi` the lowest effective image resolution, `dpi` the
    resolution at which ink coverage is rendered.
    """
    path = Path(pdf_path)
    try:
        pdf = pikepdf.open(path)
    except Exception as error:  # any reason a file cannot be opened is a finding, not a crash
        unreadable = Check("readable", False, "unreadable", f"{type(error).__name__}: {error}")
        return PreflightReport((unreadable, qpdf_check(path)))
    with pdf:
        version = declared_version(pdf)
        checks = [Check("readable", True, f"{len(pdf.pages)} page(s)", f"held to PDF/{version}")]
        checks += [_guarded(check, pdf, version) for check in _DOCUMENT_CHECKS]
        checks += _content_checks(pdf, version, min_ppi)
    checks.append(total_area_coverage_check(path, DEFAULT_TAC_LIMIT if tac_limit is None else tac_limit, dpi))
    checks.append(qpdf_check(path))
    return PreflightReport(tuple(checks))


def declared_version(pdf: pikepdf.Pdf) -> str:
    """'X-4' when Info or XMP says PDF/X-4, else 'X-1a' (the stricter default)."""
    info_version = str(pdf.docinfo.get("/GTS_PDFXVersion", ""))
    return "X-4" if info_version.startswith("PDF/X-4") or _xmp_pdfx_version(pdf).startswith("PDF/X-4") else "X-1a"


def _xmp_pdfx_version(pdf: pikepdf.Pdf) -> str:
    """pdfxid:GTS_PDFXVersion from the XMP packet, or '' when absent or unparsable."""
    try:
        return str(pdf.open_metadata().get(_PDFXID, ""))
    except Exception:  # damaged XMP is reported by the identification check, not raised
        return ""


def _guarded(check: DocumentCheck, pdf: pikepdf.Pdf, version: str) -> Check:
    """Run one check; a malformed structure makes it FAIL instead of stopping the preflight."""
    try:
        return check(pdf, version)
    except Exception as error:  # a broken PDF must yield a report, never a traceback
        name = check.__name__.removeprefix("_").replace("_", "-")
        return Check(name, False, "not checked", f"cannot read the structure: {type(error).__name__}: {error}")


def _content_checks(pdf: pikepdf.Pdf, version: str, min_ppi: float) -> list[Check]:
    """The paint checks, or all of them failing when the content streams cannot be parsed."""
    try:
        facts = collect_content_facts(pdf)
    except Exception as error:  # unparsable content must fail every check that depends on it
        detail = f"content streams unreadable: {type(error).__name__}: {error}"
        return [Check(name, False, "not checked", detail) for name in PAINT_CHECK_NAMES]
    return paint_checks(facts, version, min_ppi)


def _pdf_version(pdf: pikepdf.Pdf, version: str) -> Check:
    found = tuple(int(part) for part in pdf.pdf_version.split("."))
    limit = _MAX_PDF_VERSION[version]
    # ISO 15930-1 requires exactly PDF 1.3 for X-1a:2001; ISO 15930-7 allows up to 1.6.
    passed = found == limit if version == "X-1a" else found <= limit
    rule = "PDF 1.3" if version == "X-1a" else "PDF 1.6 or older"
    return Check("pdf-version", passed, pdf.pdf_version, f"PDF/{version} needs {rule}")


def _output_intent(pdf: pikepdf.Pdf, _version: str) -> Check:
    """Exactly one GTS_PDFX output intent, embedding a 4-channel (CMYK) destination profile."""
    intents = [i for i in pdf.Root.get("/OutputIntents", pikepdf.Array()) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        return Check("output-intent", False, f"{len(intents)} found", "need exactly one GTS_PDFX OutputIntent")
    intent = intents[0]
    figure = str(intent.get("/OutputConditionIdentifier", "unnamed"))
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        return Check("output-intent", False, figure, "no embedded DestOutputProfile")
    channels = int(profile.get("/N", 0))
    if channels != 4 or not profile.read_bytes():
        return Check("output-intent", False, figure, f"profile has {channels} channels; a CMYK press needs 4")
    return Check("output-intent", True, figure, "one GTS_PDFX intent with an embedded CMYK profile")


def _identification(pdf: pikepdf.Pdf, version: str) -> Check:
    """ISO 15930-1 §6.5: X-1a names itself in Info; ISO 15930-7 §6.7.2: X-4 in XMP pdfxid."""
    if version == "X-4":
        found = _xmp_pdfx_version(pdf)
        return Check("identification", found == "PDF/X-4", found or "none", "XMP pdfxid:GTS_PDFXVersion PDF/X-4")
    info = pdf.docinfo
    pdfx_version = str(info.get("/GTS_PDFXVersion", ""))
    conformance = str(info.get("/GTS_PDFXConformance", ""))
    passed = pdfx_version == "PDF/X-1:2001" and conformance == "PDF/X-1a:2001"
    figure = conformance or pdfx_version or "none"
    rule = "Info GTS_PDFXVersion PDF/X-1:2001, GTS_PDFXConformance PDF/X-1a:2001"
    return Check("identification", passed, figure, rule)


def _document_info(pdf: pikepdf.Pdf, _version: str) -> Check:
    """Title, CreationDate, ModDate, Trapped True/False, and a trailer /ID (ISO 15930-1 §6.5)."""
    info = pdf.docinfo
    missing = [key[1:] for key in ("/Title", "/CreationDate", "/ModDate") if not str(info.get(key, ""))]
    trapped = info.get("/Trapped")
    if trapped not in (Name("/True"), Name("/False")):
        missing.append("Trapped True/False")
    if "/ID" not in pdf.trailer:
        missing.append("trailer ID")
    figure = f"Trapped {str(trapped)[1:]}" if trapped is not None else "Trapped unset"
    if missing:
        return Check("document-info", False, figure, "missing: " + ", ".join(missing))
    return Check("document-info", True, figure, "Title, CreationDate, ModDate, Trapped, ID present")


def _page_boxes(pdf: pikepdf.Pdf, _version: str) -> Check:
    """Every page has MediaBox ⊇ BleedBox ⊇ TrimBox (ISO 15930-1 §6.4: TrimBox is required)."""
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        missing = [key[1:] for key in ("/TrimBox", "/BleedBox") if key not in page.obj]
        if missing:
            problems.append(f"page {number}: no {' or '.join(missing)}")
            continue
        media, bleed, trim = (_rectangle(box) for box in (page.mediabox, page.obj.BleedBox, page.obj.TrimBox))
        if not (_contains(media, bleed) and _contains(bleed, trim)):
            problems.append(f"page {number}: boxes not nested MediaBox ⊇ BleedBox ⊇ TrimBox")
    first = pdf.pages[0].obj if len(pdf.pages) else None
    figure = _box_figure(first) if first is not None and "/TrimBox" in first and "/BleedBox" in first else "—"
    if problems:
        return Check("page-boxes", False, figure, "; ".join(problems[:3]))
    return Check("page-boxes", True, figure, "MediaBox ⊇ BleedBox ⊇ TrimBox on every page")


def _rectangle(box: pikepdf.Array) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _contains(outer: tuple[float, ...], inner: tuple[float, ...]) -> bool:
    return (
        outer[0] <= inner[0] + EPS
        and outer[1] <= inner[1] + EPS
        and outer[2] >= inner[2] - EPS
        and outer[3] >= inner[3] - EPS
    )


def _box_figure(page: pikepdf.Object) -> str:
    """'trim W×H mm, bleed B mm' for the first page (bleed as its smallest margin)."""
    trim, bleed = _rectangle(page.TrimBox), _rectangle(page.BleedBox)
    margin = min(abs(trim[i] - bleed[i]) for i in range(4))
    return f"trim {to_mm(trim[2] - trim[0]):.1f}×{to_mm(trim[3] - trim[1]):.1f} mm, bleed {to_mm(margin):.1f} mm"


_DOCUMENT_CHECKS: tuple[DocumentCheck, ...] = (
    _pdf_version,
    _output_intent,
    _identification,
    _document_info,
    _page_boxes,
)
