"""Modules Whoosh imports but Fundstelle never uses are put off (queries.deferred).

Each check runs in a fresh interpreter: the test process has imported them long ago.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run_python(script: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_a_search_on_the_command_line_does_not_import_them(seed_index: Path) -> None:
    found = run_python(f"""
import sys
from queries.cli import main
sys.argv = ["fundstelle", "--index", {str(seed_index)!r}, "search", "Waffenlieferung", "--json"]
try:
    main()
except SystemExit as exc:
    print("exit", exc.code)
print("loaded", *sorted(m for m in ("urllib.request", "http.client", "email.parser", "whoosh.lang.morph_en")
                        if m in sys.modules and type(sys.modules[m]).__name__ == "module"))
""")
    assert found[-3:] == ["exit", "0", "loaded"]


@pytest.mark.parametrize(("use", "expected"), [
    # The names Whoosh imports stay usable and do what the real module does.
    ("from whoosh.lang.morph_en import variations; print(sorted(variations('cats')))", "['cat', 'cats']"),
    ("import whoosh.compat; print(whoosh.compat.urlretrieve.__name__)", "urlretrieve"),
    # Any other use imports the real module, whichever way it is imported.
    ("from urllib.request import Request; print(Request('http://example.org').host)", "example.org"),
    ("import urllib.request; print(urllib.request.Request('http://example.org').host)", "example.org"),
    ("from whoosh.lang import morph_en; print(sorted(morph_en.variations('cats')))", "['cat', 'cats']"),
])
def test_what_uses_them_still_works(use: str, expected: str) -> None:
    output = run_python(f"""
import sys
from queries.deferred import defer_unused_modules
defer_unused_modules()
import whoosh.searching, whoosh.qparser
print(type(sys.modules["urllib.request"]).__name__, type(sys.modules["whoosh.lang.morph_en"]).__name__)
{use}
""")
    assert output[:2] == ["DeferredModule", "DeferredModule"]
    assert " ".join(output[2:]) == expected


def test_modules_imported_already_are_left_alone() -> None:
    assert run_python("""
import sys, urllib.request
from queries.deferred import defer_unused_modules
defer_unused_modules()
print(type(sys.modules["urllib.request"]).__name__, type(sys.modules["whoosh.lang.morph_en"]).__name__)
""") == ["module", "DeferredModule"]


def test_import_of_the_module_works_where_its_package_was_not_imported_yet() -> None:
    """Some interpreters start with ``urllib`` imported (a site hook), some without (CI's): either way."""
    assert run_python("""
import sys
for name in [m for m in sys.modules if m == "urllib" or m.startswith("urllib.")]:
    del sys.modules[name]
from queries.deferred import defer_unused_modules
defer_unused_modules()
import urllib.request
print(type(sys.modules["urllib.request"]).__name__, urllib.request.Request("http://example.org").host)
""") == ["DeferredModule", "example.org"]
