"""Roster forms, one module per concern."""
