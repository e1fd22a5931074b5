import os

import pytest

from backprop.files.atomic_file import write_text


def test_writes_the_text(tmp_path):
    path = tmp_path / "loss.svg"
    write_text(path, "<svg/>\n")
    write_text(path, "<svg>new</svg>\n")
    assert path.read_text(encoding="utf-8") == "<svg>new</svg>\n"
    assert os.listdir(tmp_path) == ["loss.svg"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])  # during the write, or at the rename
def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, failing):
    path = tmp_path / "loss.svg"
    path.write_text("old")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="disk full"):
        write_text(path, "new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["loss.svg"]


def test_the_file_gets_the_usual_permissions_not_the_temporary_files(tmp_path):
    # mkstemp makes its file readable by its owner only (0o600); a handout or weights file must be
    # created like any other file: 0o666 less the umask, as open(path, "w") does.
    umask = os.umask(0o022)
    try:
        write_text(tmp_path / "step.html", "<html/>\n")
        with open(tmp_path / "plain.txt", "w"):
            pass
    finally:
        os.umask(umask)
    mode = os.stat(tmp_path / "step.html").st_mode & 0o777
    assert mode == 0o644 == os.stat(tmp_path / "plain.txt").st_mode & 0o777


def test_an_existing_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "weights.json"
    path.write_text("old")
    os.chmod(path, 0o640)
    write_text(path, "new")
    assert os.stat(path).st_mode & 0o777 == 0o640


@pytest.mark.parametrize("where", ["a folder", "in a missing folder"])
def test_an_error_names_the_path_given_not_the_temporary_file(tmp_path, where):
    path = tmp_path if where == "a folder" else tmp_path / "no" / "step.txt"
    with pytest.raises(OSError) as raised:
        write_text(path, "text")
    assert raised.value.filename == str(path)
    assert os.listdir(tmp_path) == []
