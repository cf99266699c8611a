"""Compile the gettext catalogues: each `locale/<lang>/LC_MESSAGES/relance.po` into its
`.mo`, and the ids file that maps each message id (the `msgctxt`) to its English
`msgid` (and `msgid_plural`), which `i18n` hands to `pgettext`/`npgettext`.

Run at build time (`hatch_build.py`, into the wheel) and by `make` for a checkout
(`python -m relance_tui.catalogue_build`); the app never writes into its package.
Needs Babel (a dependency); imported only here and by the build.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

IDS_NAME = "relance.ids.json"


def compile_po(po: Path) -> bytes:
    """The `.mo` bytes of one `.po` file."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalogue = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def message_ids(po: Path) -> dict[str, list[str]]:
    """Each message id (`msgctxt`) of a `.po`: its msgid, and its msgid_plural if counted."""
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalogue = read_po(handle)
    ids: dict[str, list[str]] = {}
    for message in catalogue:
        if message.id and message.context:
            source = message.id
            ids[message.context] = [*source] if isinstance(source, tuple) else [str(source)]
    return ids


def build(locale_dir: Path, source_lang: str = "en") -> list[Path]:
    """Write every `.mo` and the ids file under `locale_dir`; the paths written."""
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_po(po))
        written.append(mo)
    ids = locale_dir / IDS_NAME
    source = locale_dir / source_lang / "LC_MESSAGES" / "relance.po"
    ids.write_text(json.dumps(message_ids(source), ensure_ascii=False, sort_keys=True), "utf-8")
    written.append(ids)
    return written


if __name__ == "__main__":
    here = Path(__file__).resolve().parent / "locale"
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else here):
        print(path)
