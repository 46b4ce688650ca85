"""How secrets are kept: facilitator keys and resume tokens are stored only as hashes.

One function, shared by the room (which compares) and the store (which keeps), so the
two can never disagree about the hash. Pure: no I/O, no clock.
"""

from __future__ import annotations

import hashlib


def digest(secret: str) -> str:
    """Secrets are 128 random bits, so one SHA-256 is enough to store them safely."""
    return hashlib.sha256(secret.encode()).hexdigest()
