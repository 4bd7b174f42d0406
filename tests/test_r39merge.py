"""A coarser report that fits several occurrences equally well joins the one most outlets
tell, when it is told by at least three documents and twice as many as any other (issue 13):
a month's report of a trip beside the days outlets date it by, a year's report of a contract
beside its signing and an earlier step; a report naming a party that occurrence lacks, or
two occurrences told alike, leave it on its own."""

from __future__ import annotations

from test_occurrences import report

from pipeline import occurrences

PAIR = ("USA", "PAN")


def _clusters(reports):
    return sorted(sorted(r.key for r in o) for o in occurrences.cluster(reports))


def _talks(docs: int, arrival_docs: int = 1):
    return [report("talks", "2025-04-08", PAIR, kind="senior_visit",
                   docs=[f"t{i}" for i in range(docs)]),
            report("arrival", "2025-04-07", PAIR, kind="senior_visit",
                   docs=[f"a{i}" for i in range(arrival_docs)])]


def test_a_months_report_joins_the_day_most_outlets_tell():
    month = report("month", "2025-04", PAIR, kind="senior_visit")
    assert _clusters([*_talks(4), month]) == [["arrival"], ["month", "talks"]]


def test_two_occurrences_told_alike_leave_it_on_its_own():
    month = report("month", "2025-04", PAIR, kind="senior_visit")
    assert _clusters([*_talks(3, arrival_docs=2), month]) == [
        ["arrival"], ["month"], ["talks"]]
    assert _clusters([*_talks(2), month]) == [["arrival"], ["month"], ["talks"]]


def test_a_report_naming_a_party_the_occurrence_lacks_stays_on_its_own():
    both = report("both", "2025-04", ("USA", "GBR", "PAN"), kind="senior_visit")
    british = report("british", "2025-04-09", ("GBR", "PAN"), kind="senior_visit")
    assert _clusters([*_talks(4)[:1], british, both]) == [["both"], ["british"], ["talks"]]
