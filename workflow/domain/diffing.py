"""Word-level diffs between two versions of a segment, and how much post-editing an MT draft needed.

Editors review what a translator changed against the MT draft, and the history shows what each revision
changed; both need a diff a person can read: whole words for space-separated text, single characters for
Chinese, Japanese and Korean (which have no spaces to split words on). ``render_diff_html`` turns a diff
into ``<ins>``/``<del>`` markup with every piece of text escaped, because segment text is user input.

``edit_distance_percent`` is the post-editing effort figure shown per segment and averaged per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup, escape
from rapidfuzz.distance import Indel, Levenshtein

# Scripts written without spaces between words: each character is its own token.
_CJK_CHARS = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3130-\u318f"  # Hangul compatibility Jamo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\U00020000-\U0003134f"  # CJK extensions B–H
)
_TOKEN = re.compile(
    rf"[{_CJK_CHARS}]"  # one CJK character
    rf"|(?:(?![{_CJK_CHARS}])\w)+"  # a word (letters, digits) of a space-separated script
    r"|\s+"  # a run of whitespace
    rf"|(?:(?![{_CJK_CHARS}])[^\w\s])+"  # a run of punctuation and symbols
)


DiffOpKind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class DiffOp:
    """One run of a diff: text both versions share (equal), or that only the new (insert) or old has."""

    op: DiffOpKind
    text: str


def tokenize(text: str) -> list[str]:
    """Split text into diff units: words, whitespace runs, punctuation runs, and single CJK characters.

    Joining the tokens gives back the text exactly, so a diff over tokens can be rendered losslessly.
    """
    return _TOKEN.findall(text)


def _raw_ops(old_tokens: list[str], new_tokens: list[str]) -> list[DiffOp]:
    """Token-level diff as runs, keeping the most tokens unchanged (a longest common subsequence).

    ``difflib.SequenceMatcher`` is not used: on repeated tokens ("5% 5% 5%") its longest-block heuristic
    reports an insertion as an insertion plus a deletion. Indel (insertions and deletions only) is the
    LCS; a Levenshtein alignment would prefer substitutions and lose shared words.
    """
    ops: list[DiffOp] = []
    for tag, old_start, old_end, new_start, new_end in Indel.opcodes(old_tokens, new_tokens):
        old_text = "".join(old_tokens[old_start:old_end])
        new_text = "".join(new_tokens[new_start:new_end])
        if tag == "equal":
            ops.append(DiffOp("equal", old_text))
            continue
        if old_text:
            ops.append(DiffOp("delete", old_text))
        if new_text:
            ops.append(DiffOp("insert", new_text))
    return ops


def _absorb_lone_whitespace(ops: list[DiffOp]) -> list[DiffOp]:
    """Fold a whitespace-only equal run between two changes into them, so a rewritten phrase reads as one.

    "the quick brown" → "a slow red" then shows as one deletion and one insertion instead of three pairs
    interleaved with unchanged spaces.
    """
    result: list[DiffOp] = []
    for index, op in enumerate(ops):
        between_changes = 0 < index < len(ops) - 1 and "equal" not in (ops[index - 1].op, ops[index + 1].op)
        if op.op == "equal" and between_changes and op.text.isspace():
            result += [DiffOp("delete", op.text), DiffOp("insert", op.text)]
        else:
            result.append(op)
    return result


def _merge_runs(ops: list[DiffOp]) -> list[DiffOp]:
    """Merge each stretch of changes into at most one delete then one insert, and adjacent equals."""
    merged: list[DiffOp] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush_changes() -> None:
        if deleted:
            merged.append(DiffOp("delete", "".join(deleted)))
        if inserted:
            merged.append(DiffOp("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op in ops:
        if op.op == "delete":
            deleted.append(op.text)
        elif op.op == "insert":
            inserted.append(op.text)
        else:
            flush_changes()
            if merged and merged[-1].op == "equal":
                merged[-1] = DiffOp("equal", merged[-1].text + op.text)
            else:
                merged.append(op)
    flush_changes()
    return merged


def _shared_edge_space(first: str, second: str, *, at_end: bool) -> str:
    """The whitespace both texts start with (or end with, when ``at_end``); empty if either is all space."""
    if first.isspace() or second.isspace():
        return ""
    if at_end:
        first, second = first[::-1], second[::-1]
    shared = []
    for first_char, second_char in zip(first, second, strict=False):
        if first_char != second_char or not first_char.isspace():
            break
        shared.append(first_char)
    return "".join(reversed(shared) if at_end else shared)


def _shared_space_to_equal(ops: list[DiffOp]) -> list[DiffOp]:
    """Move whitespace that a deletion and its insertion both start or end with out into the equal text.

    "<del>the trade in </del><ins>exports from </ins>the" becomes "<del>the trade in</del><ins>exports
    from</ins> the": the space was never changed, so it should not be marked.
    """
    result: list[DiffOp] = []
    index = 0
    while index < len(ops):
        if index + 1 == len(ops) or (ops[index].op, ops[index + 1].op) != ("delete", "insert"):
            result.append(ops[index])
            index += 1
            continue
        deleted, inserted = ops[index].text, ops[index + 1].text
        lead = _shared_edge_space(deleted, inserted, at_end=False)
        deleted, inserted = deleted[len(lead) :], inserted[len(lead) :]
        trail = _shared_edge_space(deleted, inserted, at_end=True)
        result += [
            DiffOp("equal", lead),
            DiffOp("delete", deleted[: len(deleted) - len(trail)]),
            DiffOp("insert", inserted[: len(inserted) - len(trail)]),
            DiffOp("equal", trail),
        ]
        index += 2
    return _merge_runs([op for op in result if op.text])


def word_diff(old: str, new: str) -> list[DiffOp]:
    """Diff two texts word by word (character by character in CJK), as merged runs.

    Joining the equal and delete runs gives ``old``; joining the equal and insert runs gives ``new``.
    Within a changed stretch the deletion comes before the insertion. Identical texts give one equal run,
    two empty texts give no runs.
    """
    ops = _raw_ops(tokenize(old), tokenize(new))
    return _shared_space_to_equal(_merge_runs(_absorb_lone_whitespace(ops)))


def edit_distance_percent(mt: str, final: str) -> float:
    """How much of an MT draft was changed to reach the final text, as a percentage with one decimal.

    This is the character-level Levenshtein distance (insertions, deletions and substitutions of one
    character each) divided by the length of the longer text, times 100: 0.0 means the MT was kept
    untouched, 100.0 that no character survived in place (a complete rewrite, or filling an empty
    draft). It counts characters, so it is comparable between Chinese and English targets only roughly.
    Two empty texts are 0.0.
    """
    return round(Levenshtein.normalized_distance(mt, final) * 100, 1)


_MARKUP_TAGS: dict[DiffOpKind, tuple[str, str]] = {
    "equal": ("", ""),
    "insert": ("<ins>", "</ins>"),
    "delete": ("<del>", "</del>"),
}


def render_diff_html(ops: list[DiffOp]) -> Markup:
    """Render a diff as HTML: inserted text in ``<ins>``, deleted text in ``<del>``, all text escaped.

    Returns ``Markup`` (a ``str``) so Jinja inserts it as is without escaping it twice; the text inside is
    escaped here, so a segment containing ``<script>`` shows as text, never as markup.
    """
    parts = []
    for op in ops:
        if not op.text:
            continue
        opening, closing = _MARKUP_TAGS[op.op]
        parts.append(f"{opening}{escape(op.text)}{closing}")
    return Markup("".join(parts))  # noqa: S704 — every piece of text above went through escape()
