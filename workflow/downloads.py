"""File downloads over HTTP: one way to send bytes as an attachment with a safe file name.

The article, glossary and memory exports — as pages and as API routes — all answer with a file to save.
They build the response here so the ``Content-Disposition`` header is written one way: a plain ASCII
``filename`` every browser understands, plus ``filename*`` (RFC 6266 / RFC 5987) with the real UTF-8 name
when the two differ. It sits beside the web and API layers rather than in either, because both use it.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from flask import Response

_UNSAFE_IN_FALLBACK = re.compile(r"[^A-Za-z0-9._ -]+")


def download_response(data: bytes | str, content_type: str, filename: str) -> Response:
    """A response that makes the browser save ``data`` as ``filename`` rather than show it."""
    response = Response(data, content_type=content_type)
    response.headers["Content-Disposition"] = attachment_header(filename)
    return response


def attachment_header(filename: str) -> str:
    """The ``Content-Disposition`` value for ``filename``: an ASCII fallback, and the UTF-8 name if needed.

    The fallback keeps letters, digits, dots, dashes, underscores and spaces (accents dropped, anything
    else — quotes, slashes, control characters — becomes ``_``), so the header can never be broken out of.
    """
    fallback = ascii_filename(filename)
    header = f'attachment; filename="{fallback}"'
    if fallback != filename and filename.strip():
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def ascii_filename(filename: str) -> str:
    """The name in safe ASCII only (``Café 报告.txt`` → ``Cafe _.txt``); ``download`` when nothing is left."""
    decomposed = unicodedata.normalize("NFKD", filename)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    safe = _UNSAFE_IN_FALLBACK.sub("_", without_accents).strip(" .")
    return safe or "download"
