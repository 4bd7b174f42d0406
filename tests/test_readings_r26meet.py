"""Which reading weighs a leaders' visit: the firmer word of a sentence that says it twice.

The event cases (``cases/events_*.jsonl``) compare types, states and dates; these sentences
tell the same event either way, so the frame its confidence weighs is what is asserted."""

import pytest

from pipeline.nlp import tag
from pipeline.records import Document

READINGS = [
    # a military leader's travel told with his talks: the talks (events._talks)
    ("en", "2023-07-10", "In June, Russian Colonel General Alexander Fomin visited Managua and "
     "met with President Daniel Ortega.", "senior_visit.meet"),
    ("es", "2014-03-10", "En julio de 2013, la viceministra de Defensa de Colombia viajó a Seúl "
     "y se reunió con su homólogo surcoreano.", "senior_visit.meet"),
    ("pt", "2013-03-10", "Em janeiro, o general brasileiro De Nardi esteve em Moscou e se reuniu "
     "com o chefe do Estado-Maior-Geral russo.", "senior_visit.meet"),
]


@pytest.mark.parametrize(("lang", "published", "text", "frame"), READINGS)
def test_the_visit_is_weighed_by_its_firmer_word(lang, published, text, frame):
    document = Document(id="t", url="case:t", source=None, title=None, text=text,
                        language=lang, published=published)
    visits = [e for e in tag(document, min_confidence=0.0).events if e.type == "senior_visit"]
    assert [[f for f in e.features if f.startswith("frame_")] for e in visits] == [
        [f"frame_{frame}"]]
