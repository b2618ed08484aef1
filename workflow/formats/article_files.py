"""Reading an uploaded article into plain text: ``.txt``, ``.md``, ``.html`` and ``.docx``.

HTML is reduced to text by a sanitiser (nh3), keeping block boundaries as paragraph breaks; DOCX is read
with python-docx (headings keep their own paragraph). Anything else — binaries, broken DOCX, non-UTF-8
text — is refused with a message a user can act on.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

import nh3

ALLOWED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")


class ArticleFileError(ValueError):
    """The upload cannot be read as an article; the message says why."""


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section"}
_BLOCK_BOUNDARY = re.compile(r"</?(?:" + "|".join(sorted(_BLOCK_TAGS)) + r")\b[^>]*>", re.IGNORECASE)
_HEADING_OPEN = re.compile(r"<h[1-6]\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]+>")


def decode_text(data: bytes) -> str:
    """UTF-8 text (a BOM is fine); binaries and other encodings are refused."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleFileError("This looks like a binary file, not text.")
    for encoding in (
        ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",)
    ):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text[:4096]):
            raise ArticleFileError("This looks like a binary file, not text.")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ArticleFileError("The file is not UTF-8 text; save it as UTF-8 and upload it again.")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML document, one paragraph per block element; scripts and styles dropped."""
    cleaned = nh3.clean(markup, tags=_BLOCK_TAGS, attributes={}, strip_comments=True)
    cleaned = _HEADING_OPEN.sub("\n\n# ", cleaned)
    cleaned = _BLOCK_BOUNDARY.sub("\n\n", cleaned)
    cleaned = _ANY_TAG.sub("", cleaned)
    text = html.unescape(cleaned)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(p for p in paragraphs if p.strip("# "))


def docx_to_text(data: bytes) -> str:
    """The paragraphs of a Word document; headings are marked with ``#`` so they stay their own segment."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ArticleFileError("The .docx file is damaged or not a Word document.")
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ArticleFileError(f"The .docx file could not be read: {exc}") from None
    paragraphs = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        paragraphs.append(("# " + text) if style.lower().startswith(("heading", "title")) else text)
    return "\n\n".join(paragraphs)


def read_article_file(filename: str, data: bytes) -> str:
    """The article text in an upload, by its extension.

    :raise ArticleFileError: for an unsupported extension, a binary or non-UTF-8 file, or a broken DOCX.
    """
    lowered = (filename or "").lower()
    if not lowered.endswith(ALLOWED_EXTENSIONS):
        raise ArticleFileError("Upload a .txt, .md, .html or .docx file.")
    if not data:
        raise ArticleFileError("The file is empty.")
    if lowered.endswith(".docx"):
        return docx_to_text(data)
    text = decode_text(data)
    if lowered.endswith((".html", ".htm")):
        return html_to_text(text)
    return text
