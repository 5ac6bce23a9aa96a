"""Guarded http(s) fetching: every hop's address checked, the decoded body bounded.

Why: a URL handed to ``POST /api/ingest`` (or a link in a feed it fetches) must not reach the
machine's own services or its private network, and a small gzip-encoded response must not
inflate into gigabytes of memory. The checks live in an httpx transport, so every redirect hop
passes through them and the readers keep using the plain ``httpx.Client`` API.

Hand-written where libraries fall short: httpx has no body-size limit and its gzip/deflate
decoders inflate each network chunk without an output bound (a 64 KB chunk of a bomb becomes
~64 MB before any caller can count it), so the body is inflated here with zlib's ``max_length``.
Connections go to the address that was checked (the Host header and the TLS server name keep
the host name), so a DNS answer that changes between check and connect cannot slip past.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from rashomon.config import Options

IP = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]
_STEP = 64 * 1024  # most bytes one inflate step may produce
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CODINGS = {"gzip", "x-gzip", "deflate"}


class FetchRefused(httpx.TransportError):
    """A fetch the guard stopped; ``status`` is what the web API answers (403, 413, 415, 422, 504)."""

    def __init__(self, message: str, status: int = 403, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)
        self.status = status


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IP literals resolve to themselves)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchRefused(f"cannot resolve host {host!r}: {exc}", 422) from exc
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


def embedded(ip: IP) -> list[IP]:
    """The address and the IPv4 addresses an IPv6 one carries (mapped, 6to4, Teredo, NAT64)."""
    out: list[IP] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            out.append(ip.ipv4_mapped)
        if ip.sixtofour:
            out.append(ip.sixtofour)
        if ip.teredo:
            out += list(ip.teredo)
        if ip in _NAT64:
            out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return out


def is_public(ip: IP) -> bool:
    """True for a globally routable unicast address; loopback, private, link-local, multicast,
    reserved, shared (CGNAT) and unspecified addresses, and IPv6 forms of them, are not."""
    return all(
        a.is_global and not (a.is_multicast or a.is_reserved or a.is_loopback or a.is_link_local
                             or a.is_private or a.is_unspecified)
        for a in embedded(ip)
    )


def is_local(ip: IP) -> bool:
    """True when ``ip`` is one of this machine's own addresses (binding to it succeeds)."""
    if ip.is_unspecified or ip.is_loopback or any(a.is_loopback for a in embedded(ip)):
        return True
    if ip.is_multicast:  # binding to a group succeeds, but no server of ours listens there
        return False
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.bind((str(ip), 0))
        return True
    except OSError:
        return False


@dataclass(frozen=True)
class Limits:
    """What a guarded fetch may do."""

    allow_private: bool = False  # loopback, private, link-local... addresses
    max_bytes: int = 10_000_000  # body after decoding, and on the wire
    seconds: float = 20.0  # per hop, headers and body together
    own_ports: frozenset[int] = frozenset()  # this server's ports: never fetched on a local address
    max_fetches: int = 200  # requests per client, redirect hops and a feed's linked entries included


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that checks each request's address and bounds each response body."""

    def __init__(self, limits: Limits, inner: httpx.BaseTransport | None = None,
                 resolver: Resolver | None = None) -> None:
        self.limits = limits
        # no keep-alive: the pool is keyed by the pinned address, so a kept TLS connection (its
        # certificate checked for one name) could otherwise serve another name on that address
        self.inner = inner or httpx.HTTPTransport(limits=httpx.Limits(max_keepalive_connections=0))
        self.resolver = resolver or resolve
        self.refused: FetchRefused | None = None  # the last refusal, for the caller's status code
        self.fetches = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._handle(request)
        except FetchRefused as exc:
            exc.request = request
            self.refused = exc
            raise

    def _handle(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        self.fetches += 1
        if self.fetches > self.limits.max_fetches:
            raise FetchRefused(f"more than {self.limits.max_fetches} fetches for one input", 413)
        if url.scheme not in ("http", "https") or not url.host:
            raise FetchRefused(f"only http(s) URLs with a host are fetched, not {str(url)[:80]!r}", 422)
        port = url.port or (443 if url.scheme == "https" else 80)
        host = url.raw_host.decode("ascii")  # IDNA-encoded, as DNS and TLS want it
        address = self.allowed_address(host, port)
        extensions = dict(request.extensions)
        if url.scheme == "https":
            extensions["sni_hostname"] = host  # the certificate is checked against the name
        pinned = httpx.Request(request.method, url.copy_with(host=str(address)), headers=request.headers,
                               stream=request.stream, extensions=extensions)
        deadline = time.monotonic() + self.limits.seconds
        response = self.inner.handle_request(pinned)
        headers = httpx.Headers(response.headers)
        codings = [c.strip().lower() for c in headers.get("content-encoding", "").split(",")
                   if c.strip() and c.strip().lower() != "identity"]
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limits.max_bytes:
            response.close()
            raise FetchRefused(f"the response is {int(declared):,} bytes; the limit is {self.limits.max_bytes:,} "
                               "(setting fetch_max_bytes)", 413)
        if len(codings) > 1 or (codings and codings[0] not in _CODINGS):
            response.close()
            raise FetchRefused(f"unsupported Content-Encoding {headers['content-encoding']!r}", 415)
        for name in ("content-encoding", "content-length"):  # the body below is already decoded
            headers.pop(name, None)
        body = BoundedBody(response.stream, codings[0] if codings else None, self.limits.max_bytes, deadline)
        body.owner = self
        return httpx.Response(response.status_code, headers=headers, stream=body, extensions=response.extensions)

    def allowed_address(self, host: str, port: int) -> IP:
        """The address to connect to, after checking every address ``host`` resolves to."""
        addresses = [ipaddress.ip_address(a) for a in self.resolver(host.strip("[]"), port)]
        if not addresses:
            raise FetchRefused(f"host {host!r} has no address", 422)
        for ip in addresses:
            if not self.limits.allow_private and not is_public(ip):
                where = f"{host} is" if host.strip("[]") == str(ip) else f"{host} resolves to {ip},"
                raise FetchRefused(f"{where} a loopback, private, link-local or reserved address; "
                                   "fetching it needs the allow_private_fetch setting (ingest or serve --allow-private-fetch)", 403)
            if port in self.limits.own_ports and is_local(ip):
                raise FetchRefused(f"{host}:{port} is this server itself", 403)
        return addresses[0]

    def close(self) -> None:
        self.inner.close()


class BoundedBody(httpx.SyncByteStream):
    """A response body decoded (gzip/deflate) step by step, refused once it passes ``max_bytes``."""

    def __init__(self, raw: Any, coding: str | None, max_bytes: int, deadline: float) -> None:
        self.raw, self.coding, self.max_bytes, self.deadline = raw, coding, max_bytes, deadline
        self.owner: GuardedTransport | None = None  # told of a refusal, for the caller's status code

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._read()
        except FetchRefused as exc:
            if self.owner is not None:
                self.owner.refused = exc
            raise

    def _read(self) -> Iterator[bytes]:
        inflate = Inflater(self.coding) if self.coding else None
        wire = size = 0
        for chunk in self.raw:
            wire += len(chunk)
            if wire > self.max_bytes:
                raise FetchRefused(f"the response is over {self.max_bytes:,} bytes (setting fetch_max_bytes)", 413)
            for piece in inflate.feed(chunk) if inflate else [chunk]:
                size += len(piece)
                if size > self.max_bytes:
                    raise FetchRefused(f"the response inflates past {self.max_bytes:,} bytes "
                                       "(setting fetch_max_bytes)", 413)
                yield piece
            if time.monotonic() > self.deadline:
                raise FetchRefused("the response took too long to arrive (setting fetch_timeout)", 504)

    def close(self) -> None:
        self.raw.close()


class Inflater:
    """gzip (several members too) or deflate (zlib-wrapped or raw), at most ``_STEP`` bytes a step."""

    def __init__(self, coding: str) -> None:
        self.gzip = coding != "deflate"
        self.d: Any = None

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            while data:
                if self.d is None:
                    self.d = zlib.decompressobj(31 if self.gzip else (15 if _zlib_header(data) else -15))
                out = self.d.decompress(data, _STEP)
                if out:
                    yield out
                if self.d.eof:  # a further gzip member may follow; trailing padding is dropped
                    rest = self.d.unused_data
                    data, self.d = (rest, None) if self.gzip and rest.startswith(b"\x1f\x8b") else (b"", self.d)
                else:
                    data = self.d.unconsumed_tail
        except zlib.error as exc:
            raise FetchRefused(f"the response body is not valid {'gzip' if self.gzip else 'deflate'} ({exc})", 422) from exc


def _zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def limits_from(options: Options, own_ports: frozenset[int] = frozenset()) -> Limits:
    """The fetch limits the settings ask for."""
    return Limits(allow_private=options.allow_private_fetch, max_bytes=options.fetch_max_bytes,
                  seconds=options.fetch_timeout, own_ports=own_ports)


def guarded_client(limits: Limits, user_agent: str, timeout: float,
                   inner: httpx.BaseTransport | None = None) -> tuple[httpx.Client, GuardedTransport]:
    """An httpx client whose every request and redirect hop goes through a GuardedTransport."""
    transport = GuardedTransport(limits, inner=inner)
    client = httpx.Client(
        transport=transport, timeout=timeout, follow_redirects=True, max_redirects=10,
        trust_env=False,  # a proxy from the environment would bypass the address check
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
    )
    return client, transport
