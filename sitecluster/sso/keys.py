"""The provider's RSA signing keys: loaded from files in production, generated for dev and tests.

Imported by the settings modules, so nothing here touches Django.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


class MissingSigningKeyError(RuntimeError):
    """Production settings started without a readable OIDC signing key."""


def generate_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def read_pem(path: str | Path) -> str:
    """Read and check one PEM private key file; errors name the file, never its content."""
    try:
        text = Path(path).read_text("ascii")
        serialization.load_pem_private_key(text.encode("ascii"), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise MissingSigningKeyError(
            f"OIDC signing key {path} is missing or not an unencrypted PEM RSA key: {exc}"
        ) from exc
    return text


def ensure_generated_pem(path: Path) -> str:
    """The key at ``path``, generated on first use (development and tests only)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(generate_pem(), "ascii")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)  # atomic: two processes starting together agree on one key
    return read_pem(path)


def signing_keys(key_file: str, inactive_files: list[str], fallback: Path | None):
    """(active PEM, [inactive PEMs]) for django-oauth-toolkit.

    ``key_file`` wins; without it the key at ``fallback`` is generated on first use; with
    neither (production) the provider refuses to start.
    """
    if key_file:
        active = read_pem(key_file)
    elif fallback is not None:
        active = ensure_generated_pem(fallback)
    else:
        raise MissingSigningKeyError(
            "Production settings need SITECLUSTER_OIDC_PRIVATE_KEY_FILE (the single sign-on "
            "provider's RSA signing key, see docs/sso.md)"
        )
    return active, [read_pem(p) for p in inactive_files]
