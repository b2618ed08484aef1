"""TMX (Translation Memory eXchange) import and export, versions 1.1 to 1.4b.

Import goes through :func:`workflow.formats.xmlsafe.parse_xml`, so entity bombs, external entities, over-deep
nesting and malformed or truncated files are refused with :class:`~workflow.formats.xmlsafe.XMLRejected`;
content that is well-formed XML but not usable TMX raises :class:`TmxRejected` (a subclass, so one
``except XMLRejected`` catches both). What is kept:

* every ``<tuv>`` of a ``<tu>`` — any number of languages, in any order; the language comes from
  ``xml:lang`` (TMX 1.4) or ``lang`` (TMX 1.1) and is kept as written;
* segment text exactly as in the file (whitespace included). Inline codes (``bpt``/``ept``/``ph``/``it``/
  ``hi``/``ut``/``sub``) are kept **as their text**, so ``<ph>&lt;br/&gt;</ph>`` becomes ``<br/>``. A
  segment whose ``bpt``/``ept`` do not pair up is refused, because its text could not be trusted;
* ``<prop type>`` and ``<note>`` at unit and variant level, and the unit's creation/change attributes.

Languages are matched case-insensitively, first on the full tag, then on the primary subtag, so a request
for ``en`` finds ``EN-US`` (see :func:`find_language`).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from lxml import etree

from workflow.formats.xmlsafe import XMLRejected, local_name, parse_xml, text_content

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INVALID_XML_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAX_REPORTED_PROBLEMS = 5


class TmxRejected(XMLRejected):
    """Well-formed XML that is not a usable TMX; the message says why in words a user can act on."""


@dataclass(slots=True)
class TmxVariant:
    """One ``<tuv>``: a language's version of the segment, with its own props, notes and attributes."""

    language: str
    text: str
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class TmxUnit:
    """One ``<tu>``: its variants by language (as written in the file) and its metadata."""

    variants: dict[str, str] = field(default_factory=dict)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tuid: str | None = None
    creationdate: str | None = None
    changedate: str | None = None
    creationid: str | None = None
    changeid: str | None = None
    tuvs: list[TmxVariant] = field(default_factory=list)


@dataclass(slots=True)
class TmxHeader:
    """The ``<header>`` attributes that matter to an importer, plus its props and notes."""

    version: str | None = None
    srclang: str | None = None
    adminlang: str | None = None
    creationtool: str | None = None
    creationtoolversion: str | None = None
    segtype: str | None = None
    datatype: str | None = None
    o_tmf: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TmxDocument:
    """A parsed TMX: header, units in file order, and non-fatal problems (units skipped and why)."""

    header: TmxHeader
    units: list[TmxUnit]
    errors: list[str] = field(default_factory=list)

    def languages(self) -> list[str]:
        """Every language used by a variant, spelled as first seen, in order of first appearance."""
        seen: dict[str, str] = {}
        for unit in self.units:
            for language in unit.variants:
                seen.setdefault(language.casefold(), language)
        return list(seen.values())


def parse_tmx(data: bytes, *, source_lang: str | None = None, target_lang: str | None = None) -> TmxDocument:
    """Parse TMX bytes (any encoding the XML declares or its BOM shows, e.g. UTF-16).

    When ``source_lang``/``target_lang`` are given, the document must contain them (see
    :func:`extract_pairs` for the check and its message).

    :raise XMLRejected: malformed, truncated or unsafe XML.
    :raise TmxRejected: not a TMX, or a segment with broken inline-code pairing.
    """
    root = parse_xml(data).getroot()
    with _garbage_collection_paused():
        document = _read_document(root)
    for wanted in (source_lang, target_lang):
        if wanted is not None:
            _require_language(document, wanted)
    return document


@contextmanager
def _garbage_collection_paused() -> Iterator[None]:
    """Pause the cyclic GC while building 100,000s of small objects (it halves the parse time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_document(root: etree._Element) -> TmxDocument:
    if local_name(root) != "tmx":
        raise TmxRejected(f"This is not a TMX file: its root element is <{local_name(root)}>, not <tmx>.")
    header = TmxHeader(version=root.get("version"))
    units: list[TmxUnit] = []
    errors: list[str] = []
    pairing_problems: list[str] = []
    for child in root:
        name = local_name(child)
        if name == "header":
            _read_header(child, header)
        elif name == "body":
            for element in child.iterchildren("tu"):
                unit = _read_unit(element, len(units) + 1, errors, pairing_problems)
                if unit.variants:
                    units.append(unit)
    if pairing_problems:
        shown = "; ".join(pairing_problems[:_MAX_REPORTED_PROBLEMS])
        more = len(pairing_problems) - _MAX_REPORTED_PROBLEMS
        suffix = f" (and {more} more)" if more > 0 else ""
        raise TmxRejected(f"The TMX has inline codes that do not pair up: {shown}{suffix}.")
    return TmxDocument(header=header, units=units, errors=errors)


def _read_header(element: etree._Element, header: TmxHeader) -> None:
    header.srclang = element.get("srclang")
    header.adminlang = element.get("adminlang")
    header.creationtool = element.get("creationtool")
    header.creationtoolversion = element.get("creationtoolversion")
    header.segtype = element.get("segtype")
    header.datatype = element.get("datatype")
    header.o_tmf = element.get("o-tmf")
    header.props, header.notes = _props_and_notes(element)


def _props_and_notes(element: etree._Element) -> tuple[list[tuple[str, str]], list[str]]:
    props, notes = [], []
    for child in element.iterchildren("prop", "note"):
        if child.tag == "prop":
            props.append((child.get("type", ""), text_content(child)))
        else:
            notes.append(text_content(child))
    return props, notes


def _read_unit(
    element: etree._Element, number: int, errors: list[str], pairing_problems: list[str]
) -> TmxUnit:
    unit = TmxUnit(
        tuid=element.get("tuid"),
        creationdate=element.get("creationdate"),
        changedate=element.get("changedate"),
        creationid=element.get("creationid"),
        changeid=element.get("changeid"),
    )
    unit.props, unit.notes = _props_and_notes(element)
    label = f"unit {number}" + (f" (tuid {unit.tuid})" if unit.tuid else "")
    for tuv in element.iterchildren("tuv"):
        language = tuv.get(XML_LANG) or tuv.get("lang")
        if not language:
            errors.append(f"The {label} has a variant without a language; it was skipped.")
            continue
        segment = next(tuv.iterchildren("seg"), None)
        if segment is None:
            errors.append(f"The {label} has no segment for {language}; it was skipped.")
            continue
        if len(segment):  # inline codes: check their pairing, keep their text
            problem = _inline_pairing_problem(segment)
            if problem:
                pairing_problems.append(f"{label}, {language}: {problem}")
                continue
            text = text_content(segment)
        else:
            text = segment.text or ""
        props, notes = _props_and_notes(tuv) if len(tuv) > 1 else ([], [])
        attributes = {key: value for key, value in tuv.attrib.items() if key not in (XML_LANG, "lang")}
        unit.tuvs.append(TmxVariant(language, text, props, notes, attributes))
        unit.variants.setdefault(language, text)
    return unit


def _inline_pairing_problem(segment: etree._Element) -> str | None:
    """Why the segment's ``<bpt>``/``<ept>`` don't pair up (by their ``i``), or None when they do."""
    open_codes: set[str] = set()
    used_codes: set[str] = set()
    for element in segment.iterdescendants():
        name = local_name(element)
        if name == "bpt":
            code = element.get("i", "")
            if code in used_codes:
                return f'<bpt i="{code}"> is used twice'
            open_codes.add(code)
            used_codes.add(code)
        elif name == "ept":
            code = element.get("i", "")
            if code not in open_codes:
                return f'<ept i="{code}"> closes a code that was never opened'
            open_codes.discard(code)
    if open_codes:
        return f'<bpt i="{sorted(open_codes)[0]}"> is never closed'
    return None


def find_language(variants: Iterable[str], wanted: str, preferred: str | None = None) -> str | None:
    """The variant language that stands for ``wanted``, or None.

    A case-insensitive match on the full tag wins (``en-us`` for ``EN-US``); otherwise the primary subtags
    must match (``en`` finds ``en-GB``), and among several the ``preferred`` one (the header's srclang) or
    else the first wins.
    """
    wanted_folded = _fold(wanted)
    wanted_primary = wanted_folded.split("-", 1)[0]
    same_primary = []
    for language in variants:
        folded = _fold(language)
        if folded == wanted_folded:
            return language
        if folded.split("-", 1)[0] == wanted_primary:
            same_primary.append(language)
    if preferred is not None:
        for language in same_primary:
            if _fold(language) == _fold(preferred):
                return language
    return same_primary[0] if same_primary else None


def _fold(language: str) -> str:
    return language.strip().replace("_", "-").casefold()


def _require_language(document: TmxDocument, wanted: str) -> None:
    languages = document.languages()
    if find_language(languages, wanted) is None:
        listed = ", ".join(sorted(languages, key=str.casefold)) or "no languages at all"
        raise TmxRejected(f"The TMX has languages {listed}; none matches {wanted}.")


def extract_pairs(
    document: TmxDocument, source_lang: str, target_lang: str
) -> list[tuple[str, str, TmxUnit]]:
    """(source, target, unit) for every unit holding both languages and a non-blank source.

    :raise TmxRejected: when no variant in the document matches one of the two languages.
    """
    _require_language(document, source_lang)
    _require_language(document, target_lang)
    preferred_source = document.header.srclang
    chosen_by_languages: dict[tuple[str, ...], tuple[str | None, str | None]] = {}
    pairs = []
    for unit in document.units:
        languages = tuple(unit.variants)
        chosen = chosen_by_languages.get(languages)
        if chosen is None:
            source_key = find_language(languages, source_lang, preferred_source)
            target_key = find_language((lang for lang in languages if lang != source_key), target_lang)
            chosen = chosen_by_languages[languages] = (source_key, target_key)
        source_key, target_key = chosen
        if source_key is None or target_key is None:
            continue
        source = unit.variants[source_key]
        if source.strip():
            pairs.append((source, unit.variants[target_key], unit))
    return pairs


def write_tmx(
    units: Sequence[TmxUnit | tuple[str, str]],
    source_lang: str,
    target_lang: str,
    creationtool: str = "Copydesk",
    creationtoolversion: str = "1.0",
) -> bytes:
    """A TMX 1.4b document (UTF-8) of ``units`` — TmxUnit objects or (source, target) pairs.

    Every variant of a TmxUnit is written with its props and notes; unit-level props (e.g. ``x-article``,
    ``x-author``) and notes too. Text is escaped by the serialiser, so inline-code text such as ``<br/>``
    comes back as the same text; characters XML 1.0 cannot carry (C0 controls) are dropped.
    """
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool=creationtool,
        creationtoolversion=creationtoolversion,
        segtype="sentence",
        adminlang="en",
        srclang=source_lang,
        datatype="plaintext",
        **{"o-tmf": "Copydesk"},
    )
    body = etree.SubElement(root, "body")
    for item in units:
        if isinstance(item, TmxUnit):
            _write_unit(body, item)
        else:
            source, target = item
            tu = etree.SubElement(body, "tu")
            _write_variant(tu, TmxVariant(source_lang, source))
            _write_variant(tu, TmxVariant(target_lang, target))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _write_unit(body: etree._Element, unit: TmxUnit) -> None:
    attributes = {
        name: value
        for name, value in (
            ("tuid", unit.tuid),
            ("creationdate", unit.creationdate),
            ("changedate", unit.changedate),
            ("creationid", unit.creationid),
            ("changeid", unit.changeid),
        )
        if value
    }
    tu = etree.SubElement(body, "tu", attributes)
    _write_props_and_notes(tu, unit.props, unit.notes)
    variants = unit.tuvs or [TmxVariant(language, text) for language, text in unit.variants.items()]
    for variant in variants:
        _write_variant(tu, variant)


def _write_variant(tu: etree._Element, variant: TmxVariant) -> None:
    tuv = etree.SubElement(tu, "tuv", {XML_LANG: variant.language})
    for name, value in variant.attributes.items():
        if not name.startswith("{"):
            tuv.set(name, _xml_safe(value))
    _write_props_and_notes(tuv, variant.props, variant.notes)
    etree.SubElement(tuv, "seg").text = _xml_safe(variant.text)


def _write_props_and_notes(parent: etree._Element, props: list[tuple[str, str]], notes: list[str]) -> None:
    for note in notes:
        etree.SubElement(parent, "note").text = _xml_safe(note)
    for prop_type, value in props:
        etree.SubElement(parent, "prop", type=_xml_safe(prop_type)).text = _xml_safe(value)


def _xml_safe(text: str) -> str:
    return _INVALID_XML_CHARS_RE.sub("", text)
