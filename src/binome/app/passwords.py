"""Password hashing: Argon2id at or above the OWASP minimums (SECURITY.md row 21).

Parameters are argon2-cffi's defaults, the RFC 9106 section 4 "second recommended option"
(t=3, m=64 MiB, p=4), above the OWASP Password Storage Cheat Sheet minimum for Argon2id
(m=19 MiB, t=2, p=1). Passwords are compared whole (no truncation); the length is capped
so a hostile input cannot make hashing expensive. Only the encoded hash is ever stored.
"""

from __future__ import annotations

from typing import Any

from binome.domain.errors import N_, InvalidInput

# Argon2id parameters (argon2-cffi's defaults, RFC 9106 section 4 "second recommended option").
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 65536
ARGON2_PARALLELISM = 4
# OWASP Password Storage Cheat Sheet, Argon2id minimum configuration.
OWASP_MIN_MEMORY_KIB = 19456
OWASP_MIN_TIME_COST = 2
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # bounds the hashing cost of a hostile input; never truncated


def password_hasher() -> Any:
    from argon2 import PasswordHasher, Type

    return PasswordHasher(
        time_cost=ARGON2_TIME_COST,
        memory_cost=ARGON2_MEMORY_KIB,
        parallelism=ARGON2_PARALLELISM,
        type=Type.ID,
    )


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(N_("The password is too short (at least {n} characters)."), n=8)
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(N_("The password is too long (at most {n} characters)."), n=1024)
    return password
