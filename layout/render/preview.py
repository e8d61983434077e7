"""PNG proofs rendered from the finished PDF, so the proof shows exactly what prints."""

from __future__ import annotations

from layout.cache import replacing

DEFAULT_PROOF_DPI = 100


def render_png(pdf_path: str, png_path: str, dpi: float = DEFAULT_PROOF_DPI) -> None:
    """Rasterise the PDF's first page (trim box) at `dpi`; written atomically."""
    image = render_image(pdf_path, dpi)
    with replacing(png_path) as temp:
        image.convert("RGB").save(temp, format="PNG", optimize=False)


def render_image(pdf_path: str, dpi: float = DEFAULT_PROOF_DPI):
    """The PDF's first page (trim box) as a Pillow image at `dpi`."""
    import pypdfium2 as pdfium  # imported here: only proofs need it

    pdf = pdfium.PdfDocument(pdf_path)
    try:
        page = pdf[0]
        left, bottom, right, top = page.get_trimbox()
        media_left, media_bottom, media_right, media_top = page.get_mediabox()
        crop = (left - media_left, bottom - media_bottom, media_right - right, media_top - top)
        # pdfium draws BGR; asking it for RGB saves Pillow a conversion of every pixel.
        return page.render(scale=dpi / 72, crop=crop, rev_byteorder=True).to_pil()
    finally:
        pdf.close()
