"""Event assembly: triggers + parties + dates in a sentence become events.

A sentence with a trigger proposes a candidate of the trigger's type. Its parties are
the extra-regional powers and LAC states named in it (countries, institutions'
countries, capitals); a side it lacks ("the two sides", "o ministro") is taken from
the nearest earlier sentence of the paragraph, then from the headline. Cues (negation,
hedges, recommendations, aggregates) veto it. Candidates that agree (same type,
shared parties, dates equal at the coarser precision) merge into one event with
several evidence rows; an undated candidate joins such an event or falls back to the
publication date (precision ``month``, ``date_source = published``).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.nlp.dates import DateMention
from pipeline.nlp.models import Models
from pipeline.records import Document, Event, Evidence

CONTEXT_SENTENCES = 3


@dataclass
class Candidate:
    type: str
    countries: set[str]
    date: str | None
    precision: str | None
    sentence: Span
    trigger: Span
    from_context: bool
    persons: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    location: str | None = None


def assemble(doc: Doc, dates: list[DateMention], document: Document, models: Models) -> list[Event]:
    sentences = list(doc.sents)
    ents, triggers_in, cues_in, persons_in = _by_sentence(doc, sentences)
    parties = [_parties(ents[i], models) for i in range(len(sentences))]
    candidates = []
    for index, sent in enumerate(sentences):
        triggers = triggers_in[index]
        if not triggers:
            continue
        cues = cues_in[index]
        seen_types = set()
        for trigger in triggers:
            if trigger.label_ in seen_types or _vetoed(trigger, cues, models):
                continue
            seen_types.add(trigger.label_)
            countries, from_context = _with_context(index, sentences, parties, models)
            if countries is None:
                continue
            date = _nearest_date(trigger, sent, dates)
            candidates.append(Candidate(
                type=trigger.label_, countries=countries,
                date=date.value if date else None, precision=date.precision if date else None,
                sentence=sent, trigger=trigger, from_context=from_context,
                persons=[p.kb_id_ for p in persons_in[index]],
                institutions=[e.kb_id_ for e in ents[index] if e.label_ == "INSTITUTION"],
                location=next((e.kb_id_ for e in ents[index] if e.label_ == "LOCATION"), None),
            ))
    return [_event(group, document) for group in _merge(candidates)]


def _by_sentence(doc: Doc, sentences: list[Span]) -> tuple[list[list[Span]], ...]:
    """Per sentence: its entities (as ``sent.ents``), and the triggers, cues and persons
    that start in it (as ``span.sent``), found in one pass instead of once per sentence."""
    starts = [s.start for s in sentences]
    ents: list[list[Span]] = [[] for _ in sentences]
    for ent in doc.ents:
        i = bisect_right(starts, ent.start) - 1
        if ent.end <= sentences[i].end:
            ents[i].append(ent)
    groups = []
    for name in ("triggers", "cues", "persons"):
        group: list[list[Span]] = [[] for _ in sentences]
        for span in doc.spans[name]:
            group[bisect_right(starts, span.start) - 1].append(span)
        groups.append(group)
    return (ents, *groups)


def _parties(ents: list[Span], models: Models) -> tuple[set[str], set[str]]:
    """(extra-regional powers, LAC states) the sentence's entities name."""
    extra, lac = set(), set()
    for ent in ents:
        code = ent.kb_id_ if ent.label_ == "COUNTRY" else _country_of(ent, models)
        region = models.regions.get(code or "")
        if region == "extra":
            extra.add(code)
        elif region == "LAC":
            lac.add(code)
    return extra, lac


def _country_of(ent: Span, models: Models) -> str | None:
    for p in _index(models).get((ent.label_, ent.kb_id_), ()):
        return p
    return None


_INDEX: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {}


def _index(models: Models) -> dict[tuple[str, str], tuple[str, ...]]:
    if models.version not in _INDEX:
        index: dict[tuple[str, str], list[str]] = {}
        for p in models.phrases:
            if p.country and p.label in ("INSTITUTION", "LOCATION"):
                countries = index.setdefault((p.label, p.id), [])
                if p.country not in countries:
                    countries.append(p.country)
        _INDEX[models.version] = {k: tuple(v) for k, v in index.items()}
    return _INDEX[models.version]


def _with_context(index: int, sentences: list[Span], parties, models: Models
                  ) -> tuple[set[str] | None, bool]:
    extra, lac = (set(x) for x in parties[index])
    from_context = False
    if not extra or not lac:
        from_context = True
        earlier = range(index - 1, max(-1, index - 1 - CONTEXT_SENTENCES), -1)
        for j in [*earlier, 0]:
            e, la = parties[j]
            if not extra and e:
                extra = set(e)
            if not lac and la:
                lac = set(la)
            if extra and lac:
                break
    if not extra or not lac:
        return None, from_context
    return extra | lac, from_context


def _vetoed(trigger: Span, cues: list[Span], models: Models) -> bool:
    for cue in cues:
        window = models.cue_windows.get(cue.kb_id_, 0)
        if window == 0:
            return True
        if cue.end <= trigger.start and trigger.start - cue.end <= window:
            return True
    return False


def _nearest_date(trigger: Span, sent: Span, dates: list[DateMention]) -> DateMention | None:
    start, end = sent.start_char, sent.end_char
    inside = [d for d in dates if start <= d.start < end and d.value]
    if not inside:
        return None
    return min(inside, key=lambda d: abs(d.start - trigger.start_char))


def _compatible(a: Candidate, b: Candidate, models: Models | None = None) -> bool:
    if a.type != b.type or not (a.countries & b.countries):
        return False
    if a.date is None or b.date is None:
        return True
    n = min(len(a.date), len(b.date))
    return a.date[:n] == b.date[:n]


def _merge(candidates: list[Candidate]) -> list[list[Candidate]]:
    rank = {"day": 0, "month": 1, "year": 2, None: 3}
    order = sorted(range(len(candidates)), key=lambda i: (rank[candidates[i].precision], i))
    groups: list[list[Candidate]] = []
    for i in order:
        cand = candidates[i]
        fits = [g for g in groups if _compatible(g[0], cand)]
        if fits:
            # the nearest group in the text
            best = min(fits, key=lambda g: min(abs(c.sentence.start - cand.sentence.start) for c in g))
            best.append(cand)
        else:
            groups.append([cand])
    return groups


def _event(group: list[Candidate], document: Document) -> Event:
    head = group[0]
    date, precision, source = head.date, head.precision, "stated"
    if date is None:
        if document.published:
            date, precision, source = document.published[:7], "month", "published"
        else:
            source = "none"
    countries = tuple(sorted(set().union(*(c.countries for c in group))))
    key = hashlib.sha256(f"{head.type}|{','.join(countries)}|{date or ''}".encode()).hexdigest()[:16]
    confidence = 0.9 - (0.2 if all(c.from_context for c in group) else 0) \
        - (0.1 if source != "stated" else 0) + 0.03 * (len(group) - 1)
    evidence = tuple(sorted({_evidence(c, document) for c in group}, key=lambda e: e.start))
    return Event(
        key=key, type=head.type, date=date, date_precision=precision, date_source=source,
        countries=countries,
        location=next((c.location for c in group if c.location), None),
        persons=tuple(dict.fromkeys(p for c in group for p in c.persons)),
        institutions=tuple(dict.fromkeys(i for c in group for i in c.institutions)),
        confidence=round(max(0.1, min(0.99, confidence)), 2), evidence=evidence,
    )


def _evidence(c: Candidate, document: Document) -> Evidence:
    sent = c.sentence
    text = document.text[sent.start_char:sent.end_char]
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    page = bisect_right(document.page_offsets, start) if document.page_offsets else None
    return Evidence(
        document_id=document.id, sentence=document.text[start:end], start=start, end=end,
        page=page, rule=c.trigger.kb_id_, trigger=c.trigger.text,
        trigger_start=c.trigger.start_char, trigger_end=c.trigger.end_char,
    )
