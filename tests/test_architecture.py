"""The shape of the package (STYLE.md): no import circles through the app, no private
names borrowed across modules, files a reader can take in."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "relance_tui"


def imports_of(path: Path) -> list[tuple[str, list[str]]]:
    """(module, imported names) of every import in the file, even inside functions."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
    return found


def test_no_ui_module_imports_the_app() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "ui").rglob("*.py")
        if path.name != "app.py"
        and any(module == "relance_tui.ui.app" for module, _ in imports_of(path))
    ]
    assert offenders == []


def test_no_module_imports_another_modules_private_names() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {module}.{name}"
        for path in PACKAGE.rglob("*.py")
        for module, names in imports_of(path)
        if module.startswith("relance_tui")
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert offenders == []


def test_core_is_grouped_by_domain() -> None:
    packages = {p.name for p in (PACKAGE / "core").iterdir() if (p / "__init__.py").exists()}
    assert {"store", "media", "calls", "script", "team"} <= packages
    loose = sorted(p.name for p in (PACKAGE / "core").glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= 8, loose  # the foundations and `who` (tests/core/test_layers.py)


def test_no_source_file_is_much_over_400_lines() -> None:
    # importers.py keeps one procedure whole (see its commit); the i18n module is data.
    allowed = {"importers.py": 560}
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text("utf-8").splitlines())) > allowed.get(path.name, 450)
    }
    assert long == {}


def test_the_first_card_does_not_wait_for_modules_it_does_not_use() -> None:
    """Appels opens without Jinja (templates render in their own process), the email
    package (drafts) or the QR code library: 90 ms of the start at 5,000 contacts;
    nor phonenumbers (35 ms), while the numbers are plain North American ones."""
    import subprocess
    import sys

    code = (
        "import sys, relance_tui.cli, relance_tui.ui.app, relance_tui.ui.screens.calls;"
        "from relance_tui.core.phones import format_phone, parse_phone, phone_key;"
        "format_phone('514-555-0142', '221'); parse_phone('(438) 555-0199 poste 2');"
        "phone_key('514-555-0142');"
        "print(sorted(m for m in ('jinja2', 'email.message', 'segno', 'phonenumbers')"
        " if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_the_command_line_imports_one_way() -> None:
    """`cli` -> `cli_team` -> `cli_base`: nothing imports `cli` back, lazily or not."""
    import ast

    for name in ("cli_team.py", "cli_base.py", "cli_words.py"):
        tree = ast.parse((PACKAGE / name).read_text("utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        } | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "relance_tui"
            for alias in node.names
        }
        assert "relance_tui.cli" not in imported and "cli" not in imported, name
    base = ast.parse((PACKAGE / "cli_base.py").read_text("utf-8"))
    assert not any(
        isinstance(node, ast.ImportFrom) and (node.module or "").startswith("relance_tui.cli_team")
        for node in ast.walk(base)
    )


def _module_graph() -> dict[str, set[str]]:
    """Each module of the package -> the package modules it imports when it is loaded
    (module level; an import inside a function or under TYPE_CHECKING waits)."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("relance_tui"):
                for alias in node.names:
                    whole = f"{node.module}.{alias.name}"
                    found.add(whole if whole in modules else str(node.module))
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("relance_tui")}
        graph[name] = {target for target in found if target in modules and target != name}
    return graph


def test_no_import_circle_anywhere_in_the_package() -> None:
    """Loading any module never comes back to itself (Tarjan's strongly connected
    components over the whole package, ui and commands included)."""
    graph = _module_graph()
    assert len(graph) > 100  # the whole package was read
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            circle = []
            while (top := stack.pop()) != module:
                circle.append(top)
            if circle:
                circles.append(sorted([module, *circle]))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    assert circles == []
