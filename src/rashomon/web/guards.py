"""Checks a request passes before any work is done for it: its Host, its token, its body size.

Why: FastAPI reads and parses a body before an endpoint's own checks run, so a token-less or
oversized POST would cost memory and time first; and without a Host check a DNS-rebinding page
could read the open API from a browser on this machine. Host names are checked by Starlette's
TrustedHostMiddleware; the token and the body size by ``RequestGuard`` below, a small ASGI
middleware, because neither Starlette nor uvicorn has a request-body limit (uvicorn bounds only
header size; Starlette only multipart parts).
"""

from __future__ import annotations

import ipaddress
import json
import secrets
import socket
from collections.abc import Iterable

from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def token_problem(expected: str | None, authorization: str) -> tuple[int, str] | None:
    """Why a write with this Authorization header is refused (status, reason), or None."""
    if not expected:
        return 403, "writes are disabled: start the server with --token or $RASHOMON_TOKEN"
    if not authorization.lower().startswith("bearer ") or not secrets.compare_digest(
            authorization[7:].strip().encode(), expected.encode()):
        return 401, "a valid bearer token is required"
    return None


def _refusal(status: int, detail: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


class RequestGuard:
    """ASGI middleware: a write shows its token before its body is read, and no body passes
    ``max_bytes`` (by its Content-Length at once, or counted as it streams in)."""

    def __init__(self, app: ASGIApp, token: str | None, max_bytes: int) -> None:
        self.app, self.token, self.max_bytes = app, token, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["method"] not in SAFE_METHODS:
            problem = token_problem(self.token, headers.get("authorization", ""))
            if problem:
                await _refusal(*problem)(scope, receive, send)
                return
        declared = headers.get("content-length")
        if declared is not None and not declared.strip().isdigit():
            await _refusal(400, "Content-Length is not a number")(scope, receive, send)
            return
        if declared is not None and int(declared) > self.max_bytes:
            await _refusal(413, self._too_large(int(declared)))(scope, receive, send)
            return
        received = 0
        started = False

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:  # FastAPI passes an HTTPException from here through
                    raise HTTPException(413, self._too_large(received, streamed=True))
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, bounded_receive, watched_send)
        except HTTPException as exc:
            if started or exc.status_code != 413:
                raise
            await _refusal(413, str(exc.detail))(scope, receive, send)

    def _too_large(self, size: int, streamed: bool = False) -> str:
        what = f"over {self.max_bytes:,} bytes so far" if streamed else f"{size:,} bytes"
        return f"the request body is {what}; this server reads at most {self.max_bytes:,} (setting request_max_bytes)"


async def invalid_request(request: Request, exc: Exception) -> Response:
    """422 for a request that fails validation, without echoing its input: FastAPI's own handler
    sends the input back (a whole 10 MB body) and fails with a 500 when it holds a lone surrogate."""
    assert isinstance(exc, RequestValidationError)
    errors = [{k: v for k, v in e.items() if k != "input" and not (k == "ctx" and "error" in v)} for e in exc.errors()]
    body = json.dumps({"detail": jsonable_encoder(errors)}, ensure_ascii=True)  # \ud800 stays an escape
    return Response(body, status_code=422, media_type="application/json")


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> list[str]:
    """Host header values to answer: the bind address, loopback names, the user's list, and
    this machine's name and addresses when it listens on every interface."""
    names = {"localhost", "127.0.0.1", "[::1]", _host(bind), *(_host(h) for h in extra if h.strip())}
    if _host(bind) in ("0.0.0.0", "[::]", ""):
        hostname = socket.gethostname()
        names |= {hostname.lower(), socket.getfqdn().lower()}
        try:
            names |= {_host(info[4][0]) for info in socket.getaddrinfo(hostname, None)}
        except OSError:
            pass
    return sorted(n for n in names if n and n not in ("0.0.0.0", "[::]"))


def _host(name: str) -> str:
    """A host as TrustedHostMiddleware compares it: lower case, IPv6 in brackets, no zone."""
    name = name.strip().lower()
    bare = name.strip("[]").split("%")[0]
    try:
        return f"[{bare}]" if ipaddress.ip_address(bare).version == 6 else bare
    except ValueError:
        return name
