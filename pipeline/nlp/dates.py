"""Date expressions resolved in reading order: see ``timeline.py`` (kept for callers)."""

from pipeline.nlp.timeline import DateMention, find

__all__ = ["DateMention", "find"]
