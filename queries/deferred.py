"""Modules Whoosh imports at start-up that Fundstelle never uses, put off until something uses them.

Importing Whoosh 2.7.4 imports ``urllib.request`` (with ``http.client`` and the ``email``
package; Whoosh only keeps ``urlretrieve`` from it, for a download helper) and
``whoosh.lang.morph_en`` (English word variations, a few hundred regular expressions compiled on
import; Whoosh's ``Variations`` query only, which Fundstelle's parser never creates). Together
they were a quarter of the wall time of ``fundstelle search WORD`` (0.40 → 0.30 s on the
full law index; docs/performance.md).

:func:`defer_unused_modules` puts a stand-in in their place before Whoosh is imported: the names
Whoosh imports from them are functions that import the real module when called, and any other
name imports it on first use, so nothing breaks for code that does use them. It changes the
whole process's modules, so only the command line calls it, never the library.
"""
from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import Callable

__all__ = ["DEFERRED_MODULES", "DeferredModule", "defer_unused_modules"]

#: Module → the names Whoosh imports from it by ``from module import name``.
DEFERRED_MODULES: dict[str, tuple[str, ...]] = {
    "urllib.request": ("urlretrieve",),
    "whoosh.lang.morph_en": ("variations",),
}


class DeferredModule(types.ModuleType):
    """Stands in for a module not imported yet: the first use of a name imports the real module."""

    def __init__(self, name: str, functions: tuple[str, ...]) -> None:
        super().__init__(name)
        for function in functions:
            setattr(self, function, _deferred_function(name, function))

    def __getattr__(self, attribute: str) -> object:
        if attribute.startswith("__"):
            # The import system asks a module for __path__ (is it a package?) and the like:
            # answering must not import it.
            raise AttributeError(attribute)
        return getattr(_real_module(self.__name__), attribute)


def _deferred_function(module: str, name: str) -> Callable:
    """A function that imports ``module`` and calls its ``name``: what ``from module import name``
    gets from a stand-in, so that the import statement itself imports nothing."""

    def call(*args: object, **kwargs: object) -> object:
        return getattr(_real_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def _real_module(name: str) -> types.ModuleType:
    """Import the real module in place of its stand-in (in ``sys.modules`` and on its package)."""
    module = sys.modules.get(name)
    if isinstance(module, DeferredModule):
        del sys.modules[name]
        module = None
    return module or import_module(name)  # the import sets it on its package, too


def defer_unused_modules() -> None:
    """Put stand-ins for :data:`DEFERRED_MODULES` in place; modules already imported are left as they are.

    >>> defer_unused_modules()                                              # doctest: +SKIP
    >>> from urllib.request import Request                  # any other name: the real module
    """
    for name, functions in DEFERRED_MODULES.items():
        if name in sys.modules:
            continue
        package, _, attribute = name.rpartition(".")
        stand_in = DeferredModule(name, functions)
        sys.modules[name] = stand_in
        # ``import urllib.request`` finds the stand-in in sys.modules and binds the package, which
        # must lead to it as it would to the real module; a package imported later would not (the
        # import system sets a submodule on its package only when it loads it). The packages
        # themselves are cheap: urllib's is empty, whoosh's and whoosh.lang's define names only.
        setattr(import_module(package), attribute, stand_in)
