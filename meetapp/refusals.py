"""How a page shows a service's refusal (a ``DomainError``): next to the form field it is about, else as an error
message above the form. Each view names its fields in a dict: error class → field name (a base class stands for
its subclasses)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from flask import flash

from meetapp.errors import DomainError

T = TypeVar("T")
NO_FIELDS: Mapping[type, str] = {}


def show_refusal(form, error: DomainError, fields: Mapping[type, str] = NO_FIELDS) -> None:
    """``error``'s message under its field of ``form`` when ``fields`` names one the form has, else flashed."""
    field = next((fields[cls] for cls in type(error).__mro__ if cls in fields), None)
    if form is not None and field and field in form:
        form[field].errors.append(str(error))
    else:
        flash(str(error), "danger")


def save_or_refuse(form, fields: Mapping[type, str], save: Callable[[], T]) -> T | None:
    """Run ``save`` (a service call that returns what it saved); when the service refuses, show the refusal
    (see ``show_refusal``) and answer None."""
    try:
        return save()
    except DomainError as error:
        show_refusal(form, error, fields)
        return None
