"""Domain errors: what a service refuses, with a message a user can read."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every refusal a service raises; ``message`` is a translatable string."""

    message = "This action is not allowed."

    def __init__(self, message=None, **details):
        super().__init__(message or self.message)
        if message is not None:
            self.message = message
        self.details = details

    def __str__(self) -> str:
        return str(self.message)
