"""Reading an import file: its encoding, its delimiter, CSV rows or vCards.

Spreadsheets export UTF-8 (with or without BOM), Windows-1252 or Mac Roman,
separated by commas, semicolons or tabs; contact programs export vCard 3 or 4.
What comes out is a header and numbered rows of text, whatever the source.
"""

from __future__ import annotations

import csv
import io
import quopri
import re
from pathlib import Path

from relance_tui.core.errors import RelanceError, os_words
from relance_tui.core.media.reach import labelled, phone_kind, rank
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
        return _utf16_without_bom(data), "utf-16"
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


def file_bytes(path: Path) -> bytes:
    """The file's bytes, refused past the size cap or when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadImportFile("import.too_big", size=size // 1_000_000)
        # Read at most one byte past the cap: a device or a pipe has no size to trust
        # (/dev/zero never ends).
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise BadImportFile("import.too_big", size=len(data) // 1_000_000)
    except OSError as problem:
        raise BadImportFile("import.unreadable", detail=os_words(problem)) from None
    return data


def folder_of_cards(folder: Path) -> bytes:
    """Every .vcf of a folder, each decoded on its own (one may be UTF-16, another
    Windows-1252), as one UTF-8 text; refused when there is none or too much."""
    texts: list[str] = []
    total = 0
    try:
        for card in sorted(folder.glob("*.vcf")):
            data = card.read_bytes()
            total += len(data)
            if total > MAX_FILE_BYTES:
                raise BadImportFile("import.too_big", size=total // 1_000_000)
            texts.append(decode(data)[0])
    except OSError as problem:
        raise BadImportFile("import.unreadable", detail=os_words(problem)) from None
    if not texts:
        raise BadImportFile("import.no_cards", folder=str(folder))
    return "\r\n".join(texts).encode("utf-8")


def _utf16_without_bom(data: bytes) -> str:
    """Text in UTF-16 with no byte-order mark (Apple's Address Book writes big-endian):
    told by where the zero bytes fall, the high half of Latin letters."""
    sample = data[:4096]
    high_first, high_second = sample[0::2].count(0), sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    if high_first >= half // 3 and high_second * 4 <= high_first:
        encoding = "utf-16-be"
    elif high_second >= half // 3 and high_first * 4 <= high_second:
        encoding = "utf-16-le"
    else:
        raise BadImportFile("import.bad_encoding")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise BadImportFile("import.bad_encoding") from None
    if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in text[:2000]):
        raise BadImportFile("import.bad_encoding")
    return text


_VCARD_BEGIN = re.compile(r"^[ \t]*BEGIN:VCARD[ \t\r]*$", re.IGNORECASE | re.MULTILINE)
_VCARD_END = re.compile(r"^[ \t]*END:VCARD[ \t\r]*$", re.IGNORECASE | re.MULTILINE)


def is_vcard(text: str) -> bool:
    """Whether the text holds vCards: it starts with one (a file cut short still
    counts), or a BEGIN:VCARD and an END:VCARD line stand anywhere (a stray line
    before the first card: a title, a mail client's header)."""
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        return True
    return bool(_VCARD_BEGIN.search(text) and _VCARD_END.search(text))


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
        previous = reader.line_num
        for cells in reader:
            # A record's number is the line it starts on, as a spreadsheet shows it
            # (a quoted cell over several lines does not push it down).
            start, previous = previous + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                if not all(map(str.isprintable, cells)):  # an escape is never a name
                    cells = [without_controls(c) for c in cells]
                if any(cell[:1] == "'" for cell in cells):
                    cells = [_unneutralise(c) for c in cells]
                rows.append((start, cells))
    except csv.Error as problem:
        raise BadImportFile("import.bad_csv", detail=str(problem)) from None
    _refuse_unclosed_quote(text, rows)
    return [h.strip() for h in header], rows, delimiter


def _refuse_unclosed_quote(text: str, rows: list[tuple[int, list[str]]]) -> None:
    """A quote opened and never closed swallows the rest of the file into one cell
    (the csv module accepts it): refuse the file, naming the line it starts on."""
    if not rows:
        return
    number, cells = rows[-1]  # the line the last record starts on
    last_lines = text.rstrip("\r\n").count("\n") + 1
    spread = max(cell.count("\n") for cell in cells)
    swallowed = spread >= 2 and number + spread >= last_lines
    if swallowed and text.count('"') % 2 == 1:
        raise BadImportFile("import.unclosed_quote", line=number)


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


def _ranked(name: str, head: str, value: str) -> tuple[str, tuple[int, int, int]]:
    """A TEL or EMAIL value labelled with its kind, and its rank (`reach.rank`)."""
    types, preferred = _vcard_types(head)
    if name == "TEL":
        kind = phone_kind(types)
        return labelled(kind, value), rank(kind, preferred)
    kind = "work" if "work" in types else "home" if "home" in types else "phone"
    return value, rank(kind, preferred)


def _order_by_rank(values: list[str], ranks: list[tuple[int, int, int]]) -> None:
    """`values` (and their `ranks`) sorted by rank, in file order within one rank."""
    order = sorted(range(len(values)), key=lambda i: ranks[i])
    values[:] = [values[i] for i in order]
    ranks[:] = [ranks[i] for i in order]


def _quoted_printable(line: str) -> bool:
    return "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()


def _logical_lines(text: str) -> list[str]:
    """The file's properties one per line: folded lines unfolded (a line starting
    with a space or a tab continues the one before), a quoted-printable value's soft
    breaks (a line ending in "=") joined; blank lines (CR CR LF files) dropped."""
    lines: list[str] = []
    soft = False
    for line in text.splitlines():
        if not line.strip():
            continue
        if soft:
            lines[-1] = lines[-1][:-1] + line
        elif line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        else:
            lines.append(line)
        soft = lines[-1].endswith("=") and _quoted_printable(lines[-1])
    return lines


_CHARSET = re.compile(r"CHARSET=([^;:]+)", re.IGNORECASE)


def _unquote(head: str, value: str, legacy: str) -> str:
    """A quoted-printable value as text: in the CHARSET it names, else UTF-8 when it
    is valid UTF-8, else the file's legacy encoding (The Bat! names none)."""
    raw = quopri.decodestring(value.encode("utf-8", "surrogateescape"))
    named = _CHARSET.search(head)
    for encoding in (named[1].strip('"') if named else "", "utf-8", legacy, "latin-1"):
        if not encoding:
            continue
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("latin-1")  # pragma: no cover  (latin-1 decodes every byte)


def read_vcard(text: str, legacy: str = "cp1252") -> tuple[list[str], list[tuple[int, list[str]]]]:
    """vCard 2.1, 3 and 4 as rows (row number = card number): the VCARD_COLUMNS, then
    every other property the cards hold (CATEGORIES, ADR, X-…), which `--map` can use.
    A card's numbers come labelled with their kind ("cell: …") and, like its emails,
    in the order a caller tries them (`reach.rank`). `legacy`: the encoding of a
    quoted-printable value that names none and is not UTF-8."""
    columns = list(VCARD_COLUMNS)
    cards: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    card_ranks: dict[str, list[tuple[int, int, int]]] = {}
    for line in _logical_lines(text):
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
        if _quoted_printable(head):
            value = _unquote(head, value, legacy)
        value = _vcard_value(name, without_controls(value).strip())  # an escape: no name
        if value:
            bucket = current.setdefault(name, [])
            if name in ("TEL", "EMAIL"):  # the one to call or write to first
                value, its_rank = _ranked(name, head, value)
                ranks = card_ranks.setdefault(name, [])
                ranks.append(its_rank)
                bucket.append(value)
                _order_by_rank(bucket, ranks)
            else:
                bucket.append(value)
    if current:  # a last card with no END:VCARD (a file cut short): kept, not dropped
        cards.append(current)
    rows = [
        (number, [MULTI.join(card.get(column, [])) for column in columns])
        for number, card in enumerate(cards, start=1)
    ]
    return columns, rows
