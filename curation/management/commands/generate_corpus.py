"""`manage.py generate_corpus --documents N`: a realistic synthetic archive for benchmarks.

Records are generated from the seed (curation.corpus.synth) and written in batches, one transaction
each, through the real snapshot and search-index code (curation.corpus.writer). The command tops the
corpus of that seed up to N records: run it again with a larger N to grow a corpus, or after an
interruption to finish one. On PostgreSQL batches are written by several worker processes at once.
"""

import multiprocessing
import os
import time

import psutil
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.utils.translation import gettext as _

from archive.models import Document
from curation.corpus.authorities import ensure_pools
from curation.corpus.synth import prepare_words
from curation.corpus.writer import Corpus, external_id, write_batch

PROGRESS_EVERY = 5.0  # seconds between progress lines
# Settings of the generator's own PostgreSQL sessions (never the server's): what they change is how
# the rows are written, not what is written.
SESSION_SETTINGS = {
    # A generated corpus can be generated again: no need to wait for each commit's flush.
    "synchronous_commit": "off",
    # LZ4 compresses the large texts, payloads and serialized versions (TOASTed) several times faster
    # than the default pglz; it was a quarter of PostgreSQL's time for each record.
    "default_toast_compression": "lz4",
    # New search vectors go to the GIN index's pending list and are merged into it many thousand
    # records at a time, sorted in memory (work_mem), instead of one record's few thousand words at
    # a time; the rest of the list is merged when the run ends (_merge_pending_lists, which sorts in
    # maintenance_work_mem). The larger the merge, the fewer times each word's entry is rewritten:
    # adding 3,000 records to 100,000, the statement that writes the vectors took 4.2 ms a record
    # with 64 MB lists and 3.1 ms with 512 MB ones (about 15,000 records a list). A merge may use up
    # to 1 GB in each of the workers' PostgreSQL sessions.
    "gin_pending_list_limit": "512MB",
    "work_mem": "1GB",
    "maintenance_work_mem": "1GB",
}


class Command(BaseCommand):
    help = _(
        "Generate a synthetic archive of published records (seeded, no network) for benchmarks; "
        "tops up an existing corpus of the same seed to the number asked for."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--documents", type=int, required=True, help=_("Records the corpus should hold."))
        parser.add_argument("--seed", type=int, default=1, help=_("Seed of the corpus (default 1)."))
        parser.add_argument(
            "--batch", type=int, default=100, help=_("Records per transaction (default 100).")
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help=_("Worker processes (default: one per CPU on PostgreSQL, one on SQLite)."),
        )

    def handle(self, *args, documents: int, seed: int, batch: int, jobs: int | None, **options) -> None:
        if documents < 0 or batch < 1:
            raise CommandError(_("--documents must be 0 or more and --batch 1 or more."))
        jobs = jobs or (os.cpu_count() or 1 if connection.vendor == "postgresql" else 1)
        corpus = Corpus(seed=seed, pools=ensure_pools(documents))
        missing = missing_positions(seed, documents)
        self.stdout.write(
            _(
                "Corpus %(seed)s: %(present)d of %(wanted)d records present; writing %(missing)d with %(jobs)d process(es)."
            )
            % {
                "seed": seed,
                "present": documents - len(missing),
                "wanted": documents,
                "missing": len(missing),
                "jobs": jobs,
            }
        )
        batches = [missing[start : start + batch] for start in range(0, len(missing), batch)]
        started = time.monotonic()
        written = self.write(batches, corpus=corpus, jobs=jobs, total=len(missing), started=started)
        if connection.vendor == "postgresql" and written:
            self.stdout.write(_("Merging the search index's new entries and updating planner statistics…"))
            _merge_pending_lists()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics for what was just written
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                _("Wrote %(count)d records in %(seconds).1f s (%(rate).0f a second); peak memory %(memory)s.")
                % {
                    "count": written,
                    "seconds": elapsed,
                    "rate": written / elapsed if elapsed else 0,
                    "memory": _megabytes(self.peak_memory),
                }
            )
        )

    def write(
        self, batches: list[list[int]], *, corpus: Corpus, jobs: int, total: int, started: float
    ) -> int:
        self.peak_memory = 0
        written, last_report = 0, started
        for count in _run(batches, corpus=corpus, jobs=jobs):
            written += count
            self.peak_memory = max(self.peak_memory, _tree_memory())
            now = time.monotonic()
            if now - last_report >= PROGRESS_EVERY or written == total:
                last_report = now
                self.progress(written, total, now - started)
        return written

    def progress(self, written: int, total: int, elapsed: float) -> None:
        rate = written / elapsed if elapsed else 0
        remaining = (total - written) / rate if rate else 0
        self.stdout.write(
            f"  {written:>9,} / {total:,}  {rate:6.0f}/s  "
            + _("elapsed %(elapsed)s, left %(left)s, memory %(memory)s")
            % {
                "elapsed": _duration(elapsed),
                "left": _duration(remaining),
                "memory": _megabytes(self.peak_memory),
            }
        )


def missing_positions(seed: int, documents: int) -> list[int]:
    """Positions 0..documents-1 of the corpus that have no record yet."""
    prefix = external_id(seed, "")
    present = {
        int(value.removeprefix(prefix))
        for value in Document.objects.filter(external_id__startswith=prefix).values_list(
            "external_id", flat=True
        )
    }
    return [position for position in range(documents) if position not in present]


def _run(batches: list[list[int]], *, corpus: Corpus, jobs: int):
    """Write the batches, yielding each one's count as it commits; in `jobs` processes if more than one."""
    if jobs == 1 or len(batches) < 2:
        _tune_session()
        for batch in batches:
            yield write_batch(batch, corpus=corpus)
        return
    prepare_words()
    # Each worker opens its own connection; none may inherit this process's.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start_worker, initargs=(corpus,)) as pool:
        yield from pool.imap_unordered(_write_in_worker, batches)


_worker_corpus: Corpus | None = None


def _start_worker(corpus: Corpus) -> None:
    global _worker_corpus
    _worker_corpus = corpus
    _tune_session()


def _tune_session() -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name, value in SESSION_SETTINGS.items():
            cursor.execute("SELECT set_config(%s, %s, false)", [name, value])


def _merge_pending_lists() -> None:
    """Merge what the run left in the pending lists of the GIN indexes into the indexes proper, so
    that no search has to read through a long unsorted list (see SESSION_SETTINGS)."""
    _tune_session()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list(index.indexrelid) FROM pg_index index "
            "JOIN pg_class class ON class.oid = index.indexrelid JOIN pg_am method ON method.oid = class.relam "
            "WHERE method.amname = 'gin' AND class.relnamespace = current_schema()::regnamespace"
        )


def _write_in_worker(batch: list[int]) -> int:
    return write_batch(batch, corpus=_worker_corpus)


def _tree_memory() -> int:
    """Resident memory of this process and its workers, in bytes."""
    process = psutil.Process()
    return sum(member.memory_info().rss for member in [process, *process.children(recursive=True)])


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}m{seconds:02d}s"
