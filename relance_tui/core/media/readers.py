"""Reading an import file: its encoding, its delimiter, CSV rows or vCards.

Spreadsheets export UTF-8 (with or without BOM), Windows-1252 or Mac Roman,
separated by commas, semicolons or tabs; contact programs export vCard 3 or 4.
What comes out is a header and numbered rows of text, whatever the source.
"""

from __future__ import annotations

import csv
import io
import re

from relance_tui.core.errors import RelanceError
from relance_tui.core.text import without_controls

MULTI = " ::: "  # how Google Contacts joins several values in one cell

MAX_FILE_BYTES = 50 * 1024 * 1024
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
VCARD_COLUMNS = ["FN", "N", "ORG", "TITLE", "ROLE", "TEL", "EMAIL", "NOTE"]
# Properties about the card itself, never a contact's data: not offered as columns.
VCARD_TECHNICAL = frozenset(
    {"VERSION", "PRODID", "REV", "UID", "PHOTO", "LOGO", "SOUND", "KEY", "CLIENTPIDMAP"}
)


class BadImportFile(RelanceError):
    """A file relance cannot read as a media list; nothing was written."""

    key = "import.bad_file"


def _french_score(text: str) -> int:
    return sum(text.count(ch) for ch in "éèàçêôîûùëïœÉÈÀÇ«»’")


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, UTF-16 with its BOM (Excel's
    "Texte Unicode"), else Windows-1252, or Mac Roman when the text says so clearly.

    A file that is UTF-8 but for a few bytes is refused with where they are: read
    as Windows-1252 it would turn every accent of the file into mojibake.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise BadImportFile("import.bad_encoding") from None
    if b"\x00" in data[:4096]:
        raise BadImportFile("import.bad_encoding")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as problem:
        if len(_UTF8_SEQUENCE.findall(data)) >= 3:  # accents written in UTF-8: a stray byte
            line = data.count(b"\n", 0, problem.start) + 1
            start = data.rfind(b"\n", 0, problem.start) + 1
            column = len(data[start : problem.start].decode("utf-8", "replace")) + 1
            raise BadImportFile("import.stray_byte", line=line, column=column) from None
    candidates = []
    for encoding in ("cp1252", "mac_roman"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in text):
            continue
        candidates.append((_french_score(text), encoding, text))
    if not candidates:
        raise BadImportFile("import.bad_encoding")
    scores = {encoding: (score, text) for score, encoding, text in candidates}
    if "cp1252" in scores:
        # Mac Roman only on strong evidence: clearly more French letters than as 1252.
        mac = scores.get("mac_roman")
        if mac is not None and mac[0] >= 3 and mac[0] >= 2 * scores["cp1252"][0]:
            return mac[1], "mac_roman"
        return scores["cp1252"][1], "cp1252"
    return scores["mac_roman"][1], "mac_roman"


def _sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _unneutralise(value: str) -> str:
    # Our own exports prefix formula-like cells with "'"; take it off on the way back.
    if value.startswith("'") and value[1:2] in FORMULA_TRIGGERS:
        return value[1:]
    return value


def read_csv(text: str) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    """(header, [(row number, cells)], delimiter); row numbers count the header as 1."""
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        rows = []
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if not all(map(str.isprintable, cells)):  # an escape is never a name
                    cells = [without_controls(c) for c in cells]
                if any(cell[:1] == "'" for cell in cells):
                    cells = [_unneutralise(c) for c in cells]
                rows.append((reader.line_num, cells))
    except csv.Error as problem:
        raise BadImportFile("import.bad_csv", detail=str(problem)) from None
    _refuse_unclosed_quote(text, rows)
    return [h.strip() for h in header], rows, delimiter


def _refuse_unclosed_quote(text: str, rows: list[tuple[int, list[str]]]) -> None:
    """A quote opened and never closed swallows the rest of the file into one cell
    (the csv module accepts it): refuse the file, naming the line it starts on."""
    if not rows:
        return
    number, cells = rows[-1]
    last_lines = text.rstrip("\r\n").count("\n") + 1
    swallowed = any(cell.count("\n") >= 2 for cell in cells) and number >= last_lines
    if swallowed and text.count('"') % 2 == 1:
        first_line = number - max(cell.count("\n") for cell in cells)
        raise BadImportFile("import.unclosed_quote", line=first_line)


def _vcard_unescape(value: str) -> str:
    return (
        value.replace("\\n", "\n")
        .replace("\\N", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
    )


def _vcard_value(name: str, value: str) -> str:
    """A property's value as text: a name in reading order, an organisation's first
    part, an address's city, a `tel:` URI as a number with its extension."""
    if name == "N":
        parts = [_vcard_unescape(p) for p in re.split(r"(?<!\\);", value)]
        return " ".join(p for p in (parts[1:2] + parts[0:1]) if p)
    if name == "ORG":
        return _vcard_unescape(re.split(r"(?<!\\);", value)[0])
    if name == "ADR":  # PO box;extended;street;locality;region;code;country
        parts = re.split(r"(?<!\\);", value) + [""] * 7
        return _vcard_unescape(parts[3] or parts[4])
    value = _vcard_unescape(value)
    if name == "TEL" and value.lower().startswith("tel:"):
        value = re.sub(r";ext=", " ext. ", value[4:], flags=re.IGNORECASE)
    return value


_NEVER_CALLED = {"fax", "pager"}


def _vcard_types(head: str) -> tuple[set[str], bool]:
    """A property's types (`TEL;WORK;VOICE`, `TYPE=work,voice`, `TYPE="work,cell"`) and
    whether it is the preferred one (`PREF`, `TYPE=PREF`, `PREF=1`)."""
    types: set[str] = set()
    preferred = False
    for parameter in head.split(";")[1:]:
        key, _, value = parameter.partition("=")
        key = key.strip().lower()
        if not value:  # vCard 2.1's bare types
            types.add(key)
        elif key == "type":
            types.update(v.strip().lower() for v in value.strip('"').split(","))
        elif key == "pref":
            preferred = True
    if "pref" in types:
        preferred = True
    return types, preferred


def _rank(name: str, head: str) -> tuple[int, int, int]:
    """Lower first: never a fax or a pager to call, then the preferred one, then a
    work number or email (a newsroom's), then a mobile or main line, then the rest."""
    types, preferred = _vcard_types(head)
    never = int(name == "TEL" and bool(types & _NEVER_CALLED))
    kind = 0 if "work" in types else 1 if types & {"cell", "mobile", "main", "voice"} else 2
    return never, int(not preferred), kind


def _order_by_rank(values: list[str], ranks: list[tuple[int, int, int]]) -> None:
    """`values` (and their `ranks`) sorted by rank, in file order within one rank."""
    order = sorted(range(len(values)), key=lambda i: ranks[i])
    values[:] = [values[i] for i in order]
    ranks[:] = [ranks[i] for i in order]


def read_vcard(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """vCard 3 and 4 as rows (row number = card number): the VCARD_COLUMNS, then every
    other property the cards hold (CATEGORIES, ADR, X-…), which `--map` can use."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    columns = list(VCARD_COLUMNS)
    cards: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    card_ranks: dict[str, list[tuple[int, int, int]]] = {}
    for line in unfolded.splitlines():
        if not line.strip():
            continue
        upper = line.upper()
        if upper.startswith("BEGIN:VCARD"):
            current, card_ranks = {}, {}
            continue
        if upper.startswith("END:VCARD"):
            if current is not None:
                cards.append(current)
            current = None
            continue
        if current is None or ":" not in line:
            continue
        head, value = line.split(":", 1)
        name = head.split(";")[0].split(".")[-1].upper()
        if name in VCARD_TECHNICAL or not name:
            continue
        if name not in columns:
            columns.append(name)
        value = _vcard_value(name, without_controls(value).strip())  # an escape: no name
        if value:
            bucket = current.setdefault(name, [])
            bucket.append(value)
            if name in ("TEL", "EMAIL"):  # the one to call or write to first (`_rank`)
                ranks = card_ranks.setdefault(name, [])
                ranks.append(_rank(name, head))
                _order_by_rank(bucket, ranks)
    if current:  # a last card with no END:VCARD (a file cut short): kept, not dropped
        cards.append(current)
    rows = [
        (number, [MULTI.join(card.get(column, [])) for column in columns])
        for number, card in enumerate(cards, start=1)
    ]
    return columns, rows
