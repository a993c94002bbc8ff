"""The README's promises: two Quickstart commands, the CI runs the same test command, the example runs."""
from __future__ import annotations

import re
import subprocess
import sys

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quickstart_commands() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.S)


def test_quickstart_has_exactly_two_commands() -> None:
    commands = quickstart_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    search, tests = commands
    assert "fundstelle search" in search and "python3 -m venv" in search
    assert "[test]" in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert quickstart_commands()[1] in ci.splitlines()


def test_library_example_runs(tmp_path) -> None:
    example = re.search(r"```python\n(.*?)\n```", README, flags=re.S).group(1)
    example = example.replace("/tmp/fundstelle-index", str(tmp_path / "index"))
    result = subprocess.run([sys.executable, "-c", example], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        line for line in result.stdout.splitlines() if line.startswith("seeds/000_9a32aa55c16fcf43.txt ¶")
    ]
    assert len(result.stdout.splitlines()) == 2
