"""Bytes → text: encoding detection for Arabic news files.

Arabic news arrives as UTF-8 (with or without BOM), UTF-16 (Windows tools, often without a
BOM) and the legacy Windows Arabic code page cp1256. We try them in the order that cannot
misfire: BOMs, then strict UTF-8 (which almost never decodes other encodings by accident),
then UTF-16 recognised by its NUL-byte pattern, then cp1256 if the result is mostly Arabic,
then charset-normalizer's best guess. Only newlines are normalised.
"""

from __future__ import annotations

import codecs

from rasid.errors import InputError

__all__ = ["decode_bytes", "normalize_newlines", "arabic_ratio"]


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic script (0 when there are no letters)."""
    letters = arabic = 0
    for ch in text[:20000]:
        if ch.isalpha():
            letters += 1
            if "\u0600" <= ch <= "\u06FF" or "\u0750" <= ch <= "\u077F" or "\uFB50" <= ch <= "\uFEFC":
                arabic += 1
    return arabic / letters if letters else 0.0


def _utf16_guess(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit at odd/even positions, else None."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    # Arabic in UTF-16 has high bytes 0x06 rather than NUL, so look at both patterns.
    even_06 = sum(1 for b in sample[0::2] if b in (0x06, 0x00))
    odd_06 = sum(1 for b in sample[1::2] if b in (0x06, 0x00))
    if odd_nul > 0.3 * half or (odd_06 > 0.6 * half and even_nul == 0):
        return "utf-16-le"
    if even_nul > 0.3 * half or (even_06 > 0.6 * half and odd_nul == 0):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str) -> str:
    """Decode ``data`` read from ``path``; raise :class:`InputError` naming the file."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = None
        utf8_error = exc
    else:
        if "\x00" in text:
            guess = _utf16_guess(data)
            if guess:
                return _strict(data, guess, path)
            raise InputError(path, "binary file (contains NUL bytes): give a text, HTML or JSONL file")
        _reject_binary(text, path)
        return normalize_newlines(text)
    guess = _utf16_guess(data)
    if guess:
        return _strict(data, guess, path)
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None and arabic_ratio(text) >= 0.5:
        _reject_binary(text, path)
        return normalize_newlines(text)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        _reject_binary(text, path)
        return normalize_newlines(text)
    raise InputError(path, f"undecodable bytes at offset {utf8_error.start}: not UTF-8, "
                           "UTF-16 or cp1256; convert the file to UTF-8")


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"undecodable {encoding} bytes at offset {exc.start}; "
                               "convert the file to UTF-8") from None
    text = text.removeprefix("\ufeff")
    _reject_binary(text, path)
    return normalize_newlines(text)


def _reject_binary(text: str, path: str) -> None:
    sample = text[:8000]
    if not sample:
        return
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if "\x00" in sample or controls > 0.05 * len(sample):
        raise InputError(path, "binary file (control bytes): give a text, HTML or JSONL file")
