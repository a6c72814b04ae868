"""The file dialogs' small decisions: where they open, the suffix a saved file gets."""

from pathlib import Path

from counter_app.qt import dialogs


def test_a_saved_csv_gets_its_suffix_when_staff_typed_none(tmp_path):
    assert dialogs.with_suffix(str(tmp_path / "批次结果"), ".csv") == tmp_path / "批次结果.csv"
    assert dialogs.with_suffix(str(tmp_path / "result.csv"), ".csv") == tmp_path / "result.csv"


def test_file_dialogs_open_in_the_users_folders_not_the_programs(qtbot):
    folder = dialogs.start_folder()
    assert folder.is_dir() and folder != Path.cwd() and Path.home() in (folder, *folder.parents)
