"""/api/v1/people and /api/v1/units: the organisation directory, for choosing participants and presiders."""

from __future__ import annotations

import sqlalchemy as sa

from meetapp.api import access
from meetapp.api.resources import api_blueprint, errors, paginate
from meetapp.api.schemas import PageQuery, PeopleQuery, PersonSchema, UnitSchema, page_of
from meetapp.directory.models import Unit
from meetapp.directory.queries import PeopleFilter, people_select

blp = api_blueprint("api_directory", "People and units of the organisation directory.")


@blp.get("/people")
@blp.arguments(PeopleQuery, location="query")
@blp.response(200, page_of(PersonSchema))
@errors(blp, 401, 403, 422)
def people(args):
    """People by name (``q`` matches English or Chinese name or e-mail), optionally in a unit and its sub-units."""
    access.needs()
    access.allow("directory.view")
    criteria = PeopleFilter(q=args["q"], unit_id=args["unit_id"], include_subunits=args["unit_id"] is not None)
    return paginate(people_select(criteria), args)


@blp.get("/units")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(UnitSchema))
@errors(blp, 401, 403, 422)
def units(args):
    """Every unit with its parent (the tree), by code."""
    access.needs()
    access.allow("directory.view")
    return paginate(sa.select(Unit).order_by(Unit.code, Unit.id), args)
