"""A QR code of a `tel:` URI, drawn with half blocks: two rows of modules per line
of text, so it fits beside the number at 80×24. Scanned with the phone's camera,
it offers to call the number (the extension after a pause)."""

from __future__ import annotations

import segno

QUIET_ZONE = 2  # modules of light around the code (scanners need some)


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules, dark True, with the quiet zone around them."""
    code = segno.make(text, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=QUIET_ZONE)]


def qr_halves(matrix: list[list[bool]]) -> list[list[tuple[bool, bool]]]:
    """Lines of (top dark, bottom dark) pairs: each pair is drawn as one "▀" whose
    foreground is the top module and whose background the bottom one."""
    rows = [*matrix, [False] * len(matrix[0])] if len(matrix) % 2 else matrix
    return [list(zip(rows[i], rows[i + 1], strict=True)) for i in range(0, len(rows), 2)]
