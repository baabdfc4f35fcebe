"""Find quotation-mark spans in one linear pass, tolerant of unbalanced and nested marks.

Paired marks («…», “…”, ‹…›, „…“) nest; the symmetric ASCII marks ("…", '…') open or close by
which side has a letter (the way Markdown decides emphasis). An opening mark never reaches
across a blank line or further than ``MAX_QUOTE_CHARS``; an unmatched mark is dropped, never an
error. Only the outermost spans are returned: a quote inside a quote belongs to its outer one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MAX_QUOTE_CHARS", "MarkSpan", "find_marks"]

MAX_QUOTE_CHARS = 3000

_OPEN_TO_CLOSE = {"«": "»", "“": "”", "‹": "›", "„": "“"}
_CLOSERS = {"»": "«", "”": "“", "›": "‹"}
_SYMMETRIC = {'"', "'", "＂"}
_OPEN_BEFORE = set(" \t\n([{-–—/:،؛,;ـ") | {"«", "“"}
_CLOSE_AFTER = set(" \t\n)]}-–—/:،؛,;.!?؟…") | {"»", "”"}


@dataclass(frozen=True)
class MarkSpan:
    """``open``/``close`` are the indices of the marks themselves; the content lies between."""

    open: int
    close: int
    mark: str

    @property
    def content(self) -> tuple[int, int]:
        return self.open + 1, self.close


def _is_arabic_letter(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" and ch.isalpha()


def find_marks(text: str) -> list[MarkSpan]:
    """Outermost quotation spans of ``text``, in order of their opening marks."""
    stack: list[tuple[str, int]] = []  # (opening mark, index)
    counts: dict[str, int] = {}
    found: list[MarkSpan] = []
    n = len(text)

    def push(mark: str, i: int) -> None:
        stack.append((mark, i))
        counts[mark] = counts.get(mark, 0) + 1

    def pop_to(mark: str, i: int) -> None:
        """Close the innermost open ``mark``; marks opened inside it and left open are dropped."""
        while stack:
            m, j = stack.pop()
            counts[m] -= 1
            if m == mark:
                if 0 < i - j <= MAX_QUOTE_CHARS and text[j + 1:i].strip():
                    found.append(MarkSpan(j, i, m))
                return

    for i, ch in enumerate(text):
        if ch == "\n" and stack and i + 1 < n and text[i + 1] == "\n":
            stack.clear()
            counts.clear()
            continue
        if ch in _OPEN_TO_CLOSE and not (ch == "“" and counts.get("„")):
            push(ch, i)
        elif ch in _CLOSERS or (ch == "“" and counts.get("„")):
            opener = "„" if ch == "“" else _CLOSERS[ch]
            if counts.get(opener):
                pop_to(opener, i)
            elif ch == "”" and counts.get("”"):
                pop_to("”", i)  # the pair ”…” (a common typo for “…”)
            elif ch == "”" and i + 1 < n and text[i + 1].isalpha() and \
                    (i == 0 or text[i - 1] in _OPEN_BEFORE):
                push("”", i)
        elif ch in _SYMMETRIC:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < n else " "
            clitic = i >= 1 and text[i - 1] in "وفبلك" and (i == 1 or text[i - 2] in " \n(")
            can_open = (before in _OPEN_BEFORE or before in _SYMMETRIC or clitic) and \
                (not after.isspace() or before == ":")  # 'وأردفت:" إن …'
            can_close = not before.isspace() and (after in _CLOSE_AFTER or after in _SYMMETRIC
                                                  or i + 1 == n)
            if ch == "'":
                # apostrophes in Latin text are not quotes; Arabic '…' needs an Arabic letter
                can_open = can_open and _is_arabic_letter(after)
                can_close = can_close and (_is_arabic_letter(before) or before in ".!?؟")
            open_now = counts.get(ch, 0) > 0
            if open_now and (can_close or not can_open):
                pop_to(ch, i)
            elif can_open:
                if open_now and not (_short_pair_ahead(text, i, ch)
                                     and _after_colon(text, _innermost(stack, ch))):
                    # an opener while one is open: the earlier one was a stray mark, unless
                    # the open one follows a colon and a short name in the same marks closes
                    # right away ('وأضافت: "… شبكة "بي أوت كيو" موجودة …"'): then it nests
                    pop_to_discard(stack, counts, ch)
                push(ch, i)
    # outermost only: a span inside an earlier-opening span that contains it is dropped
    found.sort(key=lambda s: (s.open, -s.close))
    outer: list[MarkSpan] = []
    reach = -1
    for span in found:
        if span.open > reach:
            outer.append(span)
            reach = span.close
    return outer


def _innermost(stack: list[tuple[str, int]], ch: str) -> int:
    return next(j for m, j in reversed(stack) if m == ch)


def _after_colon(text: str, j: int) -> bool:
    """Whether the mark at j opens a quote introduced by a colon ('قالت: "…')."""
    return text[max(0, j - 2):j].strip().endswith(":")


def _short_pair_ahead(text: str, i: int, ch: str, limit: int = 40) -> bool:
    """Whether the mark opened at i closes within ``limit`` characters, on a letter."""
    j = text.find(ch, i + 1, i + 1 + limit)
    return j > i + 1 and not text[j - 1].isspace() and "\n" not in text[i:j]


def pop_to_discard(stack: list[tuple[str, int]], counts: dict[str, int], mark: str) -> None:
    """Remove the innermost open ``mark`` (and what opened after it) without recording it."""
    while stack:
        m, _ = stack.pop()
        counts[m] -= 1
        if m == mark:
            return
