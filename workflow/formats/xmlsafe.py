"""The one and only way Copydesk parses XML (TMX, TBX, XLIFF, DOCX parts we read ourselves).

Uploaded XML is hostile until proven otherwise: no entity is ever expanded, no DTD or schema is loaded,
nothing is fetched from the network, and documents that declare entities are refused outright (the
billion-laughs and XXE families). A bare ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` line is accepted, because
real TMX and TBX files carry one, but it is never followed. A test fails if another XML entry point appears.
"""

from __future__ import annotations

from typing import IO

from lxml import etree

MAX_XML_BYTES = 200 * 1024 * 1024


class XMLRejected(ValueError):
    """The document is malformed or unsafe; the message says why in words a user can act on."""


def make_parser(**overrides: bool) -> etree.XMLParser:
    """A hardened lxml parser: no entities resolved, no DTD loaded, no network, bounded depth."""
    options = {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
        "remove_comments": True,
        "remove_pis": True,
        "strip_cdata": True,
    }
    options.update(overrides)
    return etree.XMLParser(**options)


def parse_xml(data: bytes | IO[bytes]) -> etree._ElementTree:
    """Parse ``data`` (bytes or a binary file) safely and return the tree.

    :raise XMLRejected: for malformed XML, a declared entity or an internal DTD subset that declares one,
        or an over-deep or oversized document.
    """
    if not isinstance(data, bytes | bytearray):
        data = data.read(MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise XMLRejected(f"The XML document is larger than {MAX_XML_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        raise XMLRejected("The file is empty.")
    try:
        tree = etree.fromstring(bytes(data), parser=make_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise XMLRejected(_describe_syntax_error(exc)) from None
    _refuse_entity_declarations(tree)
    _refuse_entity_references(tree)
    return tree


def _describe_syntax_error(exc: etree.XMLSyntaxError) -> str:
    message = str(exc.msg or exc)
    lowered = message.lower()
    if "entity" in lowered and ("loop" in lowered or "amplification" in lowered or "depth" in lowered):
        return "The XML declares entities that expand recursively; such files are refused."
    if "depth" in lowered or "excessive depth" in lowered:
        return "The XML is nested too deeply to be a real document; it was refused."
    line = getattr(exc, "lineno", None)
    where = f" (line {line})" if line else ""
    return f"The file is not well-formed XML{where}: {message}"


def _refuse_entity_declarations(tree: etree._ElementTree) -> None:
    dtd = tree.docinfo.internalDTD
    if dtd is None:
        return
    if any(True for _ in dtd.iterentities()):
        raise XMLRejected(
            "The XML declares entities in a DOCTYPE; entity declarations are refused for safety."
        )


def _refuse_entity_references(tree: etree._ElementTree) -> None:
    root = tree.getroot()
    if root is None:
        raise XMLRejected("The XML has no root element.")
    for node in root.iter(etree.Entity):
        raise XMLRejected(
            f"The XML refers to the undeclared or external entity &{node.name};, which is refused."
        )


def local_name(element: etree._Element) -> str:
    """The tag without its namespace: ``{urn:oasis:...}trans-unit`` → ``trans-unit``."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_content(element: etree._Element) -> str:
    """All text inside ``element``, inline codes included as their text, in document order."""
    return "".join(element.itertext())
