"""Whoosh's parallel writer, with each article kept in one job: so in one segment, in order.

Whoosh's ``MpWriter`` hands its buffered documents to a process every ``batchsize`` documents,
which splits an article between segments. A group (``writer.group()``) is never split, but the
buffer is only handed on from ``add_document`` outside a group: with every article a group, the
whole run would wait for the commit and go to one process. This writer hands it on when a group
ends with the buffer full.
"""
from __future__ import annotations

from whoosh.multiproc import MpWriter

__all__ = ["ArticleMpWriter"]


class ArticleMpWriter(MpWriter):
    """An ``MpWriter`` whose jobs end at group ends (use one group per article)."""

    def end_group(self) -> None:
        super().end_group()
        if not self._grouping and len(self.docbuffer) >= self.batchsize:
            self._enqueue()
