"""Texts that services write for people, marked so the UI can show them in its language.

Services stay free of Qt and of languages: they keep writing English, and every place that
composes such a text from parts goes through `msg(template, **params)`. The template is the
stable English sentence with named fields ("CPU core {index}"); the result is the plain English
text with the fields filled in, so logs, the CLI, JSON, Prometheus and rows stored in the
database hold exactly the English they always did.

The desktop UI recognises a template again from the text (app/ui/i18n_service.py) and shows
its translation with the same parameters; numbers, device and user names are never
translated. tests/ui/test_service_text_catalog.py fails when a template marked here is missing
from the UI's catalogue (app/ui/i18n_catalog.py), so a new text cannot silently stay English.
"""

from __future__ import annotations


def msg(template: str, /, **params: object) -> str:
    """The English text of `template` with `params` filled in (str.format rules).

    A literal first argument is what the catalogue test extracts, so pass the template
    inline, never a variable.
    """
    return template.format(**params) if params else template
