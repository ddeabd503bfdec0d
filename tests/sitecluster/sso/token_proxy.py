"""A man in the middle between the sites and the provider's back channel.

It forwards every request to the live server and lets a test rewrite the id token in token
responses: tampered claims without a new signature, or a re-signed token that is expired or
issued to another client.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import requests

from django.conf import settings


class TokenProxy:
    def __init__(self, upstream_port: int):
        self.upstream = f"http://127.0.0.1:{upstream_port}"
        self.rewrite = None  # callable(id_token: str) -> str
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() != "content-length"}
                response = requests.request(
                    self.command,
                    proxy.upstream + self.path,
                    headers=headers,
                    data=body,
                    allow_redirects=False,
                    timeout=30,
                )
                content = response.content
                if self.path.startswith("/o/token/") and response.ok and proxy.rewrite:
                    data = response.json()
                    data["id_token"] = proxy.rewrite(data["id_token"])
                    content = json.dumps(data).encode()
                self.send_response(response.status_code)
                for key, value in response.headers.items():
                    if key.lower() not in {
                        "content-length",
                        "transfer-encoding",
                        "connection",
                        "content-encoding",
                    }:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def claims_of(id_token: str) -> dict:
    return jwt.decode(id_token, options={"verify_signature": False})


def resign(id_token: str, **changes) -> str:
    """The same token signed again with the provider's real key, with ``changes`` applied."""
    header = jwt.get_unverified_header(id_token)
    claims = {**claims_of(id_token), **changes}
    key = settings.OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEY"]
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": header["kid"]})


def expired(id_token: str) -> str:
    now = int(time.time())
    return resign(id_token, iat=now - 7200, exp=now - 3600)


def tampered_sub(sub: str):
    """Claims changed (another user's ``sub``) but the signature left as it was."""

    def rewrite(id_token: str) -> str:
        header, _payload, signature = id_token.split(".")
        claims = {**claims_of(id_token), "sub": sub}
        payload = jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()
        return f"{header}.{payload}.{signature}"

    return rewrite
