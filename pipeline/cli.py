"""Command line: ``python -m pipeline COMMAND``.

Thin by design: open the database, call a stage, print a summary. Our exceptions become
one-line errors with a hint; the exit code says whether anything failed.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline import __version__
from pipeline.errors import PipelineError

DEFAULT_DB = "output/corpus.db"
DB_META = "milex.db"
err = Console(stderr=True)


class Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (sqlite3.Error, OSError) as e:  # a full disk, a read-only file: one line
            from pipeline.faults import storage_error

            where = e.filename if isinstance(e, OSError) and e.filename else ctx.meta.get(
                DB_META, DEFAULT_DB)
            error = storage_error(e, where)
            if error is None:
                raise
            _fail(error)
        except PipelineError as e:
            _fail(e)
        except KeyboardInterrupt:
            click.echo("Interrupted: the current run is marked 'interrupted'; "
                       "run the same command again to finish it.", err=True)
            sys.exit(130)


def _fail(e: PipelineError) -> None:
    hint = f"\n  hint: {e.hint}" if e.hint else ""
    click.echo(f"Error: {e}{hint}", err=True)
    sys.exit(2)


@click.group(cls=Group)
@click.version_option(__version__, prog_name="pipeline")
def cli() -> None:
    """Military-diplomacy events from open reporting on Latin America and the Caribbean."""


def _settings(config: str | None, **overrides):
    from pipeline.settings import Settings

    return Settings.load(config, **overrides)


def _remember_db(ctx: click.Context, param: click.Parameter, value: str) -> str:
    ctx.meta[DB_META] = value  # named by a storage error, should one happen
    return value


db_option = click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database.",
                         callback=_remember_db)
private_option = click.option(
    "--allow-private", is_flag=True,
    help="Let HTTP reach private, loopback and link-local addresses (local mirrors, tests).")
config_option = click.option("--config", type=click.Path(dir_okay=False), default=None,
                             help="YAML file of settings (see README, Settings).")


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@config_option
@private_option
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(inputs: tuple[str, ...], db: str, config: str | None, allow_private: bool,
           quiet: bool) -> None:
    """Ingest files (.html .htm .pdf .txt), folders of them, or http(s) URLs.

    A URL ingested again is fetched conditionally (ETag / Last-Modified); unchanged
    content is not processed again. Exit code 1 when anything failed.

    Example: python -m pipeline ingest sources/samples --db output/corpus.db
    """
    from pipeline.run import sources_from_args

    report = _run(sources_from_args(inputs), db, _settings(config),
                  "ingest " + " ".join(inputs), quiet, allow_private=allow_private)
    sys.exit(1 if report.failures else 0)


@cli.command()
@click.option("--sources", "registry", default="sources/default.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="Sources registry (YAML).")
@db_option
@config_option
@private_option
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Skip feed and sitemap items dated before this day (YYYY-MM-DD).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def refresh(registry: str, db: str, config: str | None, allow_private: bool, since,
            quiet: bool) -> None:
    """Fetch and process every source of a registry.

    Sources that fail are listed in the summary and do not stop the run; the exit code
    is 0 unless the registry or settings are invalid (2).

    Example: python -m pipeline refresh --sources sources/samples.yaml --db output/corpus.db
    """
    from pipeline import sources

    day = since.date().isoformat() if since else None
    command = f"refresh {registry}" + (f" --since {day}" if day else "")
    _run(sources.load(registry), db, _settings(config), command, quiet,
         allow_private=allow_private, since=day)


def _run(sources, db_path: str, settings, command: str, quiet: bool, **options):
    from pipeline import run, store

    db = store.open_db(db_path)
    total = run.count_inputs(sources)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, disable=quiet, transient=False) as bar, \
            _StopAfterDocument() as stop:
        task = bar.add_task("documents", total=total)
        report = run.ingest(db, sources, settings, command,
                            on_document=lambda url, outcome: bar.advance(task),
                            should_stop=stop.requested, **options)
    if report.interrupted:
        click.echo(f"Interrupted by {stop.signal_name}: run {report.run_id} stopped after "
                   f"{report.processed + report.outcomes['failed']} documents and is marked "
                   "'interrupted'; run the same command again to finish it.", err=True)
        sys.exit(128 + stop.signal_number)
    _summary(db, report, db_path)
    return report


class _StopAfterDocument:
    """SIGINT/SIGTERM ask the run to stop after the current document; a second one stops now."""

    def __init__(self) -> None:
        self.signal_number = 0
        self._previous: dict[int, object] = {}

    @property
    def signal_name(self) -> str:
        return signal.Signals(self.signal_number).name

    def requested(self) -> bool:
        return self.signal_number != 0

    def _handle(self, number: int, frame) -> None:
        if self.signal_number:
            raise KeyboardInterrupt
        self.signal_number = number

    def __enter__(self) -> _StopAfterDocument:
        for number in (signal.SIGINT, signal.SIGTERM):
            self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


def _summary(db, report, db_path: str) -> None:
    o = report.outcomes
    click.echo(f"Run {report.run_id}: {report.processed} documents processed "
              f"({o['ok']} with text, {o['empty']} empty, {o['unchanged']} unchanged), "
              f"{o['failed']} failed.")
    by_source: dict[str, list[dict]] = {}
    for f in report.failures:
        by_source.setdefault(f["source"] or "-", []).append(f)
    if by_source:
        click.echo(f"Failures in {len(by_source)} source(s):")
    for name, failures in sorted(by_source.items()):
        lines = [f"{f['url']}: {f['error_class']}: {f['error']}" for f in failures]
        if len(lines) == 1:
            click.echo(f"  {name}: {lines[0]}")
            continue
        click.echo(f"  {name}: {len(lines)} failed")
        for line in lines:
            click.echo(f"    {line}")
    # an event is an occurrence: the reports of it from several documents count once
    total, reports = db.conn.execute("SELECT count(*), coalesce(sum(reports), 0) "
                                     "FROM occurrences").fetchone()
    by_type = db.conn.execute("SELECT type, count(*) FROM occurrences GROUP BY type "
                              "ORDER BY count(*) DESC, type").fetchall()
    by_country = db.conn.execute(
        "SELECT j.value, count(*) FROM occurrences, json_each(occurrences.countries) j "
        "GROUP BY j.value ORDER BY count(*) DESC, j.value").fetchall()
    merged = f" ({reports} reports, merged across documents)" if reports != total else ""
    click.echo(f"Events in {db_path}: {total}{merged}")
    click.echo("  by type:    " + (", ".join(f"{t} {n}" for t, n in by_type) or "none"))
    click.echo("  by country: " + (", ".join(f"{c} {n}" for c, n in by_country) or "none"))
    click.echo("Next: make review   (opens Datasette on the database to accept or reject events)")


@cli.command()
@db_option
@click.option("--what", type=click.Choice(["events", "evidence", "documents", "reviews"]),
              default="events", show_default=True,
              help="evidence: one row per evidence sentence; reviews: every decision, history "
                   "included.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--status", type=click.Choice(["all", "accepted", "unreviewed", "rejected"]),
              default="all", show_default=True,
              help="Events (or reviews) with this status only; accepted includes corrected.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), default=None,
              help="File to write (default: standard output).")
def export(db: str, what: str, fmt: str, status: str, out_path: str | None) -> None:
    """Write events, evidence, documents or reviews as JSONL or CSV (schema: README, Exports).

    CSV is one plain row per event (or per evidence sentence with --what evidence), codes
    joined with ";"; JSONL keeps the full record.

    Example: python -m pipeline export --db output/corpus.db --what events --format jsonl
    """
    from pipeline import export as ex
    from pipeline import store

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}; run 'make run' or 'ingest' first")
    database = store.open_readonly(db)
    rows, fields = ex.rows(database, what, status, fmt)
    if out_path:
        Path(out_path).parent.mkdir(parents=True, exist_ok=True)
        with open(out_path, "w", encoding="utf-8", newline="") as f:
            n = ex.write(rows, fmt, f, fields)
        err.print(f"Wrote {n} {what} to {out_path}")
    else:
        ex.write(rows, fmt, sys.stdout, fields)


@cli.command()
@db_option
@click.option("--to", "target", required=True, type=click.Path(dir_okay=False),
              help="File to write the copy to (replaced if it exists).")
def backup(db: str, target: str) -> None:
    """Copy the database consistently, even while a run or Datasette is using it.

    Uses SQLite's online backup: one snapshot, checked with integrity_check, renamed into
    place only when complete.

    Example: python -m pipeline backup --db output/corpus.db --to backups/corpus-2026-01-31.db
    """
    from pipeline import store

    counts = store.backup(db, target)
    click.echo(f"Backed up {db} to {target}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--public-sql", is_flag=True,
              help="Let anyone run arbitrary SQL (?sql=); by default only logged-in reviewers.")
def review(db: str, host: str, port: int, public_sql: bool) -> None:
    """Open Datasette on the database to review events (README: Reviewing events).

    Reviewers log in with accounts from MILEX_PASSWORD_HASH_<NAME> environment variables.
    A database that cannot be written is served read-only.

    Example: python -m pipeline review --db output/corpus.db
    """
    import os

    from pipeline import review as rv
    from pipeline import store
    from pipeline.faults import writable

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}; run 'make run' first")
    store.open_readonly(db).conn.close()  # upgrades an older schema when it can
    read_only = not writable(db)
    accounts = rv.reviewers(os.environ)
    if read_only:
        click.echo(f"{db} cannot be written: served read-only, no decision can be recorded.",
                   err=True)
    click.echo(f"Reviewers: {', '.join(accounts)} (log in at http://{host}:{port}/-/login)"
               if accounts else "No reviewer accounts (read-only): set MILEX_PASSWORD_HASH_<NAME>"
               " to a hash from 'datasette hash-password' (README: Reviewing events).", err=True)
    sys.exit(rv.serve(db, host, port, public_sql=public_sql, read_only=read_only))


@cli.command(name="eval-reviewed")
@db_option
def eval_reviewed(db: str) -> None:
    """Score the current rules against the reviewed events (no refetch, nothing written).

    Re-tags the stored text of every document; accepted events must still be found,
    rejected ones must not come back. Exit code 1 when any decision is contradicted.

    Example: python -m pipeline eval-reviewed --db output/corpus.db
    """
    from pipeline import review as rv
    from pipeline import store

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}; run 'make run' first")
    result = rv.eval_reviewed(store.open_readonly(db))
    for line in result.lines():
        click.echo(line)
    sys.exit(1 if result.regressions else 0)


@cli.command()
@db_option
@click.option("--out", "out_path", default="output/report.html", show_default=True,
              type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--since", type=click.IntRange(1900, 2100), default=None, metavar="YEAR",
              help="Count events dated in this year or later.")
@click.option("--until", type=click.IntRange(1900, 2100), default=None, metavar="YEAR",
              help="Count events dated in this year or earlier.")
def report(db: str, out_path: str, since: int | None, until: int | None) -> None:
    """Write a one-page HTML report for a briefing: headline numbers per power, exchanges by
    power and LAC country, events per year by power and type, per month, per country, and
    the latest accepted events.

    Events are occurrences (one however many documents report it), accepted or not yet
    rejected.

    Example: python -m pipeline report --db output/corpus.db --since 2022 --until 2025
    """
    from pipeline import report as rp
    from pipeline import store

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}; run 'make run' first")
    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}")
    figures = rp.write(store.open_readonly(db), out_path, since, until)
    click.echo(f"Report: {out_path} ({figures['events']} events, {figures['accepted']} accepted, "
               f"{figures['rejected']} rejected, {figures['unreviewed']} unreviewed)")


def main() -> None:
    cli(prog_name="python -m pipeline")



