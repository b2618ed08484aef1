"""What differs between the segment being translated and a translation-memory match's source.

The translator sees the query with the match's differences marked: ``("equal", text)`` is shared,
``("delete", text)`` is in the match's source but not in the query, ``("insert", text)`` is in the query
but not in the match's source. Concatenating the equal and insert spans gives back the query; equal and
delete spans give back the match's source. Chinese and Japanese are compared character by character, other
languages word by word (spaces and punctuation are their own tokens), so a changed word is shown whole.
"""

from __future__ import annotations

import re
from typing import Literal

from rapidfuzz.distance import Indel

from workflow.memory.scoring import is_character_scored

DiffOp = Literal["equal", "insert", "delete"]

_WORDISH_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")


def _tokens(text: str, language: str) -> list[str]:
    if is_character_scored(language):
        return list(text)
    return _WORDISH_TOKEN_RE.findall(text)


def diff_spans(query: str, match_source: str, language: str) -> list[tuple[DiffOp, str]]:
    """The query and the match's source as a list of ``(op, text)`` spans (see module doc for the ops).

    Within each changed stretch the deleted text comes before the inserted text, and neighbouring spans
    with the same op are merged, so the list is ready to render.
    """
    source_tokens = _tokens(match_source, language)
    query_tokens = _tokens(query, language)
    spans: list[tuple[DiffOp, str]] = []
    pending_delete: list[str] = []
    pending_insert: list[str] = []

    def flush_changes() -> None:
        if pending_delete:
            _append(spans, "delete", "".join(pending_delete))
            pending_delete.clear()
        if pending_insert:
            _append(spans, "insert", "".join(pending_insert))
            pending_insert.clear()

    for opcode in Indel.opcodes(source_tokens, query_tokens):
        if opcode.tag == "equal":
            flush_changes()
            _append(spans, "equal", "".join(source_tokens[opcode.src_start : opcode.src_end]))
        elif opcode.tag == "delete":
            pending_delete.extend(source_tokens[opcode.src_start : opcode.src_end])
        else:
            pending_insert.extend(query_tokens[opcode.dest_start : opcode.dest_end])
    flush_changes()
    return spans


def _append(spans: list[tuple[DiffOp, str]], op: DiffOp, text: str) -> None:
    if not text:
        return
    if spans and spans[-1][0] == op:
        spans[-1] = (op, spans[-1][1] + text)
    else:
        spans.append((op, text))
