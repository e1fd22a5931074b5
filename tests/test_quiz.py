"""``python -m backprop quiz``, driven through standard input as a learner would answer."""

import math
import os
import signal
import subprocess
import sys

import pytest

from backprop.classroom.quiz import is_close, problem
from conftest import ROOT, ctrl_c_as_usual

SEED = "7"


def answers_by_hand(seed: int) -> list[float]:
    """h′_1, h_1, y, E, δ¹_11 and ΔW¹_11 of the problem, worked from the lecture's formulas here."""
    net, x, d, alpha = problem(seed)
    W1, W2 = net.W1, net.W2
    h_prime = [x[0] * W1[0][j] + x[1] * W1[1][j] for j in range(3)]
    h = [1.0 / (1.0 + math.exp(-z)) for z in h_prime]
    y = sum(h[j] * W2[j] for j in range(3))
    E = 0.5 * (d - y) ** 2
    delta_11 = W2[0] * h[0] * (1.0 - h[0]) * x[0]  # W²_1 · Φ′(h′_1) · x_1, Φ′ = Φ(1 − Φ)
    return [h_prime[0], h[0], y, E, delta_11, alpha * (d - y) * delta_11]


def quiz(run, replies: list[str]):
    return run("-m", "backprop", "quiz", "--seed", SEED, input="".join(f"{r}\n" for r in replies))


def test_right_answers_score_full_marks(run):
    # answers rounded to 4 decimals, as a learner with a pencil would give them
    result = quiz(run, [f"{value:.4f}" for value in answers_by_hand(int(SEED))])
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("right:") == 6
    assert result.stdout.rstrip().endswith("Score: 6 of 6.")


def test_a_wrong_answer_shows_the_worked_line(run):
    values = answers_by_hand(int(SEED))
    replies = ["99", "not a number", f"{values[1]:.4f}", "99", f"{values[3]:.4f}", "99", "99"]
    result = quiz(run, replies)
    assert result.returncode == 0, result.stderr
    assert "please type a number" in result.stdout
    assert result.stdout.count("not quite:") == 4
    # the worked line of h′_1, ending in its value (two decimals: a sum of products of one-decimal numbers)
    worked = next(line for line in result.stdout.splitlines() if "not quite: h′_1" in line)
    assert "h′_1 = x_1·W¹_11 + x_2·W¹_21 = " in worked
    assert worked.endswith(f" = {round(values[0], 2):g}")
    assert "W²_1·Φ′(h′_1)·x_1 = " in result.stdout  # δ¹_11 through the chain rule
    assert result.stdout.rstrip().endswith("Score: 2 of 6.")


@pytest.mark.parametrize("replies, score", [([], "0 of 0"), (["99"], "0 of 1"), (["99", "x"], "0 of 1")])
def test_end_of_input_stops_with_the_score_so_far(run, replies, score):
    result = quiz(run, replies)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.rstrip().endswith(f"Stopped. Score so far: {score}.")


def test_the_problem_is_pencil_friendly_and_the_same_for_a_seed():
    for seed in range(30):
        net, x, d, alpha = problem(seed)
        numbers = [w for row in net.W1 for w in row] + net.W2 + x
        assert all(round(w, 1) == w and w != 0 for w in numbers)
        assert d in (0.0, 1.0) and alpha in (0.5, 1.0)
        assert all(abs(v) >= 0.02 for v in answers_by_hand(seed))
    assert problem(3)[0].W1 == problem(3)[0].W1


def test_close_enough_is_one_percent():
    assert is_close(0.2288, 0.2287842) and is_close(-0.0506, -0.0506713)
    assert not is_close(0.23, 0.2250) and not is_close(0.05, -0.05)


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is sent as SIGINT, which Windows pipes lack")
def test_ctrl_c_stops_with_the_score_so_far():
    quiz = subprocess.Popen([sys.executable, "-m", "backprop", "quiz", "--seed", SEED], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"}, preexec_fn=ctrl_c_as_usual)
    shown = b""
    while not shown.endswith(b"= ? "):  # wait for the first question
        shown += quiz.stdout.read(1)
    quiz.send_signal(signal.SIGINT)
    out, err = quiz.communicate(timeout=30)
    assert quiz.returncode == 130  # as every command ends on Ctrl-C
    assert b"Traceback" not in err
    assert out.decode("utf-8").rstrip().endswith("Stopped. Score so far: 0 of 0.")
