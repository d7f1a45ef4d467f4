"""Every write of training data, one module per concern."""
