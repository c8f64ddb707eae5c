"""The two full-text backends behind one interface: given the normalised query terms, a condition that selects the
matching ``search_documents`` rows and an expression to order them by relevance (best first)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from meetapp.search.models import SearchDocument


@dataclass(frozen=True)
class Match:
    select: sa.Select  # select(SearchDocument) restricted to matching rows
    order_by: tuple  # relevance first


class SqliteFts5:
    """FTS5's MATCH on ``search_fts`` (rowid = the document's id), ordered by its bm25 ``rank``."""

    name = "sqlite-fts5"

    def match(self, terms: list[tuple[str, bool]]) -> Match:
        # Terms hold word characters only (meetapp.search.text); quoting makes each a literal FTS5 string anyway.
        expression = " AND ".join(f'"{term}"' + ("*" if prefix else "") for term, prefix in terms)
        fts = sa.table("search_fts", sa.column("rowid"))
        select = (
            sa.select(SearchDocument)
            .join(fts, fts.c.rowid == SearchDocument.id)
            .where(sa.literal_column("search_fts").op("MATCH")(expression))
        )
        return Match(select, (sa.literal_column("search_fts.rank"), SearchDocument.id))


class PostgresFullText:
    """``to_tsvector('simple', terms) @@ to_tsquery(...)``: the very expression the GIN index covers, ranked by
    ``ts_rank``."""

    name = "postgresql-tsvector"

    def match(self, terms: list[tuple[str, bool]]) -> Match:
        query = " & ".join(f"'{term}'" + (":*" if prefix else "") for term, prefix in terms)
        config = sa.literal_column("'simple'")
        vector = sa.func.to_tsvector(config, SearchDocument.terms)
        tsquery = sa.func.to_tsquery(config, query)
        select = sa.select(SearchDocument).where(vector.op("@@")(tsquery))
        return Match(select, (sa.func.ts_rank(vector, tsquery).desc(), SearchDocument.id))


def backend_for(dialect_name: str):
    return SqliteFts5() if dialect_name == "sqlite" else PostgresFullText()
