"""Evaluations' selectors, one module per concern: evaluations.py and rubrics.py (issue 4), flags.py and removals.py (issue 8), packets.py (issue 7)."""
