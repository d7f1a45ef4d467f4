"""Evaluations' routes, one module per concern so the parts can grow apart."""

from evaluations import urls_evaluations, urls_flags, urls_packets

urlpatterns = [
    *urls_evaluations.urlpatterns,
    *urls_flags.urlpatterns,
    *urls_packets.urlpatterns,
]
