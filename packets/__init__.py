"""Packet assembly and rendering.

``sections`` turns contract selectors into packet sections (one call per section
for all officers of a batch), ``assembler`` puts them into one JSON snapshot per
officer, ``pdf`` and ``xlsx`` render a snapshot and nothing else.
"""
