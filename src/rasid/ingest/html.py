"""Main text, title and publication date from an HTML page, with trafilatura.

trafilatura is imported lazily: it is only needed for HTML and costs start-up time.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.S | re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.S | re.I)


@dataclass
class HtmlContent:
    text: str
    title: str | None
    published: str | None


def extract_html(markup: str) -> HtmlContent:
    """Extract the article body (falling back to all visible text) plus title and date."""
    import trafilatura

    text = trafilatura.extract(markup, output_format="txt", include_comments=False,
                               include_tables=False, favor_recall=True)
    title = published = None
    try:
        meta = trafilatura.extract_metadata(markup)
    except Exception:  # trafilatura raises assorted errors on broken markup
        meta = None
    if meta is not None:
        title = meta.title or None
        published = meta.date or None
    if not text:
        text = _visible_text(markup)
    if title is None:
        m = _TITLE.search(markup)
        if m:
            title = html_lib.unescape(_TAG.sub("", m.group(1))).strip() or None
    return HtmlContent(text=text.strip(), title=title, published=published)


def _visible_text(markup: str) -> str:
    text = _TAG.sub("\n", markup)
    text = html_lib.unescape(text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
