"""relance in a browser tab on the same laptop (`relance web`), for an officer who
would rather not open a terminal.

textual-serve runs the app in a pseudo-terminal and relays it to the page over a
WebSocket. As it comes, anyone who can reach the port drives the app, a web page the
officer visits could open that WebSocket (browsers do not hold WebSockets to the
same-origin rule), each tab starts a second app on the same file, and the page asks
the internet for a font. Here:

- it listens on 127.0.0.1 only;
- the page needs the secret token of the address relance prints and opens; it
  answers with a cookie (HttpOnly, SameSite=Strict) the WebSocket must bring, and
  the WebSocket's Origin must be this server's own: another site's page gets 403;
- one tab at a time: a second one gets a page saying so, in the user's language;
- the page is served without its link to an online font (offline, the browser's
  monospace font is used).

The server is textual-serve 1.1.3's (pinned): its page and app service as they are,
its index and WebSocket handlers replaced, and one route added through `_make_app`,
its only way to routes (no public hook; tests/test_web.py pins what is relied on).
"""

from __future__ import annotations

import asyncio
import hmac
import html
import re
import secrets
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from relance_tui import i18n

COOKIE = "relance_web"
_ONLINE_FONT = re.compile(rb"<link[^>]*fonts\.googleapis\.com[^>]*>\s*", re.IGNORECASE)


class RelanceServer(Server):
    """textual-serve's server, for one person on this computer."""

    def __init__(
        self,
        command: str,
        port: int,
        token: str | None = None,
        ready: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(command, host="127.0.0.1", port=port, title="relance")
        self.token = token or secrets.token_urlsafe(24)
        self.ready = ready  # called once the port answers: the address said, a tab opened
        self.session: tuple[AppService, web.WebSocketResponse] | None = None  # a tab's app

    @property
    def address(self) -> str:
        """What the officer opens: the page, with its token."""
        return f"{self.public_url}/?token={self.token}"

    def _origins(self) -> set[str]:
        return {f"http://127.0.0.1:{self.port}", f"http://localhost:{self.port}"}

    def _has_token(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    async def handle_index(self, request: web.Request) -> Any:
        if not self._has_token(request):
            return _page(403, i18n.t("web.no_token"))
        if self.busy:  # another tab has the app: say so, and offer to take it over
            page = _page(409, i18n.t("web.busy"), take_over=i18n.t("web.take_over"))
            page.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
            return page
        response = await super().handle_index(request)
        assert isinstance(response, web.Response) and response.body is not None
        body = bytes(response.body)  # type: ignore[arg-type]
        font = (
            '<style>@font-face { font-family: "Roboto Mono"; src: url("'
            f'{self.public_url}/static/fonts/RobotoMono-VariableFont_wght.ttf"); }}</style>'
        )
        body = _ONLINE_FONT.sub(font.encode(), body)  # the font textual-serve ships, here
        page = web.Response(body=body, content_type="text/html")
        page.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
        page.headers["Cache-Control"] = "no-store"
        page.headers["Referrer-Policy"] = "no-referrer"  # the token stays in this tab
        return page

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's, with the checks above, and the session held so another tab
        can take over (the app is asked to quit, as when its tab closes)."""
        self._check(request)
        if self.session is not None:
            raise web.HTTPConflict(text=i18n.t("web.busy"))
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        service = AppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=lambda: _close(websocket),
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.session = (service, websocket)
        try:
            await service.start(width, height)
            await relay(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            await service.stop()
            if self.session is not None and self.session[0] is service:
                self.session = None
        return websocket

    async def handle_takeover(self, request: web.Request) -> web.Response:
        """« Prendre la main »: the tab that has the app lets it go (its app quits and
        saves as when the tab closes), then this one opens it."""
        self._check(request)
        if self.session is not None:
            service, websocket = self.session
            await service.stop()
            await websocket.close()
            self.session = None
        raise web.HTTPSeeOther(f"/?token={self.token}")

    def _check(self, request: web.Request) -> None:
        cookie = request.cookies.get(COOKIE, "")
        if not hmac.compare_digest(cookie.encode(), self.token.encode()):
            raise web.HTTPForbidden(text=i18n.t("web.no_token"))
        if request.headers.get("Origin", "") not in self._origins():
            raise web.HTTPForbidden(text=i18n.t("web.wrong_origin"))

    @property
    def busy(self) -> bool:
        return self.session is not None

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_post("/takeover", self.handle_takeover, name="takeover")
        return app

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        if request.cookies.get(COOKIE, "") != self.token:
            raise web.HTTPForbidden(text=i18n.t("web.no_token"))
        return await super().handle_download(request)

    async def on_shutdown(self, app: web.Application) -> None:
        """ctrl+c: the tab's app is asked to quit first (it saves and closes its file as
        when the tab closes); else the server would wait for its socket."""
        if self.session is not None:
            service, websocket = self.session
            await service.stop()
            await websocket.close()
            self.session = None

    async def on_startup(self, app: web.Application) -> None:
        """No logo: `ready` says the address once the port answers (the startup hooks
        run before it listens: a tab opened then would find nothing)."""
        if self.ready is not None:
            self._announcing = asyncio.create_task(self._announce(self.ready))

    async def _announce(self, ready: Callable[[], None]) -> None:
        while True:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.port)
            except OSError:
                await asyncio.sleep(0.05)
                continue
            writer.close()
            ready()
            return


def _page(status: int, message: str, take_over: str = "") -> web.Response:
    text = html.escape(message)
    button = (
        f'<form method="post" action="/takeover"><button>{html.escape(take_over)}</button></form>'
        if take_over
        else ""
    )
    body = (
        f'<!doctype html><html lang="{i18n.current_language()}"><meta charset="utf-8">'
        f'<title>relance</title><body style="font-family: sans-serif; margin: 3em">'
        f"<h1>relance</h1><p>{text}</p>{button}</body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html")


async def _close(websocket: web.WebSocketResponse) -> None:
    await websocket.close()


async def relay(websocket: web.WebSocketResponse, service: AppService) -> None:
    """The page's messages to the app: keys, size, focus (textual-serve 1.1.3's own
    protocol, as its server reads it)."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        envelope = message.json()
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(
                to_int(str(data.get("width", 80)), 80), to_int(str(data.get("height", 24)), 24)
            )
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()
