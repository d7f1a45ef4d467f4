"""The roster API, one module per concern."""
