"""Turns a rendered CMYK PDF into PDF/X-1a:2001 or PDF/X-4 in place: output intent, identification, metadata."""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Dictionary, Name, Stream, String

from layout.cache import replacing
from layout.errors import InputError
from layout.prepress.colour import ICC_REGISTRY

PdfxVersion = Literal["X-1a", "X-4"]

# ISO 15930-1 (X-1a:2001) is built on PDF 1.3; ISO 15930-7 allows up to PDF 1.6.
_PDF_VERSION = {"X-1a": "1.3", "X-4": "1.6"}
# Object streams arrived in PDF 1.5, so an X-1a file must not have them.
_OBJECT_STREAMS = {"X-1a": pikepdf.ObjectStreamMode.disable, "X-4": pikepdf.ObjectStreamMode.generate}
# ICC.1 §7.2: bytes 12–15 are the profile class, 16–19 its data colour space.
_ICC_CLASS = slice(12, 16)
_ICC_SPACE = slice(16, 20)


def make_pdfx(
    pdf_path: Path,
    *,
    version: PdfxVersion = "X-1a",
    profile_bytes: bytes,
    output_condition: str,
    title: str,
    date: datetime,
    registry_name: str | None = ICC_REGISTRY,
) -> None:
    """Rewrite `pdf_path` atomically as a PDF/X file of `version` for a CMYK press.

    The output intent embeds `profile_bytes` (a CMYK output ICC profile) under the
    name `output_condition` (registered at `registry_name`; None for a plant's
    unregistered condition); `title` and `date` fill Info and XMP, so the same
    input gives a byte-identical file.
    """
    pdf_path = Path(pdf_path)
    _check_profile(profile_bytes)
    try:
        source = pdf_path.read_bytes()
        # Opened from memory so no handle pins the file we are about to replace.
        pdf = pikepdf.open(io.BytesIO(source))
    except (OSError, pikepdf.PdfError) as error:
        raise InputError(
            f"cannot read the PDF to make PDF/{version}: {error}",
            where=str(pdf_path),
            hint="render the page again; the file is missing or damaged",
        ) from error
    with pdf:
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf, profile_bytes, output_condition, registry_name)])
        _write_info(pdf, version, title, date)
        document_id = uuid.UUID(bytes=hashlib.sha256(source).digest()[:16])
        pdf.Root.Metadata = Stream(
            pdf, _xmp_packet(pdf, version, title, date, document_id), Type=Name.Metadata, Subtype=Name.XML
        )
        _save_atomically(pdf, pdf_path, version)


def _check_profile(profile_bytes: bytes) -> None:
    """Refuse anything but a CMYK output ('prtr') profile: the press intent needs N 4."""
    if len(profile_bytes) < 128 or profile_bytes[_ICC_SPACE] != b"CMYK" or profile_bytes[_ICC_CLASS] != b"prtr":
        raise InputError(
            "the output profile is not a CMYK printer (output) ICC profile",
            hint="use the newsprint profile layout/prepress/profiles/newsprint-tr002.icc",
        )


def _output_intent(
    pdf: pikepdf.Pdf, profile_bytes: bytes, output_condition: str, registry_name: str | None
) -> Dictionary:
    """The single GTS_PDFX output intent (ISO 15930-1 §6.2.2), with the profile embedded."""
    profile = Stream(pdf, profile_bytes, N=4, Alternate=Name.DeviceCMYK)
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(output_condition),
        OutputCondition=String(output_condition),
        Info=String(output_condition),
        DestOutputProfile=pdf.make_indirect(profile),
    )
    if registry_name:
        intent.RegistryName = String(registry_name)
    return pdf.make_indirect(intent)


def _write_info(pdf: pikepdf.Pdf, version: PdfxVersion, title: str, date: datetime) -> None:
    """Document information keys PDF/X requires: title, both dates, Trapped, and X-1a's version keys."""
    info = pdf.docinfo
    info.Title = String(title)
    info.CreationDate = String(pdf_date(date))
    info.ModDate = String(pdf_date(date))
    # ISO 15930-1 §6.5: Trapped must be True or False; we do not trap.
    info.Trapped = Name("/False")
    if version == "X-1a":
        info.GTS_PDFXVersion = String("PDF/X-1:2001")
        info.GTS_PDFXConformance = String("PDF/X-1a:2001")
    else:
        info.GTS_PDFXVersion = String("PDF/X-4")
        if "/GTS_PDFXConformance" in info:
            del info.GTS_PDFXConformance


def pdf_date(date: datetime) -> str:
    """A PDF date string (PDF 1.7 §7.9.4); a naive datetime is taken as UTC."""
    moment = _aware(date)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def _aware(date: datetime) -> datetime:
    return date if date.tzinfo is not None else date.replace(tzinfo=timezone.utc)


def _xmp_packet(pdf: pikepdf.Pdf, version: PdfxVersion, title: str, date: datetime, document_id: uuid.UUID) -> bytes:
    """An XMP packet agreeing with Info; X-4 adds pdfxid (ISO 15930-7 §6.7.2) and xmpMM ids."""
    when = _aware(date).isoformat()
    producer = escape(str(pdf.docinfo.get("/Producer", "")))
    creator = escape(str(pdf.docinfo.get("/Creator", "")))
    pdfxid = (
        '   xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" pdfxid:GTS_PDFXVersion="PDF/X-4"\n'
        if version == "X-4"
        else ""
    )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '   xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '   xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '   xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '   xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"\n'
        f"{pdfxid}"
        f'   xmp:CreateDate="{when}" xmp:ModifyDate="{when}" xmp:MetadataDate="{when}"\n'
        f'   xmp:CreatorTool="{creator}" pdf:Producer="{producer}" pdf:Trapped="False"\n'
        f'   xmpMM:DocumentID="uuid:{document_id}" xmpMM:InstanceID="uuid:{document_id}"\n'
        '   xmpMM:VersionID="1" xmpMM:RenditionClass="default">\n'
        "   <dc:format>application/pdf</dc:format>\n"
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>\n'
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode("utf-8")


def _save_atomically(pdf: pikepdf.Pdf, pdf_path: Path, version: PdfxVersion) -> None:
    """Save next to the target and rename, so a reader never sees half a file."""
    with replacing(pdf_path, keep_mode=True) as temp:
        pdf.save(
            temp,
            force_version=_PDF_VERSION[version],
            object_stream_mode=_OBJECT_STREAMS[version],
            fix_metadata_version=False,
            # The /ID comes from the content, not the clock: same input, same bytes.
            deterministic_id=True,
        )
