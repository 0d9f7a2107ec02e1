"""Layer 5: files for other programs: open data, HSDS, calendars, JSON-LD, the finder index."""
