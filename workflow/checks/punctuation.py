"""Punctuation in Latin-script translations: Chinese marks left behind, unbalanced pairs, doubled marks.

Machine translation from Chinese often keeps full-width commas, 《》 title marks, the ideographic space and
the doubled dash (——) or ellipsis (……), drops the final stop, puts a space before a comma ("here ,
and") or none after it ("biomedicine,integrated"). Curly quotes, apostrophes and a single em or en dash
are ordinary English typography and are never reported.
"""

from __future__ import annotations

import re

from workflow.checks.base import N_, Check, CheckContext, Finding, primary_subtag

_CJK_TARGETS = frozenset({"zh", "yue", "ja", "ko"})
# fmt: off
_REPLACEMENTS = {
    "，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "、": ",", "！": "!", "？": "?",
    "《": '"', "》": '"', "【": "[", "】": "]", "「": '"', "」": '"', "『": '"', "』": '"', "〈": '"',
    "〉": '"', "〔": "(", "〕": ")", "\u3000": " ", "％": "%", "～": "~", "－": "-", "＋": "+", "／": "/",
    "＆": "&", "＃": "#", "＊": "*", "＝": "=", "＜": "<", "＞": ">", "＠": "@", "｜": "|", "．": ".",
    "＂": '"', "＇": "'", "［": "[", "］": "]", "｛": "{", "｝": "}",
}
# fmt: on
_CHINESE_MARK = re.compile(r"——+|――+|……+|[" + re.escape("".join(_REPLACEMENTS)) + "]")
_DOUBLED_MARK = re.compile(r"(?<!\.)\.\.(?!\.)|,[,.;:]|;[,.;:]|:[,;]|::")
_DOUBLED_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_SPACE_BEFORE_MARK = re.compile(r"(?<=[\w\"”’)\]%])[ \u00a0]+(?=[,;:?!](?=\s|$|[\"”’)])|\.(?!\.)(?=\s|$))")
# A comma or semicolon glued to the next word ("biomedicine,integrated"); digits (1,356) are left alone.
_NO_SPACE_AFTER_MARK = re.compile(r"(?<=[A-Za-z)\]\"”’])[,;](?=[A-Za-z(“])")
_SOURCE_FINAL_STOP = re.compile(r"[。！？.!?…][\s”’」』）)\"']*$")
_TARGET_ENDS_BARE = re.compile(r"[^\W_](?=[\s”’\"')\]]*$)")
_QUOTE_CHARS = re.compile(r"[\"“”「」『』]")


class PunctuationCheck(Check):
    """Chinese punctuation in a Latin-script target, unbalanced pairs, doubled marks and spaces."""

    id = "punctuation"
    name = N_("Punctuation")
    description = N_(
        "Full-width or Chinese punctuation left in the translation, unbalanced quotes or brackets, "
        "doubled punctuation or spaces, a space before a comma or stop, or a missing final stop."
    )

    def check_pair(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        """Run every punctuation rule on a Latin-script target (CJK targets follow other conventions)."""
        if primary_subtag(context.target_lang) in _CJK_TARGETS or not target.strip():
            return []
        findings = self._chinese_marks(target)
        findings += self._doubled(target)
        findings += self._unbalanced(source, target)
        if primary_subtag(context.target_lang) == "en":
            findings += [
                self.finding(
                    N_("Space before '%(mark)s'."),
                    params={"mark": target[match.end()]},
                    start=match.start(),
                    end=match.end(),
                    suggestions=("",),
                )
                for match in _SPACE_BEFORE_MARK.finditer(target)
            ]
            findings += [
                self.finding(
                    N_("No space after '%(mark)s'."),
                    params={"mark": match.group(0)},
                    start=match.start(),
                    end=match.end(),
                    suggestions=(match.group(0) + " ",),
                )
                for match in _NO_SPACE_AFTER_MARK.finditer(target)
                if not _inside_url_or_code(target, match.start())
            ]
        findings += self._missing_final_stop(source, target)
        return findings

    def _chinese_marks(self, target: str) -> list[Finding]:
        """Each full-width or Chinese mark, with the Latin mark to use instead."""
        findings = []
        for match in _CHINESE_MARK.finditer(target):
            mark = match.group(0)
            if mark[0] in "—―":
                replacement = "—"
            elif mark[0] == "…":
                replacement = "..."
            else:
                replacement = _REPLACEMENTS[mark]
            findings.append(
                self.finding(
                    N_("Chinese or full-width punctuation '%(mark)s' in the translation."),
                    params={"mark": mark if mark != "\u3000" else "U+3000"},
                    start=match.start(),
                    end=match.end(),
                    suggestions=(replacement,),
                )
            )
        return findings

    def _doubled(self, target: str) -> list[Finding]:
        """Doubled marks such as ",," or ".." (not the "..." ellipsis) and doubled spaces between words."""
        findings = [
            self.finding(
                N_("Doubled punctuation '%(mark)s'."),
                params={"mark": match.group(0)},
                start=match.start(),
                end=match.end(),
                suggestions=(match.group(0)[0],),
            )
            for match in _DOUBLED_MARK.finditer(target)
        ]
        findings += [
            self.finding(N_("Doubled space."), start=match.start(), end=match.end(), suggestions=(" ",))
            for match in _DOUBLED_SPACE.finditer(target)
        ]
        return findings

    def _unbalanced(self, source: str, target: str) -> list[Finding]:
        """Unmatched brackets, and unbalanced quotes unless the source's quotes are unbalanced too.

        A quotation running over several paragraphs legitimately leaves a paragraph's quote open; the
        Chinese source then shows the same, so the target is only judged when the source is balanced.
        """
        findings = [
            self.finding(
                N_("Unmatched '%(mark)s'."),
                params={"mark": target[position]},
                start=position,
                end=position + 1,
            )
            for position in _unmatched_brackets(target)
        ]
        if _quotes_unbalanced(source):
            return findings
        straight = [match.start() for match in re.finditer('"', target)]
        if len(straight) % 2:
            findings.append(
                self.finding(
                    N_("Unbalanced quotation marks: '%(mark)s' has no partner."),
                    params={"mark": '"'},
                    start=straight[-1],
                    end=straight[-1] + 1,
                )
            )
        findings += [
            self.finding(
                N_("Unbalanced quotation marks: '%(mark)s' has no partner."),
                params={"mark": target[position]},
                start=position,
                end=position + 1,
            )
            for position in _unmatched_pairs(target, "“", "”")
        ]
        return findings

    def _missing_final_stop(self, source: str, target: str) -> list[Finding]:
        """A stop missing at the end when the source sentence has one (headings have none and are skipped)."""
        if not _SOURCE_FINAL_STOP.search(source):
            return []
        bare_end = _TARGET_ENDS_BARE.search(target, max(0, len(target) - 20))
        if bare_end is None:
            return []
        position = bare_end.end()
        return [
            self.finding(
                N_("The source ends with a full stop but the translation does not."),
                start=position,
                end=position,
                suggestions=(".",),
            )
        ]


def _inside_url_or_code(text: str, position: int) -> bool:
    """Whether a position lies in a token without spaces that looks like a URL, path or code (a=1,b=2)."""
    start = text.rfind(" ", 0, position) + 1
    end = text.find(" ", position)
    token = text[start : end if end != -1 else len(text)]
    return any(marker in token for marker in ("://", "www.", "/", "=", "@"))


def _unmatched_pairs(text: str, opening: str, closing: str) -> list[int]:
    """Positions of opening or closing marks of one kind that have no partner."""
    open_positions: list[int] = []
    unmatched: list[int] = []
    for match in re.finditer(f"[{re.escape(opening)}{re.escape(closing)}]", text):
        position = match.start()
        if match.group(0) == opening:
            open_positions.append(position)
        else:
            if open_positions:
                open_positions.pop()
            else:
                unmatched.append(position)
    return sorted(unmatched + open_positions)


_LIST_MARKER = re.compile(r"(?:^|(?<=\s))[\da-zA-Z]{1,2}\)|[:;]-?\)")


def _unmatched_brackets(text: str) -> list[int]:
    """Unmatched ( ) and [ ]; list markers such as "a)" or "2)" are not brackets."""
    if "(" not in text and ")" not in text and "[" not in text and "]" not in text:
        return []
    masked = _LIST_MARKER.sub(lambda match: " " * len(match.group(0)), text)
    return sorted(_unmatched_pairs(masked, "(", ")") + _unmatched_pairs(masked, "[", "]"))


def _quotes_unbalanced(source: str) -> bool:
    """Whether the source itself leaves a quotation open (so the target may too)."""
    quotes = _QUOTE_CHARS.findall(source)
    if not quotes:
        return False
    return (
        quotes.count('"') % 2 == 1
        or quotes.count("“") != quotes.count("”")
        or quotes.count("「") != quotes.count("」")
        or quotes.count("『") != quotes.count("』")
    )
