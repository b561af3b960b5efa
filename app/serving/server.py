"""The HTTP service: a FastAPI application speaking KServe v2 / Triton, run by uvicorn.

Endpoints (OpenAPI document at /openapi.json; no Swagger page, it would load scripts from the
internet):

    GET  /v2/health/live, /v2/health/ready                  no key
    GET  /v2                                                 server metadata
    GET  /v2/models/{name}[/versions/{v}]                    model metadata (+ provider used)
    GET  /v2/models/{name}[/versions/{v}]/ready              200 ready, 503 loading/failed
    GET  /v2/models/{name}[/versions/{v}]/config             Triton model configuration
    POST /v2/models/{name}[/versions/{v}]/infer              JSON or binary tensors
    POST /v2/repository/index                                the models this key may use
    GET  /metrics                                            Prometheus text

Everything but the two health probes needs an API key (`Authorization: Bearer <key>` or
`X-API-Key: <key>`); /metrics takes any valid key, model endpoints a key scoped to the model.
Errors are the protocol's `{"error": "..."}` (valid UTF-8 JSON whatever the request held: client
text in it is shortened and escaped): 400 malformed (also what h11 cannot parse, see
app/serving/connection.py), 401 no, unknown, revoked or
expired key, 403 key not scoped to the model, 404 unknown model/version, 413 body over the
limit, 408 a head or body that did not arrive in time (app/serving/slow_clients.py), 503 queue
full, too much request data held at once (`max_inflight_bytes`) or model not loaded, 500 a
bug (the traceback goes to the log only) or a model that produced NaN/Infinity in an output
asked for as JSON. A client that closed the connection before its body arrived is logged as
499. Warnings clients can trigger are summarised per client (app/serving/log_limits.py); the
request-level record is the access log. The key is checked before anything else
about a request. A 413 is answered as soon as the body is known to be too large and closes the
connection: nothing beyond the limit is read. Bodies over 1 MiB are decoded (and large answers
encoded) on a worker thread, so a large request does not stall the event loop for everyone
else. Metrics are labelled only with served model names and versions, never with what a client
typed.
Only the active version of a model is served.

fastapi and uvicorn are imported here only: this module is loaded by `edgedeck serve`, tests and
benchmarks, never at the application's start-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import os
import signal
import socket
import ssl
import threading
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

import app as edgedeck
from app.auth.identity import Actor
from app.clock import utc_now
from app.errors import ValidationError
from app.logging_setup import printable
from app.serving import protocol, state
from app.serving.access_log import AccessLog, Entry
from app.serving.connection import PROTOCOL_ERROR
from app.serving.connection import protocol_class as connection_class
from app.serving.keys import ApiKey, ApiKeyService, key_prefix
from app.serving.log_limits import RepeatedWarnings
from app.serving.metrics import CONTENT_TYPE, ServingMetrics
from app.serving.protocol import HEADER_LENGTH, ProtocolError, shown
from app.serving.runtime import ModelPool, ModelSlot, ServingOptions
from app.serving.slow_clients import stall_limit
from engines.base import EngineError

if TYPE_CHECKING:
    from app.context import AppContext

log = logging.getLogger(__name__)

PARSE_INLINE_BYTES = 1 << 20  # larger bodies are decoded on a worker thread, not the event loop
PARSE_THREADS = 2  # at most this many large bodies decoded at once (JSON parsing needs ~8x RAM)
ERROR_BODY = 1000  # characters of an error answer (client text in it is shortened already)
CLIENT_CLOSED = 499  # nginx's code for a client that went away before it was answered
MAX_VERSION_DIGITS = 9
EXTENSIONS = ["binary_tensor_data", "classification", "model_configuration",
              "model_repository"]
KEY_HELP = "send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"


class ServingService:
    """What the HTTP layer needs: keys, the served models, metrics, the access log, state."""

    def __init__(self, ctx: AppContext, options: ServingOptions, started_by: str = "") -> None:
        self.ctx = ctx
        self.options = options
        self.started_by = started_by
        self.actor = Actor.system("serve")
        self.keys = ApiKeyService(ctx.store, ctx.audit_trail, ctx.guard)
        self.metrics = ServingMetrics()
        self.pool = ModelPool(ctx.models, ctx.audit_trail, ctx.engines, options, self.metrics,
                              self.actor)
        self.access_log = AccessLog(ctx.store, options.log_days, options.log_max_rows)
        self.url = ""
        self.pid = os.getpid()
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None
        self.pool.on_change = self._beat
        self.on_started: Callable[[str], None] | None = None  # e.g. the CLI's "Serving at ..."
        self._parse_slots: asyncio.Semaphore | None = None  # created on the event loop
        self.inflight = 0  # body bytes held by requests not yet answered (event loop only)
        self.slow_heads = 0  # connections closed because their request head never came
        self.warnings = RepeatedWarnings()  # client-triggered log lines, summarised per client

    def start(self, url: str) -> None:
        self.url = url
        self.access_log.start()
        state.mark_started(self.ctx.store, self.pid, url, self.options.host,
                           int(url.rsplit(":", 1)[1]), url.startswith("https:"),
                           self.started_by, [])
        self.ctx.audit_trail.record(self.actor, "serving", "start", url, "success",
                                    {"pid": self.pid, "tls": url.startswith("https:"),
                                     "started_by": self.started_by,
                                     "max_batch_size": self.options.max_batch_size,
                                     "max_batch_delay_ms": self.options.max_batch_delay_ms,
                                     "max_queue": self.options.max_queue,
                                     "max_body_bytes": self.options.max_body_bytes,
                                     "max_inflight_bytes": self.options.inflight_budget,
                                     "read_timeout_s": self.options.read_timeout_s})
        self.pool.start()
        self._heartbeat = threading.Thread(target=self._beat_loop, name="serving-heartbeat",
                                           daemon=True)
        self._heartbeat.start()
        if self.on_started is not None:
            self.on_started(url)

    def _beat(self) -> None:
        try:
            state.heartbeat(self.ctx.store, self.pid, self.pool.names())
        except Exception:  # noqa: BLE001 - a busy database delays one heartbeat, no more
            log.exception("serving heartbeat failed")

    def _beat_loop(self) -> None:
        while not self._stop.wait(self.options.heartbeat_s):
            self._beat()
            self.warnings.flush()

    def stop(self) -> None:
        """After the HTTP server stopped taking requests: drain, flush, record."""
        self._stop.set()
        self.pool.close()
        self.warnings.flush(force=True)
        self.access_log.close()
        with contextlib.suppress(Exception):
            state.mark_stopped(self.ctx.store, self.pid)
        self.ctx.audit_trail.record(self.actor, "serving", "stop", self.url, "success",
                                    {"pid": self.pid, "requests_logged": self.access_log.written,
                                     "log_rows_dropped": self.access_log.dropped,
                                     "slow_heads_closed": self.slow_heads})

    def count_slow_head(self, client: str) -> None:
        """A connection sent no complete request head in time (event loop thread)."""
        self.slow_heads += 1
        seconds = self.options.read_timeout_s
        self.access_log.add(Entry.refused(
            client, 408, f"the request head did not arrive within {seconds:g} s"))
        self.warnings.log(log, client, "slow request head", logging.WARNING,
                          "closed a connection whose request head did not arrive within %g s "
                          "(a wedged client, or a slowloris attack)", seconds)

    def refused_by_protocol(self, client: str, status: int, error: str) -> None:
        """h11 refused a request the application never saw (event loop thread); the warning
        itself comes from uvicorn, through the connection's ClientLogger."""
        self.access_log.add(Entry.refused(client, status, error))

    # -- request helpers --------------------------------------------------------------------

    def authorize(self, request: Request, model: str | None = None) -> ApiKey:
        """The request's key (401 without a valid one), scoped to `model` (403)."""
        if model is not None and not getattr(request.state, "model", None):
            request.state.model = model
        header = request.headers.get("authorization", "")
        secret = ""
        if header:
            scheme, _, value = header.partition(" ")
            if scheme.lower() != "bearer":
                raise ProtocolError(401, f"the Authorization header must be 'Bearer <key>'; "
                                         f"{KEY_HELP}")
            secret = value.strip()
        secret = secret or request.headers.get("x-api-key", "").strip()
        if not secret:
            raise ProtocolError(401, f"an API key is required: {KEY_HELP}")
        request.state.key_prefix = key_prefix(secret) or ""
        key = self.keys.identify(secret)
        if key is None:
            raise ProtocolError(401, "the API key is not known to this service")
        state = key.state()
        if state == "revoked":
            raise ProtocolError(401, f"the API key {key.prefix} was revoked")
        if state == "expired":
            raise ProtocolError(401, f"the API key {key.prefix} expired at {key.expires_at}; "
                                     "an administrator can add a new one")
        request.state.key_id = key.id
        if model is not None and not key.allows(model):
            raise ProtocolError(403, f"this API key ({key.prefix}) may not use model "
                                     f"'{shown(model)}'")
        return key

    def model_slot(self, name: str) -> ModelSlot:
        slot = self.pool.slot(name)
        if slot is None:
            raise ProtocolError(404, f"unknown model '{shown(name)}' (served: "
                                     f"{', '.join(self.pool.names()) or 'none'})")
        return slot

    async def read_body(self, request: Request) -> bytes:
        """The body, refused with 413 as soon as it is known to exceed the limit: at once when
        Content-Length says so, else at the first byte past the limit. Nothing beyond the limit
        is read, and the answer closes the connection (uvicorn would otherwise read and drop the
        rest of an unread body, however large, to keep the connection alive)."""
        limit = self.options.max_body_bytes
        declared = request.headers.get("content-length", "").strip()
        too_large = ProtocolError(413, f"the request body is larger than the limit of {limit} "
                                       "bytes", close=True)
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks: list[bytes] = []
        total = 0
        try:
            async with stall_limit(self.options.read_timeout_s) as moved:
                async for chunk in request.stream():
                    moved()
                    total += len(chunk)
                    if total > limit:
                        raise too_large
                    # counted as it arrives (not as declared): a slow client holds what it sent
                    self.hold(request, len(chunk))
                    chunks.append(chunk)
        except ClientDisconnect:
            # h11 refused the rest of the body (and answered 400 itself), or the client left:
            # a client's doing, recorded as such, not a 500 with a traceback
            refused = getattr(request.state, PROTOCOL_ERROR, None)
            if refused is not None:
                raise ProtocolError(*refused) from None
            raise ProtocolError(CLIENT_CLOSED, f"the client closed the connection after "
                                               f"{total} bytes of its request body") from None
        body = b"".join(chunks)
        encoding = request.headers.get("content-encoding")
        if encoding and len(body) > PARSE_INLINE_BYTES:
            return await self.off_loop(protocol.decode_body, body, encoding, limit)
        return protocol.decode_body(body, encoding, limit)

    def hold(self, request: Request, size: int) -> None:
        """Count `size` more bytes against the in-flight budget (503 when over it, unless this
        request is the only one holding any)."""
        held = getattr(request.state, "held", 0)
        if self.inflight - held > 0 and self.inflight + size > self.options.inflight_budget:
            raise ProtocolError(503, "the service is receiving more request data at once than "
                                     "it may hold; try again shortly", close=True)
        self.inflight += size
        request.state.held = held + size

    def release(self, request: Request) -> None:
        self.inflight -= getattr(request.state, "held", 0)
        request.state.held = 0

    async def off_loop(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run CPU-heavy work for a large request on a worker thread, so the event loop keeps
        answering everyone else; few at a time, since decoding a large JSON body needs
        several times its size in memory."""
        if self._parse_slots is None:
            self._parse_slots = asyncio.Semaphore(PARSE_THREADS)
        async with self._parse_slots:
            return await asyncio.to_thread(function, *args)


def parse_version(text: str) -> int:
    if (not text.isascii() or not text.isdigit() or len(text) > MAX_VERSION_DIGITS
            or int(text) < 1):
        raise ProtocolError(400, f"'{protocol.shown(text, 20)}' is not a model version (use 1, "
                                 "2, ...)")
    return int(text)


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Any:
    return JSONResponse(body, status_code=status, headers=headers)


def _error(request: Request, message: object, status: int,
           headers: dict[str, str] | None = None) -> Any:
    """Every error answer: the text bounded and escaped (it may hold what a client sent), the
    same text kept for the access log."""
    text = printable(message, ERROR_BODY)
    request.state.error = text
    return JSONResponse({"error": text}, status_code=status, headers=headers)


# OpenAPI description of the inference request (the handler reads the raw body itself, since
# the binary extension puts tensor bytes after the JSON).
INFER_REQUEST_DOC = {
    "required": True,
    "content": {
        "application/json": {"schema": {
            "type": "object", "required": ["inputs"],
            "properties": {
                "id": {"type": "string"},
                "parameters": {"type": "object", "description": "binary_data_output: bool"},
                "inputs": {"type": "array", "items": {
                    "type": "object", "required": ["name", "shape", "datatype"],
                    "properties": {
                        "name": {"type": "string"},
                        "shape": {"type": "array", "items": {"type": "integer"}},
                        "datatype": {"type": "string", "enum": list(protocol.DATATYPES)},
                        "parameters": {"type": "object",
                                       "description": "binary_data_size: int (binary "
                                                      "extension)"},
                        "data": {"type": "array", "items": {}}}}},
                "outputs": {"type": "array", "items": {
                    "type": "object", "required": ["name"],
                    "properties": {"name": {"type": "string"},
                                   "parameters": {"type": "object",
                                                  "description": "binary_data: bool, "
                                                                 "classification: int"}}}}}}},
        "application/octet-stream": {"schema": {
            "type": "string", "format": "binary",
            "description": f"JSON header of {HEADER_LENGTH} bytes, then the tensors' bytes"}},
    },
}
ERRORS_DOC = {code: {"description": text, "content": {"application/json": {"schema": {
    "type": "object", "properties": {"error": {"type": "string"}}}}}}
    for code, text in ((400, "malformed request"),
                       (401, "missing, unknown, revoked or expired API key"),
                       (403, "API key not scoped to this model"),
                       (404, "unknown model or version"),
                       (408, "request body stalled (nothing arrived for the read timeout)"),
                       (413, "request body too large"),
                       (503, "queue full, too much request data in flight, or model loading "
                             "or failed to load"),
                       (500, "internal error (details in the service log)"))}


def create_app(service: ServingService) -> FastAPI:
    """The FastAPI application for one ServingService (its lifespan starts and stops it)."""
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await asyncio.to_thread(service.start, service.url)
        try:
            yield
        finally:
            await asyncio.to_thread(service.stop)

    api = FastAPI(
        title="EdgeDeck inference service", version=edgedeck.__version__,
        description="KServe v2 / Triton HTTP inference protocol for the appliance's active "
                    "models. API key: `Authorization: Bearer <key>` or `X-API-Key`.",
        docs_url=None, redoc_url=None, lifespan=lifespan)
    api.add_middleware(AccessMiddleware, service=service)
    pool = service.pool

    @api.exception_handler(ProtocolError)
    async def protocol_error(request: Request, exc: ProtocolError) -> Any:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
        if exc.close:
            headers["Connection"] = "close"
        return _error(request, exc.message, exc.status, headers or None)

    @api.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Any:
        """A bug must still answer in the protocol's form (the traceback goes to the log,
        not to the client)."""
        return _error(request, f"internal server error ({type(exc).__name__}); see the "
                               "service log", 500)

    @api.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Any:
        return _error(request, exc.detail, exc.status_code)

    @api.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Any:
        message = "; ".join(str(e.get("msg", e)) for e in exc.errors()) or "invalid request"
        return _error(request, message, 400)

    # -- health and metadata --------------------------------------------------------------

    @api.get("/v2/health/live", tags=["health"], summary="The process answers")
    async def live() -> Any:
        return {"live": True}

    @api.get("/v2/health/ready", tags=["health"], summary="Every model has been tried",
             responses={503: ERRORS_DOC[503]})
    async def ready() -> Any:
        if pool.ready:
            return {"ready": True}
        return _json({"ready": False, "error": "models are still loading"}, 503)

    @api.get("/v2", tags=["metadata"], summary="Server metadata", responses=ERRORS_DOC)
    async def server_metadata(request: Request) -> Any:
        service.authorize(request)
        return {"name": "edgedeck", "version": edgedeck.__version__, "extensions": EXTENSIONS}

    def target(request: Request, name: str, version: str | None) -> tuple[Any, int | None]:
        """(model slot, version number or None): the key is checked before anything else, so
        a caller without one learns nothing about which models exist."""
        service.authorize(request, name)
        number = parse_version(version) if version is not None else None
        return service.model_slot(name), number

    def metadata(request: Request, name: str, version: str | None) -> Any:
        slot, number = target(request, name, version)
        current = pool.current_or_error(slot, number)
        parameters = current.parameters()
        if slot.error:
            parameters["load_error"] = slot.error
        return {"name": slot.name, "versions": [str(current.version)],
                "platform": current.platform,
                "inputs": protocol.tensor_metadata(current.inputs),
                "outputs": protocol.tensor_metadata(current.outputs),
                "parameters": parameters}

    @api.get("/v2/models/{name}", tags=["metadata"], summary="Model metadata",
             responses=ERRORS_DOC)
    async def model_metadata(request: Request, name: str) -> Any:
        return metadata(request, name, None)

    @api.get("/v2/models/{name}/versions/{version}", tags=["metadata"],
             summary="Model version metadata", responses=ERRORS_DOC)
    async def version_metadata(request: Request, name: str, version: str) -> Any:
        return metadata(request, name, version)

    def model_ready(request: Request, name: str, version: str | None) -> Any:
        slot, number = target(request, name, version)
        try:
            current = pool.current_or_error(slot, number)
        except ProtocolError as exc:
            if exc.status == 404:
                raise
            return _json({"name": slot.name, "ready": False, "error": exc.message}, 503)
        return {"name": slot.name, "version": str(current.version), "ready": True}

    @api.get("/v2/models/{name}/ready", tags=["health"], summary="Model readiness",
             responses=ERRORS_DOC)
    async def ready_model(request: Request, name: str) -> Any:
        return model_ready(request, name, None)

    @api.get("/v2/models/{name}/versions/{version}/ready", tags=["health"],
             summary="Model version readiness", responses=ERRORS_DOC)
    async def ready_version(request: Request, name: str, version: str) -> Any:
        return model_ready(request, name, version)

    def config(request: Request, name: str, version: str | None) -> Any:
        slot, number = target(request, name, version)
        current = pool.current_or_error(slot, number)
        return protocol.triton_config(current.name, current.inputs, current.outputs,
                                      current.batchable, current.max_batch,
                                      int(service.options.max_batch_delay_ms * 1000),
                                      current.platform, current.runtime)

    @api.get("/v2/models/{name}/config", tags=["metadata"], summary="Triton model config",
             responses=ERRORS_DOC)
    async def model_config(request: Request, name: str) -> Any:
        return config(request, name, None)

    @api.get("/v2/models/{name}/versions/{version}/config", tags=["metadata"],
             summary="Triton model config of a version", responses=ERRORS_DOC)
    async def version_config(request: Request, name: str, version: str) -> Any:
        return config(request, name, version)

    @api.post("/v2/repository/index", tags=["metadata"], summary="Models this key may use",
              responses=ERRORS_DOC)
    async def repository_index(request: Request) -> Any:
        key = service.authorize(request)
        index = []
        for slot in pool.slots():
            if not key.allows(slot.name):
                continue
            current = slot.current
            item = {"name": slot.name,
                    "version": str(current.version if current else slot.wanted or ""),
                    "state": "READY" if current else ("LOADING" if slot.loading
                                                      else "UNAVAILABLE")}
            if slot.error:
                item["reason"] = slot.error
            index.append(item)
        return index

    # -- inference ------------------------------------------------------------------------

    async def infer(request: Request, name: str, version: str | None) -> Any:
        request.state.infer = True
        request.state.model = name
        service.authorize(request, name)
        number = parse_version(version) if version is not None else None
        request.state.version = number  # logged even when the model is unknown
        slot = service.model_slot(name)
        request.state.model = request.state.served_model = slot.name  # a bounded label set
        loaded = pool.current_or_error(slot, number)  # 503/404 before reading a large body
        request.state.served_version = loaded.version
        slot.announced += 1
        announced = True
        try:
            body = await service.read_body(request)
            header_length = request.headers.get(HEADER_LENGTH)
            if len(body) > PARSE_INLINE_BYTES:
                parsed = await service.off_loop(protocol.parse_infer_request, body,
                                                header_length)
            else:
                parsed = protocol.parse_infer_request(body, header_length)
            del body
            future, loaded = pool.submit(slot, number, parsed)
            slot.announced -= 1
            announced = False
            request.state.version = request.state.served_version = loaded.version
            try:
                result = await asyncio.wrap_future(future)
            except EngineError as exc:
                raise ProtocolError(400, str(exc)) from None
            request.state.version = request.state.served_version = result.version
            request.state.queue_ms = result.queue_ms
            request.state.infer_ms = result.infer_ms
            request.state.batch = result.batch_requests
            size = sum(getattr(array, "nbytes", 0) for array in result.outputs.values())
            encode = protocol.encode_infer_response
            if size > PARSE_INLINE_BYTES:
                content, headers = await service.off_loop(
                    encode, slot.name, result.version, parsed, result.outputs, loaded.labels)
            else:
                content, headers = encode(slot.name, result.version, parsed, result.outputs,
                                          loaded.labels)
        finally:
            if announced:
                slot.announced -= 1
            service.release(request)  # the response is built: the request data can go
        return Response(content, headers=headers)

    @api.post("/v2/models/{name}/infer", tags=["inference"], summary="Run the active version",
              openapi_extra={"requestBody": INFER_REQUEST_DOC}, responses=ERRORS_DOC)
    async def infer_model(request: Request, name: str) -> Any:
        return await infer(request, name, None)

    @api.post("/v2/models/{name}/versions/{version}/infer", tags=["inference"],
              summary="Run a version (only the active one is served)",
              openapi_extra={"requestBody": INFER_REQUEST_DOC}, responses=ERRORS_DOC)
    async def infer_version(request: Request, name: str, version: str) -> Any:
        return await infer(request, name, version)

    @api.get("/metrics", tags=["metrics"], summary="Prometheus metrics (any valid key)",
             response_class=PlainTextResponse, responses=ERRORS_DOC)
    async def metrics(request: Request) -> Any:
        service.authorize(request)
        return Response(service.metrics.render(), media_type=CONTENT_TYPE)

    return api


class AccessMiddleware:
    """Pure ASGI (no per-request task): times every request, logs inference requests and every
    refused key to the access log, counts inference requests in the metrics."""

    def __init__(self, app: Any, service: ServingService) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        facts: dict[str, Any] = scope.setdefault("state", {})

        async def send_wrapper(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:
            facts.setdefault("error", f"internal error: {type(exc).__name__}: {exc}")
            status = 500
            raise
        finally:
            self._record(scope, facts, status, time.perf_counter() - started)

    def _record(self, scope: dict, facts: dict[str, Any], status: int, seconds: float) -> None:
        refused = facts.get(PROTOCOL_ERROR)
        if refused is not None:  # h11 answered this request itself, whatever the app sent
            status, facts["error"] = refused
        infer = bool(facts.get("infer"))
        if not infer and status not in (401, 403) and refused is None:
            return
        if infer:
            # Labels only from what the service serves: a client naming models or versions
            # that do not exist must not grow the metrics without bound.
            self.service.metrics.count_request(str(facts.get("served_model", "")),
                                               facts.get("served_version"), status, seconds)
        client = scope.get("client") or ("", 0)
        self.service.access_log.add(Entry(
            ts=utc_now("milliseconds"), key_id=facts.get("key_id"),
            key_prefix=str(facts.get("key_prefix", "")), client=str(client[0]),
            method=str(scope.get("method", "")), path=str(scope.get("path", "")),
            model=str(facts.get("model", "")), version=facts.get("version"),
            status=status,
            error=str(facts.get("error", "")) if status >= 400 else "",
            latency_ms=seconds * 1000, queue_ms=float(facts.get("queue_ms", 0.0)),
            infer_ms=float(facts.get("infer_ms", 0.0)),
            batch_size=int(facts.get("batch", 0))))


# -- running ----------------------------------------------------------------------------------


def check_tls(cert: Path | None, key: Path | None) -> None:
    """Both or neither, readable and matching: a clear error now, not a crash in uvicorn."""
    if (cert is None) != (key is None):
        raise ValidationError("TLS needs both --tls-cert and --tls-key.")
    if cert is None or key is None:
        return
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(str(cert), str(key))
    except FileNotFoundError as exc:
        raise ValidationError(f"TLS file not found: {exc.filename}.") from None
    except (ssl.SSLError, OSError) as exc:
        raise ValidationError(f"The TLS certificate and key cannot be used together: "
                              f"{exc}.") from None


def bind(host: str, port: int) -> socket.socket:
    """Listen before uvicorn starts, so a busy port is a one-line error and port 0 works."""
    if not 0 <= port <= 65535:
        raise ValidationError(f"Port {port} is not a TCP port (0-65535).")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ValidationError(f"Cannot listen on '{host}': {exc.strerror}.") from None
    family, kind, proto, _, address = infos[0]
    # proto must say TCP: asyncio sets TCP_NODELAY on accepted connections only then, and
    # without it a response written in two parts waits 40 ms for a delayed ACK.
    sock = socket.socket(family, kind, proto or socket.IPPROTO_TCP)
    try:
        if os.name != "nt":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise ValidationError(f"Cannot listen on {host}:{port}: {exc.strerror or exc}.") \
            from None
    return sock


def url_of(sock: socket.socket, host: str, tls: bool) -> str:
    port = sock.getsockname()[1]
    try:
        shown = f"[{host}]" if ipaddress.ip_address(host).version == 6 else host
    except ValueError:
        shown = host
    return f"{'https' if tls else 'http'}://{shown}:{port}"


def _server(service: ServingService, sock: socket.socket) -> Any:
    import uvicorn

    class Server(uvicorn.Server):
        async def _wait_tasks_to_complete(self) -> None:
            """Wait for the requests in flight (the drain), not for idle keep-alive clients:
            closing an idle TLS connection waits up to 30 s for the client's close_notify."""
            loop = asyncio.get_running_loop()
            while self.server_state.tasks and not self.force_exit:
                await asyncio.sleep(0.05)
            deadline = loop.time() + 1.0
            while self.server_state.connections and loop.time() < deadline:
                await asyncio.sleep(0.05)

    options = service.options
    tls = options.tls_cert is not None
    service.url = url_of(sock, options.host, tls)
    config = uvicorn.Config(
        create_app(service), lifespan="on", log_config=None, access_log=False,
        server_header=False, timeout_graceful_shutdown=int(options.drain_timeout_s),
        http=connection_class(options.read_timeout_s, service),
        ssl_certfile=str(options.tls_cert) if tls else None,
        ssl_keyfile=str(options.tls_key) if tls else None)
    return Server(config)


def run_foreground(ctx: AppContext, options: ServingOptions, started_by: str,
                   announce: Callable[[str], None] | None = None,
                   ready: Callable[[list[ModelSlot]], None] | None = None) -> None:
    """Serve until SIGTERM/SIGINT, then drain and return (the CLI's `edgedeck serve`)."""
    check_tls(options.tls_cert, options.tls_key)
    sock = bind(options.host, options.port)
    service = ServingService(ctx, options, started_by)
    service.on_started = announce
    service.pool.on_ready = ready
    server = _server(service, sock)
    # uvicorn re-raises the signal that stopped it once its own handlers are removed: these
    # make that a no-op, so the command returns normally and closes the database properly.
    previous = {sig: signal.signal(sig, lambda *_: None)
                for sig in (signal.SIGINT, signal.SIGTERM)}
    if hasattr(signal, "SIGPIPE"):
        # The CLI's main() sets SIGPIPE to end the process (for `edgedeck ... | head`); a
        # server must instead get EPIPE when it writes to a client that went away.
        previous[signal.SIGPIPE] = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    try:
        server.run(sockets=[sock])
    except SystemExit:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
    if not server.started:
        raise ValidationError("The inference service failed to start; see the log file.")


class BackgroundServer:
    """The service on a thread of this process (tests and benchmarks)."""

    def __init__(self, ctx: AppContext, options: ServingOptions, started_by: str = "test"
                 ) -> None:
        check_tls(options.tls_cert, options.tls_key)
        self.sock = bind(options.host, options.port)
        self.service = ServingService(ctx, options, started_by)
        self.server = _server(self.service, self.sock)
        self.url = self.service.url
        self._thread = threading.Thread(target=self._run, name="serving-http", daemon=True)

    def _run(self) -> None:
        with contextlib.suppress(SystemExit):
            self.server.run(sockets=[self.sock])

    def start(self, timeout: float = 30.0) -> BackgroundServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not (self.server.started and self.service.pool.ready):
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the inference service did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=60)
        self.sock.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
