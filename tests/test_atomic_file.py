import os

import pytest

from backprop.atomic_file import write_text


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
