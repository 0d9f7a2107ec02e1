"""Layer 3: the decision guides and the whole data folder (`all_data`); see macros/DESIGN.md."""
