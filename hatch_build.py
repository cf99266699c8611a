"""Build hook: compile the gettext catalogues (.po -> .mo) into the wheel.

The app reads the compiled `.mo` files; a checkout compiles them at its first
start, an installed wheel carries them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted((root / "relance_tui" / "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalogue = read_po(handle)
            out = io.BytesIO()
            write_mo(out, catalogue, use_fuzzy=False)
            mo = po.with_suffix(".mo")
            mo.write_bytes(out.getvalue())
            build_data["force_include"][str(mo)] = str(mo.relative_to(root))
