"""Issue 23, item 1: the loss on the classroom's commands and on ``predict``. ``quiz`` and ``sheet`` take
``--loss squared`` (the lecture's step) and binary cross-entropy (tests/test_classroom_cross_entropy.py),
and refuse softmax, which needs several outputs, in one line naming what works; ``predict`` takes the loss
from the weights file and refuses a file naming an unknown one."""

import json
import os

import pytest

from conftest import assert_usage_error, run_in_process


@pytest.mark.parametrize("command", [["quiz", "--seed", "1"], ["sheet", "--count", "1", "--format", "markdown"]])
@pytest.mark.parametrize("options, message", [
    (["--output-activation", "softmax", "--loss", "cross_entropy"], "softmax needs several outputs"),
    (["--output-activation", "softmax"], "works networks of one output (a problem's blanks, key and check are one "
                                         "output's y, E and δ, as in the lecture), and softmax needs several outputs"),
    (["--loss", "hinge"], "argument --loss: invalid choice: 'hinge'"),
])
def test_the_classroom_refuses_softmax_and_an_unknown_loss_in_one_line_writing_nothing(tmp_path, command, options,
                                                                                       message):
    where = ["--output", "session.txt"] if command[0] == "quiz" else ["--output", "sheets"]
    result = run_in_process(*command, *options, *where, input="0.5\n", cwd=str(tmp_path))
    assert_usage_error(result, message)
    assert result.stdout == "" and os.listdir(tmp_path) == []  # nothing asked, no file or folder made


def test_loss_squared_is_the_classroom_step_as_without_it(tmp_path):
    quiz = [run_in_process("quiz", "--seed", "3", *loss, input="0.5\n0.5\n") for loss in ([], ["--loss", "squared"])]
    assert quiz[0].returncode == quiz[1].returncode == 0
    assert quiz[0].stdout == quiz[1].stdout and "Practice problem 3" in quiz[0].stdout
    for folder, loss in (("plain", []), ("squared", ["--loss", "squared"])):
        result = run_in_process("sheet", "--count", "2", "--format", "markdown", "--output", folder, *loss,
                                cwd=str(tmp_path))
        assert result.returncode == 0, result.stderr
    for name in ("sheet-1.md", "key-1.md"):
        assert (tmp_path / "plain" / name).read_bytes() == (tmp_path / "squared" / name).read_bytes()


def test_predict_takes_the_loss_from_the_weights_file(tmp_path):
    # a 1-2 network with softmax and cross-entropy: y′ = (x, −x), so y_1 = e^x / (e^x + e^−x) = 1 / (1 + e^(−2x))
    weights = {"format": "backprop-weights", "version": 1, "activation": "sigmoid", "output_activation": "softmax",
               "bias": False, "loss": "cross_entropy", "layers": [1, 2], "W": [[[1.0, -1.0]]]}
    (tmp_path / "w.json").write_text(json.dumps(weights), encoding="utf-8")
    result = run_in_process("predict", "w.json", "0.5", cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    y_1, y_2 = map(float, result.stdout.split())
    assert y_1 == pytest.approx(1 / (1 + 2.718281828459045 ** -1.0), rel=1e-12) and y_1 + y_2 == pytest.approx(1)
    assert_usage_error(run_in_process("predict", "w.json", "0.5", "--loss", "squared", cwd=str(tmp_path)),
                       "unrecognized arguments: --loss squared")  # the file's loss, not the command line's
    weights["loss"] = "hinge"
    (tmp_path / "w.json").write_text(json.dumps(weights), encoding="utf-8")
    result = run_in_process("predict", "w.json", "0.5", cwd=str(tmp_path))
    assert_usage_error(result, "w.json: unknown loss 'hinge'; choose one of: squared, cross_entropy")
    assert result.stdout == ""
