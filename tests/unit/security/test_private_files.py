"""The counter's files closed to other users: made so, and repaired for older installs."""

import os
import stat

import pytest

from counter_app.config import Settings
from counter_app.security.private_files import REPAIRED_MARK
from counter_app.services.context import open_context

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the profile's ACL closes it there")


def _mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_an_older_install_is_closed_once_and_new_files_are_private(tmp_path):
    data, config = tmp_path / "data", tmp_path / "config"
    (data / "protected" / "photos").mkdir(parents=True)
    old_photo = data / "protected" / "photos" / "a.jpg"
    old_photo.write_bytes(b"\xff\xd8")
    for path, mode in ((data, 0o755), (data / "protected", 0o755), (old_photo, 0o644)):
        os.chmod(path, mode)
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    os.chmod(outside, 0o644)
    (data / "protected" / "link").symlink_to(outside)
    previous = os.umask(0o022)
    try:
        ctx = open_context(Settings(data_dir=data, config_dir=config))
        with ctx.sessions.begin() as session:  # the database and its WAL, written now
            session.execute(__import__("sqlalchemy").text("CREATE TABLE t (x)"))
        assert _mode(data) == 0o700 and _mode(config) == 0o700
        assert _mode(data / "protected") == 0o700 and _mode(old_photo) == 0o600
        assert _mode(outside) == 0o644  # a link is not followed out of the tree
        for database_file in data.glob("counter.sqlite3*"):
            assert _mode(database_file) == 0o600, database_file
        assert (data / REPAIRED_MARK).exists()
        new = data / "protected" / "new.pdf"
        new.write_bytes(b"%PDF")
        assert _mode(new) == 0o600
    finally:
        os.umask(previous)


def test_the_log_is_private_from_its_first_line(tmp_path):
    import logging

    from counter_app.logs import setup_logging

    root = logging.getLogger()
    kept, root.handlers = root.handlers[:], []
    previous = os.umask(0o022)
    try:
        setup_logging(tmp_path / "logs")
        logging.getLogger("x").warning("hello")
        for handler in root.handlers:
            handler.flush()
        assert _mode(tmp_path / "logs") == 0o700
        assert _mode(tmp_path / "logs" / "counter.log") == 0o600
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers = kept
        os.umask(previous)
