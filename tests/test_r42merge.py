"""A lead dated by the day it is told ("salió este miércoles a aclarar las dudas sobre el
Acuerdo ... firmado") and a later sentence pointing back at the agreement with its own,
earlier day ("El acuerdo fue rubricado el lunes 15") are one signing, dated by that day
(issue 13, ``merge._told_before``); one told more than a week before the lead's day
(``TOLD_BEFORE_DAYS``) is another signing."""

from __future__ import annotations

from test_nlp import events_of

LEAD = ("El ministro de Defensa de Paraguay salió este miércoles a aclarar las dudas sobre el "
        "Acuerdo sobre el Estatuto de las Fuerzas firmado con Estados Unidos.\n\n")


def test_a_lead_told_on_its_day_joins_the_signing_a_later_sentence_dates():
    text = LEAD + ("El acuerdo fue rubricado el lunes 15 en Washington por el canciller "
                   "paraguayo y el secretario de Estado estadounidense.")
    assert events_of(text, "es", "2025-12-17") == [
        ("agreement", ("PRY", "USA"), "2025-12-15", 2)]


def test_a_signing_told_more_than_a_week_before_the_lead_stays_apart():
    text = LEAD + ("El acuerdo de ciberdefensa fue rubricado el 2 de diciembre en Asunción por "
                   "el canciller paraguayo y el embajador estadounidense.")
    assert sorted(events_of(text, "es", "2025-12-17")) == [
        ("agreement", ("PRY", "USA"), "2025-12-02", 1),
        ("agreement", ("PRY", "USA"), "2025-12-17", 1)]
