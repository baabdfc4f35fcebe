"""Quote attribution: direct and indirect quotes with speaker, verb, addressee and source.

    >>> from rasid.quotes import extract_quotes
    >>> [q.kind for q in extract_quotes('وقال الوزير إن المحادثات كانت "مثمرة جدا وصريحة".')]
    ['indirect']

The pipeline component ``rasid_quotes`` (rasid.pipeline.quotes) runs this on each document with
the record's sentences and entities; :func:`rasid.quotes.render.render_quotes` draws the
"who said what" table.
"""

from rasid.quotes.extract import extract_quotes
from rasid.quotes.marks import MarkSpan, find_marks

__all__ = ["MarkSpan", "extract_quotes", "find_marks"]
