"""Evaluations' routes, one module per concern so the parts can grow apart."""

from evaluations import api_urls_evaluations, api_urls_flags, api_urls_packets

urlpatterns = [
    *api_urls_evaluations.urlpatterns,
    *api_urls_flags.urlpatterns,
    *api_urls_packets.urlpatterns,
]
