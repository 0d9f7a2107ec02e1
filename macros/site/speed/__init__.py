"""The build-speed tricks of the site layer (macros/DESIGN.md, "Speed at national scale")."""
