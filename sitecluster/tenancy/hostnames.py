"""Validation of the hostnames a cluster site answers on."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalise_hostname(value: str) -> str:
    return (value or "").strip().lower().rstrip(".")


def validate_hostname(value: str) -> None:
    """A bare hostname: no scheme, port, path or wildcard."""
    host = normalise_hostname(value)
    if not host:
        return
    if len(host) > 253 or "." not in host or not all(_LABEL.match(p) for p in host.split(".")):
        raise ValidationError(
            "“%(value)s”不是有效的域名，请只填写域名本身（如 fgw.hedong.gov.cn），"
            "不要包含 http://、端口或路径。",
            params={"value": value},
            code="invalid_hostname",
        )


def parse_alias_lines(text: str) -> list[str]:
    """One hostname per line (commas and spaces also separate); duplicates removed, order kept."""
    seen: list[str] = []
    for raw in re.split(r"[\s,，]+", text or ""):
        host = normalise_hostname(raw)
        if host and host not in seen:
            seen.append(host)
    return seen


def public_port() -> int:
    return int(settings.SITECLUSTER_PUBLIC_PORT)


def public_root_url(host: str) -> str:
    """Root URL of a cluster host as citizens reach it (scheme and port from settings)."""
    port = public_port()
    if port == 443:
        return f"https://{host}"
    if port == 80:
        return f"http://{host}"
    return f"http://{host}:{port}"
