"""The README's promises: two Quickstart commands, the CI runs the same test command, the example runs."""
from __future__ import annotations

import re
import shlex
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


def test_every_command_and_option_is_documented() -> None:
    import click

    from queries.cli import cli

    missing = []
    for name, command in [("", cli), *cli.commands.items()]:
        if name and f"fundstelle {name}" not in README:
            missing.append(f"command {name}")
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    if opt not in README:
                        missing.append(f"{name or 'fundstelle'} {opt}")
    assert missing == []


# The JSON and CSV fields, which the README links to.
OUTPUT_DOC = (REPO / "docs" / "output.md").read_text(encoding="utf-8")


def json_table_fields() -> list[str]:
    section = OUTPUT_DOC.split("**A hit**", 1)[1].split("\n\n**", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", section, flags=re.M)


def test_json_fields_in_readme_match_the_output(seed_index) -> None:
    import json

    from queries import Searcher
    from queries.formatting import JSON_SCHEMA_VERSION, hit_to_json

    with Searcher.open(seed_index) as searcher:
        hit = searcher.search("Matthew", context=1).hits[0]
    single = json.loads(hit_to_json(hit))
    batch = json.loads(hit_to_json(hit, query="Matthew", line=1))
    documented = json_table_fields()
    assert set(documented) == set(batch)
    assert set(documented) - {"query", "line"} == set(single)
    assert f"now `{JSON_SCHEMA_VERSION}`" in README and f"now `{JSON_SCHEMA_VERSION}`" in OUTPUT_DOC


def test_architecture_names_every_module() -> None:
    """docs/architecture.md is a map a newcomer can check against the tree: it names every module
    of the two packages, and every module it names exists."""
    architecture = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = {path.name for package in ("indexer", "queries") for path in (REPO / package).rglob("*.py")
               if path.name != "__init__.py"}
    named = set(re.findall(r"`(?:[\w/.]*/)?(\w+\.py)`", architecture))
    assert modules - named == set()
    assert named - modules - {"__init__.py"} == set()


def _private_accesses(path) -> list[str]:
    """Where a module reads another object's private attribute (``x._name``, ``x`` not ``self``
    or ``cls``) or imports a private name (``from m import _name``)."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__") \
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
            found.append(f"{path.relative_to(REPO)}:{node.lineno} {ast.unparse(node)}")
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            found += [f"{path.relative_to(REPO)}:{node.lineno} {node.module}.{alias.name}" for alias in node.names
                      if alias.name.startswith("_")]
    return found


def test_only_the_engine_touches_private_names() -> None:
    """docs/architecture.md: indexer/engine is the only code that uses Whoosh's internals; every
    other module of the two packages goes through named functions there (issue 29)."""
    modules = [path for package in ("indexer", "queries") for path in sorted((REPO / package).rglob("*.py"))
               if "engine" not in path.relative_to(REPO).parts]
    assert [access for path in modules for access in _private_accesses(path)] == []


def test_trend_example_is_what_the_seed_gives(seed_index) -> None:
    from click.testing import CliRunner

    from queries.cli import cli

    trend_doc = (REPO / "docs" / "trend.md").read_text(encoding="utf-8")
    block = re.search(r"```\n\$ fundstelle (trend .*?)\n(.*?)\n```", trend_doc, flags=re.S)
    result = CliRunner().invoke(cli, ["--index", str(seed_index), *shlex.split(block.group(1))],
                                env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert result.stdout + result.stderr == block.group(2) + "\n"
