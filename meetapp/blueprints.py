"""Area packages load their views when the app registers their blueprint, not when they are imported.

Other code imports an area package for its models (``meetapp.models`` imports them all; ``meetapp.policy`` imports
the role enum from ``meetapp.auth.models``). If importing the package also imported its views, which import
``meetapp.policy`` and other areas, whether the app starts would depend on which module happened to be imported
first. So each area keeps its blueprint in ``<area>/blueprint.py``, its views import it from there, and the package
only says which modules hold its views: ``__getattr__ = views_on_access(__name__, "views")``.
"""

from __future__ import annotations

import importlib


def views_on_access(package: str, *view_modules: str, blueprints: tuple[str, ...] = ("bp",)):
    """A module ``__getattr__`` for ``package``: asking for one of ``blueprints`` (``meetapp.<area>.bp``) imports
    ``view_modules`` (which add their routes) and answers the blueprint from ``<package>.blueprint``."""

    def __getattr__(name: str):
        if name not in blueprints:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        for module in view_modules:
            importlib.import_module(f"{package}.{module}")
        return getattr(importlib.import_module(f"{package}.blueprint"), name)

    return __getattr__
