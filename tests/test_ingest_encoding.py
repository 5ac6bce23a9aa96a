"""Encoding detection and the bad-input reasons for empty, binary and undecodable files."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.ingest import read_inputs
from rashomon.ingest.encoding import DecodeError, decode
from rashomon.model import InputFailure, Page

TEXT = "Bürgermeisterin Žofie Nováková eröffnete die Brücke über die Lenne – „endlich“, sagte sie."


def test_meta_charset_is_honoured_for_html(tmp_path: Path, options):
    html = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250"></head><body><p>{TEXT}</p></body></html>'
    path = tmp_path / "cz.html"
    path.write_bytes(html.encode("cp1250"))
    [page] = list(read_inputs([str(path)], options))
    assert TEXT in page.text
    assert page.meta["encoding_evidence"] == "meta"


def test_a_wrong_meta_charset_falls_back_to_detection(tmp_path: Path, options):
    html = f'<html><head><meta charset="utf-8"></head><body><p>{TEXT} {TEXT}</p></body></html>'
    path = tmp_path / "lies.html"
    path.write_bytes(html.encode("cp1250"))  # declares utf-8, is not
    [page] = list(read_inputs([str(path)], options))
    assert isinstance(page, Page)
    assert "Bürgermeisterin" in page.text and page.meta["encoding_evidence"] == "detected"


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
def test_byte_order_mark_wins(codec: str):
    decoded = decode(f"Headline\n{TEXT}\n".encode(codec))
    assert decoded.text.startswith("Headline") and TEXT in decoded.text
    assert decoded.evidence == "bom"


def test_legacy_text_without_declaration_is_detected():
    data = ("Die Brücke über die Lenne ist offen. Bürgermeisterin Nováková eröffnete sie am Montag. " * 5).encode("cp1252")
    decoded = decode(data)
    assert "Brücke über" in decoded.text


def test_crlf_is_normalised():
    assert decode(b"one\r\ntwo\rthree\n").text == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t ", "empty file (only whitespace)"),
        ("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (a PNG image), not HTML"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF document), not text"),
        ("blob.html", b"<html>" + b"\x00\x01\x02\x03\xff\xfe" * 200, "binary file"),
    ],
)
def test_bad_files_get_one_clear_reason_and_the_batch_goes_on(tmp_path: Path, options, name: str, data: bytes, reason: str):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "zz-good.txt"
    good.write_text(TEXT, encoding="utf-8")
    items = list(read_inputs([str(bad), str(good)], options))
    assert len(items) == 2
    assert isinstance(items[0], InputFailure) and items[0].source == str(bad)
    assert items[0].reason.startswith(reason)
    assert isinstance(items[1], Page) and items[1].text == TEXT


def test_decode_error_carries_a_reason():
    with pytest.raises(DecodeError) as info:
        decode(b"\xff\xd8\xff\xe0" + b"\x00" * 20)
    assert info.value.reason == "binary file (a JPEG image), not text"


def test_ingest_encoding_stray_nul_bytes_in_a_large_page_are_dropped() -> None:
    from rashomon.ingest.encoding import decode

    page = ("<p>Café owners in Vessa met on Tuesday.</p>\n" * 500).encode("utf-8")
    data = page[:5000] + b"\x00" + page[5000:]
    decoded = decode(data, html=True)
    assert "\x00" not in decoded.text and "Café owners" in decoded.text


def test_ingest_encoding_utf8_with_one_broken_byte_stays_utf8() -> None:
    from rashomon.ingest.encoding import decode

    page = ("Zażółć gęślą jaźń — the ferry to Oskra left at dawn. " * 200).encode("utf-8")
    data = page[:3000] + b"\xff" + page[3000:]
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and "Zażółć" in decoded.text and "invalid" in decoded.evidence


def test_ingest_encoding_nul_heavy_data_is_still_binary() -> None:
    import pytest

    from rashomon.ingest.encoding import DecodeError, decode

    with pytest.raises(DecodeError, match="binary"):
        decode(b"abc\x00def\x00" * 300)
