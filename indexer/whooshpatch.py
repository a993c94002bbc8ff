"""Swapping one of Whoosh's names for a ``with`` block: how Fundstelle changes Whoosh's writer.

Whoosh 2.7.4 (pinned) looks up some of its classes and functions by name at the moment it uses
them, and has no argument to replace them: the pickler of posting blocks
(:mod:`indexer.postingblocks`), the field-length lookup (:mod:`indexer.fieldlengths`). :func:`swapped` puts a replacement in that place for the block
and puts the original back after it, on an exception too. Writer processes that Whoosh forks
inside the block inherit the replacement.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

__all__ = ["swapped"]


@contextmanager
def swapped(owner: object, name: str, replacement: object) -> Iterator[None]:
    """Set ``owner.name`` to ``replacement`` inside the block, and back to what it was after it.

    >>> import math
    >>> with swapped(math, "pi", 3):
    ...     math.pi
    3
    >>> round(math.pi, 2)
    3.14

    A name the owner did not have is removed again after the block.
    """
    missing = object()
    original = getattr(owner, name, missing)
    setattr(owner, name, replacement)
    try:
        yield
    finally:
        if original is missing:
            delattr(owner, name)
        else:
            setattr(owner, name, original)
