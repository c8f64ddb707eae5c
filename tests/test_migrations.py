"""The Alembic migrations build the schema from empty, and it matches the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from meetapp import create_app
from meetapp.extensions import db
from meetapp.search.schema import include_object
from tests.conftest import throwaway_database


def test_upgrade_from_empty_matches_the_models(tmp_path):
    with throwaway_database(tmp_path) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()
            with db.engine.connect() as conn:
                context = MigrationContext.configure(
                    conn, opts={"compare_type": True, "include_object": include_object}
                )
                diff = compare_metadata(context, db.metadata)
            assert diff == [], f"models and migrations differ; run `flask db migrate`: {diff}"
            downgrade(revision="base")
            upgrade()
            db.engine.dispose()
