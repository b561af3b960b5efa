"""The caller's identity, passed into every service call so it can check and audit."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field


def _host() -> str:
    return socket.gethostname()


@dataclass(frozen=True)
class Actor:
    """A signed-in person (or the system itself) and the channel they act through."""

    username: str
    role: str
    source: str = "gui"  # gui / cli / service / system
    host: str = field(default_factory=_host)
    user_id: int | None = None

    @classmethod
    def system(cls, source: str = "system") -> Actor:
        return cls(username="system", role="system", source=source)

    @classmethod
    def anonymous(cls, username: str, source: str) -> Actor:
        """Someone not (yet) authenticated, e.g. a failed login attempt under a typed name."""
        return cls(username=username or "?", role="none", source=source)
