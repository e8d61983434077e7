"""PNG proofs rendered from the finished PDF, so the proof shows exactly what prints."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from layout.cache import publish

DEFAULT_PROOF_DPI = 100


def render_png(pdf_path: str, png_path: str, dpi: float = DEFAULT_PROOF_DPI) -> None:
    """Rasterise the PDF's first page (trim box) at `dpi`; written atomically."""
    import pypdfium2 as pdfium  # imported here: only proofs with --png need it

    pdf = pdfium.PdfDocument(pdf_path)
    try:
        page = pdf[0]
        left, bottom, right, top = page.get_trimbox()
        media_left, media_bottom, media_right, media_top = page.get_mediabox()
        crop = (left - media_left, bottom - media_bottom, media_right - right, media_top - top)
        image = page.render(scale=dpi / 72, crop=crop).to_pil()
    finally:
        pdf.close()
    target = Path(png_path)
    fd, temp = tempfile.mkstemp(dir=target.parent or ".", prefix=".tmp-", suffix=".png")
    os.close(fd)
    try:
        image.convert("RGB").save(temp, optimize=False)
        publish(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
