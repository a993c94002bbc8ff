"""Writing an index in several processes: each worker analyses whole articles into a segment of its own.

Whoosh's ``MpWriter`` is close to this, but a worker it loses goes unnoticed (the commit takes
the segments that came back and drops the rest), it starts its processes after its queue's
thread (fork() in a threaded process), and its workers find Whoosh's writer by a module-level
name, so a replacement reaches only forked ones. :class:`ParallelWriter` instead:

- starts every worker before the first job is queued, from the default start method's context
  (fork, spawn or forkserver alike: a worker builds its writer itself from picklable arguments);
- hands a worker whole articles (one ``group()`` each), so an article's paragraphs stay together
  and in order in one segment;
- fails the commit if any worker ends without its segment (killed, out of memory, disk full):
  nothing of the run becomes live and the caller sees :class:`~indexer.errors.WriterProcessError`;
- makes each worker exit as soon as the process that started it is gone (a watcher thread on the
  parent's sentinel), and leaves Ctrl-C to the parent, which cancels the workers.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import signal
import threading
from contextlib import contextmanager
from multiprocessing.connection import wait
from typing import Any, Iterator

from whoosh.util import random_name

from ..errors import WriterProcessError
from .segmentwriter import BulkSegmentWriter

__all__ = ["ParallelWriter"]

#: How often a waiting parent looks whether its workers are still alive, in seconds.
POLL_SECONDS = 0.2
#: A worker's exit status when its parent is gone.
PARENT_GONE = 3


class ParallelWriter(BulkSegmentWriter):
    """A writer whose articles are analysed and written by ``procs`` worker processes, each into
    its own segment; deletions, merges of old segments and the commit are its own.

    ``options`` are the workers' writer arguments (the codec among them); ``batch_size`` the
    paragraphs handed to a worker at a time (whole articles: a job ends with an article)."""

    def __init__(self, ix, procs: int, options: dict[str, Any], batch_size: int = 100) -> None:
        super().__init__(ix, _lk=False, **options)
        self._batch_size = batch_size
        self._buffer: list[dict] = []
        self._grouping = 0
        self._segments: list = []  # handed in by the workers
        context = multiprocessing.get_context()
        # The queues first: under spawn and forkserver they start multiprocessing's resource
        # tracker, which unblocks SIGINT when it has started.
        self._jobs = context.Queue(procs * 4)
        self._results = context.Queue()
        self._workers = [
            context.Process(target=_write_segment, name=f"fundstelle-writer-{number}", daemon=True,
                            args=(self.storage, self.indexname, self._jobs, self._results, options))
            for number in range(1, procs + 1)
        ]
        try:
            with _interrupts_held():
                # All started before anything is queued: the queue's feeder thread starts with the
                # first job, and a fork after it would copy a process with a thread running.
                for worker in self._workers:
                    worker.start()
        except BaseException:
            # Ctrl-C held back while they started, come now: the workers end before the caller
            # removes what this run wrote, so that none writes after it.
            self.cancel()
            raise

    def start_group(self) -> None:
        self._grouping += 1

    def end_group(self) -> None:
        self._grouping -= 1
        self._send_when_full()

    def add_document(self, **fields) -> None:
        self._buffer.append(fields)
        self._send_when_full()

    def _send_when_full(self) -> None:
        """Hand the buffer on once it is full and no article is open (an article is never split)."""
        if not self._grouping and len(self._buffer) >= self._batch_size:
            self._send_buffer()

    def _send_buffer(self) -> None:
        """Write the buffered documents to a job file and queue it."""
        path = os.path.join(self._tempstorage.folder, f"{random_name()}.job")
        with open(path, "wb") as fh:
            pickle.dump(self._buffer, fh, pickle.HIGHEST_PROTOCOL)
        self._put((path, len(self._buffer)))
        self._buffer = []

    def _put(self, job: tuple[str, int] | None) -> None:
        while True:
            try:
                # Ctrl-C held back for the put (at most POLL_SECONDS): arriving inside it, it left
                # the queue's lock held, and cancelling, which closes the queue, waited for ever.
                with _interrupts_held():
                    self._jobs.put(job, timeout=POLL_SECONDS)
                return
            except queue.Full:
                self._check_workers()

    def _receive(self, timeout: float) -> bool:
        """Take one worker's result if one comes within ``timeout`` seconds: its segment, or the
        error of the file system that stopped it (raised here)."""
        try:
            result = self._results.get(timeout=timeout)
        except queue.Empty:
            return False
        if isinstance(result, OSError):
            raise result
        self._segments.append(result)
        return True

    def _check_workers(self) -> None:
        """Raise if a worker ended before handing in its segment: the error it reported, else
        :class:`WriterProcessError`."""
        while self._receive(0.05):  # what ended workers handed in (a full disk, say)
            pass
        ended = [worker for worker in self._workers if worker.exitcode is not None]
        failed = [worker for worker in ended if worker.exitcode != 0]
        if failed:
            codes = ", ".join(_exit_reason(worker.exitcode) for worker in failed)
            raise WriterProcessError(f"a writer process ended before its work was done ({codes}): "
                                     "nothing of this run was saved; run it again")
        if len(ended) == len(self._workers) and len(self._segments) < len(ended):
            raise WriterProcessError("a writer process ended without handing in its segment: "
                                     "nothing of this run was saved; run it again")

    def _collect_segments(self) -> list:
        while len(self._segments) < len(self._workers):
            if not self._receive(POLL_SECONDS):
                self._check_workers()
        return self._segments

    def commit(self, mergetype=None, optimize=None, merge=None) -> None:
        self._check_state()
        try:
            if self._buffer:
                self._send_buffer()
            for _ in self._workers:
                self._put(None)
            finalsegments = self._merge_segments(mergetype, optimize, merge)
            segments = self._collect_segments()
            for worker in self._workers:
                worker.join()
            if self._added:
                finalsegments.append(self._finalize_segment())
            else:
                self._close_segment()
            # A worker that was given nothing wrote an empty segment: leave it out.
            finalsegments += [segment for segment in segments if segment.doc_count_all()]
            self._commit_toc(finalsegments)
        except BaseException:
            # Cancelled whatever the cause (a lost worker, Ctrl-C, a full disk): no worker outlives it.
            self.cancel()
            raise
        self._finish()
        self._close_queues()

    def cancel(self) -> None:
        started = [worker for worker in self._workers if worker.pid is not None]
        for worker in started:
            if worker.is_alive():
                worker.terminate()
        for worker in started:
            worker.join()
        self._close_queues()
        if not self.is_closed:
            super().cancel()

    def _close_queues(self) -> None:
        # Jobs no worker will read must not keep this process from exiting.
        for channel in (self._jobs, self._results):
            channel.cancel_join_thread()
            channel.close()


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT held back (blocked, not lost) in the block; this process gets a Ctrl-C that came
    meanwhile at the block's end. Around starting the workers: Ctrl-C reaches the whole process
    group, and a worker that got it before it could ignore it died with a traceback, the run
    ending as a failed writer (exit 2) instead of an interrupted one (130); a process started in
    the block inherits the blocked signal (through fork and exec alike) and ignores it before it
    unblocks it (:func:`_ignore_interrupts`). Around a put into the job queue: see
    :meth:`ParallelWriter._put`. (Windows has no signal masks and no process groups to send
    Ctrl-C to.)"""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _ignore_interrupts() -> None:
    """A worker leaves Ctrl-C to its parent (which cancels it): ignored, then unblocked, so that
    one held back while it started is dropped."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _exit_reason(exitcode: int) -> str:
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


def _exit_with_parent() -> None:
    """End this process as soon as the process that started it is gone (killed or crashed):
    a worker must not outlive its run, or hold the index's files."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(PARENT_GONE)

    threading.Thread(target=watch, name="fundstelle-parent-watch", daemon=True).start()


def _write_segment(storage, indexname: str, jobs, results, options: dict[str, Any]) -> None:
    """A worker: write the documents of each job file into one new segment until ``None`` comes,
    then hand the segment to the parent; or hand it the error of the file system (a full disk)
    that stopped it, which the parent raises as its own."""
    _ignore_interrupts()  # first: Ctrl-C reaches the whole process group, the parent handles it
    _exit_with_parent()
    gc.disable()  # as in the parent (indexer.building): a build makes few cycles
    try:
        results.put(_written_segment(storage, indexname, jobs, options))
    except OSError as exc:
        results.put(OSError(exc.errno, exc.strerror))


def _written_segment(storage, indexname: str, jobs, options: dict[str, Any]):
    writer = BulkSegmentWriter(storage.open_index(indexname), _lk=False, **options)
    while True:
        job = jobs.get()
        if job is None:
            break
        path, count = job
        with open(path, "rb") as fh:  # written by the parent of this run
            documents = pickle.load(fh)
        os.remove(path)
        for fields in documents:
            writer.add_document(**fields)
    segment = writer._finalize_segment()
    writer._tempstorage.destroy()
    return segment
