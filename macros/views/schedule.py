"""Weekly slots as rows of Danish text (course schedules; opening hours use `hours`)."""

from __future__ import annotations

from macros.domain.hours import Window, format_days, format_time


def slot_rows(slots: list[Window]) -> list[dict[str, str]]:
    rows = []
    for slot in slots:
        when = (
            f"kl. {format_time(slot.opens)}–{format_time(slot.closes)}"
            if slot.opens and slot.closes
            else "Tidspunkt ikke oplyst"
        )
        rows.append({"days": format_days(slot.days), "time": when, "note": slot.note or ""})
    return rows
