"""Layer 2: data files to a valid, typed catalogue; imports only `domain` (macros/DESIGN.md)."""
