"""The index's write lock: held by one process, released by the kernel when that process ends.

An OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on ``write.lock``. A lock
taken with ``flock`` belongs to the open file, which a forked child shares: a writer process
that outlived a killed parent would keep the index locked. So the lock's file descriptor is
closed in every child forked while it is held (``os.register_at_fork``); spawned children never
get it. The file is removed on release, and a lock taken on a file that was removed meanwhile
is taken again on the file that is there.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

__all__ = ["exclusive_lock"]

#: File descriptors of the locks this process holds (closed in forked children).
_held: set[int] = set()

if os.name == "nt":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _close_held_in_child() -> None:
        for fd in _held:
            os.close(fd)
        _held.clear()

    os.register_at_fork(after_in_child=_close_held_in_child)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _acquire(path: Path) -> int | None:
    """The locked file's descriptor, or None if another process holds the lock."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    if _try_lock(fd) and _same_file(fd, path):
        return fd
    os.close(fd)
    return None


@contextmanager
def exclusive_lock(path: Path, wait: float, on_timeout: Exception) -> Iterator[None]:
    """Hold the lock at ``path`` for the block, waiting up to ``wait`` seconds for it; raise
    ``on_timeout`` where another process holds it longer."""
    deadline = time.monotonic() + wait
    while (fd := _acquire(path)) is None:
        if time.monotonic() >= deadline:
            raise on_timeout
        time.sleep(0.05)
    _held.add(fd)
    try:
        yield
    finally:
        _held.discard(fd)
        # Removed while still held: a process that opens the old file meanwhile finds it gone
        # once it has the lock, and tries again.
        path.unlink(missing_ok=True)
        _unlock(fd)
        os.close(fd)
