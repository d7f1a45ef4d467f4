"""The packet's summary beyond facts and charts: the headline rating, strengths and
concerns, flags, the officer beside the district and the prior periods, trends, a
narrative and cautions (docs/packet-summary.md)."""
