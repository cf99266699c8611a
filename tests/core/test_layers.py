"""Core in layers: each package imports only those below it (function-local imports
too). The layering, lowest first, as docs/architecture.md draws it:

    7  station              the call session, the Bilan, exports, procedure, demo, doctor
    6  handoff              to the phone, the mail program, the calendar
    5  team                 shares, the synced team folder, leases, signatures
    4  door                 the door list and the turnout (built from the calls' states)
    3  calls                the calling rules: queue, order, states, the relance window
    2  media, script        outlets and contacts, imports; templates, rehearsal
    1  store, then who      the data file; who a target is (read from it)
    0  foundations          models, errors, text; then workdays, phones, settings;
                            then dates (the clock, dates in words, typed times)

Within a layer, parts do not import one another, but for the order given in 1 and 0.
"""

from __future__ import annotations

import ast
from pathlib import Path

import relance_tui

CORE = Path(relance_tui.__file__).parent / "core"
LAYERS = {
    "models": 0,
    "errors": 0,
    "text": 0,
    "workdays": 0.1,
    "phones": 0.1,
    "settings": 0.1,
    "dates": 0.2,
    "store": 1,
    "who": 1.1,
    "media": 2,
    "script": 2,
    "calls": 3,
    "door": 4,
    "team": 5,
    "handoff": 6,
    "station": 7,
}


def _part_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if parts[:2] == ["relance_tui", "core"] and len(parts) > 2 else None


def _imports() -> list[tuple[str, str, str]]:
    """(importing part, imported part, where) for every import in core."""
    found = []
    for path in CORE.rglob("*.py"):
        relative = path.relative_to(CORE)
        if relative.name == "__init__.py" and len(relative.parts) == 1:
            continue
        source = relative.parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            modules: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module == "relance_tui.core":
                    modules = [f"relance_tui.core.{alias.name}" for alias in node.names]
                else:
                    modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            for module in modules:
                target = _part_of(module)
                if target is not None and target != source:
                    found.append((source, target, f"{relative}:{node.lineno} {module}"))
    return found


def test_every_part_of_core_has_a_layer() -> None:
    parts = {p.name.removesuffix(".py") for p in CORE.iterdir() if p.name != "__init__.py"}
    parts.discard("__pycache__")
    assert parts == set(LAYERS)


def test_each_part_of_core_imports_only_those_below_it() -> None:
    imports = _imports()
    assert len(imports) > 100  # the scan found them
    against = [where for source, target, where in imports if LAYERS[target] >= LAYERS[source]]
    assert against == []


def test_no_cycle_among_core_s_packages() -> None:
    edges: dict[str, set[str]] = {}
    for source, target, _ in _imports():
        edges.setdefault(source, set()).add(target)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for step in edges.get(start, ()):
            if step == goal or (step not in seen and reaches(step, goal, seen | {step})):
                return True
        return False

    assert [part for part in edges if reaches(part, part, {part})] == []
