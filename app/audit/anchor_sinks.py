"""Copies of each new anchor sent where the box cannot take them back: the local syslog.

journald/rsyslog own their files (root), keep them apart from the data folder and usually
forward them to a SIEM, so a line per signed checkpoint there is an anchor an attacker holding
the data folder (and its key) cannot roll back. It is sent over the local socket only: EdgeDeck
opens no network connection; forwarding is the syslog daemon's configuration.
"""

from __future__ import annotations

import logging
import os
import socket

from app.audit.anchor import Anchor
from app.audit.export import ENTERPRISE_ID, sd_element, syslog_hostname

log = logging.getLogger(__name__)

DEFAULT_SOCKET = "/dev/log"
PRI = 13 * 8 + 6  # facility 13 "log audit", severity 6 "informational"


def anchor_line(anchor: Anchor, hostname: str) -> str:
    """One RFC 5424 message: the anchor's fields as structured data, a short text after."""
    params = [("device_id", anchor.device_id), ("seq", str(anchor.seq)),
              ("hash", anchor.hash), ("ts", anchor.ts), ("key_id", anchor.key_id),
              ("signature", anchor.signature)]
    if anchor.prev_seq is not None:
        params.append(("prev_seq", str(anchor.prev_seq)))
    return (f"<{PRI}>1 {anchor.ts} {syslog_hostname(hostname)} edgedeck {os.getpid()} "
            f"audit-anchor {sd_element(f'edgedeck@{ENTERPRISE_ID}', params)} "
            f"EdgeDeck audit checkpoint #{anchor.seq} signed")


class SyslogAnchorSink:
    """Sends each anchor as one datagram to a local syslog socket; never raises."""

    def __init__(self, address: str = DEFAULT_SOCKET, hostname: str | None = None) -> None:
        self.address = address
        self.hostname = hostname or socket.gethostname()
        self._warned = False

    @staticmethod
    def available(address: str = DEFAULT_SOCKET) -> bool:
        return hasattr(socket, "AF_UNIX") and os.path.exists(address)

    def __call__(self, anchor: Anchor) -> None:
        data = anchor_line(anchor, self.hostname).encode("utf-8")
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.settimeout(1.0)
                sock.sendto(data, self.address)
        except OSError as exc:
            if not self._warned:  # the trail goes on; doctor reports the sink
                log.warning("audit anchor not sent to syslog at %s: %s", self.address, exc)
                self._warned = True


def attach_anchor_sinks(trail: object, settings: object) -> None:
    """Wire the sinks the appliance's settings ask for (the syslog one is on by default)."""
    enabled = int(settings.get("audit_anchor_syslog"))  # type: ignore[attr-defined]
    if enabled and SyslogAnchorSink.available(DEFAULT_SOCKET):
        name = getattr(settings, "device_name", "") or None
        trail.anchor_listeners.append(  # type: ignore[attr-defined]
            SyslogAnchorSink(DEFAULT_SOCKET, name))
