"""Read side of the directory: the lists and trees the pages show, each loading what it displays in a fixed
number of queries (no per-row lazy loads)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from meetapp.directory.models import Group, Person, Unit, group_members
from meetapp.extensions import db

# A unit tree deeper than this is a data error; the recursive queries stop there instead of looping.
MAX_DEPTH = 50


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def subtree_ids(unit_id: int) -> sa.Select:
    """A select of the ids of ``unit_id`` and every unit below it, at any depth (a recursive CTE)."""
    tree = sa.select(Unit.id, sa.literal(0).label("depth")).where(Unit.id == unit_id).cte("subtree", recursive=True)
    below = sa.select(Unit.id, (tree.c.depth + 1).label("depth")).join(tree, Unit.parent_id == tree.c.id)
    tree = tree.union_all(below.where(tree.c.depth < MAX_DEPTH))
    return sa.select(tree.c.id)


def ancestors(unit: Unit) -> list[Unit]:
    """The units above ``unit``, from the top of the tree down to its parent, in one query."""
    if unit.parent_id is None:
        return []
    chain = (
        sa.select(Unit.id, Unit.parent_id, sa.literal(0).label("depth"))
        .where(Unit.id == unit.parent_id)
        .cte("ancestors", recursive=True)
    )
    above = sa.select(Unit.id, Unit.parent_id, (chain.c.depth + 1).label("depth")).join(
        chain, Unit.id == chain.c.parent_id
    )
    chain = chain.union_all(above.where(chain.c.depth < MAX_DEPTH))
    return list(db.session.scalars(sa.select(Unit).join(chain, Unit.id == chain.c.id).order_by(chain.c.depth.desc())))


def is_in_subtree(unit_id: int, root_id: int) -> bool:
    """Whether ``unit_id`` is ``root_id`` or lies anywhere below it."""
    return unit_id in set(db.session.scalars(subtree_ids(root_id)))


def people_counts() -> dict[int, int]:
    """Unit id → number of people placed directly in it."""
    rows = db.session.execute(
        sa.select(Person.unit_id, sa.func.count()).where(Person.unit_id.is_not(None)).group_by(Person.unit_id)
    )
    return dict(rows.all())


@dataclass
class UnitNode:
    unit: Unit
    depth: int
    people: int = 0  # directly in the unit
    total: int = 0  # in the unit and all its sub-units
    children: list[UnitNode] = field(default_factory=list)


class UnitTree:
    """Every unit, arranged as the tree, built from one query (plus one for people counts when asked)."""

    def __init__(self, units: list[Unit], counts: dict[int, int] | None = None):
        counts = counts or {}
        by_parent: dict[int | None, list[Unit]] = defaultdict(list)
        known = {u.id for u in units}
        for unit in units:
            # A unit whose parent is missing from the list still shows, at the top.
            by_parent[unit.parent_id if unit.parent_id in known else None].append(unit)

        def build(unit: Unit, depth: int, seen: frozenset) -> UnitNode:
            node = UnitNode(unit, depth, people=counts.get(unit.id, 0))
            for child in sorted(by_parent.get(unit.id, []), key=lambda u: u.name.lower()):
                if child.id not in seen:
                    node.children.append(build(child, depth + 1, seen | {child.id}))
            node.total = node.people + sum(c.total for c in node.children)
            return node

        self.roots = [build(u, 0, frozenset({u.id})) for u in sorted(by_parent[None], key=lambda u: u.name.lower())]

    @classmethod
    def load(cls, with_counts: bool = False) -> UnitTree:
        units = list(db.session.scalars(sa.select(Unit)))
        return cls(units, people_counts() if with_counts else None)

    def walk(self):
        """Every node, depth first, in display order."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def choices(self, locale: str | None) -> list[tuple[int, str]]:
        """(id, indented name) pairs for a select box, in tree order."""
        return [(n.unit.id, "\u00a0\u00a0\u00a0" * n.depth + n.unit.display_name(locale)) for n in self.walk()]


def contains_text(text: str, *columns) -> sa.ColumnElement[bool]:
    """A condition: ``text`` is a substring of one of ``columns``, ignoring case and surrounding spaces (LIKE
    wildcards in ``text`` are taken literally)."""
    pattern = f"%{escape_like(text.strip().lower())}%"
    return sa.or_(*(sa.func.lower(column).like(pattern, escape="\\") for column in columns))


def person_matches(text: str) -> sa.ColumnElement[bool]:
    """A condition on ``Person``: ``text`` is a substring of the English or Chinese name or of the email."""
    return contains_text(text, Person.name, Person.name_zh, Person.email)


@dataclass
class PeopleFilter:
    q: str = ""
    unit_id: int | None = None
    include_subunits: bool = False
    group_id: int | None = None


def people_select(criteria: PeopleFilter) -> sa.Select:
    """People matching ``criteria``, by name, with their unit and groups loaded.

    ``q`` matches a substring of the English or Chinese name or of the email, ignoring case.
    """
    query = sa.select(Person).options(joinedload(Person.unit), selectinload(Person.groups))
    if criteria.q.strip():
        query = query.where(person_matches(criteria.q))
    if criteria.unit_id is not None:
        if criteria.include_subunits:
            query = query.where(Person.unit_id.in_(subtree_ids(criteria.unit_id)))
        else:
            query = query.where(Person.unit_id == criteria.unit_id)
    if criteria.group_id is not None:
        members = sa.select(group_members.c.person_id).where(group_members.c.group_id == criteria.group_id)
        query = query.where(Person.id.in_(members))
    return query.order_by(Person.name, Person.id)


def search_people(criteria: PeopleFilter, page: int, per_page: int):
    """One page of ``people_select`` (a Flask-SQLAlchemy pagination)."""
    return db.paginate(people_select(criteria), page=page, per_page=per_page, error_out=False)


def group_candidates(group: Group, q: str, limit: int = 20) -> list[Person]:
    """People matching ``q`` who are not yet members of ``group`` (for the add-members search)."""
    members = sa.select(group_members.c.person_id).where(group_members.c.group_id == group.id)
    query = people_select(PeopleFilter(q=q)).where(Person.id.not_in(members)).limit(limit)
    return list(db.session.scalars(query))


def unit_people(unit: Unit) -> list[Person]:
    """The people placed directly in ``unit``, with their groups."""
    query = sa.select(Person).where(Person.unit_id == unit.id).options(selectinload(Person.groups))
    return list(db.session.scalars(query.order_by(Person.name, Person.id)))


def sub_units(unit: Unit) -> list[Unit]:
    return list(db.session.scalars(sa.select(Unit).where(Unit.parent_id == unit.id).order_by(Unit.name)))


def group_members_of(group: Group) -> list[Person]:
    """The members of ``group`` with their units, by name."""
    query = (
        sa.select(Person)
        .join(group_members, group_members.c.person_id == Person.id)
        .where(group_members.c.group_id == group.id)
        .options(joinedload(Person.unit))
        .order_by(Person.name, Person.id)
    )
    return list(db.session.scalars(query))


def groups_with_counts() -> list[tuple[Group, int]]:
    """Every group with its number of members, by name."""
    count = (
        sa.select(sa.func.count())
        .where(group_members.c.group_id == Group.id)
        .correlate(Group)
        .scalar_subquery()
    )
    return [(group, members) for group, members in db.session.execute(sa.select(Group, count).order_by(Group.name))]


def all_groups() -> list[Group]:
    return list(db.session.scalars(sa.select(Group).order_by(Group.name)))
