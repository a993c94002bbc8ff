"""A ``fundstelle`` run in a process of its own, and the processes it started (Linux's /proc):
for the tests and the fault benchmark that kill builds at chosen moments."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from .corpora import REPO

__all__ = ["descendants", "fundstelle_process", "jobs_queued", "running", "wait_until_gone", "writer_processes"]

# The command line in a process of its own. argv[1]: the start method ("default" for the
# platform's); argv[2]: "parallel" to use the parallel writer from the first byte (small corpora,
# the large build's code path), else "as-is".
# Ctrl-C is handled as in a command a terminal's shell starts, also where this process was started
# in the background of a script (which ignores SIGINT, and its children inherit that).
_CLI = """
import multiprocessing, signal, sys
if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if sys.argv[1] != "default":
        multiprocessing.set_start_method(sys.argv[1])
    if sys.argv[2] == "parallel":
        from indexer import building
        building.DEFAULT_BUILD = building.BuildOptions(processes=2, parallel_min_bytes=0)
    from queries.cli import main
    sys.argv = ["fundstelle", *sys.argv[3:]]
    main()
"""


def fundstelle_process(*args: str, method: str = "default", parallel: bool = False, **popen) -> subprocess.Popen:
    """``fundstelle ARGS`` started, its output captured as text. A fork() in a process with
    threads (Python 3.12+ warns of it) fails the run."""
    return subprocess.Popen([sys.executable, "-W", "error:This process:DeprecationWarning", "-c", _CLI, method,
                             "parallel" if parallel else "as-is", *args],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (an ended child nobody reaped holds nothing)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def descendants(pid: int) -> list[int]:
    """The running processes ``pid`` started, and theirs."""
    children = [child for child in _children(pid) if running(child)]
    return children + [grandchild for child in children for grandchild in descendants(child)]


def writer_processes(process: subprocess.Popen, count: int = 2, timeout: float = 60) -> list[int]:
    """The writer processes of a run, once ``count`` of them run: its descendants with no children
    of their own (under forkserver the workers are the server's children), other than
    multiprocessing's resource tracker and fork server."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = []
        for pid in descendants(process.pid):
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
                # The fork server is the run's own child; its workers are the server's children.
                server = b"forkserver" in command and pid in _children(process.pid)
                if not _children(pid) and b"resource_tracker" not in command and not server:
                    workers.append(pid)
            except OSError:  # ended meanwhile
                continue
        if len(workers) >= count:
            return workers
        if process.poll() is not None:
            raise RuntimeError(f"the run ended before its writer processes started: {process.communicate()}")
        time.sleep(0.02)
    raise RuntimeError("the writer processes did not start")


def wait_until_gone(pids: list[int], seconds: float) -> float | None:
    """Seconds until none of ``pids`` runs, or None if one still runs after ``seconds``."""
    started = time.monotonic()
    while any(map(running, pids)):
        if time.monotonic() - started > seconds:
            return None
        time.sleep(0.02)
    return time.monotonic() - started


def jobs_queued(process: subprocess.Popen, index_dir: Path, timeout: float = 60) -> None:
    """Return once a parallel run into ``index_dir`` has queued work for its writer processes (a
    job file waits in a writer's temporary folder): the build is under way, its workers started.
    An event to act on, not a guess of how long starting takes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if next(Path(index_dir).glob("gen-*/*.tmp/*.job"), None) is not None:
            return
        if process.poll() is not None:
            raise RuntimeError(f"the run ended before it queued a job: {process.communicate()}")
        time.sleep(0.005)
    raise RuntimeError("the run queued no job")
