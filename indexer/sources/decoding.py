"""Bytes of an article file to text, in one place for every format: the encodings German files come in."""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import ArticleError

__all__ = ["decode_text", "read_bytes"]


def decode_text(data: bytes) -> str:
    """Decode an article file's bytes: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    German text from Windows tools is often Windows-1252 (Latin-1 plus typographic quotes);
    reading it as UTF-8 would fail or give ``PrÃ¤sident``. Bytes with NULs are binary.

    >>> decode_text("Präsident".encode("cp1252"))
    'Präsident'
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"undecodable UTF-16 text ({exc.reason})") from None
    if b"\x00" in data:
        raise ArticleError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Five byte values are undefined in Windows-1252; Latin-1 maps every byte.
        return data.decode("latin-1")


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes; an OS failure becomes :class:`ArticleError` with the reason."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleError("file vanished before it could be read") from None
    except IsADirectoryError:
        raise ArticleError("is a directory") from None
    except OSError as exc:
        raise ArticleError(f"cannot read ({exc.strerror or exc})") from None
