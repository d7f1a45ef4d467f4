"""Access codes: random, easy to type, checkable, stored only as a keyed hash.

A code is 10 random symbols from Crockford's base32 alphabet (50 bits; no I, L, O
or U, so nothing looks like 1, 0 or V) plus one check symbol (Luhn mod 32) that
catches every single mistyped symbol and most swapped neighbours. That lets the
page say "check the code" for a typo instead of "unknown code", without a lookup.
Codes are printed as ``XXXX-XXXX-XXX``; reading is forgiving about case, spaces,
dashes and the confusable letters Crockford maps (O -> 0, I/L -> 1).

The database keeps HMAC-SHA256(SECRET_KEY, code): a lookup hash (codes are random
enough that a slow password hash buys nothing), useless to someone holding only
a copy of the database.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_SYMBOLS = 10
CODE_LENGTH = RANDOM_SYMBOLS + 1
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_HASH_CONTEXT = b"sro360.surveys.access-code."


def _check_symbol(body: str) -> str:
    """Luhn mod N (N = 32) over the body: detects any single substitution."""
    factor = 2
    total = 0
    for ch in reversed(body):
        addend = factor * _VALUE[ch]
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return ALPHABET[(32 - total % 32) % 32]


def generate(rng: random.Random | None = None) -> str:
    """A new code in its printed form. ``rng`` is for the deterministic demo only."""
    choose = (rng or secrets.SystemRandom()).choice
    body = "".join(choose(ALPHABET) for _ in range(RANDOM_SYMBOLS))
    return display(body + _check_symbol(body))


def display(normal: str) -> str:
    return f"{normal[:4]}-{normal[4:8]}-{normal[8:]}"


def normalise(raw: str) -> str | None:
    """The canonical form of what someone typed, or None when it can't be a code."""
    cleaned = "".join(raw.split()).replace("-", "").upper().translate(_ALIASES)
    if len(cleaned) != CODE_LENGTH or any(ch not in _VALUE for ch in cleaned):
        return None
    if _check_symbol(cleaned[:-1]) != cleaned[-1]:
        return None
    return cleaned


def lookup_hash(normal: str) -> str:
    key = _HASH_CONTEXT + settings.SECRET_KEY.encode()
    return hmac.new(key, normal.encode(), hashlib.sha256).hexdigest()
