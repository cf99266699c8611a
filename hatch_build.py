"""Build hook: compile the gettext catalogues (.po -> .mo, and the ids file) into the
wheel (`relance_tui/catalogue_build.py`). The installed app only reads them."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        path = root / "relance_tui" / "catalogue_build.py"
        spec = importlib.util.spec_from_file_location("catalogue_build", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for written in module.build(root / "relance_tui" / "locale"):
            build_data["force_include"][str(written)] = str(written.relative_to(root))
