"""A real elastic_transport node that records every request and answers from canned responses.

The Elasticsearch client, its serializers, the dsl and our engine all run unchanged; only the
HTTP round trip is replaced. Configure with
``SITECLUSTER_SEARCH["TRANSPORT_CLASS"] = "tests.search.es_recording.RecordingNode"``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse


@dataclass
class Recorded:
    method: str
    path: str
    body: object  # parsed JSON, a list for NDJSON (bulk), or None


class FakeCluster:
    """Just enough index/alias state to answer the engine the way Elasticsearch does."""

    def __init__(self):
        self.requests: list[Recorded] = []
        self.indices: dict[str, dict] = {}  # name -> {id: source}
        self.aliases: dict[str, str] = {}  # alias -> index
        self.templates: dict[str, dict] = {}

    def answer(self, method: str, path: str, body) -> tuple[int, object]:
        path, _, _query = path.partition("?")
        parts = [p for p in path.split("/") if p]
        if parts[:1] == ["_alias"]:
            name = parts[1]
            if name not in self.aliases:
                return 404, {"error": "alias missing", "status": 404}
            return 200, {self.aliases[name]: {"aliases": {name: {}}}}
        if parts[:1] == ["_index_template"]:
            self.templates[parts[1]] = body
            return 200, {"acknowledged": True}
        if parts == ["_aliases"]:
            for action in body["actions"]:
                ((kind, spec),) = action.items()
                if kind == "remove":
                    self.aliases.pop(spec["alias"], None)
                else:
                    self.aliases[spec["alias"]] = spec["index"]
            return 200, {"acknowledged": True}
        if parts[-1:] == ["_bulk"]:
            return 200, self._bulk(body)
        if len(parts) == 1 and method == "PUT":
            self.indices[parts[0]] = {}
            for alias in (body or {}).get("aliases", {}):
                self.aliases[alias] = parts[0]
            return 200, {"acknowledged": True, "index": parts[0]}
        if len(parts) == 1 and method == "DELETE":
            self.indices.pop(parts[0], None)
            return 200, {"acknowledged": True}
        if parts[-1:] == ["_refresh"]:
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if parts[-1:] == ["_search"]:
            return 200, self._search(parts[0])
        return 404, {"error": f"no canned answer for {method} {path}", "status": 404}

    def _resolve(self, name):
        return self.aliases.get(name, name)

    def _bulk(self, lines):
        items = []
        pairs = iter(lines)
        for action in pairs:
            ((op, meta),) = action.items()
            index = self.indices.setdefault(self._resolve(meta["_index"]), {})
            if op == "delete":
                found = index.pop(str(meta["_id"]), None) is not None
                items.append({op: {"_id": str(meta["_id"]), "status": 200 if found else 404}})
            else:
                index[str(meta["_id"])] = next(pairs)
                items.append({op: {"_id": str(meta["_id"]), "status": 201}})
        return {"took": 1, "errors": False, "items": items}

    def _search(self, name):
        docs = self.indices.get(self._resolve(name), {})
        hits = [{"_index": name, "_id": pk, "_score": 1.0} for pk in sorted(docs)]
        return {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
            "aggregations": {"combos": {"buckets": []}},
        }

    def of(self, method=None, path_part=""):
        return [
            r
            for r in self.requests
            if (method is None or r.method == method) and path_part in r.path
        ]


CLUSTER = FakeCluster()


class RecordingNode(BaseNode):
    _CLIENT_META_HTTP_CLIENT = ("rec", "1")

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        parsed = None
        if body:
            text = body.decode("utf-8")
            if target.split("?")[0].endswith("/_bulk"):  # NDJSON: one action or source per line
                parsed = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                parsed = json.loads(text)
        CLUSTER.requests.append(Recorded(method, target, parsed))
        status, answer = CLUSTER.answer(method, target, parsed)
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {"x-elastic-product": "Elasticsearch", "content-type": "application/json"}
            ),
            duration=0.0,
            node=self.config,
        )
        payload = b"" if method == "HEAD" else json.dumps(answer).encode("utf-8")
        return NodeApiResponse(meta, payload)
