"""Writing an article out: plain text, Markdown, sanitised HTML and DOCX, monolingual or bilingual.

The paragraph structure is the source's: the segments of one paragraph are joined by one space (none for
Chinese or Japanese targets) and paragraphs are separated by one blank line.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass

from workflow.domain.segmentation import reassemble


@dataclass(frozen=True)
class ExportSegment:
    """What export needs of a segment."""

    paragraph: int
    source: str
    target: str
    is_heading: bool = False


@dataclass(frozen=True)
class ExportDocument:
    """An article ready to be written in any format."""

    title: str
    source_lang: str
    target_lang: str
    segments: Sequence[ExportSegment]


FORMATS = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _paragraphs(doc: ExportDocument, side: str) -> list[tuple[str, bool]]:
    """(text, is_heading) per paragraph of one side, in order."""
    grouped: dict[int, list[ExportSegment]] = {}
    for segment in doc.segments:
        grouped.setdefault(segment.paragraph, []).append(segment)
    lang = doc.target_lang if side == "target" else doc.source_lang
    result = []
    for number in sorted(grouped):
        segments = grouped[number]
        texts = [getattr(s, side) for s in segments]
        joined = reassemble([0] * len(texts), texts, lang)
        result.append((joined, all(s.is_heading for s in segments)))
    return result


def to_text(doc: ExportDocument) -> str:
    """Plain text: paragraphs separated by one blank line."""
    return "\n\n".join(text for text, _ in _paragraphs(doc, "target")) + "\n"


def to_markdown(doc: ExportDocument) -> str:
    """Markdown: the title as a heading, headings kept as headings."""
    lines = [f"# {doc.title}", ""]
    for text, heading in _paragraphs(doc, "target"):
        lines.extend([f"## {text}" if heading else text, ""])
    return "\n".join(lines)


def to_html(doc: ExportDocument, *, bilingual: bool = False) -> str:
    """A standalone, escaped HTML document; the bilingual version is a two-column table for review."""
    title = html.escape(doc.title)
    head = (
        f'<!doctype html>\n<html lang="{html.escape(doc.target_lang)}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>\n<h1>{title}</h1>\n"
    )
    if not bilingual:
        body = "\n".join(
            f"<h2>{html.escape(text)}</h2>" if heading else f"<p>{html.escape(text)}</p>"
            for text, heading in _paragraphs(doc, "target")
        )
    else:
        rows = [
            f'<tr><td lang="{html.escape(doc.source_lang)}">{html.escape(s.source)}</td>'
            f'<td lang="{html.escape(doc.target_lang)}">{html.escape(s.target)}</td></tr>'
            for s in doc.segments
        ]
        body = (
            '<table border="1" cellpadding="4">'
            "<thead><tr><th>Source</th><th>Target</th></tr></thead><tbody>\n"
        )
        body += "\n".join(rows) + "\n</tbody></table>"
    return head + body + "\n</body></html>\n"


def to_docx(doc: ExportDocument, *, bilingual: bool = False) -> bytes:
    """A Word document with the article's paragraphs (or a two-column review table)."""
    from docx import Document

    document = Document()
    document.core_properties.title = doc.title[:255]
    document.add_heading(doc.title, level=1)
    if not bilingual:
        for text, heading in _paragraphs(doc, "target"):
            if heading:
                document.add_heading(text, level=2)
            else:
                document.add_paragraph(text)
    else:
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = "Source"
        table.rows[0].cells[1].text = "Target"
        for segment in doc.segments:
            row = table.add_row().cells
            row[0].text = segment.source
            row[1].text = segment.target
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(doc: ExportDocument, fmt: str, *, bilingual: bool = False) -> bytes:
    """The document in ``fmt`` (txt, md, html, docx) as bytes. :raise ValueError: for an unknown format."""
    if fmt == "txt":
        return to_text(doc).encode("utf-8")
    if fmt == "md":
        return to_markdown(doc).encode("utf-8")
    if fmt == "html":
        return to_html(doc, bilingual=bilingual).encode("utf-8")
    if fmt == "docx":
        return to_docx(doc, bilingual=bilingual)
    raise ValueError(f"unknown export format {fmt!r}")
