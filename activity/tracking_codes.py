"""Complaint tracking codes: random, easy to type, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets

# Crockford's base32 without I, L, O, U: easy to read aloud and type.
TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_LENGTH = 12  # 60 random bits


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, TRACKING_LENGTH, 4))


def normalise_tracking_code(code: str) -> str:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def hash_tracking_code(code: str) -> str:
    return hashlib.sha256(normalise_tracking_code(code).encode()).hexdigest()
