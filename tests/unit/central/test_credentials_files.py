"""A broken credentials file: ConfigFileError naming the file (and line), never its content."""

import pytest

from counter_app.central import credentials
from counter_app.domain.errors import ConfigFileError
from counter_app.security.protected_files import ProtectedFiles
from counter_app.security.sealing import Sealer


def sealed(folder, content: bytes) -> ProtectedFiles:
    """The credentials file holding *content*, sealed as the counter seals it."""
    files = ProtectedFiles(folder, Sealer(bytes(32)))
    files.write(credentials.FILE_NAME, content)
    return files


@pytest.mark.parametrize("content, words", [
    ('{"url": "postgresql://dev:secret@central/db",\n "device_id": ', "line 2"),
    ("", "line 1"),
    ('["postgresql://dev:secret@central/db"]', "not the credentials"),
    ('{"url": "postgresql://dev:secret@central/db"}', "not the credentials"),
    ('{"url": 5, "device_id": "d", "site_code": "s", "site_id": "i"}', "not the credentials"),
])
def test_a_broken_credentials_file_is_refused_in_words(tmp_path, content, words):
    files = sealed(tmp_path, content.encode("utf-8"))
    with pytest.raises(ConfigFileError) as caught:
        credentials.load(files)
    message = str(caught.value)
    assert credentials.FILE_NAME in message and words in message and "secret" not in message


def test_credentials_not_in_utf8_are_refused_in_words(tmp_path):
    files = sealed(tmp_path, b'{"url": "\xff"}')
    with pytest.raises(ConfigFileError, match="not UTF-8"):
        credentials.load(files)


def test_credentials_altered_on_disk_or_left_in_clear_are_refused_in_words(tmp_path):
    files = sealed(tmp_path, b'{"url": "postgresql://dev:secret@central/db"}')
    path = credentials.credentials_path(files)
    path.write_bytes(path.read_bytes()[:-1] + b"\0")
    with pytest.raises(ConfigFileError, match=credentials.FILE_NAME):
        credentials.load(files)
    path.write_text('{"url": "postgresql://dev:secret@central/db"}')  # planted in clear
    with pytest.raises(ConfigFileError, match=credentials.FILE_NAME):
        credentials.load(files)
