"""The paths of Unix-only modules have a fallback where the module is missing
(Windows has no `resource`; see `tables_cache.fork_is_safe` for `fork`)."""

from __future__ import annotations

import builtins
from typing import Any

import pytest


def test_the_render_process_starts_without_resource(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows: no memory limit to set; the render process starts all the same (its
    deadline still applies)."""
    from relance_tui.core.script import render_process

    real_import = builtins.__import__
    asked: list[str] = []

    def no_resource(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "resource":
            asked.append(name)
            raise ImportError("No module named 'resource'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_resource)
    render_process._limit_memory()  # no error
    assert asked == ["resource"]
