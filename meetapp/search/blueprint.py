from flask import Blueprint

# /search for everyone (results follow each reader's visibility), and the `flask search-reindex` command.
bp = Blueprint("search", __name__)


@bp.record_once
def _keep_index_in_step(state) -> None:
    from meetapp.search.cli import register_commands
    from meetapp.search.indexing import install

    install()
    register_commands(state.app)
