"""Every write to the roster, one module per concern."""
