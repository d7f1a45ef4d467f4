"""Evaluations' tables, one module per concern: rubrics and evaluations (issue 4),
flags and removal requests (issue 8), packets (issue 7)."""
