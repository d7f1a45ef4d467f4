"""Server-rendered roster pages, one module per concern."""
