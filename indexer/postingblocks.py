"""Whoosh's posting blocks pickled with protocol 3: less than half the size, faster to read.

Whoosh 2.7.4 pickles each block of a posting list (up to 128 document ids, their weights, and
each posting's positions as a ``bytes`` value) with protocol 2. Protocol 2 predates the bytes
type: Python 3 writes every bytes value as a call to ``_codecs.encode(text, "latin1")``, so each
posting costs a function call to load and a dozen bytes on disk. Protocol 3 stores bytes as
bytes. Whoosh reads a block with a plain ``pickle.loads``, which takes any protocol: the index
stays in Whoosh's format, stock Whoosh 2.7.4 reads it, and indexes written before read as ever.

Measured on 54,618 law paragraphs: postings file 56.9 → 33.4 MB; one block loads in 21 instead
of 110 µs. Whoosh 2.7.4 (pinned) calls its module's ``dumps`` by name, so
:func:`compact_posting_blocks` puts :func:`dumps_protocol3` there for as long as a writer lives
(with :mod:`indexer.whooshpatch`).
"""
from __future__ import annotations

import pickle
from typing import Any, ContextManager

from whoosh.codec import whoosh3

from .whooshpatch import swapped

__all__ = ["compact_posting_blocks", "dumps_protocol3"]


def dumps_protocol3(obj: Any, protocol: int | None = None) -> bytes:
    """``pickle.dumps`` with protocol 3 whatever protocol the caller asks for.

    >>> pickle.loads(dumps_protocol3((1, 2.0, b"\\x01"), 2))
    (1, 2.0, b'\\x01')
    """
    return pickle.dumps(obj, 3)


def compact_posting_blocks() -> ContextManager[None]:
    """Make Whoosh writers inside this ``with`` block pickle posting blocks with protocol 3."""
    return swapped(whoosh3, "dumps", dumps_protocol3)
