"""Helpers only the tests use (reference implementations, input parsers)."""
