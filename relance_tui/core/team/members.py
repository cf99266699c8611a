"""Each caller writes only as themselves: a key of their own, and who the team knows.

The team's key (in the base, which every member has) tells a line of the team from
anything else; it cannot tell one member from another, so anyone with the folder
could write a file in someone else's name. So `team join` also makes each caller a
key pair of their own (Ed25519, from `cryptography`): the private half stays in
the caller's local data file (0600, never in the folder), the public half is in the
first line of their file. Their lines are chained (each one's hash over the one
before, `folder.link`) and the last line of each batch they append is signed over
that chain: one signature vouches for every line before it, so reading 200 calls
checks one signature, not 200.

Who is who (`Roster`): the first file seen for a caller binds their id, their name
and their key, and each reader keeps what it saw (the organiser in their data file).
A file that claims a known caller with another key, or a name another caller has,
is refused, and so are a caller's calls recorded under someone else's name.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from relance_tui.core.text import fold


def new_key_pair() -> tuple[str, str]:
    """(private, public) as hex: made at `team join`."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return private.private_bytes_raw().hex(), public.hex()


class Signer:
    """A caller's private key, signing the chain of their file."""

    def __init__(self, private_hex: str) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        self._key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))

    def public_hex(self) -> str:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        return self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()

    def sign(self, chain: bytes) -> str:
        return self._key.sign(b"relance-team-line " + chain).hex()


@functools.lru_cache(maxsize=256)
def _public(public_hex: str) -> Any:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))


def verify(public_hex: str, chain: bytes, proof_hex: str) -> bool:
    """Whether `proof_hex` is the caller's signature of `chain`."""
    from cryptography.exceptions import InvalidSignature

    try:
        _public(public_hex).verify(bytes.fromhex(proof_hex), b"relance-team-line " + chain)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def is_public_key(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 64:
        return False
    try:
        bytes.fromhex(value)
    except ValueError:
        return False
    return True


@dataclass
class Roster:
    """Callers as first seen: id -> (name, public key)."""

    members: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, saved: object) -> Roster:
        roster = cls()
        if isinstance(saved, dict):
            for caller_id, pair in saved.items():
                if (
                    isinstance(pair, list)
                    and len(pair) == 2
                    and all(isinstance(p, str) for p in pair)
                ):
                    roster.members[str(caller_id)] = (pair[0], pair[1])
        return roster

    def saved(self) -> dict[str, list[str]]:
        return {caller_id: [name, key] for caller_id, (name, key) in self.members.items()}

    def admit(self, caller_id: str, name: str, key: str) -> str:
        """ "" when this file may speak for `caller_id`, else why not ("key", "name",
        "unsigned"); a caller seen for the first time is added."""
        if not is_public_key(key):
            return "unsigned"
        known = self.members.get(caller_id)
        if known is not None:
            return "" if known[1] == key else "key"
        if any(fold(n) == fold(name) for n, _ in self.members.values()):
            return "name"
        self.members[caller_id] = (name, key)
        return ""

    def name_of(self, caller_id: str) -> str:
        known = self.members.get(caller_id)
        return known[0] if known is not None else ""
