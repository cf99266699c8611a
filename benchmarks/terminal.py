"""Performance where the user sits: the installed `relance` in a real pseudo-terminal.

For each size (contacts, with 10x attempts over 200 events), builds a data
file with the builder of `scale.py`, then runs the installed command in a
pseudo-terminal whose screen is emulated by pyte, and prints median, p95, max
and n of:

  - spawn of `relance` -> the first call card on screen (talking points drawn);
  - outcome key (`n`/`v` alternating, a random 0-30 ms pause between keys so
    they do not line up with timers) -> the next card's name on screen, over a
    whole session (3,000 keys by default);
  - the same keys, interleaved, on the same app whose write goes through
    TinyDB's default JSONStorage instead (`jsonstorage_app.py`): the ratio;
  - search, per keystroke, until the count and the first row shown are the
    ones the core's search gives, split into keystrokes that change the rows
    and keystrokes that do not;
  - peak resident memory of the app (VmHWM), and `q` -> the process gone.

A key's time runs from the byte written to the pty to the arrival of the bytes
that complete the screen (read from the pty, before pyte parses them: a real
terminal's own parsing is not the app's). After each session the data file
must hold exactly one call per key sent.

    .venv/bin/python benchmarks/terminal.py [--sizes 500,5000,20000] [--keys 3000]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import queue
import random
import re
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pyte

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

from relance_tui import i18n  # noqa: E402
from relance_tui.core.media.search import media_rows, search  # noqa: E402
from relance_tui.core.models import Event, EventKind, Settings  # noqa: E402
from relance_tui.core.script import book  # noqa: E402
from relance_tui.core.store.store import Store  # noqa: E402
from relance_tui.core.store.tables_cache import cache_path  # noqa: E402

HERE = Path(__file__).resolve().parent
RELANCE = Path(sys.executable).with_name("relance")
COLUMNS, LINES = 100, 32
NAME = re.compile(r"Personne \d+ Côté")
CALLS_FOOTER = "mauvais numéro"  # only the Appels footer says it
PREPARING = "Préparation…"
SEARCHES = ("personne 12 cote", "media 4", "quartier montreal", "zzz")
# As a user's shell has it: Python keeps the byte-code it compiles (a user's install
# writes it at the first run; a machine that says not to would compile every start).
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


class Terminal:
    """A program in a pseudo-terminal, its screen emulated.

    A thread reads the pty as bytes come and stamps each chunk with its arrival
    time; the screen is emulated from the chunks afterwards. pyte takes ~10 ms to
    parse a full frame, where a real terminal takes well under one: stamping after
    parsing would count it whenever a frame comes in several chunks.
    """

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.clear()
            os.environ.update(USER_ENV)
            os.environ.update({"TERM": "xterm-256color", "COLUMNS": str(COLUMNS)})
            os.environ["LINES"] = str(LINES)
            os.execv(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.started = time.perf_counter()
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.alive = True
        self.chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 1 << 20)
            except OSError:
                data = b""
            self.chunks.put((time.perf_counter(), data))
            if not data:
                return

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def send(self, data: bytes) -> float:
        sent = time.perf_counter()
        os.write(self.fd, data)
        return sent

    def _next(self, timeout: float) -> float | None:
        """Feed the next chunk to the screen; its arrival time (None: none came)."""
        try:
            arrived, data = self.chunks.get(timeout=timeout)
        except queue.Empty:
            return None
        if not data:
            self.alive = False
            return None
        self.stream.feed(data)
        return arrived

    def wait(self, done: Callable[[Terminal], bool], timeout: float = 60.0) -> float:
        """The arrival time of the bytes after which `done` holds."""
        deadline = time.perf_counter() + timeout
        if done(self):
            return time.perf_counter()
        while time.perf_counter() < deadline and self.alive:
            arrived = self._next(0.5)
            if arrived is not None and done(self):
                return arrived
        raise TimeoutError(
            f"{self.argv[1:2]}: the screen never showed what was awaited:\n{self.text()}"
        )

    def drain(self) -> None:
        while self.alive and self._next(0) is not None:
            pass

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def quit(self, key: bytes = b"q", timeout: float = 60.0) -> float:
        """Press `key`; seconds until the process is gone."""
        sent = self.send(key)
        deadline = sent + timeout
        while time.perf_counter() < deadline:
            self.drain()
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                gone = time.perf_counter()
                os.close(self.fd)
                return gone - sent
            time.sleep(0.002)
        self.kill()
        raise TimeoutError("the app did not quit")

    def kill(self) -> None:
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def card_name(term: Terminal) -> str | None:
    """The name on the call card, once the card and its talking points are drawn."""
    text = term.text()
    if CALLS_FOOTER not in text or PREPARING in text:
        return None
    found = NAME.search(text)
    return found.group(0) if found else None


# data -------------------------------------------------------------------------------
def build_file(folder: Path, contacts: int, keys: int) -> tuple[Path, int]:
    """The data file of one size; returns its path and the current event's id.

    The current event is a press conference tomorrow at 8 h in a zone where it is
    mid-afternoon now: its window is open, and a retry (set to 0 minutes here, with
    a cap that lets the session cycle through its call list) is due at once.
    """
    offset = (15 - datetime.now(UTC).hour + 12) % 24 - 12
    zone = timezone(timedelta(hours=offset))
    tomorrow = datetime.now(zone).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, datetime.min.time(), tzinfo=zone) + timedelta(hours=8)
    targets = min(150, max(10, contacts // 4))
    current = Event(
        title="Conférence de presse",
        kind=EventKind.PRESS_CONFERENCE,
        start=start,
        templates={lang: book.defaults(lang) for lang in book.LANGUAGES},
    )
    settings = Settings(
        caller_name="Sam",
        organisation="Organisme",
        caller_phone="514-555-0100",
        retry_voicemail_min=0,
        retry_no_answer_min=0,
        attempts_cap=keys // targets + 2,
    )
    path = folder / f"relance-{contacts}.json"
    event_id = scale.build(
        path,
        contacts,
        200,
        contacts * 10,
        current=current,
        current_targets=targets,
        settings=settings,
    )
    return path, event_id


def calls_of(path: Path, event_id: int) -> int:
    """Calls of an event in the file as written (whoever wrote it)."""
    tables = json.loads(path.read_text(encoding="utf-8"))
    journal = path.with_name(path.name + ".journal")
    count = sum(1 for doc in tables["attempts"].values() if doc.get("event_id") == event_id)
    if journal.exists() and journal.stat().st_size:
        raise RuntimeError("the journal was not folded at close")
    return count


# measures ---------------------------------------------------------------------------
def app_argv(db: Path, jsonstorage: bool = False) -> list[str]:
    if jsonstorage:
        return [sys.executable, str(HERE / "jsonstorage_app.py"), "--db", str(db), "--lang", "fr"]
    return [str(RELANCE), "--db", str(db), "--lang", "fr"]


def older_schema(seed: Path) -> Path:
    """The seed as the release before the door's arrivals wrote it (schema 2, no
    layout, no `.tables`): the first start after an update migrates it."""
    older = seed.with_name(f"older-{seed.name}")
    if not older.exists():
        tables = json.loads(seed.read_text(encoding="utf-8"))
        tables.pop("arrivals", None)
        tables["meta"] = {"1": {"schema_version": 2}}
        text = json.dumps(tables, ensure_ascii=False, separators=(",", ":"))
        older.write_text(text, encoding="utf-8")
    return older


def copy_data(seed: Path, db: Path, *, tables: bool = True, older: bool = False) -> None:
    """The data file, and the tables relance wrote beside it when it last closed it
    (`tables_cache`: what a user's folder holds after any quit); without them, the
    start after a crash or a copy of the file alone; `older`: the file of the release
    before, alone."""
    shutil.copyfile(older_schema(seed) if older else seed, db)
    cached = cache_path(seed)
    if tables and not older and cached.exists():
        shutil.copyfile(cached, cache_path(db))
    # On the disk before the app starts, as a user's folder is: 70 MB (20k) of pages
    # still to write back held the disk ~30 s later, and a key's fsync behind them
    # (keys of 100-220 ms that were the benchmark's copy, not the app).
    os.sync()


def start_to_card(
    seed: Path, runs: int, *, tables: bool = True, older: bool = False
) -> list[float]:
    times = []
    for run in range(runs + 1):
        db = seed.with_name(f"start-{run}.json")
        copy_data(seed, db, tables=tables, older=older)
        term = Terminal(app_argv(db))
        try:
            shown = term.wait(
                lambda t: card_name(t) is not None or "Chercher (/)" in t.text(), timeout=120
            )
            if card_name(term) is None:  # opened on Listes: the user presses 4
                term.send(b"4")
                shown = term.wait(lambda t: card_name(t) is not None)
            if run:  # the first run warms the disk cache and the byte-code
                times.append(shown - term.started)
            term.quit()
        finally:
            term.kill()
        for leftover in db.parent.glob(f"{db.name}*"):
            leftover.unlink()
    return times


def bare_start(runs: int) -> list[float]:
    """Spawn -> first screen of a bare Textual app (`bare_textual.py`): the floor."""
    times = []
    for run in range(runs + 1):
        term = Terminal([sys.executable, str(HERE / "bare_textual.py")])
        try:
            shown = term.wait(lambda t: "prêt" in t.text(), timeout=60)
            if run:
                times.append(shown - term.started)
            term.quit()
        finally:
            term.kill()
    return times


def key_session(
    seed: Path,
    event_id: int,
    keys: int,
    paired: int,
    rng: random.Random,
    *,
    tables: bool = True,
    older: bool = False,
) -> dict[str, object]:
    """`keys` outcome keys on relance, the first `paired` of them interleaved with the
    same key on the JSONStorage app; then the search; then quit. `tables=False`: the
    file alone (a copy, a start after a crash): the no-cache path; `older`: the file
    as the release before wrote it, migrated by this start."""
    ours_db, theirs_db = seed.with_name("ours.json"), seed.with_name("theirs.json")
    for leftover in [*seed.parent.glob("ours.json*"), *seed.parent.glob("theirs.json*")]:
        leftover.unlink()  # a session before's: its tables above all
    shutil.copyfile(seed, theirs_db)
    copy_data(seed, ours_db, tables=tables, older=older)  # both on the disk (`copy_data`)
    ours = Terminal(app_argv(ours_db))
    theirs = Terminal(app_argv(theirs_db, jsonstorage=True)) if paired else None
    found: dict[str, object] = {}
    try:
        for term in filter(None, (ours, theirs)):
            term.wait(lambda t: card_name(t) is not None or "Chercher (/)" in t.text(), 120)
            if card_name(term) is None:
                term.send(b"4")
                term.wait(lambda t: card_name(t) is not None)
        ours_times, theirs_times = [], []
        for n in range(keys):
            key = b"v" if n % 2 else b"n"
            pairs = [(ours, ours_times)]
            if theirs is not None and n < paired:
                pairs.append((theirs, theirs_times))
                if n % 2:
                    pairs.reverse()  # neither app always goes first
            for term, times in pairs:
                before = card_name(term)
                sent = term.send(key)
                shown = term.wait(lambda t, b=before: card_name(t) not in (None, b))
                times.append(shown - sent)
            time.sleep(rng.uniform(0, 0.03))
        found["key"], found["jsonstorage"] = ours_times, theirs_times
        found.update(search_session(ours, ours_db))
        found["rss_mb"] = ours.peak_rss_mb()
        ours.send(b"\r")  # Enter: from the search field to the table, where q quits
        ours.wait(lambda t: "/ chercher  ^g" not in t.text())
        found["quit"] = ours.quit()
        if theirs is not None:
            theirs.quit()
    finally:
        ours.kill()
        if theirs is not None:
            theirs.kill()
    found["calls"] = calls_of(ours_db, event_id)
    if theirs is not None:
        found["calls_jsonstorage"] = calls_of(theirs_db, event_id)
    return found


def search_session(term: Terminal, db: Path) -> dict[str, list[float]]:
    """Listes, `/`, then each search typed a key at a time."""
    i18n.set_language("fr")
    store = Store.open_read_only(db)
    rows = media_rows(store.outlets(), store.shows(), store.contacts())
    store.close()
    term.send(b"1")
    term.wait(lambda t: "Chercher (/)" in t.text() and "au total)" in t.text())
    term.send(b"/")
    term.wait(lambda t: "/ chercher  ^g" in t.text())  # the field has the keys
    changed: list[float] = []
    same: list[float] = []
    shown_before = [r.key for r in rows]
    for words in SEARCHES:
        for end in range(1, len(words) + 1):
            typed = words[:end]
            result = search(rows, typed)
            first = (result[0].contact.name if result[0].contact else "—") if result else None
            count = f"{len(result)} trouvé" if result else "Aucun résultat"
            sent = term.send(words[end - 1].encode())
            try:
                shown = term.wait(lambda t, c=count, f=first, q=typed: _search_shows(t, q, c, f))
            except TimeoutError as exc:
                raise TimeoutError(f"typed {typed!r}, awaited {count!r} and {first!r}") from exc
            keys = [r.key for r in result]
            (changed if keys != shown_before else same).append(shown - sent)
            shown_before = keys
        for _ in words:  # cleared a key at a time; not timed
            term.send(b"\x7f")
        every = f"{len(rows)} trouvés ("
        term.wait(lambda t, e=every: e in t.text() and "Chercher (/)" in _field_of(t))
        shown_before = [r.key for r in rows]
    return {"search_changed": changed, "search_same": same}


def _field_of(term: Terminal) -> str:
    return term.screen.display[4]


def _search_shows(term: Terminal, typed: str, count: str, first: str | None) -> bool:
    text = term.text()
    if typed not in _field_of(term) or count not in text:
        return False
    return first is None or first in "\n".join(term.screen.display[6:9])


def import_rows(seed: Path, rows: int, runs: int) -> list[float]:
    """`relance import` of a CSV of `rows` new contacts into a copy of the file, end to
    end (spawn to exit); the file must then hold them."""
    import csv
    import subprocess

    source = seed.with_name("import.csv")
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Nom", "Média", "Téléphone", "Courriel", "Type", "Région"])
        for n in range(rows):
            writer.writerow(
                [
                    f"Nouvelle Personne {n}",
                    f"Nouveau média {n % 400}",
                    f"514-{200 + n // 10000:03d}-{n % 10000:04d}",
                    f"n{n}@nouveau.example",
                    "radio",
                    "Montréal",
                ]
            )
    times = []
    for run in range(runs):
        db = seed.with_name(f"import-{run}.json")
        copy_data(seed, db)
        before = len(json.loads(db.read_bytes())["contacts"])
        started = time.perf_counter()
        subprocess.run(
            [str(RELANCE), "import", str(source), "--db", str(db)],
            check=True,
            capture_output=True,
            env=USER_ENV,
        )
        times.append(time.perf_counter() - started)
        written = json.loads(db.read_bytes())
        _wait_for_tables(db, written["meta"]["1"]["checksum"])
        after = len(written["contacts"])
        if after - before != rows:
            raise SystemExit(f"import: {after - before} contacts added for {rows} rows")
        for leftover in db.parent.glob(f"{db.name}*"):
            leftover.unlink()
    return times


def _wait_for_tables(db: Path, checksum: str, timeout: float = 30.0) -> None:
    """Until the tables of `db`'s snapshot are written: the next measure must not share
    the machine with the child process writing them as the prompt came back."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            with cache_path(db).open("rb") as handle:
                if checksum.encode("ascii") in handle.readline():
                    return
        time.sleep(0.05)
    raise SystemExit(f"the tables of {db.name} were not written")


# report -----------------------------------------------------------------------------
def figures(values: list[float]) -> str:
    if not values:
        return "n=0"
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return (
        f"median {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  "
        f"max {ms[-1]:7.1f} ms  n={len(ms)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="500,5000,20000")
    parser.add_argument("--keys", type=int, default=3000)
    parser.add_argument("--small-keys", type=int, default=300, help="keys at sizes under 5,000")
    parser.add_argument("--paired", type=int, default=40, help="keys also sent to JSONStorage")
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--import-rows", type=int, default=10000, help="0: not measured")
    parser.add_argument(
        "--paths",
        default="warm,cold,older",
        help="warm: with .tables; cold: the file alone; older: the file at the schema before",
    )
    args = parser.parse_args()
    paths = args.paths.split(",")
    # The reader thread stamps a chunk as soon as it has the interpreter back, not
    # after the 5 ms the main thread may hold it parsing the last one.
    sys.setswitchinterval(0.0005)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="relance-terminal-"))
    try:
        for contacts in (int(s) for s in args.sizes.split(",")):
            keys = args.keys if contacts >= 5000 else args.small_keys
            folder = work / str(contacts)
            folder.mkdir()
            t0 = time.perf_counter()
            seed, event_id = build_file(folder, contacts, keys)
            size = seed.stat().st_size / 1e6
            print(
                f"\n== {contacts} contacts, {contacts * 10} calls, 200 events: {size:.1f} MB "
                f"(built in {time.perf_counter() - t0:.0f} s), {COLUMNS}x{LINES}",
                flush=True,
            )
            floor = bare_start(args.starts)
            warm = start_to_card(seed, args.starts)
            cold = start_to_card(seed, args.starts, tables=False)
            older = start_to_card(seed, args.starts, tables=False, older=True)
            base = statistics.median(floor)
            print(f"spawn -> bare Textual app         {figures(floor)}")
            print(
                f"spawn -> first card               {figures(warm)}; "
                f"x{statistics.median(warm) / base:.1f} the bare app"
            )
            print(
                f"  without the tables file         {figures(cold)}; "
                f"x{statistics.median(cold) / base:.1f} the bare app"
            )
            print(
                f"  older schema, migrated          {figures(older)}; "
                f"x{statistics.median(older) / base:.1f} the bare app"
            )
            if args.import_rows:
                imported = import_rows(seed, args.import_rows, args.starts)
                print(f"relance import {args.import_rows} rows       {figures(imported)}")
            paired = min(args.paired, keys) if contacts <= 5000 else min(args.paired, keys) // 4
            for path in paths:
                said = {"warm": "with .tables", "cold": "without .tables"}
                print(f"-- {path} path ({said.get(path, 'older schema, migrated')})")
                found = key_session(
                    seed,
                    event_id,
                    keys,
                    paired if path == "warm" else 0,
                    rng,
                    tables=path == "warm",
                    older=path == "older",
                )
                key, theirs = found["key"], found["jsonstorage"]
                assert isinstance(key, list) and isinstance(theirs, list)
                print(f"outcome key -> next card          {figures(key)}")
                over = sum(1 for v in key if v > 0.1)
                print(f"  keys above 100 ms               {over} of {len(key)}")
                slowest = sorted(range(len(key)), key=lambda i: -key[i])[:3]
                said = ", ".join(f"#{i + 1} {key[i] * 1000:.0f} ms" for i in slowest)
                print(f"  slowest keys                    {said}")
                if theirs:
                    print(f"  same keys, JSONStorage app      {figures(theirs)}")
                    ratio = statistics.median(theirs) / statistics.median(key[: len(theirs)])
                    print(f"  ratio JSONStorage / relance     x{ratio:.1f} (medians, interleaved)")
                print(f"search, keystroke changes rows    {figures(found['search_changed'])}")  # type: ignore[arg-type]
                print(f"search, keystroke same rows       {figures(found['search_same'])}")  # type: ignore[arg-type]
                print(f"peak resident memory (VmHWM)      {found['rss_mb']:.0f} MB")
                print(f"q -> process gone                 {found['quit'] * 1000:.0f} ms")  # type: ignore[operator]
                expected = f"{found['calls']} calls in the file for {len(key)} keys"
                if theirs:
                    expected += f"; JSONStorage app: {found['calls_jsonstorage']} for {len(theirs)}"
                print(f"  check: {expected}")
                if found["calls"] != len(key) or (
                    theirs and found["calls_jsonstorage"] != len(theirs)
                ):
                    raise SystemExit("a key's call is missing or doubled in the file")
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
