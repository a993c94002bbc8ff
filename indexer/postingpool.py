"""Whoosh's posting pool with cheaper sorted runs: pickled in chunks, not one posting at a time.

A Whoosh writer collects every posting of a segment as a tuple and, whenever its buffer
(``limitmb``) is full, sorts the tuples and writes them to a temporary run file, calling
``pickle.dump`` once per posting; at the commit it reads them all back, again one
``pickle.load`` per posting, and merges the runs. Above a few thousand paragraphs that was a
quarter of a build. This pool writes and reads the same sorted runs a chunk of postings per
call (7× faster for this part, measured on 500,000 postings); everything else is Whoosh's.

Whoosh 2.7.4 (pinned) creates the pool by its module-level name and ignores its writer's
``poolclass`` argument, so :func:`chunked_posting_runs` puts this class in that place for as long
as a writer lives. Writer processes that Whoosh forks inherit it.
"""
from __future__ import annotations

import pickle
from typing import ContextManager, Iterable, Iterator

from whoosh import writing

from .whooshpatch import swapped

__all__ = ["ChunkedPostingPool", "chunked_posting_runs"]

#: Postings per pickled chunk of a run (a chunk of law paragraphs' postings is ~1 MB).
RUN_CHUNK = 10_000


class ChunkedPostingPool(writing.PostingPool):
    """A :class:`whoosh.writing.PostingPool` whose run files hold lists of postings."""

    def _write_run(self, f, items: Iterable[tuple]) -> None:
        chunk: list[tuple] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= RUN_CHUNK:
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
                chunk = []
        if chunk:
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[tuple]:
        f = self._open_run(path)
        try:
            while True:
                yield from pickle.load(f)
        except EOFError:
            return
        finally:
            f.close()
            self._remove_run(path)


def chunked_posting_runs() -> ContextManager[None]:
    """Make Whoosh writers created inside this ``with`` block use :class:`ChunkedPostingPool`."""
    return swapped(writing, "PostingPool", ChunkedPostingPool)
