"""STYLE.md: the core never imports Textual."""

import subprocess
import sys


def test_core_imports_no_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, relance_tui.core as core\n"
        "names = [m.name for m in pkgutil.walk_packages(core.__path__, 'relance_tui.core.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "assert 'relance_tui.core.station.session' in names and len(names) > 25, names\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
