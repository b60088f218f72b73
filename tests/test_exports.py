"""The public API is exactly what ``__all__`` says, and every name in it can be imported."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import autograder

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(autograder.__path__, "autograder.")
    if not info.name.endswith("__main__")
)


def test_the_package_exports_what_it_lists() -> None:
    for name in autograder.__all__:
        assert getattr(autograder, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = autograder.nope  # type: ignore[attr-defined]  # reason: the failure is the test


@pytest.mark.parametrize("module_name", MODULES)
def test_every_module_declares_its_public_names(module_name: str) -> None:
    module = importlib.import_module(module_name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{module_name} has no __all__"
    for name in exported:
        assert hasattr(module, name), f"{module_name}.__all__ lists {name}, which it lacks"
