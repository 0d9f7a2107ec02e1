"""iCalendar (RFC 5545) text for the few property types our calendars use.

Design note: the `icalendar` package built every calendar until a national catalogue made
its serialisation (about 20 content lines per file, 2,000 files) more than a quarter of page
generation. Our events only need TEXT, DATE, DATE-TIME (local with TZID, or UTC) and a weekly
RRULE, so they are written here directly; `icalendar` still makes the VTIMEZONE
(`calendars._timezone_text`) and the tests parse every file back with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

FOLD_AT = 75  # octets per line, CRLF excluded (RFC 5545 3.1)


def text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newline escaped (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def day(value: date) -> str:
    return f"{value:%Y%m%d}"


def local_time(value: datetime) -> str:
    """A wall-clock DATE-TIME, for a property with a TZID parameter."""
    return f"{value:%Y%m%dT%H%M%S}"


def utc_time(value: datetime) -> str:
    return f"{value.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def fold(line: str) -> str:
    """One content line with CRLF, folded so no line exceeds 75 octets; a fold never splits
    a UTF-8 character, and each continuation starts with a space."""
    if len(line) <= FOLD_AT // 4:
        return line + "\r\n"
    data = line.encode("utf-8")
    if len(data) <= FOLD_AT:
        return line + "\r\n"
    parts, start, limit = [], 0, FOLD_AT
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            end -= 1
        parts.append(data[start:end])
        start, limit = end, FOLD_AT - 1  # the leading space counts
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8") + "\r\n"


def component(name: str, lines: Iterable[str]) -> str:
    """BEGIN/END around already folded content lines (or nested components)."""
    return f"BEGIN:{name}\r\n{''.join(lines)}END:{name}\r\n"
