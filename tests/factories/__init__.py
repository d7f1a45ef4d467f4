"""Typed factory_boy factories, one module per app, and the out-of-scope registry."""
