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

The server's handlers are textual-serve 1.1.3's, overridden (its version is pinned:
tests/test_web.py checks what is relied on).
"""

from __future__ import annotations

import hmac
import html
import re
import secrets
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from relance_tui import i18n

COOKIE = "relance_web"
_ONLINE_FONT = re.compile(rb"<link[^>]*fonts\.googleapis\.com[^>]*>\s*", re.IGNORECASE)


class RelanceServer(Server):
    """textual-serve's server, for one person on this computer."""

    def __init__(self, command: str, port: int, token: str | None = None) -> None:
        super().__init__(command, host="127.0.0.1", port=port, title="relance")
        self.token = token or secrets.token_urlsafe(24)
        self.busy = False  # a tab is driving the app

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
        if self.busy:
            return _page(409, i18n.t("web.busy"))
        response = await super().handle_index(request)
        assert isinstance(response, web.Response) and response.body is not None
        body = bytes(response.body)  # type: ignore[arg-type]
        page = web.Response(body=_ONLINE_FONT.sub(b"", body), content_type="text/html")
        page.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
        page.headers["Cache-Control"] = "no-store"
        page.headers["Referrer-Policy"] = "no-referrer"  # the token stays in this tab
        return page

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        cookie = request.cookies.get(COOKIE, "")
        if not hmac.compare_digest(cookie.encode(), self.token.encode()):
            raise web.HTTPForbidden(text=i18n.t("web.no_token"))
        if request.headers.get("Origin", "") not in self._origins():
            raise web.HTTPForbidden(text=i18n.t("web.wrong_origin"))
        if self.busy:
            raise web.HTTPConflict(text=i18n.t("web.busy"))
        self.busy = True
        try:
            return await super().handle_websocket(request)
        finally:
            self.busy = False

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        if request.cookies.get(COOKIE, "") != self.token:
            raise web.HTTPForbidden(text=i18n.t("web.no_token"))
        return await super().handle_download(request)

    async def on_startup(self, app: web.Application) -> None:
        """Said by `relance web` itself (the address with its token), not the logo."""


def _page(status: int, message: str) -> web.Response:
    text = html.escape(message)
    body = (
        f'<!doctype html><html lang="{i18n.current_language()}"><meta charset="utf-8">'
        f'<title>relance</title><body style="font-family: sans-serif; margin: 3em">'
        f"<h1>relance</h1><p>{text}</p></body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html")
