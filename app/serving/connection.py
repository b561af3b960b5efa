"""One HTTP connection: uvicorn's h11 protocol (with the head timer of slow_clients) made to
answer and record what h11 refuses the way the service answers everything else.

uvicorn answers a request h11 cannot parse (a broken request line, header or chunked framing)
with a plain-text 400 and a warning in the application log, and the request handler that was
reading the body sees a disconnect it would report as a 500 with a traceback. Here:

- the answer is the protocol's JSON error, with h11's reason and its status hint (431 for a
  head too large, else 400), and the connection is closed;
- a request the application was handling is recorded by it, as this 400 (the handler is told
  through the request's state), so the access log and the metrics count what the client got;
  any other is recorded in the access log here;
- uvicorn's warnings and errors for the connection go through RepeatedWarnings (log_limits),
  keyed by the client's address, so a flood of garbage does not rotate the log away.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, Protocol

from app.serving.log_limits import ClientLogger, RepeatedWarnings
from app.serving.protocol import JSON_TYPE, error_body, shown
from app.serving.slow_clients import protocol_class as head_timed_class

PROTOCOL_ERROR = "protocol_error"  # request-state key: h11 refused the rest of this request


class ConnectionEvents(Protocol):
    """What a connection reports to the service (ServingService implements it)."""

    warnings: RepeatedWarnings

    def count_slow_head(self, client: str) -> None: ...

    def refused_by_protocol(self, client: str, status: int, error: str) -> None: ...


def protocol_class(read_timeout_s: float, events: ConnectionEvents) -> type:
    """The asyncio protocol class uvicorn runs for each connection."""
    import h11
    from uvicorn.protocols.http.h11_impl import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE

    class RecordingConnection(h11.Connection):  # type: ignore[misc]
        """h11 keeps no record of why it refused a request: this one does."""

        refusal: h11.RemoteProtocolError | None = None

        def next_event(self) -> Any:
            try:
                return super().next_event()
            except h11.RemoteProtocolError as exc:
                self.refusal = exc
                raise

    base = head_timed_class(read_timeout_s, events.count_slow_head)

    class ServingProtocol(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            size = self.config.h11_max_incomplete_event_size
            self.conn = RecordingConnection(
                h11.SERVER, DEFAULT_MAX_INCOMPLETE_EVENT_SIZE if size is None else size)

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self.logger = ClientLogger(logging.getLogger("uvicorn.error"), events.warnings,
                                       self._client_address(), self._refusal_text)

        def _client_address(self) -> str:
            return str(self.client[0]) if self.client else ""

        def _refusal_text(self) -> str:
            refusal = self.conn.refusal
            return shown(refusal, 200) if refusal is not None else ""

        def send_400_response(self, msg: str) -> None:
            """Called by uvicorn when h11 refused the request (instead of its plain text)."""
            refusal = self.conn.refusal
            status = getattr(refusal, "error_status_hint", 400)
            if status not in HTTPStatus.__members__.values() or not 400 <= status < 500:
                status = 400
            error = f"invalid HTTP request: {self._refusal_text() or msg}"
            cycle = self.cycle
            if cycle is not None and not cycle.response_complete:
                cycle.scope.setdefault("state", {})[PROTOCOL_ERROR] = (status, error)
            else:
                events.refused_by_protocol(self._client_address(), status, error)
            if cycle is not None and cycle.response_started and not cycle.response_complete:
                self.transport.close()  # half an answer went out: nothing more can be said
                return
            body = error_body(error)
            try:
                for event in (h11.Response(status_code=status,
                                           reason=HTTPStatus(status).phrase.encode(),
                                           headers=[(b"content-type", JSON_TYPE.encode()),
                                                    (b"content-length", b"%d" % len(body)),
                                                    (b"connection", b"close")]),
                              h11.Data(data=body), h11.EndOfMessage()):
                    self.transport.write(self.conn.send(event))
            except h11.LocalProtocolError:
                pass  # h11 will not let an answer out in this state: just close
            self.transport.close()

    return ServingProtocol
