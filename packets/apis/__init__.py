"""Packet API: one view per operation, each with its own serializers."""
