"""TBX (TermBase eXchange) glossary import and export.

Import reads TBX v3 (ISO 30042:2019, ``urn:iso:std:iso:30042:ed-2``: TBX-Core, -Min, -Basic) in both the
DCA style (``<descrip type="definition">``) and the DCT style (``<basic:definition>``), and the older TBX v2
``<martif>`` files (``termEntry``/``langSet``/``tig``/``ntig``). All XML goes through
:func:`workflow.formats.xmlsafe.parse_xml`, so entity declarations, external entities and bombs are
refused before anything is read. For one language pair (matched on the primary subtag, ``zh-CN`` ~ ``zh``)
each concept gives one :class:`TermData` per usable source term:

* target terms marked preferred (``preferredTerm-admn-sts``, ``preferredTerm``, ``preferred``) give the
  preferred rendering, admitted ones the variants, deprecated/superseded/not-recommended ones the forbidden
  renderings; without any status the first term is preferred;
* ``subjectField`` → domain, ``definition`` and concept-level notes → note, ``partOfSpeech`` → part of speech.

Export writes TBX-Basic v3, DCA style, that :func:`parse_tbx` reads back to the same terms. Copydesk's own
flags (case-sensitive, do-not-translate, proposed status) have no TBX-Basic data category, so they go into
``<admin type="x-copydeskFlags">`` on the concept, written only when one of them is set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from workflow.checks.base import N_, primary_subtag
from workflow.formats.xmlsafe import XMLRejected, local_name, parse_xml, text_content
from workflow.glossary.terms import (
    STATUS_APPROVED,
    STATUS_PROPOSED,
    RowError,
    TermData,
    term_key,
    validate_term,
)

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FLAGS_TYPE = "x-copydeskFlags"
MAX_REPORTED_PROBLEMS = 20

_PREFERRED = frozenset({"preferredterm-admn-sts", "preferredterm", "preferred"})
_ADMITTED = frozenset(
    {"admittedterm-admn-sts", "admittedterm", "admitted", "legalterm", "regulatedterm", "standardizedterm"}
)
_FORBIDDEN = frozenset(
    {
        "deprecatedterm-admn-sts",
        "supersededterm-admn-sts",
        "deprecatedterm",
        "supersededterm",
        "deprecated",
        "superseded",
        "notrecommended",
        "obsolete",
    }
)
_STATUS_CATEGORIES = frozenset({"administrativeStatus", "normativeAuthorization", "usageStatus"})
_TYPED_ELEMENTS = frozenset(
    {"descrip", "termNote", "admin", "transac", "transacNote", "adminNote", "descripNote", "ref", "xref"}
)
_ENTRY_TAGS = frozenset({"conceptEntry", "termEntry"})
_LANG_TAGS = frozenset({"langSec", "langSet"})
_TERM_HOLDER_TAGS = frozenset({"termSec", "tig", "ntig"})


@dataclass(slots=True)
class TbxParseResult:
    """The terms for the requested pair, the problems found, and the languages the file holds.

    ``fatal`` is true when the file was refused as a whole (unsafe, malformed, not TBX, broken structure).
    """

    terms: list[TermData] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    fatal: bool = False
    languages: tuple[str, ...] = ()


@dataclass(slots=True)
class _TbxTerm:
    text: str
    status: str  # "preferred", "admitted", "forbidden" or ""
    part_of_speech: str


def parse_tbx(data: bytes, source_lang: str, target_lang: str) -> TbxParseResult:
    """Read the ``source_lang`` → ``target_lang`` terms of a TBX file, refusing unsafe or broken files."""
    try:
        root = parse_xml(data).getroot()
    except XMLRejected as exc:
        return _refuse(str(exc))
    if local_name(root) not in ("tbx", "martif"):
        return _refuse(
            N_("This is not a TBX file: its root element is <%(root)s>, not <tbx> or <martif>."),
            root=local_name(root),
        )
    problems = _structure_problems(root)
    if problems:
        return TbxParseResult(errors=problems[:MAX_REPORTED_PROBLEMS], fatal=True)
    entries = [el for el in root.iter() if local_name(el) in _ENTRY_TAGS]
    if not entries:
        return _refuse(N_("The TBX file contains no concept entries."))
    result = TbxParseResult()
    languages: dict[str, None] = {}
    first_line_of: dict[str, int] = {}
    for entry in entries:
        lang_sections = [child for child in entry if local_name(child) in _LANG_TAGS]
        for section in lang_sections:
            languages.setdefault(section.get(XML_LANG, ""), None)
        sources = _terms_for(lang_sections, source_lang)
        targets = _terms_for(lang_sections, target_lang)
        if not sources or not targets:
            continue
        for term in _entry_terms(entry, lang_sections, sources, targets, source_lang, target_lang):
            line = entry.sourceline or 0
            problems = validate_term(term, line)
            key = term_key(term)
            if problems:
                result.errors.extend(problems)
            elif key in first_line_of:
                result.errors.append(
                    RowError(
                        line,
                        N_("“%(source)s” is already defined on line %(first)s."),
                        {"source": term.source_term, "first": first_line_of[key]},
                    )
                )
            else:
                first_line_of[key] = line
                result.terms.append(term)
    result.languages = tuple(lang for lang in languages if lang)
    if not result.terms and not result.errors:
        result.fatal = True
        result.errors.append(
            RowError(
                0,
                N_("No entry has both %(source)s and %(target)s terms; the file has: %(languages)s."),
                {"source": source_lang, "target": target_lang, "languages": ", ".join(result.languages)},
            )
        )
    return result


def _refuse(message: str, **params: object) -> TbxParseResult:
    return TbxParseResult(errors=[RowError(0, message, params)], fatal=True)


def _category(element: etree._Element) -> str:
    """The data category an element carries: its ``type`` (DCA style) or its own name (DCT style)."""
    name = local_name(element)
    if name in _TYPED_ELEMENTS:
        return element.get("type", "")
    namespace = etree.QName(element).namespace
    return name if namespace and namespace != TBX_NAMESPACE else ""


def _clean(element: etree._Element) -> str:
    return " ".join(text_content(element).split())


def _structure_problems(root: etree._Element) -> list[RowError]:
    """Violations of the TBX core structure that make the file's meaning unreliable."""
    problems: list[RowError] = []
    for element in root.iter():
        name = local_name(element)
        line = element.sourceline or 0
        if name in _TYPED_ELEMENTS and not element.get("type"):
            problems.append(RowError(line, N_("<%(element)s> has no type attribute."), {"element": name}))
        elif name in _TERM_HOLDER_TAGS:
            children = [local_name(child) for child in element if local_name(child)]
            first = "termGrp" if name == "ntig" else "term"
            if not children or children[0] != first:
                problems.append(
                    RowError(
                        line,
                        N_("<%(element)s> must start with <%(first)s>."),
                        {"element": name, "first": first},
                    )
                )
            elif name != "ntig" and children.count("term") > 1:
                problems.append(
                    RowError(line, N_("<%(element)s> holds more than one <term>."), {"element": name})
                )
        elif name == "descripGrp" and sum(local_name(c) == "descrip" for c in element) > 1:
            problems.append(RowError(line, N_("<descripGrp> holds more than one <descrip>."), {}))
        elif name in _LANG_TAGS and not element.get(XML_LANG):
            problems.append(RowError(line, N_("<%(element)s> has no xml:lang."), {"element": name}))
    return problems


def _terms_for(lang_sections: list[etree._Element], language: str) -> list[_TbxTerm]:
    """The terms of the language sections matching ``language``: exact tag first, then primary subtag."""
    wanted = language.replace("_", "-").lower()
    exact = [s for s in lang_sections if s.get(XML_LANG, "").replace("_", "-").lower() == wanted]
    chosen = exact or [
        s for s in lang_sections if primary_subtag(s.get(XML_LANG, "")) == primary_subtag(language)
    ]
    terms: list[_TbxTerm] = []
    for section in chosen:
        for holder in section:
            if local_name(holder) in _TERM_HOLDER_TAGS:
                term = _read_term(holder)
                if term.text:
                    terms.append(term)
    return terms


def _read_term(holder: etree._Element) -> _TbxTerm:
    text, status, part_of_speech = "", "", ""
    for element in holder.iter():
        name = local_name(element)
        if name == "term" and not text:
            text = _clean(element)
            continue
        category = _category(element)
        value = _clean(element)
        if category in _STATUS_CATEGORIES and not status:
            lowered = value.lower()
            if lowered in _PREFERRED:
                status = "preferred"
            elif lowered in _ADMITTED:
                status = "admitted"
            elif lowered in _FORBIDDEN:
                status = "forbidden"
        elif category == "partOfSpeech" and not part_of_speech:
            part_of_speech = value
    return _TbxTerm(text, status, part_of_speech)


def _entry_terms(
    entry: etree._Element,
    lang_sections: list[etree._Element],
    sources: list[_TbxTerm],
    targets: list[_TbxTerm],
    source_lang: str,
    target_lang: str,
) -> Iterable[TermData]:
    usable_targets = [t for t in targets if t.status != "forbidden"]
    if not usable_targets:
        return
    preferred = next((t for t in usable_targets if t.status == "preferred"), usable_targets[0])
    variants = tuple(
        dict.fromkeys(t.text for t in usable_targets if t is not preferred and t.text != preferred.text)
    )
    forbidden = tuple(dict.fromkeys(t.text for t in targets if t.status == "forbidden"))
    domain, notes, flags = _concept_data(entry, lang_sections, source_lang, target_lang)
    for source in sources:
        if source.status == "forbidden":
            continue
        yield TermData(
            source_term=source.text,
            target_term=preferred.text,
            variants=variants,
            forbidden=forbidden,
            part_of_speech=source.part_of_speech or preferred.part_of_speech,
            domain=domain,
            note="\n".join(notes),
            case_sensitive="case-sensitive" in flags,
            do_not_translate="do-not-translate" in flags,
            status=STATUS_PROPOSED if "proposed" in flags else STATUS_APPROVED,
        )


def _concept_data(
    entry: etree._Element, lang_sections: list[etree._Element], source_lang: str, target_lang: str
) -> tuple[str, list[str], set[str]]:
    """Domain, notes and Copydesk flags of a concept: from the entry and the pair's language sections."""
    domain = ""
    notes: list[str] = []
    flags: set[str] = set()
    pair = {primary_subtag(source_lang), primary_subtag(target_lang)}
    scopes = [entry] + [s for s in lang_sections if primary_subtag(s.get(XML_LANG, "")) in pair]
    for scope in scopes:
        for element in _data_elements(scope):
            category = _category(element)
            value = _clean(element)
            if not value:
                continue
            if category == "subjectField" and not domain:
                domain = value
            elif category == "definition" or (local_name(element) == "note" and scope is entry):
                notes.append(value)
            elif category == FLAGS_TYPE:
                flags.update(value.split())
    return domain, list(dict.fromkeys(notes)), flags


def _data_elements(scope: etree._Element) -> Iterable[etree._Element]:
    """The data-category children of a concept or language section, looking inside ``*Grp`` wrappers."""
    for child in scope:
        name = local_name(child)
        if name in _LANG_TAGS or name in _TERM_HOLDER_TAGS:
            continue
        if name.endswith("Grp"):
            yield from (grandchild for grandchild in child if local_name(grandchild))
        elif name:
            yield child


def write_tbx(terms: Iterable[TermData], source_lang: str, target_lang: str) -> bytes:
    """Export ``terms`` as a TBX-Basic v3 file (DCA style) that :func:`parse_tbx` reads back unchanged."""
    root = etree.Element(f"{{{TBX_NAMESPACE}}}tbx", nsmap={None: TBX_NAMESPACE})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, source_lang)
    header = _sub(root, "tbxHeader")
    _sub(_sub(_sub(header, "fileDesc"), "sourceDesc"), "p", "Exported from Copydesk")
    body = _sub(_sub(root, "text"), "body")
    for number, term in enumerate(terms, start=1):
        entry = _sub(body, "conceptEntry", id=f"c{term.id if term.id is not None else number}")
        if term.domain:
            _sub(entry, "descrip", term.domain, type="subjectField")
        flags = [
            name
            for name, on in (
                ("case-sensitive", term.case_sensitive),
                ("do-not-translate", term.do_not_translate),
                ("proposed", term.status == STATUS_PROPOSED),
            )
            if on
        ]
        if flags:
            _sub(entry, "admin", " ".join(flags), type=FLAGS_TYPE)
        if term.note:
            _sub(entry, "note", term.note)
        source_section = _sub(entry, "langSec", **{XML_LANG: source_lang})
        _term_section(source_section, term.source_term, term.part_of_speech, "")
        target_section = _sub(entry, "langSec", **{XML_LANG: target_lang})
        preferred = term.target_term or (term.source_term if term.do_not_translate else "")
        _term_section(target_section, preferred, term.part_of_speech, "preferredTerm-admn-sts")
        for variant in term.variants:
            _term_section(target_section, variant, "", "admittedTerm-admn-sts")
        for rendering in term.forbidden:
            _term_section(target_section, rendering, "", "deprecatedTerm-admn-sts")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _sub(parent: etree._Element, name: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TBX_NAMESPACE}}}{name}", attrib=attributes)
    if text:
        element.text = text
    return element


def _term_section(section: etree._Element, text: str, part_of_speech: str, status: str) -> None:
    holder = _sub(section, "termSec")
    _sub(holder, "term", text)
    if part_of_speech:
        _sub(holder, "termNote", part_of_speech, type="partOfSpeech")
    if status:
        _sub(holder, "termNote", status, type="administrativeStatus")
