"""Bytes to text: honour what the input declares (BOM, HTML meta, HTTP header), then detect.

Why here and not in each reader: every input kind (file, WARC payload, JSONL, fetched URL)
meets the same three failure modes — empty, binary, undecodable — and the user should get
the same one-line reason for each, whatever the container.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# Magic numbers of binary formats people rename or save by mistake next to their pages;
# naming the format makes the failure reason useful ("a PNG image", not "undecodable").
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG: browsers read these labels as windows-1252, and pages rely on it.
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.I)


class DecodeError(ValueError):
    """The bytes are not text we can read; ``reason`` is the one line a user sees."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    evidence: str  # "bom", "meta", "http", "utf-8", "detected"


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data`` when its first bytes give it away."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[:12].startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "a WebP image"
    return None


def _bom(data: bytes) -> tuple[bytes, str] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return bom, name
    return None


def _known(label: str | None) -> str | None:
    """Return a Python codec name for a declared label, or None when Python has no such codec."""
    if not label:
        return None
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (``<meta charset>`` or http-equiv)."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def header_charset(content_type: str | None) -> str | None:
    """The charset of an HTTP ``Content-Type`` header value."""
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return m.group(1) if m else None


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def _looks_binary(text: str) -> bool:
    """Too many control characters for any real page: a mis-detected binary file."""
    sample = text[:20000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v\x1b")
    return controls / len(sample) > 0.01


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_multibyte_utf8(data: bytes) -> bool:
    """Valid multi-byte UTF-8 sequences appear: the text really is UTF-8, not a legacy codepage."""
    return len(_UTF8_MULTIBYTE.findall(data[:200_000])) >= 3


def decode(data: bytes, *, declared: str | None = None, html: bool = False) -> Decoded:
    """Decode ``data``: BOM, then a declared charset (HTTP header, or the HTML meta when
    ``html``), then strict UTF-8, then charset-normalizer's best guess.

    Raises DecodeError with a one-line reason for empty, binary or undecodable bytes.
    """
    if not data:
        raise DecodeError("empty file")
    kind = binary_kind(data)
    if kind:
        raise DecodeError(f"binary file ({kind}), not text")
    found = _bom(data)
    if found:
        bom, name = found
        try:
            text = data[len(bom) :].decode(name)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"undecodable: starts with a {name} byte-order mark but is not {name} ({exc.reason})") from None
        if not text.strip():
            raise DecodeError("empty file (only a byte-order mark and whitespace)")
        return Decoded(_clean(text), name, "bom")
    if not data.strip():
        raise DecodeError("empty file (only whitespace)")
    candidates: list[tuple[str, str]] = []
    if declared and _known(declared):
        candidates.append((_known(declared) or "", "http"))
    if html:
        meta = _known(meta_charset(data))
        if meta:
            candidates.append((meta, "meta"))
    nuls = data.count(b"\x00")
    if nuls and nuls <= max(1, len(data) // 5000):
        data = data.replace(b"\x00", b"")  # a few stray NULs in a saved page are noise, not a binary file
        nuls = 0
    has_nul = nuls > 0
    for encoding, evidence in candidates:
        if has_nul and not encoding.startswith(("utf_16", "utf_32", "utf-16", "utf-32")):
            continue
        try:
            return Decoded(_clean(data.decode(encoding)), encoding, evidence)
        except UnicodeDecodeError:
            continue  # a wrong declaration is common; fall through to detection
    if not has_nul:
        try:
            return Decoded(_clean(data.decode("utf-8")), "utf-8", "utf-8")
        except UnicodeDecodeError:
            pass
        # UTF-8 with a handful of broken bytes (a truncated character, a stray byte) is still
        # UTF-8; a detector's guess of some legacy codepage would garble the whole page.
        lenient = data.decode("utf-8", errors="replace")
        bad = lenient.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        if bad <= max(2, len(data) // 5000) and _has_multibyte_utf8(data):
            return Decoded(_clean(lenient), "utf-8", f"utf-8 ({bad} invalid byte sequences replaced)")
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None:
        if has_nul:
            raise DecodeError("binary file (contains NUL bytes), not text")
        raise DecodeError("undecodable: not valid text in any known encoding")
    encoding = best.encoding
    if has_nul and not encoding.startswith(("utf_16", "utf_32")):
        raise DecodeError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise DecodeError(f"undecodable: looks like {encoding} but does not decode as it") from None
    if _looks_binary(text):
        raise DecodeError("binary file (mostly control characters), not text")
    return Decoded(_clean(text), encoding, "detected")
