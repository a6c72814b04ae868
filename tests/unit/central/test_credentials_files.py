"""A broken credentials file: ConfigFileError naming the file (and line), never its content."""

import pytest

from counter_app.central import credentials
from counter_app.domain.errors import ConfigFileError


@pytest.mark.parametrize("content, words", [
    ('{"url": "postgresql://dev:secret@central/db",\n "device_id": ', "line 2"),
    ("", "line 1"),
    ('["postgresql://dev:secret@central/db"]', "not the credentials"),
    ('{"url": "postgresql://dev:secret@central/db"}', "not the credentials"),
    ('{"url": 5, "device_id": "d", "site_code": "s", "site_id": "i"}', "not the credentials"),
])
def test_a_broken_credentials_file_is_refused_in_words(tmp_path, content, words):
    (tmp_path / credentials.FILE_NAME).write_text(content, encoding="utf-8")
    with pytest.raises(ConfigFileError) as caught:
        credentials.load(tmp_path)
    message = str(caught.value)
    assert credentials.FILE_NAME in message and words in message and "secret" not in message


def test_credentials_not_in_utf8_are_refused_in_words(tmp_path):
    (tmp_path / credentials.FILE_NAME).write_bytes(b'{"url": "\xff"}')
    with pytest.raises(ConfigFileError, match="not UTF-8"):
        credentials.load(tmp_path)
