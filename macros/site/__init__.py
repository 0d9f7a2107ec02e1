"""Layer 6 (top): the only layer that imports MkDocs or Material (macros/DESIGN.md)."""
