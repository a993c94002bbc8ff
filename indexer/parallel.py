"""Whoosh's parallel writer, with each article kept in one job (so in one segment, in order), and
the bulk writer (:mod:`indexer.segmentwriter`) in its processes.

Whoosh's ``MpWriter`` hands its buffered documents to a process every ``batchsize`` documents,
which splits an article between segments. A group (``writer.group()``) is never split, but the
buffer is only handed on from ``add_document`` outside a group: with every article a group, the
whole run would wait for the commit and go to one process. This writer hands it on when a group
ends with the buffer full.

Each process writes its segment with a ``SegmentWriter`` that Whoosh 2.7.4 (pinned) creates by
its module-level name in the process: there, and only there, that name is
:class:`BulkSegmentWriter`.
"""
from __future__ import annotations

from whoosh import multiproc
from whoosh.multiproc import MpWriter, SubWriterTask

from .postingpool import TermPostingPool
from .segmentwriter import BulkSegmentWriter, flush_bulk

__all__ = ["ArticleMpWriter"]


class ArticleMpWriter(MpWriter):
    """An ``MpWriter`` whose jobs end at group ends (use one group per article). What it writes
    itself (small segments merged at the commit) goes through the bulk writer's pool and flush."""

    def __init__(self, ix, limitmb: float = 128, **kwargs) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = TermPostingPool(self._tempstorage, limitmb=limitmb)

    def end_group(self) -> None:
        super().end_group()
        if not self._grouping and len(self.docbuffer) >= self.batchsize:
            self._enqueue()

    def _flush_segment(self) -> None:
        flush_bulk(self)

    def _new_task(self) -> SubWriterTask:
        # MpWriter._new_task, with the task class below.
        task = _BulkSubWriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                                  self.multisegment)
        self.tasks.append(task)
        task.start()
        return task


class _BulkSubWriterTask(SubWriterTask):
    """Whoosh's writer process, writing its segment with :class:`BulkSegmentWriter`."""

    def run(self) -> None:
        # A forked process: the name changes here only, where nothing else uses it.
        multiproc.SegmentWriter = BulkSegmentWriter
        super().run()
