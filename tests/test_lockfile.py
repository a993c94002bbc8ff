"""The write lock: one holder, released by the kernel when the holder dies, never held by its children."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.lockfile import exclusive_lock

from .conftest import REPO

BUSY = RuntimeError("busy")


def test_one_holder_at_a_time_and_the_file_goes_with_it(tmp_path: Path) -> None:
    path = tmp_path / "write.lock"
    with exclusive_lock(path, 0, BUSY):
        assert path.exists()
        with pytest.raises(RuntimeError, match="busy"), exclusive_lock(path, 0.1, BUSY):
            pass
    assert not path.exists()
    with exclusive_lock(path, 0, BUSY):
        pass


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_child_forked_by_the_holder_does_not_keep_the_lock(tmp_path: Path) -> None:
    """The holder forks a child that lives on, then is killed: the lock is free at once."""
    path = tmp_path / "write.lock"
    holder = subprocess.Popen([sys.executable, "-c", f"""
import os, sys, time
from indexer.lockfile import exclusive_lock
with exclusive_lock(__import__("pathlib").Path({str(path)!r}), 0, RuntimeError("busy")):
    child = os.fork()
    if child == 0:
        time.sleep(60)
        os._exit(0)
    print(child, flush=True)
    time.sleep(60)
"""], cwd=REPO, stdout=subprocess.PIPE, text=True)
    child = int(holder.stdout.readline())
    try:
        with pytest.raises(RuntimeError, match="busy"), exclusive_lock(path, 0, BUSY):
            pass
        holder.kill()
        holder.wait()
        with exclusive_lock(path, 2, BUSY):  # the child still runs, and holds nothing
            os.kill(child, 0)
    finally:
        os.kill(child, signal.SIGKILL)
