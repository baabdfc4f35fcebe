"""Arabic time expressions: tagging, normalisation against the publication date, datelines,
the event-time helper and a record's timeline.

    >>> import datetime as dt
    >>> from rasid.time import tag_times
    >>> times, warnings = tag_times("وصل الوفد أمس", dt.date(2024, 10, 11))
    >>> times[0].value
    '2024-10-10'
"""

from rasid.time.dateline import find_published
from rasid.time.events import TimelineEntry, event_time, sort_key, timeline
from rasid.time.tagger import tag_times

__all__ = ["TimelineEntry", "event_time", "find_published", "sort_key", "tag_times",
           "timeline"]
