"""Record a probe set's candidates as the rules found them while the set was still unseen.

Run it with the current directory a checkout of the build that was current when the set
arrived (its "start" build: the one its ``/work/probes/<set>-start.*`` figures come from),
before anyone has read the set:

    cd CHECKOUT && python /path/to/main/scripts/record_unseen.py SETROOT NAME BUILD OUT

SETROOT is a corpus folder holding the set as ``train/*/gold.jsonl`` (``/work/probes/h12``);
every event the rules find there, at any confidence, is written with its features and
whether it matched a gold event into OUT (``models/unseen_candidates.json``) under NAME (the
set's group, ``h12``), replacing an earlier record of NAME. ``scripts/fit_confidence.py
--unseen OUT`` calibrates the confidence and sets the threshold on these: the rules score the
documents their authors have read too well, and unseen documents are what the confidence
must hold on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ABOUT = ("Candidates (every event the rules found, no threshold) of probe sets on the build "
         "current when each set was still unseen (its start build), with their features and "
         "whether each matched a gold event: scripts/fit_confidence.py --unseen calibrates the "
         "confidence and sets the threshold on them. Recorded by scripts/record_unseen.py.")


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    root, name, build, out = Path(argv[0]), argv[1], argv[2], Path(argv[3])
    sys.path[:0] = [str(Path.cwd()), str(Path.cwd() / "scripts")]  # the checkout's code
    import fit_confidence  # type: ignore[import-not-found]

    try:
        gold_docs, found = fit_confidence.events_of(root, "rendered", (), min_confidence=0.0)
    except TypeError:  # (builds before min_confidence: their threshold is read in events)
        import pipeline.nlp.events as events

        events.threshold = lambda *_: 0.0
        gold_docs, found = fit_confidence.events_of(root, "rendered", ())
    right = fit_confidence.labels(gold_docs, found)
    record = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    sets = record.get("sets", {})
    sets[name] = {"build": build, "gold": sum(len(d["events"]) for d in gold_docs),
                  "events": [{"doc": f["doc"], "type": f["type"], "right": int(r),
                              "features": {k: round(v, 4) for k, v in f["features"].items()
                                           if v}}
                             for f, r in zip(found, right, strict=True)]}
    text = json.dumps({"_about": ABOUT, "sets": dict(sorted(sets.items()))},
                      separators=(",", ":"))
    out.write_text(text.replace('},{"doc"', '},\n{"doc"') + "\n", encoding="utf-8")
    print(f"{out}: {name} ({build}): {len(found)} candidates, {int(right.sum())} right, "
          f"{sets[name]['gold']} gold events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
