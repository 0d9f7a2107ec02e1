"""MkDocs-facing code (issue 16's layer `site/`): what the hooks do with the catalogue."""
