import pytest


@pytest.fixture
def app_config(app_config):
    # Every meeting's exports run as jobs here (the tests' meetings are small); one video report byte is "large".
    return {**app_config, "JOB_EXPORT_MIN_PARTICIPANTS": 1, "JOB_VIDEO_IMPORT_MIN_BYTES": 1}
