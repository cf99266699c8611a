"""relance web (relance_tui/web.py): only this computer's user, with the key of the
address relance printed, from relance's own page, one tab at a time, no font asked
of the internet; and the app itself comes through the WebSocket."""

from __future__ import annotations

import asyncio
import inspect
import os
import sys
from pathlib import Path

import pytest
from aiohttp import WSMsgType
from aiohttp.test_utils import TestClient, TestServer
from textual_serve.server import Server

from relance_tui.cli_web import served_command
from relance_tui.core.station.demo import load_demo
from relance_tui.core.store.store import Store
from relance_tui.locations import data_dir
from relance_tui.web import COOKIE, RelanceServer

PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"


def test_what_is_overridden_is_textual_serves_1_1_3() -> None:
    """The handlers replaced keep their names and the index its template (pinned)."""
    from importlib.metadata import version

    assert version("textual-serve") == "1.1.3"
    for name in ("handle_index", "handle_websocket", "handle_download", "on_startup", "_make_app"):
        assert inspect.iscoroutinefunction(getattr(Server, name))
    assert "fonts.googleapis.com" in (
        Path(inspect.getfile(Server)).parent / "templates" / "app_index.html"
    ).read_text("utf-8")


async def client_of(server: RelanceServer) -> TestClient:
    # textual-serve gives no public way to its aiohttp application: `_make_app`, pinned
    # with its version above (tests only; the command serves through `serve`).
    client = TestClient(TestServer(await server._make_app(), port=PORT))
    await client.start_server()
    return client


async def test_the_page_wants_the_key_and_asks_the_internet_for_nothing() -> None:
    server = RelanceServer("true", PORT)
    client = await client_of(server)
    try:
        refused = await client.get("/")
        assert refused.status == 403 and "clé" in await refused.text()
        wrong = await client.get("/?token=guess")
        assert wrong.status == 403
        page = await client.get(f"/?token={server.token}")
        text = await page.text()
        assert page.status == 200 and "fonts.googleapis.com" not in text
        assert "https://" not in text.split("<body")[0]
        font = f"http://127.0.0.1:{PORT}/static/fonts/RobotoMono-VariableFont_wght.ttf"
        assert font in text  # the font textual-serve ships, served here
        assert (await client.get(font.split(str(PORT), 1)[1])).status == 200
        cookie = page.cookies[COOKIE]
        assert (
            cookie.value == server.token and cookie["httponly"] and cookie["samesite"] == "Strict"
        )
    finally:
        await client.close()


class Stopping:
    """A tab's app and socket as the take-over sees them: stopped, then closed."""

    def __init__(self, said: list[str]) -> None:
        self.said = said

    async def stop(self) -> None:
        self.said.append("stop")

    async def close(self) -> None:
        self.said.append("close")


async def test_the_websocket_wants_the_cookie_and_this_servers_origin() -> None:
    server = RelanceServer("true", PORT)
    client = await client_of(server)
    try:
        no_cookie = await client.get("/ws", headers={"Origin": ORIGIN})
        assert no_cookie.status == 403
        client.session.cookie_jar.update_cookies({COOKIE: server.token})
        elsewhere = await client.get("/ws", headers={"Origin": "https://example.com"})
        assert elsewhere.status == 403 and "page de relance" in await elsewhere.text()
        stopped: list[str] = []
        server.session = (Stopping(stopped), Stopping(stopped))  # type: ignore[assignment]
        busy = await client.get(f"/?token={server.token}")
        page = await busy.text()
        assert busy.status == 409 and "déjà ouvert" in page and "Prendre la main" in page
        stranger = await client.post("/takeover", headers={"Origin": "https://example.com"})
        assert stranger.status == 403 and server.busy
        taken = await client.post("/takeover", headers={"Origin": ORIGIN}, allow_redirects=False)
        assert taken.status == 303 and taken.headers["Location"] == f"/?token={server.token}"
        assert stopped == ["stop", "close"] and not server.busy
    finally:
        await client.close()


async def test_the_app_comes_through_the_websocket(tmp_path: Path, now) -> None:
    """The real app, on a demo file, in the pseudo-terminal textual-serve opens: its
    screen reaches the page; the tab closed, another may come."""
    path = tmp_path / "relance.json"
    with Store.open(path) as store:
        load_demo(store, data_dir(), now)
    server = RelanceServer(served_command(path, "fr"), PORT)
    client = await client_of(server)
    try:
        await client.get(f"/?token={server.token}")
        socket = await client.ws_connect("/ws?width=100&height=32", headers={"Origin": ORIGIN})
        assert server.busy
        seen = b""
        async with asyncio.timeout(60):
            while b"Listes" not in seen:
                message = await socket.receive()
                assert message.type in (WSMsgType.BINARY, WSMsgType.TEXT), message
                data = message.data
                seen += data if isinstance(data, bytes) else data.encode()
        await socket.close()
        async with asyncio.timeout(30):
            while server.busy or _children(str(path)):
                # textual-serve stops the app without awaiting its exit: the loop must
                # still run when the process ends, or its transport is collected late.
                await asyncio.sleep(0.05)
    finally:
        await client.close()


def _children(naming: str) -> list[int]:
    """This process's live children whose command names `naming` (the app's data file;
    other tests leave other children running). Linux: /proc; elsewhere none are seen."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, UnicodeDecodeError):
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and naming in command:
            found.append(int(stat.parent.name))
    return found


def test_the_command_each_tab_runs_is_this_python_and_this_file(tmp_path: Path) -> None:
    command = served_command(tmp_path / "d b.json", "en")
    assert command.startswith(sys.executable) and "--lang en" in command
    assert "'" in command or '"' in command  # the space in the path is quoted


@pytest.mark.parametrize("args", [["web", "--help"]])
def test_the_command_is_there(args: list[str]) -> None:
    from click.testing import CliRunner

    from relance_tui.cli import main

    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "--port" in result.output
