"""Layer 1 (bottom): pure rules and Danish words; imports no other layer (macros/DESIGN.md)."""
