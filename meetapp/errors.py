"""Domain errors: what a service refuses, with a message a user can read."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l


class DomainError(Exception):
    """Base of every refusal a service raises; ``message`` is what the user reads.

    A subclass declares its default as a lazy translatable string; a message given when raising may quote what
    people typed (a name, a title, a file's columns). Both become a plain ``str`` here, translated into the
    language of the request that raises: Flask-Babel's lazy strings count as safe HTML in templates (they have
    ``__html__``), so a lazy message left as it is would put a name such as ``<img onerror=…>`` on the page
    unescaped.
    """

    message = _l("This action is not allowed.")

    def __init__(self, message=None, **details):
        self.message = str(self.message if message is None else message)
        super().__init__(self.message)
        self.details = details

    def __str__(self) -> str:
        return self.message
