"""Keys users can change: a `[keymap]` table in their config file, by binding id.

    [keymap]
    "calls.confirmed" = "k"        # confirmed on k instead of c
    "mode.calls" = "f4"

Every binding of relance has an id; `relance --help-keys`-style listings and
the README name them. An entry that names no binding, or a key Textual cannot
read, is ignored with a message at start; relance never fails to start over it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding, BindingType

from relance_tui import i18n

# ctrl+shift+x, f5, escape, page_up, a single character...
_KEY = re.compile(r"^(?:(?:ctrl|shift|alt|super|meta)\+)*(?:[a-z0-9_]+|.)$")


@dataclass
class LoadedKeymap:
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def binding_ids(bindings_of: Iterable[Iterable[BindingType]]) -> set[str]:
    """The ids of every `Binding` in these BINDINGS lists."""
    return {
        binding.id
        for bindings in bindings_of
        for binding in bindings
        if isinstance(binding, Binding) and binding.id
    }


def load_keymap(path: Path, known_ids: set[str]) -> LoadedKeymap:
    """The keymap in the config file at `path` (none if there is no file), and what was
    wrong with it, in the user's language."""
    loaded = LoadedKeymap()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return loaded
    except (OSError, UnicodeDecodeError) as problem:
        loaded.problems.append(i18n.t("keymap.unreadable", path=str(path), detail=str(problem)))
        return loaded
    import tomllib  # only when there is a config file to read

    try:
        table = tomllib.loads(text).get("keymap", {})
    except tomllib.TOMLDecodeError as problem:
        loaded.problems.append(i18n.t("keymap.unreadable", path=str(path), detail=str(problem)))
        return loaded
    if not isinstance(table, dict):
        loaded.problems.append(i18n.t("keymap.not_table", path=str(path)))
        return loaded
    for binding_id, keys in table.items():
        if binding_id not in known_ids:
            loaded.problems.append(i18n.t("keymap.unknown_id", binding_id=binding_id))
            continue
        parts = [part.strip() for part in keys.split(",")] if isinstance(keys, str) else []
        if not parts or not all(part and _KEY.match(part) for part in parts):
            loaded.problems.append(
                i18n.t("keymap.bad_key", binding_id=binding_id, keys=str(keys)[:40])
            )
            continue
        loaded.keymap[binding_id] = ",".join(parts)
    return loaded
