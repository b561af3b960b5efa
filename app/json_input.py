"""JSON that a person hands in (a package manifest, labels.json, config.json): parse errors and
absurd nesting become one clear reason, never an internal error.

Python's json parser raises RecursionError on a document nested ~1000 deep (a crafted manifest
nests 100,000); that is a property of the file, so it is reported like any other bad JSON.
"""

from __future__ import annotations

import json
from typing import Any

from app.errors import ValidationError
from app.messages import msg


class JsonInputError(ValidationError):
    """The JSON cannot be used; the message names the file and why."""


class JsonTooDeep(JsonInputError):
    """Nested past what the parser takes: crafted, never a real file."""


def parse_json(data: str | bytes, what: str) -> Any:  # noqa: ANN401 - any JSON value
    """json.loads of `data` (bytes: UTF-8, BOM allowed); JsonInputError names `what`."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix(
            "\ufeff")
        return json.loads(text)
    except RecursionError:
        raise JsonTooDeep(f"{what} is nested too deeply to be read (malformed or "
                          "crafted).") from None
    except UnicodeDecodeError:
        raise JsonInputError(msg("{what} is not UTF-8 text.", what=what)) from None
    except ValueError as exc:
        raise JsonInputError(msg("{what} is not valid JSON ({exc}).", what=what, exc=exc)) from None
