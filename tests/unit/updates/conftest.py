from tests.update_helpers import release_key, stranger_key  # noqa: F401 - fixtures
