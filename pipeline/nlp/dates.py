"""Date expressions resolved in reading order: see ``datescan.py`` and ``timeline.py``
(kept for callers)."""

from pipeline.nlp.datescan import DateMention
from pipeline.nlp.timeline import find

__all__ = ["DateMention", "find"]
