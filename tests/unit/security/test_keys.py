"""The data key: made once, kept outside the data directory, looked for everywhere it may
be, never made anew over encrypted data."""

import stat

import keyring
import pytest
from keyring.backend import KeyringBackend

from counter_app.security.keys import KEY_ID_FILE, KeyUnavailable, open_data_key


class MemoryKeyring(KeyringBackend):
    """A credential store in memory, standing for Windows' or a desktop's."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username), None)


@pytest.fixture
def store():
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


def test_a_new_key_goes_to_the_key_file_readable_by_its_user_alone(tmp_path):
    key_file = tmp_path / "installer" / "counter.key"
    made = open_data_key(tmp_path / "data", tmp_path / "config", str(key_file),
                         data_exists=False)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600 and made.place == str(key_file)
    again = open_data_key(tmp_path / "data", tmp_path / "config", str(key_file),
                          data_exists=True)
    assert again.secret == made.secret and len(made.secret) == 32
    assert made.derive("database") != made.derive("protected files")
    assert not [p for p in (tmp_path / "data").rglob("*") if p.name != KEY_ID_FILE]


def test_with_a_credential_store_no_file_holds_the_key(tmp_path, store):
    made = open_data_key(tmp_path / "data", tmp_path / "config", data_exists=False)
    assert list(store.entries.values()) and not list(tmp_path.rglob("*.key"))
    assert open_data_key(tmp_path / "data", tmp_path / "config",
                         data_exists=True).secret == made.secret


def test_a_key_kept_before_the_store_ran_is_still_found(tmp_path, store):
    keyring.set_keyring(keyring.backends.fail.Keyring())  # first start: no store running
    made = open_data_key(tmp_path / "data", tmp_path / "config", data_exists=False)
    keyring.set_keyring(store)  # later: the desktop's store answers
    found = open_data_key(tmp_path / "data", tmp_path / "config", data_exists=True)
    assert found.secret == made.secret and not store.entries


def test_encrypted_data_without_its_key_is_refused_and_no_key_is_made(tmp_path):
    open_data_key(tmp_path / "data", tmp_path / "config", data_exists=False)
    for key in (tmp_path / "config").rglob("*.key"):
        key.unlink()
    with pytest.raises(KeyUnavailable, match="not found"):
        open_data_key(tmp_path / "data", tmp_path / "config", data_exists=True)
    assert not list(tmp_path.rglob("*.key"))
    (tmp_path / "data" / KEY_ID_FILE).unlink()  # which key: gone too
    with pytest.raises(KeyUnavailable, match=KEY_ID_FILE):
        open_data_key(tmp_path / "data", tmp_path / "config", data_exists=True)


def test_no_key_is_kept_inside_the_data_directory(tmp_path):
    with pytest.raises(KeyUnavailable, match="outside the data folder"):
        open_data_key(tmp_path / "data", tmp_path / "config",
                      str(tmp_path / "data" / "my.key"), data_exists=False)
    with pytest.raises(KeyUnavailable, match="outside the data folder"):  # Windows' layout
        open_data_key(tmp_path / "same", tmp_path / "same", data_exists=False)


def test_a_damaged_key_file_is_named_not_quoted(tmp_path):
    key_file = tmp_path / "counter.key"
    key_file.write_text("not base64 at all")
    with pytest.raises(KeyUnavailable) as caught:
        open_data_key(tmp_path / "data", tmp_path / "config", str(key_file),
                      data_exists=False)
    assert str(key_file) in str(caught.value) and "base64" not in str(caught.value)



def test_on_windows_the_key_is_in_the_credential_manager_alone(tmp_path, store):
    """platformdirs gives data and settings one folder on Windows (%LOCALAPPDATA%\\
    counter-app\\counter-app): the key goes to the credential store (keyring's Windows
    backend: the Credential Manager, DPAPI under the user's logon), never to a file."""
    folder = tmp_path / "counter-app"
    made = open_data_key(folder, folder, data_exists=False)
    assert list(store.entries.values()) and not list(tmp_path.rglob("*.key"))
    assert made.place.startswith("MemoryKeyring")
    assert open_data_key(folder, folder, data_exists=True).secret == made.secret
