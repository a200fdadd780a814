"""The Accounting API v3 under /v3/company/<realmId>/: entities, query, batch and CDC.

Every call needs a bearer token for that realm. `minorversion` below the minimum is served
as the minimum (counted as minorversion_<n>). A POST with `requestid` is answered once:
repeating it (per realm) returns the first response and changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from sandboxes.quickbooks import faults, operations
from sandboxes.quickbooks.access import authorized_company
from sandboxes.quickbooks.clock import intuit_time, now, parse_time
from sandboxes.quickbooks.company import Company, Replay
from sandboxes.quickbooks.kinds import BY_LOWER_NAME, KINDS, EntityKind
from sandboxes.quickbooks.query import MAX_RESULTS, parse, run
from sandboxes.quickbooks.state import QuickBooksState

BATCH_MAX_ITEMS = 30
# Intuit's limits on requestid length: 50 characters, 36 on the batch endpoint.
REQUEST_ID_MAX = 50
BATCH_REQUEST_ID_MAX = 36
CDC_MAX_DAYS = 30
PREFIX = "/v3/company/{realm}"
JSON = "application/json"


def api_routes(state: QuickBooksState) -> list[BaseRoute]:
    async def read_entity(request: Request) -> Response:
        try:
            company = _begin(state, request)
            kind = _kind(request.path_params["entity"])
            entity_id = request.path_params["id"]
            stored = company.get(kind.name, entity_id)
            if stored is None:
                raise faults.object_not_found(kind.name, entity_id)
        except faults.QuickBooksFault as fault:
            return fault.response()
        return Response(_envelope(kind.name, stored.json()), media_type=JSON)

    async def write_entity(request: Request) -> Response:
        async def work(company: Company) -> dict[str, Any]:
            kind = _kind(request.path_params["entity"])
            payload = await _json_body(request)
            operation = request.query_params.get("operation", "")
            if operation not in ("", "create", "update", "delete"):
                raise faults.unsupported_operation(operation)
            if not operation:
                operation = "update" if "Id" in payload else "create"
            return {kind.name: _apply(company, kind, operation, payload)}

        return await _idempotent(state, request, work)

    async def query(request: Request) -> Response:
        async def work(company: Company) -> dict[str, Any]:
            text = request.query_params.get("query")
            if text is None and request.method == "POST":
                text = (await request.body()).decode()
            return {"QueryResponse": _query(company, text or "")}

        if request.method == "POST":
            return await _idempotent(state, request, work)
        try:
            return _json_response(await work(_begin(state, request)))
        except faults.QuickBooksFault as fault:
            return fault.response()

    async def batch(request: Request) -> Response:
        async def work(company: Company) -> dict[str, Any]:
            items = (await _json_body(request)).get("BatchItemRequest")
            if not isinstance(items, list) or not items:
                raise faults.required_missing("BatchItemRequest")
            if len(items) > BATCH_MAX_ITEMS:
                # Intuit documents the limit of 30 but not the fault's code.
                raise faults.validation(
                    "6000",
                    "A business validation error has occurred while processing your request",
                    f"Business Validation Error: a batch holds at most {BATCH_MAX_ITEMS} items",
                )
            return {"BatchItemResponse": [_batch_item(company, item) for item in items]}

        return await _idempotent(state, request, work, BATCH_REQUEST_ID_MAX)

    async def cdc(request: Request) -> Response:
        try:
            company = _begin(state, request)
            body = {"CDCResponse": [{"QueryResponse": _changes(company, request)}]}
        except faults.QuickBooksFault as fault:
            return fault.response()
        return _json_response(body)

    return [
        Route(PREFIX + "/query", query, methods=["GET", "POST"]),
        Route(PREFIX + "/batch", batch, methods=["POST"]),
        Route(PREFIX + "/cdc", cdc, methods=["GET"]),
        Route(PREFIX + "/{entity}", write_entity, methods=["POST"]),
        Route(PREFIX + "/{entity}/{id}", read_entity, methods=["GET"]),
    ]


def _begin(state: QuickBooksState, request: Request) -> Company:
    """Authorize the call, insist on JSON and note the minor version it is served at."""
    company = authorized_company(state, request, request.path_params["realm"])
    if "json" not in request.headers.get("accept", ""):
        # Intuit answers XML unless asked for JSON; the sandbox speaks JSON only, so it
        # refuses rather than letting a client that forgot the header pass here.
        raise faults.QuickBooksFault(
            406, "4001", "Not Acceptable", "Send Accept: application/json (XML is not served)"
        )
    requested = request.query_params.get("minorversion", "")
    minimum = state.config.minor_version_minimum
    served = max(int(requested), minimum) if requested.isdigit() else minimum
    state.count(f"minorversion_{served}")
    return company


async def _idempotent(
    state: QuickBooksState,
    request: Request,
    work: Callable[[Company], Any],
    max_request_id: int = REQUEST_ID_MAX,
) -> Response:
    """Run a POST once per `requestid`: a repeat gets the stored answer, nothing is redone."""
    request_id = request.query_params.get("requestid")
    try:
        company = _begin(state, request)
        if request_id and len(request_id) > max_request_id:
            raise faults.validation(
                "6000",
                "A business validation error has occurred while processing your request",
                f"Business Validation Error: You cannot enter more than {max_request_id} "
                f"characters in the request_id field. You tried entering {len(request_id)}.",
            )
    except faults.QuickBooksFault as fault:
        return fault.response()
    # Read the body now: from here to `remember` nothing awaits, so two requests with the
    # same id cannot both miss the replay and both do the work.
    await request.body()
    if request_id:
        replay = company.replay(request_id)
        if replay is not None:
            state.count("requestid_replays")
            return Response(replay.body, replay.status, media_type=JSON)
    try:
        status, body = 200, _encode(await work(company))
    except faults.QuickBooksFault as fault:
        status, body = fault.status, _encode({"Fault": fault.fault()})
    if request_id:
        company.remember(request_id, Replay(status, body))
    return Response(body, status, media_type=JSON)


def _apply(
    company: Company, kind: EntityKind, operation: str, payload: dict[str, Any]
) -> dict[str, Any]:
    if operation == "delete":
        return operations.delete(company, kind, payload)
    if operation == "update":
        if "Id" not in payload:
            raise faults.required_missing("Id")
        return operations.update(company, kind, payload)
    return operations.create(company, kind, payload)


def _batch_item(company: Company, item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        return {"Fault": faults.required_missing("bId").fault()}
    answer: dict[str, Any] = {"bId": str(item.get("bId", ""))}
    try:
        if "Query" in item:
            answer["QueryResponse"] = _query(company, str(item["Query"]))
            return answer
        names = [key for key in item if key in KINDS]
        if len(names) != 1 or not isinstance(item[names[0]], dict):
            raise faults.required_missing("entity")
        kind = KINDS[names[0]]
        operation = str(item.get("operation", "create"))
        if operation not in ("create", "update", "delete"):
            raise faults.unsupported_operation(operation)
        answer[kind.name] = _apply(company, kind, operation, item[kind.name])
    except faults.QuickBooksFault as fault:
        answer["Fault"] = fault.fault()
    return answer


def _query(company: Company, text: str) -> dict[str, Any]:
    parsed = parse(text)
    rows = run(parsed, company.entities(parsed.kind.name))
    if parsed.count:
        return {"totalCount": len(rows)}
    if not rows:
        return {}
    return {parsed.kind.name: rows, "startPosition": parsed.start, "maxResults": len(rows)}


def _changes(company: Company, request: Request) -> list[dict[str, Any]]:
    names = [n.strip() for n in request.query_params.get("entities", "").split(",") if n.strip()]
    if not names:
        raise faults.required_missing("entities")
    since = parse_time(request.query_params.get("changedSince", ""))
    if since is None:
        raise faults.required_missing("changedSince")
    if since < now() - timedelta(days=CDC_MAX_DAYS):
        raise faults.validation(
            "4001", "Invalid query", f"changedSince may be at most {CDC_MAX_DAYS} days ago"
        )
    answers = []
    for name in names:
        kind = BY_LOWER_NAME.get(name.casefold())
        if kind is None:
            raise faults.validation("4001", "Invalid query", f"{name} is not a CDC entity")
        changed: list[dict[str, Any]] = [
            stored.entity for stored in company.tables[kind.name].values() if stored.updated > since
        ]
        changed += [
            {"Id": entity_id, "status": "Deleted", "domain": "QBO",
             "MetaData": {"LastUpdatedTime": intuit_time(moment)}}
            for (deleted_kind, entity_id), moment in company.deleted.items()
            if deleted_kind == kind.name and moment > since
        ]  # fmt: skip
        changed = changed[:MAX_RESULTS]
        answer: dict[str, Any] = {"startPosition": 1, "maxResults": len(changed)}
        if changed:
            answer[kind.name] = changed
        answers.append(answer)
    return answers


def _kind(path: str) -> EntityKind:
    kind = BY_LOWER_NAME.get(path.lower())
    if kind is None:
        raise faults.unsupported_operation(f"Could not find resource for relative : {path}")
    return kind


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except ValueError as error:
        raise faults.unsupported_property(f"Request body is not valid JSON: {error}") from None
    if not isinstance(body, dict):
        raise faults.unsupported_property("Request body must be a JSON object")
    return body


def _envelope(name: str, entity_json: bytes) -> bytes:
    return b"".join(
        (b'{"', name.encode(), b'":', entity_json, b',"time":"', intuit_time().encode(), b'"}')
    )


def _encode(body: dict[str, Any]) -> bytes:
    return json.dumps({**body, "time": intuit_time()}, separators=(",", ":")).encode()


def _json_response(body: dict[str, Any]) -> Response:
    return Response(_encode(body), media_type=JSON)
