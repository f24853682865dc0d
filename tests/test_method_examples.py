"""Run the examples in the methods of classes that a package re-exports.

``cxtext``, ``cxtext.themes`` and ``cxtext.io`` set ``__module__`` of the classes
they re-export to the public path (for reprs and docs). pytest's
``--doctest-modules`` then collects the class docstrings from the package but
skips their *methods*' examples (their functions still live in the defining
module), so this test runs those examples itself.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import sys
from typing import Any

import pytest

REEXPORTING = ("cxtext", "cxtext.themes", "cxtext.io")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _function(member: Any) -> Any:
    if isinstance(member, (staticmethod, classmethod)):
        return member.__func__
    if isinstance(member, property):
        return member.fget
    return member


def _method_examples() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(recurse=False)
    tests = []
    for package in REEXPORTING:
        module = importlib.import_module(package)
        for name in module.__all__:
            cls = getattr(module, name)
            if not isinstance(cls, type) or cls.__module__ != package:
                continue
            for attr, member in vars(cls).items():
                func = _function(member)
                if not inspect.isfunction(func) or not func.__doc__ or func.__module__ not in sys.modules:
                    continue
                globs = dict(vars(sys.modules[func.__module__]))
                for test in finder.find(func, f"{package}.{name}.{attr}", module=False, globs=globs):
                    if test.examples:
                        tests.append(test)
    return tests


EXAMPLES = _method_examples()


def test_methods_with_examples_are_found() -> None:
    names = {t.name for t in EXAMPLES}
    assert "cxtext.themes.KeywordThemeTagger.tag_clauses" in names
    assert "cxtext.themes.KeywordThemeTagger.tag" in names


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda t: t.name)
def test_method_example(example: doctest.DocTest, tmp_path, monkeypatch) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # examples' mkdtemp() folders: pytest prunes them
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    result = runner.run(example, out=report.append, clear_globs=True)
    assert result.failed == 0, "".join(report)
