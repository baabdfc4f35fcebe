"""Arabic time expressions: tagging, normalisation against the publication date, datelines
and the event-time helper.

    >>> import datetime as dt
    >>> from rasid.time import tag_times
    >>> times, warnings = tag_times("وصل الوفد أمس", dt.date(2024, 10, 11))
    >>> times[0].value
    '2024-10-10'
"""

from rasid.time.tagger import tag_times

__all__ = ["tag_times"]
