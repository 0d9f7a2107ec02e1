"""Layer 4: what each page shows, from the catalogue and the guides (macros/DESIGN.md)."""
