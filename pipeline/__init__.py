"""Military-diplomacy extraction pipeline.

One direction, one module per stage::

    sources/*.yaml ─► sources.load ─► fetch.fetch ─► extract.extract ─► nlp.tag ─► store.save
     (registry)       Source           Fetched        Document          Tagged      SQLite
                                                                                     │
                                              review (Datasette) ◄─ export ◄─────────┘

``records`` holds every record type; ``run`` drives the stages over many inputs;
``cli`` is the thin command line (``python -m pipeline``). Only ``fetch`` touches the
network and only ``store`` writes SQL.
"""

__version__ = "0.1.0"
