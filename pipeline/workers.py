"""Guarded worker pool: extraction and tagging run where they can be stopped.

``Pool(settings, task)`` starts ``settings.workers`` processes (pebble) when the first document
is submitted (a re-run whose inputs are all unchanged starts none). The spaCy
pipelines and rule models are built once, in the main process before the workers are
forked (so a worker restarted after a timeout is ready at once); each worker then
limits its address space to its start-up size plus ``max_memory_mb``.
``Pool.imap(fetched_items)`` streams: at most ``2 × workers`` documents are in flight,
results come back in input order, and only the sha256 of a cached body crosses the
process boundary. A document whose task runs
longer than ``max_extract_seconds`` has its worker killed and comes back as
``timeout``; a worker that runs out of memory or dies yields ``too_large`` or
``malformed``. (PDFium ends its process with abort() when an allocation fails under the
cap: that is ``too_large`` too. A worker that dies prints nothing unless faulthandler is
on, as with ``PYTHONFAULTHANDLER=1`` or under pytest, whose setting forked workers
inherit.) The caller (the main process) alone writes the database.

On KeyboardInterrupt (or any error in the caller) leaving the ``with`` block stops the
workers at once; workers ignore SIGINT so only the main process decides.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import resource
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace

import pebble

from pipeline.errors import InstallError
from pipeline.records import Document, Fetched, Tagged
from pipeline.settings import Settings

log = logging.getLogger(__name__)
Task = Callable[[Fetched, Settings], Tagged]
IN_FLIGHT_PER_WORKER = 2
TASKS_PER_WORKER = 500  # a worker is replaced after this many documents (bounds slow leaks)
# container objects a worker allocates (net) before the collector looks for cycles: tagging
# frees nearly everything it makes by reference counting, so Python's default (700) ran
# ~2 collections a document over what was about to be freed anyway
GC_YOUNG = 10_000


class Pool:
    """A process pool whose every document is bounded in time and memory."""

    def __init__(self, settings: Settings, task: Task):
        self.settings = settings
        self.task = task
        self.size = max(1, int(settings.workers))
        self._pool: pebble.ProcessPool | None = None

    def __enter__(self) -> Pool:
        return self  # the workers start with the first document (a re-run may need none)

    def _start(self) -> pebble.ProcessPool:
        try:  # forked workers inherit the built pipelines: a (re)started worker is ready at once
            _warm()
        except ImportError as e:  # every document would fail the same way: stop the run
            raise InstallError(f"the installation is incomplete: {e}") from None
        self._pool = pebble.ProcessPool(
            max_workers=self.size, max_tasks=TASKS_PER_WORKER, initializer=_initialise,
            initargs=(self.settings.max_memory_mb,), context=multiprocessing.get_context("fork"))
        return self._pool

    def __exit__(self, kind, value, tb) -> None:
        if self._pool is None:
            return
        if kind is None:
            self._pool.close()
        else:  # interrupted or failing: do not wait for documents in flight
            self._pool.stop()
        self._pool.join()
        self._pool = None

    def imap(self, items: Iterable[Fetched]) -> Iterator[tuple[Fetched, Tagged]]:
        """Each fetched body with its tagged document, in input order, streamed."""
        window = self.size * IN_FLIGHT_PER_WORKER
        pending: deque[tuple[Fetched, Future]] = deque()
        for fetched in items:
            pending.append((fetched, self._submit(fetched)))
            while len(pending) >= window:
                yield self._collect(*pending.popleft())
        while pending:
            yield self._collect(*pending.popleft())

    def _submit(self, fetched: Fetched) -> Future:
        pool = self._pool or self._start()
        light = replace(fetched, body=b"") if fetched.sha256 else fetched
        return pool.schedule(_work, args=(self.task, light, self.settings),
                                   timeout=self.settings.max_extract_seconds)

    def _collect(self, fetched: Fetched, future: Future) -> tuple[Fetched, Tagged]:
        try:
            return fetched, future.result()
        except FutureTimeout:
            return fetched, failed(fetched, "timeout", f"extraction stopped after "
                                   f"{self.settings.max_extract_seconds:g} s")
        except pebble.ProcessExpired as e:
            if e.exitcode in (-signal.SIGKILL, -signal.SIGABRT):  # how C code dies at the cap
                return fetched, failed(fetched, "too_large", f"extraction worker killed by "
                                       f"{signal.Signals(-e.exitcode).name}, likely out of "
                                       f"memory (max_memory_mb {self.settings.max_memory_mb:,})")
            return fetched, failed(fetched, "malformed",
                                   f"extraction worker crashed (exit code {e.exitcode})")
        except MemoryError:
            return fetched, failed(fetched, "too_large", _memory_message(self.settings))
        except ImportError as e:  # every document would fail the same way: stop the run
            raise InstallError(f"the installation is incomplete: {e}") from None
        except Exception as e:
            log.exception("worker failed on %s", fetched.url)
            first = str(e).strip().splitlines()[0][:200] if str(e).strip() else ""
            return fetched, failed(fetched, "malformed",
                                   f"extraction failed ({type(e).__name__}: {first})")


def failed(fetched: Fetched, error_class: str, message: str) -> Tagged:
    """The record of a document the worker could not finish."""
    from pipeline.nlp import nlp_version

    doc = Document(id=fetched.sha256 or "", url=fetched.url, source=fetched.source, text="",
                   error_class=error_class, error=message)
    return Tagged(doc, (), (), nlp_version())


def _initialise(max_memory_mb: int) -> None:
    """Once per worker: ignore Ctrl-C, build the pipelines, then cap the address space."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # pebble stops a worker with SIGTERM
    for noisy in ("pdfminer", "pdfplumber", "trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.ERROR)  # what matters is in the record
    settle()
    if max_memory_mb > 0:  # on top of what the worker holds already (its pipelines, libraries)
        import psutil

        limit = psutil.Process().memory_info().vms + (int(max_memory_mb) << 20)
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _warm() -> None:
    """Import the extractors and the rule modules and build the rule pipelines (cached per
    process), before any worker is forked: a worker then imports nothing at its first
    document (it took the rule modules and pypdfium2 anew in every worker, and a worker
    forked while another thread of the run held a lock it then waited for never finished)."""
    import encodings.utf_16_le  # noqa: F401  (how pypdfium2 hands over a page's text)

    import pdfplumber  # noqa: F401  (import costs paid once, not per document)
    import pypdfium2  # noqa: F401
    import trafilatura  # noqa: F401

    import pipeline.extract.html  # noqa: F401
    import pipeline.extract.pdf  # noqa: F401
    import pipeline.nlp.dates  # noqa: F401
    import pipeline.nlp.designations  # noqa: F401
    import pipeline.nlp.events  # noqa: F401  (with the rule modules it reads)
    import pipeline.nlp.marks  # noqa: F401
    import pipeline.nlp.parties  # noqa: F401
    import pipeline.nlp.timeline  # noqa: F401
    from pipeline.nlp import pipeline as build
    from pipeline.nlp.confidence import threshold, weighs_wording
    from pipeline.nlp.models import LANGS, load
    from pipeline.nlp.wording import markers

    load()
    threshold()  # (reads and checks models/confidence.json: a bad file stops the run here)
    wording = weighs_wording()  # (and models/wording.json, when the model reads wording)
    for lang in LANGS:
        build(lang)
        if wording:
            markers(lang)


def settle() -> None:
    """Make this process a document worker: build the pipelines, then move every object
    alive into the garbage collector's permanent generation (``gc.freeze``), so that its
    collections walk only what each document makes, not the ~150,000 long-lived objects of
    the pipelines again and again (8% of tagging), and look for cycles only every
    ``GC_YOUNG`` allocations. Only for processes that tag documents and close no database
    implicitly at exit: a worker, or a benchmark of one; frozen objects are never
    finalised."""
    _warm()
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])


def _work(task: Task, fetched: Fetched, settings: Settings) -> Tagged:
    """Runs in a worker: the body comes from the cache when only its hash was sent."""
    if not fetched.body and fetched.sha256:
        from pipeline.fetch import cached

        body = cached(fetched.sha256, settings)
        if body is None:
            return failed(fetched, "malformed", "body no longer in the cache")
        fetched = replace(fetched, body=body)
    try:
        return task(fetched, settings)
    except MemoryError:
        pass
    # out of the handler: the traceback and the half-built pages it held are gone
    gc.collect()
    return failed(fetched, "too_large", _memory_message(settings))


def _memory_message(settings: Settings) -> str:
    return f"extraction ran out of memory (max_memory_mb {settings.max_memory_mb:,})"
