"""Blocked terms: an administrator's list of topics the knowledge base must not answer.

Latin-script terms match whole words ("bypass" does not block "bypassed"), Chinese terms match
anywhere (no spaces to find words by); both ignore case. The service refuses a question that
contains one and withholds passages that do, and audits each refusal.
"""

from __future__ import annotations

import re

from app.clock import utc_now
from app.errors import ValidationError
from app.knowledge.answer import is_cjk
from app.messages import msg
from app.store import Store

MAX_BLOCKED_TERM = 100


def clean_term(term: str) -> str:
    cleaned = " ".join(term.split())
    if not cleaned or len(cleaned) > MAX_BLOCKED_TERM:
        raise ValidationError(msg("A blocked term must be 1-{max_blocked_term} characters.",
                                  max_blocked_term=MAX_BLOCKED_TERM))
    return cleaned


class BlockedTerms:
    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self) -> list[str]:
        rows = self._store.conn.execute("SELECT term FROM kb_blocked_terms ORDER BY term")
        return [row[0] for row in rows]

    def add(self, term: str, username: str) -> None:
        now = utc_now()
        self._store.conn.execute("INSERT OR IGNORE INTO kb_blocked_terms (term, added_at,"
                                 " added_by) VALUES (?, ?, ?)", [term, now, username])

    def remove(self, term: str) -> bool:
        return bool(self._store.conn.execute("DELETE FROM kb_blocked_terms WHERE term = ?",
                                             [term]).rowcount)

    def find(self, text: str) -> str | None:
        """The first blocked term in `text`, or None."""
        lowered = text.lower()
        for term in self.list():
            needle = term.lower()
            if any(is_cjk(ch) for ch in needle):
                if needle in lowered:
                    return term
            elif re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", lowered):
                return term
        return None
