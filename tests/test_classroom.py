"""The classroom kit: numbered problems, sheets and keys, ``check``, ``trace --reveal`` and ``--pencil``.

Every value of a key is checked against the step worked here by hand, with
``fractions`` for the sums and products and ``math.exp`` for the sigmoid,
never with the library's own functions.
"""

import math
import os
import re
import struct
import subprocess
import zlib
import xml.etree.ElementTree as ET
from fractions import Fraction as F

import pytest

from backprop.classroom.check import number
from backprop.classroom.problems import parse_id, problem
from backprop.classroom.quantities import by_name, key, quantities
from backprop.trace import lecture_example as lecture, quiz_example as quiz
from conftest import assert_usage_error, require_tool


@pytest.fixture
def cli(capsys):
    """``python -m backprop ARGS`` run in this process (quicker than a new one): its status and output."""
    from types import SimpleNamespace

    from backprop.cli import main

    def call(*args):
        capsys.readouterr()
        status = main(list(args))
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=status, stdout=out, stderr=err)

    return call


@pytest.fixture
def typed(capsys, monkeypatch):
    """``python -m backprop ARGS`` run in this process with ``input`` as what is typed: its output."""
    import io

    from backprop.cli import main

    def call(*args, input=""):
        capsys.readouterr()
        monkeypatch.setattr("sys.stdin", io.StringIO(input))
        assert main(list(args)) == 0
        return capsys.readouterr().out

    return call


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def by_hand(net, x, d, alpha):
    """The lecture's step, worked here: name → value (W1[i][j] is W¹_(i+1)(j+1)); with a sigmoid
    output, y′ = Σ_j h_j·W²_j, y = 1/(1 + e^(−y′)) and every δ gets the factor y·(1 − y)."""
    x = [F(v) for v in x] + ([F(1)] if net.bias else [])
    W1 = [[F(w) for w in row] for row in net.W1]
    W2 = [F(w) for w in net.W2]
    n, m = len(x), len(W1[0])
    values = {}
    h_prime = [sum(x[i] * W1[i][j] for i in range(n)) for j in range(m)]
    h = [F(sigmoid(float(v))) for v in h_prime]
    hb = h + ([F(1)] if net.bias else [])
    y = sum(hb[j] * W2[j] for j in range(len(W2)))
    slope = F(1)  # ∂y/∂y′
    if net.output_activation == "sigmoid":
        values["y′"] = y
        y = F(sigmoid(float(y)))
        slope = values["Φ_out′(y′)"] = y * (1 - y)
    else:
        assert net.output_activation == "identity"
    error = F(alpha) * (F(d) - y)
    for j in range(m):
        values[f"h′_{j + 1}"], values[f"h_{j + 1}"] = h_prime[j], h[j]
        values[f"Φ′(h′_{j + 1})"] = h[j] * (1 - h[j])
    values["y"], values["E"] = y, (F(d) - y) ** 2 / 2
    for j in range(len(W2)):
        values[f"δ²_{j + 1}"] = hb[j] * slope
        values[f"ΔW²_{j + 1}"] = error * hb[j] * slope
        values[f"W²_{j + 1} new"] = W2[j] + error * hb[j] * slope
    for i in range(n):
        for j in range(m):
            delta = W2[j] * h[j] * (1 - h[j]) * x[i] * slope
            values[f"δ¹_{i + 1}{j + 1}"] = delta
            values[f"ΔW¹_{i + 1}{j + 1}"] = error * delta
            values[f"W¹_{i + 1}{j + 1} new"] = W1[i][j] + error * delta
    return {name: float(value) for name, value in values.items()}


def deep_by_hand(net, x, d, alpha):
    """A 1-2-2-1 network's step (sigmoid, no bias), worked here with the two paths written out;
    with a sigmoid output, y′ and the factor ∂y/∂y′ = y·(1 − y) too."""
    (W1,), (W2a, W2b), ((W3a,), (W3b,)) = net.W[0], net.W[1], net.W[2]
    x1 = x[0]
    a = [x1 * W1[0], x1 * W1[1]]
    h1 = [sigmoid(v) for v in a]
    b = [h1[0] * W2a[0] + h1[1] * W2b[0], h1[0] * W2a[1] + h1[1] * W2b[1]]
    h2 = [sigmoid(v) for v in b]
    y = h2[0] * W3a + h2[1] * W3b
    values, slope = {}, 1.0
    if net.output_activation == "sigmoid":
        values["y′"] = y
        y = sigmoid(y)
        slope = values["Φ_out′(y′)"] = y * (1 - y)
    g2 = [h2[0] * (1 - h2[0]) * W3a * slope, h2[1] * (1 - h2[1]) * W3b * slope]  # ∂y/∂h′²_j
    g1 = [h1[i] * (1 - h1[i]) * ((W2a, W2b)[i][0] * g2[0] + (W2a, W2b)[i][1] * g2[1]) for i in range(2)]
    error = alpha * (d - y)
    values.update({"y": y, "E": (d - y) ** 2 / 2})
    for j in range(2):
        values[f"h′¹_{j + 1}"], values[f"h¹_{j + 1}"] = a[j], h1[j]
        values[f"h′²_{j + 1}"], values[f"h²_{j + 1}"] = b[j], h2[j]
        values[f"Φ′(h′¹_{j + 1})"], values[f"Φ′(h′²_{j + 1})"] = h1[j] * (1 - h1[j]), h2[j] * (1 - h2[j])
        values[f"∂y/∂h′²_{j + 1}"] = g2[j]
        deltas = {f"³_{j + 1}1": h2[j] * slope, f"¹_1{j + 1}": x1 * g1[j],
                  **{f"²_{i + 1}{j + 1}": h1[i] * g2[j] for i in range(2)}}
        weights = {f"³_{j + 1}1": net.W[2][j][0], f"¹_1{j + 1}": W1[j],
                   **{f"²_{i + 1}{j + 1}": net.W[1][i][j] for i in range(2)}}
        for where, delta in deltas.items():
            values[f"δ{where}"], values[f"ΔW{where}"] = delta, error * delta
            values[f"W{where[0]}{where[1:]} new"] = weights[where] + error * delta
    return values


def test_problem_k_of_seed_s_is_the_same_everywhere():
    # random.Random("7-12") seeds through SHA-512 of the text: the same on every Python 3 and machine
    p = problem(7, 12)
    # (pinned once, so that any Python or machine that draws other numbers fails here)
    assert (p.id, p.x, p.d, p.alpha) == ("7-12", [-0.6, -0.8], 0.0, 0.5)
    assert p.net.W1 == [[-0.2, -0.8, -0.1], [-0.4, 0.5, -0.3]] and p.net.W2 == [-0.8, 0.8, 0.7]
    assert parse_id("7-12") == (7, 12) and problem(7, 11).x != p.x


@pytest.mark.parametrize("k", range(1, 31))
def test_every_key_value_of_a_sheet_agrees_with_the_step_by_hand(k):
    p = problem(7, k)
    values = quantities(p.net, p.x, p.d, p.alpha)
    hand = by_hand(p.net, p.x, p.d, p.alpha)
    assert {q.name for q in values} == set(hand)
    for q in values:
        assert q.value == pytest.approx(hand[q.name], rel=1e-12, abs=1e-15), q.name
        assert abs(q.value) >= 0.001  # nothing rounds to zero
    weights = [w for row in p.net.W1 for w in row] + p.net.W2 + p.x
    assert all(w != 0 and round(w, 1) == w for w in weights)  # one decimal, never 0
    assert p.d in (0.0, 1.0) and p.alpha in (0.5, 1.0)


@pytest.mark.parametrize("k", range(1, 11))
def test_key_values_with_a_sigmoid_output_agree_with_the_step_by_hand(k):
    p = problem(7, k, output_activation="sigmoid")
    assert p.net.output_activation == "sigmoid"
    values = quantities(p.net, p.x, p.d, p.alpha)
    hand = by_hand(p.net, p.x, p.d, p.alpha)
    assert {q.name for q in values} == set(hand) and len(hand) == 40  # 38, and y′ and Φ_out′(y′)
    for q in values:
        assert q.value == pytest.approx(hand[q.name], rel=1e-12, abs=1e-15), q.name
        assert abs(q.value) >= 0.001


@pytest.mark.parametrize("output_activation", ["identity", "sigmoid"])
@pytest.mark.parametrize("k", range(1, 6))
def test_deep_problems_agree_with_the_step_by_hand(k, output_activation):
    p = problem(3, k, layers=[1, 2, 2, 1], output_activation=output_activation)
    found = {q.name: q.value for q in quantities(p.net, p.x, p.d, p.alpha)}
    hand = deep_by_hand(p.net, p.x, p.d, p.alpha)
    assert set(found) == set(hand)
    for name, value in hand.items():
        assert found[name] == pytest.approx(value, rel=1e-12), name


def test_a_value_depends_on_the_values_in_its_line():
    p = problem(7, 12, output_activation="sigmoid")
    depends = {q.name: q.depends for q in quantities(p.net, p.x, p.d, p.alpha)}
    assert depends["y′"] == ("h_1", "h_2", "h_3") and depends["y"] == ("y′",) and depends["E"] == ("y",)
    assert depends["δ¹_12"] == ("Φ′(h′_2)", "Φ_out′(y′)")  # W²_2 and x_1 are given, not worked out
    assert depends["ΔW²_3"] == ("y", "δ²_3") and depends["W¹_23 new"] == ("ΔW¹_23",)


def markdown_sheet_and_key(command, tmp_path, *options):
    """Make seed 7's sheet and key as Markdown in ``tmp_path`` with ``command("sheet", …)``; return both texts."""
    result = command("sheet", "--seed", "7", "--format", "markdown", "--output", str(tmp_path), *options)
    assert result.returncode == 0, result.stderr
    return ((tmp_path / "sheet-7.md").read_text(encoding="utf-8"),
            (tmp_path / "key-7.md").read_text(encoding="utf-8"))


def test_the_key_file_holds_every_worked_line_and_the_sheet_a_blank_for_each(run, tmp_path):
    sheet, answers = markdown_sheet_and_key(lambda *argv: run("-m", "backprop", *argv), tmp_path, "--count", "3")
    for k in (1, 2, 3):
        assert f"## Problem 7-{k}" in sheet and f"## Problem 7-{k}" in answers
    hand = by_hand(*problem(7, 2)[1:])
    block = answers.split("## Problem 7-2")[1].split("## Problem 7-3")[0]
    lines = [line for line in block.splitlines() if line.startswith("- $")]
    assert len(lines) == len(hand) == 38
    assert sheet.split("## Problem 7-2")[1].split("## Problem 7-3")[0].count("______") == 38
    for line in lines:  # each key line ends with its value to 4 significant digits
        shown = float(line.rstrip("$").rsplit("= ", 1)[1])
        assert any(shown == float(f"{v:.4g}") for v in hand.values())
    assert f"= {hand['y']:.4g}$" in block and f"= {hand['ΔW¹_12']:.4g}$" in block
    # the blanks: a table whose header row is empty, so no row of blanks is shown as a header
    table = [line for line in sheet.split("## Problem 7-2")[1].split("## Problem 7-3")[0].splitlines()
             if line.startswith("|")]
    assert table[0].replace("|", "").strip() == "" and set(table[1]) <= set("|-")
    assert "$" in table[2] and table[2].count("______") == 4
    assert sum(row.count("______") for row in table[2:]) == 38


@pytest.mark.parametrize("count", ["0", "100000", "-3"])
def test_a_count_out_of_range_is_one_line_and_nothing_written(cli, tmp_path, count):
    result = cli("sheet", "--count", count, "--output", str(tmp_path))
    assert_usage_error(result, "--count")
    assert os.listdir(tmp_path) == []


def test_an_unwritable_folder_is_one_line_and_nothing_written(run, tmp_path):
    if os.geteuid() == 0:  # root writes into any folder of a disk; /proc takes no new files from anyone
        result = run("-m", "backprop", "sheet", "--output", "/proc")
        assert_usage_error(result, "/proc")
        assert not {"sheet-1.tex", "key-1.tex"} & set(os.listdir("/proc"))
        return
    tmp_path.chmod(0o500)
    try:
        result = run("-m", "backprop", "sheet", "--output", str(tmp_path))
        assert_usage_error(result, str(tmp_path))
        assert os.listdir(tmp_path) == []
    finally:
        tmp_path.chmod(0o700)


def test_a_missing_folder_is_made_as_the_readme_says(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("sheet", "--count", "2", "--seed", "7", "--format", "markdown", "--output", "handouts/")
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(tmp_path / "handouts")) == ["key-7.md", "sheet-7.md"]
    result = cli("sheet", "--count", "1", "--format", "markdown", "--output", "term/week 3")  # two folders deep
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(tmp_path / "term" / "week 3")) == ["key-1.md", "sheet-1.md"]
    (tmp_path / "a file").write_text("x")
    assert_usage_error(cli("sheet", "--output", "a file"), "is a file, not a folder")
    assert_usage_error(cli("sheet", "--output", "a file/below"), "cannot make the folder")
    assert sorted(os.listdir(tmp_path)) == ["a file", "handouts", "term"]


def test_more_room_for_working(cli, tmp_path):
    assert cli("sheet", "--count", "1", "--space", "2.5", "--output", str(tmp_path)).returncode == 0
    assert r"\\[2.5cm]" in (tmp_path / "sheet-1.tex").read_text(encoding="utf-8")
    assert_usage_error(cli("sheet", "--space", "-1", "--output", str(tmp_path)), "--space -1")


def test_a_sheet_asks_for_the_digits_it_says(cli, tmp_path):
    result = cli("sheet", "--count", "1", "--seed", "7", "--format", "markdown", "--digits", "3",
                 "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    sheet = (tmp_path / "sheet-7.md").read_text(encoding="utf-8")
    key = (tmp_path / "key-7.md").read_text(encoding="utf-8")
    assert "carrying 3 significant digits" in sheet and "--problem 7-1 --digits 3" in sheet
    p = problem(7, 1)
    hand = by_hand(p.net, p.x, p.d, p.alpha)
    y = float(f"{hand['y']:.3g}")  # y to 3 digits
    assert f"= {y}$" in key.replace("−", "-") and f"= {hand['y']:.4g}$" not in key.replace("−", "-")
    assert_usage_error(cli("sheet", "--digits", "0", "--output", str(tmp_path)), "--digits 0")


# check


def answers_file(tmp_path, text):
    path = tmp_path / "answers.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def check(cli, path, *options):
    return cli("check", path, *options)


def test_right_answers_in_any_spelling_pass_with_status_0(cli, tmp_path):
    hand = by_hand(*problem(7, 12)[1:])
    text = (f"problem = 7-12\nh'_1 = {hand['h′_1']:.4g}\nh_2 = {hand['h_2']:.4g}\n"
            f"y = {hand['y']:.4g}\n"
            + f"W1_12 new = {hand['W¹_12 new']:.4g}\n".replace("-", "−")  # a Unicode minus
            + f"dW2_3 = {hand['ΔW²_3']:.4g}\n"
            + f"ΔW¹_12 = {hand['ΔW¹_12']:.4g}\n".replace(".", ",")  # a decimal comma
            + f"dy/dW1_11 = {hand['δ¹_11']:.4g}\n# a comment\n\nE = {hand['E']:.4g}\n")
    result = check(cli, answers_file(tmp_path, text))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("  right") == 8
    assert result.stdout.rstrip().endswith("Score: 8 right (of 8).")


def test_a_value_that_follows_from_an_earlier_mistake_gets_credit(cli, tmp_path):
    # the lecture's example: x = (1, 0.5), W² = (0.4, −0.5, 0.3), d = 1, α = 0.5; h′_2 = −0.3 + 0.35 = 0.05.
    # A learner takes h′_2 = 0.5 (wrong) and carries on from it, with h_1 and h_3 right:
    h = [sigmoid(0.6), sigmoid(0.5), sigmoid(0.5)]  # h_2 = Φ(0.5), from their h′_2
    assert [f"{v:.4g}" for v in h] == ["0.6457", "0.6225", "0.6225"]
    y = float(F("0.6457") * F("0.4") + F("0.6225") * F("-0.5") + F("0.6225") * F("0.3"))  # from their h
    assert f"{y:.4g}" == "0.1338"
    E = (1 - 0.1338) ** 2 / 2  # ½(d − y)² from their y
    dW2_2 = 0.5 * (1 - 0.1338) * 0.6225  # α(d − y)·h_2 from their y and h_2
    assert (f"{E:.4g}", f"{dW2_2:.4g}") == ("0.3752", "0.2696")
    text = ("h′_1 = 0.6000\nh′_2 = 0.5000\nh_1 = 0.6457\nh_2 = 0.6225\nh_3 = 0.6225\ny = 0.1338\n"
            "E = 0.3752\nΔW²_2 = 0.2696\nΔW²_1 = 0.2000\n")
    result = check(cli, answers_file(tmp_path, text))
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert out[1].endswith("right") and out[2].endswith("wrong; worked: h′_2 = x_1·W¹_12 + x_2·W¹_22 "
                                                       "= 1·(−0.3) + 0.5·0.7 = 0.05")
    assert out[4].endswith("follows from your h′_2; worked: h_2 = Φ(h′_2) = 1/(1 + e^(−h′_2)) "
                           "= 1/(1 + e^(−0.05)) = 0.5125")
    for line in out[6:9]:  # y, E and ΔW²_2: the first mistake of the chain is named, not h_2
        assert "follows from your h′_2; worked: " in line, line
    assert out[9].split("  ")[-1].startswith("wrong; worked: ΔW²_1")  # 0.2: no mistake it follows from
    assert "because" not in result.stdout
    assert out[-1] == "Score: 3 right, 4 follow from an earlier mistake, 2 wrong (of 9)."


def test_the_digits_given_decide(cli, tmp_path):
    hand = by_hand(*problem(7, 12)[1:])
    right = f"{hand['h_1']:.6f}"
    off = f"{float(right) + 2e-6:.6f}"  # right to 5 decimals, wrong in the 6th
    result = check(cli, answers_file(tmp_path, f"h_1 = {right}\n"), "--problem", "7-12")
    assert result.returncode == 0, result.stdout
    result = check(cli, answers_file(tmp_path, f"h_1 = {off}\n"), "--problem", "7-12")
    assert result.returncode == 1


def test_too_few_digits_are_not_enough(cli, tmp_path):
    # problem 7-12's y is 0.3315 (by hand); y = 0.3 is right as far as it goes, but 4 digits are asked for
    hand = by_hand(*problem(7, 12)[1:])
    assert f"{hand['y']:.4g}" == "0.3315"
    path = answers_file(tmp_path, "y = 0.3\n")
    result = check(cli, path, "--problem", "7-12")
    assert result.returncode == 1
    assert result.stdout.splitlines()[1] == "  line 1: y = 0.3  not enough digits: give 4 significant digits"
    assert result.stdout.splitlines()[-1] == "Score: 0 right, 1 without enough digits (of 1)."
    assert check(cli, path, "--problem", "7-12", "--digits", "1").returncode == 0
    two = check(cli, path, "--problem", "7-12", "--digits", "2")
    assert two.returncode == 1 and "give 2 significant digits" in two.stdout
    # the lecture's h′_2 is 0.05 exactly, and 0.6457 rounds to 0.646: zeros left off are fine, a digit is not
    assert check(cli, answers_file(tmp_path, "h′_2 = 0.05\nh′_1 = 0.6\n")).returncode == 0
    assert "not enough digits" in check(cli, answers_file(tmp_path, "h_1 = 0.646\n")).stdout
    assert_usage_error(check(cli, path, "--digits", "0"), "--digits 0")


def test_values_carried_with_a_pencil_count_as_right(cli, tmp_path):
    # the lecture's example: carried to 4 digits, ΔW¹_12 = 0.5·(1 − 0.1888)·(−0.1249) = −0.05066 (full: −0.05067)
    pencil = 0.5 * (1 - 0.1888) * -0.1249
    assert f"{pencil:.4g}" == "-0.05066"
    result = check(cli, answers_file(tmp_path, "ΔW¹_12 = -0.05066\nΔW¹_11 = -0.05067\n"))
    assert result.returncode == 1
    assert result.stdout.splitlines()[1].endswith("right")
    assert "wrong" in result.stdout.splitlines()[2]


def test_values_of_the_quiz_network_carried_with_a_pencil_count_as_right(cli, tmp_path):
    # the quiz network carried to 4 digits (test_pencil_quiz_network_by_hand): δ¹_11 = 0.02995 + (−0.01762)
    # = 0.01233, so ΔW¹_11 = 0.5·(1 − 0.7034)·0.01233 = 0.001829 (full precision: 0.001827)
    assert f"{0.5 * (1 - 0.7034) * (0.02995 - 0.01762):.4g}" == "0.001829"
    for answer, status in [("0.001829", 0), ("0.001827", 0), ("0.001831", 1)]:
        result = check(cli, answers_file(tmp_path, f"dW1_11 = {answer}\n"), "--layers", "1,2,2,1")
        assert result.returncode == status, result.stdout + result.stderr


def test_check_takes_the_problem_as_trace_does(cli, tmp_path):
    # W1 = [[1, 0, 0], [0, 1, 0]], W2 = (1, 1, 1), identity: h′ = h = x, y = x_1 + x_2 = 0.5
    path = answers_file(tmp_path, "h_1 = 0.2\ny = 0.5\nE = 0.125\n")
    result = check(cli, path, "--W1", "1,0,0;0,1,0", "--W2", "1,1,1", "--activation", "identity",
                   "--x", "0.2,0.3")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_a_deep_problem(cli, tmp_path):
    p = problem(3, 2, layers=[1, 2, 2, 1])
    hand = deep_by_hand(p.net, p.x, p.d, p.alpha)
    path = answers_file(tmp_path, f"h'2_1 = {hand['h′²_1']:.4g}\nW1_12 new = {hand['W¹_12 new']:.4g}\n"
                                  f"y = {hand['y'] + 0.1:.4g}\n")
    result = check(cli, path, "--problem", "3-2", "--layers", "1,2,2,1")
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("  right") == 2 and result.stdout.splitlines()[3].split("  ")[-1].startswith("wrong")


def test_check_with_an_output_activation(cli, tmp_path):
    hand = by_hand(*problem(7, 12, output_activation="sigmoid")[1:])
    text = (f"problem = 7-12\ny' = {hand['y′']:.4g}\ny = {hand['y']:.4g}\n"
            f"phi_out'(y') = {hand['Φ_out′(y′)']:.4g}\ndW2_1 = {hand['ΔW²_1']:.4g}\n"
            f"h_1 = {hand['h_1'] + 0.01:.4g}\ndy/dW1_11 = {hand['δ¹_11'] + 0.01:.4g}\n")
    path = answers_file(tmp_path, text)
    result = check(cli, path, "--output-activation", "sigmoid")
    assert result.returncode == 1, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == "Problem 7-12: a 2-3-1 network, Φ = sigmoid, Φ_out = sigmoid. Checking 6 values from " + path + ":"
    assert [line.endswith("right") for line in out[1:7]] == [True, True, True, True, False, False]
    assert "  wrong; worked: δ¹_11" in out[6]  # 0.01 off: no mistake of h_1 it follows from
    assert "worked: δ¹_11 = ∂y/∂W¹_11 = W²_1·Φ′(h′_1)·x_1·Φ_out′(y′) = " in out[6]
    assert out[-1] == "Score: 4 right, 2 wrong (of 6)."
    # the same file against the problem with a linear output: it has no y′
    assert_usage_error(check(cli, path), "line 2: \"y'\" is not a value of this problem")


def test_pencil_values_with_an_output_activation_count_as_right(cli, tmp_path):
    # the lecture's example with y = Φ_out(y′), a sigmoid; carried to 4 digits: y′ = 0.1888,
    # y = 1/(1 + e^(−0.1888)) = 0.5471, Φ_out′(y′) = 0.5471·(1 − 0.5471) = 0.2478, δ²_3 = 0.6225·0.2478 = 0.1543;
    # at full precision δ²_3 = 0.1542
    pencil_y = float(f"{sigmoid(0.1888):.4g}")
    pencil_slope = float(f"{pencil_y * (1 - pencil_y):.4g}")
    assert (pencil_y, pencil_slope, f"{0.6225 * pencil_slope:.4g}") == (0.5471, 0.2478, "0.1543")
    full = sigmoid(sum(h * w for h, w in zip([sigmoid(0.6), sigmoid(0.05), sigmoid(0.5)], [0.4, -0.5, 0.3])))
    assert f"{sigmoid(0.5) * full * (1 - full):.4g}" == "0.1542"
    for value in ("0.1543", "0.1542"):
        result = check(cli, answers_file(tmp_path, f"δ²_3 = {value}\n"), "--output-activation", "sigmoid")
        assert result.returncode == 0, result.stdout
    result = check(cli, answers_file(tmp_path, "δ²_3 = 0.1544\n"), "--output-activation", "sigmoid")
    assert result.returncode == 1


def test_a_sheet_with_an_output_activation(cli, tmp_path):
    sheet, answers = markdown_sheet_and_key(cli, tmp_path, "--count", "2", "--output-activation", "sigmoid")
    assert "check with `--problem 7-2 --output-activation sigmoid`" in sheet
    block = answers.split("## Problem 7-2")[1]
    hand = by_hand(*problem(7, 2, output_activation="sigmoid")[1:])
    lines = [line for line in block.splitlines() if line.startswith("- $")]
    assert len(lines) == 40 and sheet.split("## Problem 7-2")[1].count("______") == 40
    shown = sorted(float(line.rstrip("$").rsplit("= ", 1)[1]) for line in lines)
    assert shown == sorted(float(f"{v:.4g}") for v in hand.values())
    assert r"y = \Phi_{\mathrm{out}}(y')" in block


@pytest.mark.parametrize("text, message", [
    ("h_1 = 0.6\nh_9 = 0.5\n", "line 2: 'h_9' is not a value of this problem; did you mean h_"),
    ("dW1_1 = 0.5\n", "did you mean ΔW¹_"),
    ("h_1 = 0.6\nh_1 = 0.7\n", "line 2: h_1 was already given on line 1"),
    ("h'_1 = 0.6\nh′_1 = 0.7\n", "line 2: h′_1 was already given on line 1"),
    ("y = zero\n", "line 1: 'zero' is not a number"),
    ("y 0.5\n", "line 1: 'y 0.5' is not 'name = value'"),
    ("# nothing\n", "has no values"),
])
def test_bad_answers_are_one_line_naming_the_line(cli, tmp_path, text, message):
    result = check(cli, answers_file(tmp_path, text))
    assert_usage_error(result, message)


def test_answers_for_another_problem_are_bad_input(cli, tmp_path):
    result = check(cli, answers_file(tmp_path, "problem = 7-3\nh_1 = 0.5\n"), "--problem", "7-12")
    assert_usage_error(result, "says its answers are for problem 7-3, but --problem is 7-12")
    result = check(cli, answers_file(tmp_path, "h¹_1 = 0.5\n"), "--problem", "7-12")  # a deep name
    assert_usage_error(result, "is not a value of this problem")


def test_names_and_numbers_as_people_write_them():
    assert key("ΔW¹_12") == key("dW1_12") and key("h′_1") == key("h'_1") and key("W²_3 new") == key("W2_3new")
    assert number("−0,05067").value == -0.05067 and number("0,9055").value == 0.9055
    p = problem(7, 1)
    names = by_name(quantities(p.net, p.x, p.d, p.alpha))
    assert names[key("dy/dW1_12")].name == names[key("delta1_12")].name == "δ¹_12"


# trace --reveal


def test_reveal_shows_a_line_per_enter_and_stops_at_q(cli, typed):
    full = cli().stdout.splitlines()
    shown = [line for line in full if line.strip()]
    result = typed("trace", "--reveal", input="\n\n\nq\n")
    assert [line for line in result.splitlines() if line.strip()] == shown[:4]
    everything = typed("trace", "--reveal", input="\n" * 300).splitlines()
    # each worked line: first what to work out, then (on Enter) the numbers put in and the value
    at = everything.index("  h′_1 = x_1·W¹_11 + x_2·W¹_21 = ?")
    assert everything[at + 1].strip() == "= 1·0.5 + 0.5·0.2 = 0.6"
    at = everything.index("  δ¹_11 = ∂y/∂W¹_11 = ?")
    assert everything[at + 1].strip() == "= W²_1·Φ′(h′_1)·x_1 = 0.4·0.2288·1 = 0.09151"
    at = everything.index("  W¹_11 ← W¹_11 + ΔW¹_11 = ?")
    assert everything[at + 1].strip() == "= 0.5 + 0.03712 = 0.5371"
    questions = [line for line in everything if line.endswith(" = ?")]
    assert len(questions) == 38  # every value of the step, and nothing given
    joined = [q[:-1] + everything[i + 1].strip()[2:] for i, q in enumerate(everything) if q.endswith(" = ?")]
    assert all(line in full for line in joined)
    assert [line for line in everything if not line.endswith(" = ?") and line not in full] == \
        [everything[i + 1] for i, q in enumerate(everything) if q.endswith(" = ?")]
    # q after a question stops before its answer
    stop = typed("trace", "--reveal", input="\n" * 12 + "q\n").splitlines()
    assert stop[-1] == "  h′_1 = x_1·W¹_11 + x_2·W¹_21 = ?"
    assert typed("trace", "--reveal", input="") == full[0] + "\n"


def test_reveal_in_html_folds_each_line_and_stays_a_page(run, tmp_path):
    path = tmp_path / "reveal.html"
    result = run("-m", "backprop", "--reveal", "--format", "html", "--output", str(path))
    assert result.returncode == 0, result.stderr
    page = path.read_text(encoding="utf-8")
    ET.fromstring(page.split("\n", 1)[1])  # still well-formed, after the doctype
    assert "li.folded" in page and "reveal next line" in page and "classList.add(\"folded\")" in page
    # a worked line keeps its question in sight and folds its right-hand side
    root = ET.fromstring(page.split("\n", 1)[1])
    asked = [li for li in root.iter("li") if li.get("class") == "question"]
    assert len(asked) == 38 + 1  # every value of the step, and E after it
    first = asked[0].find("span")
    assert "".join(first.itertext()).startswith("h′1 = x1·W")  # h′_1 = x_1·W¹_11 + x_2·W¹_21 = …
    assert "".join(first.find("span[@class='answer']").itertext()) == "1·0.5 + 0.5·0.2 = 0.6"
    given = root.find(".//section/ul")
    assert not [li for li in given.iter("li") if li.get("class") == "question"]  # the given numbers stay


def test_reveal_with_a_format_it_cannot_fold(run):
    assert_usage_error(run("-m", "backprop", "--reveal", "--format", "json"), "--reveal")


# trace --pencil


OPERATORS = {"·": "*", "½": "0.5*", "²": "**2", "−": "-", "e^(": "math.exp(", "^": "**"}


def recompute(numbers: str) -> float:
    """Evaluate the numbers put into a line, as a learner with a calculator would."""
    for sign, python in OPERATORS.items():
        numbers = numbers.replace(sign, python)
    return eval(numbers, {"math": math})  # only digits and operators, from the trace's own text


def worked_lines(text: str):
    """(numbers put in, value shown) of each worked line of a trace."""
    for line in text.splitlines():
        parts = [part.strip() for part in line.split(" = ")]
        if len(parts) >= 3 and re.fullmatch(r"[-0-9.·+−()½²^e ]+|1/\(1 \+ e\^\(−.*\)\)", parts[-2]):
            yield parts[-2], float(parts[-1].replace("−", "-"))


@pytest.mark.parametrize("options", [[], ["--seed", "4"], ["--activation", "tanh"], ["--bias", "--seed", "2"],
                                     ["--output-activation", "sigmoid"],
                                     ["--output-activation", "tanh", "--bias", "--seed", "3"]])
def test_pencil_lines_are_the_printed_numbers_worked_out(run, options):
    result = run("-m", "backprop", "--pencil", *options)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Pencil mode: every value is computed from the values shown before it" in text.splitlines()[1]
    lines = list(worked_lines(text.split("Against full precision")[0]))
    assert len(lines) >= 30
    for numbers, value in lines:
        assert float(f"{recompute(numbers):.4g}") == value, numbers
    assert "Against full precision" in text and "pencil" in text.split("Against full precision")[1]


def test_without_pencil_some_line_does_not_follow_from_its_rounded_numbers(run):
    # why pencil mode exists: the full-precision trace rounds only on display
    text = run("-m", "backprop").stdout
    assert any(float(f"{recompute(n):.4g}") != v for n, v in worked_lines(text))


def test_latex_braces_a_layered_symbol_before_its_square():
    from backprop.trace.formats.latex_format import LatexStyle
    from backprop.trace.worked import Sym

    assert LatexStyle(4).expression(["−", Sym("h", (0,), 1), "²"]) == " - {h^{1}_{1}}^2"
    assert LatexStyle(4).expression([Sym("h", (0,)), "²"]) == "h_{1}^2"


DEEP_PENCIL = [["--layers", "1,2,2,1"], ["--layers", "1,2,2,1", "--output-activation", "sigmoid"],
               ["--layers", "2,3,2,1", "--seed", "3", "--bias"],
               ["--layers", "1,2,3,2,1", "--seed", "5", "--activation", "tanh"],
               ["--layers", "2,3,3,1", "--seed", "8", "--bias", "--output-activation", "tanh"],
               ["--layers", "2,2,1", "--seed", "1"]]


@pytest.mark.parametrize("options", DEEP_PENCIL, ids=lambda options: " ".join(options))
def test_pencil_lines_of_a_deep_network_are_the_printed_numbers_worked_out(run, options):
    result = run("-m", "backprop", "trace", "--pencil", *options)
    assert result.returncode == 0, result.stderr
    text, differences = result.stdout.split("Against full precision")
    assert "Pencil mode: every value is computed from the values shown before it" in text.splitlines()[1]
    lines = list(worked_lines(text))
    assert len(lines) >= 25
    for numbers, value in lines:
        assert float(f"{recompute(numbers):.4g}") == value, numbers
    paths = 0
    for line in text.splitlines():  # a δ of several paths: each path's product, then their sum
        parts = [part.strip() for part in line.split(" = ")]
        if line.lstrip().startswith("δ") and len(parts) == 6:  # δ = ∂y/∂W = formula = products = paths = sum
            products, shown = parts[3].split(" + "), parts[4].split(" + ")
            assert len(products) == len(shown) > 1, line
            for product, path in zip(products, shown):
                assert float(f"{recompute(product):.4g}") == recompute(path), line
            paths += 1
    assert paths == 0 if options == ["--layers", "2,2,1", "--seed", "1"] else paths > 0
    assert "values differ in the last digits" in differences or "every value matches" in differences


def test_pencil_quiz_network_by_hand(run):
    # the course's quiz network (W¹ = (0.5, −0.4), W² = ((0.8, −0.6), (0.3, 0.9)), W³ = (0.7, 0.5),
    # x = 1, d = 1, α = 0.5), worked here with 4 digits carried, line by line
    def r(value):
        return float(f"{value:.4g}")

    sigmoid = lambda z: r(1 / (1 + math.exp(-z)))
    h1 = [sigmoid(0.5), sigmoid(-0.4)]
    h2_prime = [r(h1[0] * 0.8 + h1[1] * 0.3), r(h1[0] * -0.6 + h1[1] * 0.9)]
    h2 = [sigmoid(z) for z in h2_prime]
    y = r(h2[0] * 0.7 + h2[1] * 0.5)
    slope1, slope2 = [r(h * (1 - h)) for h in h1], [r(h * (1 - h)) for h in h2]
    term2 = [r(slope2[0] * 0.7), r(slope2[1] * 0.5)]
    delta1_11 = r(r(1 * slope1[0] * 0.8 * term2[0]) + r(1 * slope1[0] * -0.6 * term2[1]))
    assert (h2[0], y, delta1_11) == (0.6499, 0.7034, 0.01233)  # full precision: 0.6498, 0.7034, 0.01232
    text = run("-m", "backprop", "trace", "--pencil", "--layers", "1,2,2,1").stdout
    assert f"= {h2[0]}\n" in text and f"y = h²_1·W³_11 + h²_2·W³_21 = {h2[0]}·0.7 + {h2[1]}·0.5 = {y}\n" in text
    assert f"= {r(1 * slope1[0] * 0.8 * term2[0])} + (−{-r(1 * slope1[0] * -0.6 * term2[1])}) = {delta1_11}\n" in text
    change = r(0.5 * (1 - y) * delta1_11)
    assert f"ΔW¹_11 = α(d − y)·δ¹_11 = 0.5·(1 − {y})·{delta1_11} = {change}\n" in text
    assert f"W¹_11 ← W¹_11 + ΔW¹_11 = 0.5 + {change} = {r(0.5 + change)}\n" in text


def test_without_pencil_a_line_of_the_quiz_network_does_not_follow_from_its_rounded_numbers(run):
    text = run("-m", "backprop", "trace", "--layers", "1,2,2,1").stdout
    assert any(float(f"{recompute(n):.4g}") != v for n, v in worked_lines(text))


def test_pencil_as_latex_compiles(run, tmp_path):
    pdflatex = require_tool("pdflatex")
    result = run("-m", "backprop", "trace", "--pencil", "--layers", "1,2,2,1", "--output-activation", "sigmoid",
                 "--format", "latex", "--fragment")
    assert result.returncode == 0, result.stderr
    assert "Pencil mode: every value is computed" in result.stdout and "Against full precision" in result.stdout
    (tmp_path / "step.tex").write_text(result.stdout, encoding="utf-8")
    (tmp_path / "sheet.tex").write_text("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n"
                                        "\\input{step}\n\\end{document}\n", encoding="utf-8")
    done = subprocess.run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", "sheet.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    log = (tmp_path / "sheet.log").read_text(encoding="latin-1")
    assert done.returncode == 0 and not re.search(r"^! ", log, flags=re.MULTILINE), log[-2000:]
    assert (tmp_path / "sheet.pdf").stat().st_size > 0


def test_pencil_as_html_has_the_note_on_top_and_the_differences_at_the_end(run):
    result = run("-m", "backprop", "trace", "--pencil", "--format", "html")
    assert result.returncode == 0, result.stderr
    body = ET.fromstring(result.stdout.split("\n", 1)[1]).find("body")
    assert "Pencil mode: every value is computed" in "".join(body.find("p").itertext())
    last = body.findall("section")[-1]
    assert last.find("h2").text.startswith("Against full precision")
    assert any("pencil" in (item.text or "") for item in last.iter("li"))


@pytest.mark.parametrize("options", [["--format", "json"], ["--layers", "2,3,2", "--seed", "1"]])
def test_pencil_where_it_does_not_apply(run, options):
    assert_usage_error(run("-m", "backprop", "trace", "--pencil", *options), "--pencil")


# quiz


def test_the_quiz_asks_everything_and_keeps_a_record(run, tmp_path):
    p = problem(5, 1, layers=[1, 2, 2, 1])
    values = quantities(p.net, p.x, p.d, p.alpha)
    replies = [f"{q.value:.4g}".replace("-", "−").replace(".", ",") for q in values]
    record = tmp_path / "session.txt"
    result = run("-m", "backprop", "quiz", "--seed", "5", "--layers", "1,2,2,1", "--ask", "all",
                 "--output", str(record), input="\n".join(replies) + "\n")
    assert result.returncode == 0, result.stderr
    assert f"Score: {len(values)} of {len(values)}." in result.stdout
    saved = record.read_text(encoding="utf-8")
    assert saved.startswith("Practice problem 5") and f"Score: {len(values)} of {len(values)}." in saved
    assert f"\nW³_21 ← W³_21 + ΔW³_21 = ? {replies[-1]}\n  right: " in saved  # each question, answer, verdict


def test_the_quiz_with_an_output_activation_asks_y_prime_then_y(run):
    from backprop.classroom.quiz import problem as quiz_problem

    net, x, d, alpha = quiz_problem(4, "sigmoid")
    hand = by_hand(net, x, d, alpha)
    asked = ["h′_1", "h_1", "y′", "y", "E", "δ¹_11", "ΔW¹_11"]
    replies = "\n".join(f"{hand[name]:.4g}" for name in asked) + "\n"
    result = run("-m", "backprop", "quiz", "--seed", "4", "--output-activation", "sigmoid", input=replies)
    assert result.returncode == 0, result.stderr
    assert "y′ = h_1·W²_1 + h_2·W²_2 + h_3·W²_3 = ? " in result.stdout and "y = Φ_out(y′) = ? " in result.stdout
    assert "Φ_out′(z) = Φ_out(z)·(1 − Φ_out(z))" in result.stdout  # the given rules
    assert result.stdout.count("  right: ") == 7 and "Score: 7 of 7." in result.stdout


def test_the_quiz_asks_all_of_a_deep_network_with_an_output_activation(run):
    p = problem(6, 1, layers=[1, 2, 2, 1], output_activation="sigmoid")
    hand = deep_by_hand(p.net, p.x, p.d, p.alpha)
    names = [q.name for q in quantities(p.net, p.x, p.d, p.alpha)]
    assert set(names) == set(hand)
    replies = "\n".join(f"{hand[name]:.4g}" for name in names) + "\n"
    result = run("-m", "backprop", "quiz", "--seed", "6", "--layers", "1,2,2,1", "--output-activation", "sigmoid",
                 "--ask", "all", input=replies)
    assert result.returncode == 0, result.stderr
    assert f"Score: {len(hand)} of {len(hand)}." in result.stdout and "Φ_out′(y′) = ? " in result.stdout


# the sheets, compiled and rendered for real


def test_sheets_compile_with_pdflatex(run, tmp_path):
    pdflatex = require_tool("pdflatex")
    for options in ([], ["--layers", "1,2,2,1", "--bias", "--activation", "tanh"], ["--output-activation", "sigmoid"]):
        result = run("-m", "backprop", "sheet", "--count", "3", "--seed", "7", "--format", "latex",
                     "--output", str(tmp_path), *options)
        assert result.returncode == 0, result.stderr
        for name in ("sheet-7", "key-7"):
            done = subprocess.run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
                                  cwd=tmp_path, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stdout[-2000:]
            log = (tmp_path / f"{name}.log").read_text(errors="replace")
            assert "Overfull" not in log and (tmp_path / f"{name}.pdf").stat().st_size > 10_000
        if not options:  # the lecture's sheet, as printed: Latin Modern, text that copies, whole problems
            pdf = str(tmp_path / "sheet-7.pdf")
            fonts = subprocess.run([require_tool("pdffonts"), pdf], capture_output=True, text=True).stdout
            assert "LMRoman" in fonts and "Type 3" not in fonts, fonts
            pages = subprocess.run([require_tool("pdftotext"), "-layout", pdf, "-"], capture_output=True,
                                   text=True).stdout.split("\f")
            assert sum(page.count("Problem 7-") for page in pages) == 3
            for page in pages:  # each problem's 9 new weights are on the page of its heading: none split
                assert page.count("new W") == 9 * page.count("Problem 7-"), page
            assert r"\\[0.8cm]" in (tmp_path / "sheet-7.tex").read_text(encoding="utf-8")


def dark_pixels(png: bytes) -> int:
    """How many bytes of a PNG's pixel data are dark (text): a blank page has none."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    data, position = b"", 8
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        if kind == b"IDAT":
            data += png[position + 8:position + 8 + length]
        position += 12 + length
    not_dark = bytes(byte for byte in range(256) if not 8 <= byte < 100)
    return len(zlib.decompress(data).translate(None, not_dark))  # the bytes 8–99 that are left, counted in C


def test_sheets_render_in_chromium(run, browser, tmp_path):
    result = run("-m", "backprop", "sheet", "--count", "2", "--seed", "7", "--format", "html",
                 "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("sheet-7", "key-7"):
        page = tmp_path / f"{name}.html"
        ET.fromstring(page.read_text(encoding="utf-8").split("\n", 1)[1])
        shot = tmp_path / f"{name}.png"
        browser.screenshot(page.as_uri(), shot, 1000, 800)
        assert dark_pixels(shot.read_bytes()) > 2000


def test_when_the_key_cannot_be_written_the_sheet_is_taken_back(run, tmp_path):
    (tmp_path / "key-7.md").mkdir()  # a folder where the key should go: writing it fails after the sheet
    result = run("-m", "backprop", "sheet", "--seed", "7", "--format", "markdown", "--output", str(tmp_path))
    assert_usage_error(result, "key-7.md")
    assert sorted(os.listdir(tmp_path)) == ["key-7.md"]


def test_the_folded_page_folds_every_worked_line_in_chromium(run, browser, tmp_path):
    page = tmp_path / "reveal.html"
    assert run("-m", "backprop", "--reveal", "--format", "html", "--output", str(page)).returncode == 0
    dom = browser.dom(page.as_uri())
    worked = page.read_text(encoding="utf-8").split("<h2>Given</h2>")[1].split("<h2>The weights")[0]
    given_lines = worked.split("</ul>")[0].count("<li")
    folded = len(re.findall(r'<li class="[^"]*\bfolded\b', dom))
    assert folded == worked.count("<li") - given_lines > 30  # the given numbers stay in sight


# the mistake named: each common mistake, made by hand, in a file of its own


def lecture_mistakes():
    """The lecture's example (x = (1, 0.5), W¹ = ((0.5, −0.3, 0.8), (0.2, 0.7, −0.6)), W² = (0.4, −0.5, 0.3),
    d = 1, α = 0.5) worked here with each common mistake: (answers file, the words the check says)."""
    h_prime = [0.5 + 0.5 * 0.2, -0.3 + 0.5 * 0.7, 0.8 + 0.5 * -0.6]  # 0.6, 0.05, 0.5
    h = [sigmoid(v) for v in h_prime]
    y = h[0] * 0.4 + h[1] * -0.5 + h[2] * 0.3
    slope = [v * (1 - v) for v in h]  # Φ′(h′_j) = h_j(1 − h_j)
    error = 0.5 * (1 - y)  # α(d − y)
    W2_1_new = 0.4 + error * h[0]
    early = F("0.65") * F("0.4") + F("0.51") * F("-0.5") + F("0.62") * F("0.3")  # h to 2 digits: 0.65, 0.51, 0.62
    return [
        (f"ΔW²_1 = {-error * h[0]:.4g}", "the sign flipped (d − y taken as y − d, or a lost minus)"),
        (f"δ¹_11 = {0.4 * 1:.4f}", "Φ′(h′_j) left out of the chain rule"),
        (f"Φ′(h′_1) = {sigmoid(h[0]) * (1 - sigmoid(h[0])):.4g}", "Φ′ taken at h_j instead of h′_j"),
        (f"y = {float(early):.4f}", "rounded too early: it is what carrying 2 significant digits gives"),
        (f"ΔW¹_11 = {error * W2_1_new * slope[0] * 1:.4g}",
         "the updated weights used for ΔW¹ instead of the weights before the step"),
        (f"E = {(1 - y) ** 2:.4g}", "E without the ½"),
        (f"ΔW²_1 = {(1 - y) * h[0]:.4g}", "α left out"),
        (f"ΔW¹_12 = {error * 0.4 * slope[0] * 0.5:.4g}",  # ΔW¹_21 = α(d − y)·W²_1·Φ′(h′_1)·x_2
         "weight indices swapped (Wᵏ_ji for Wᵏ_ij, as W¹_21 for W¹_12): this is ΔW¹_21"),
    ]


def quiz_mistakes():
    """The course's quiz network (x = 1, W¹ = (0.5, −0.4), W² = ((0.8, −0.6), (0.3, 0.9)), W³ = (0.7, 0.5),
    d = 1, α = 0.5) worked here with each common mistake."""
    h1 = [sigmoid(0.5), sigmoid(-0.4)]
    h2_prime = [h1[0] * 0.8 + h1[1] * 0.3, h1[0] * -0.6 + h1[1] * 0.9]
    h2 = [sigmoid(v) for v in h2_prime]
    y = h2[0] * 0.7 + h2[1] * 0.5
    slope2 = [v * (1 - v) for v in h2]
    error = 0.5 * (1 - y)
    W3_11_new = 0.7 + error * h2[0]

    def r2(value):  # two significant digits, as a learner who rounds too early
        return float(f"{value:.2g}")

    e1 = [r2(sigmoid(0.5)), r2(sigmoid(-0.4))]  # 0.62, 0.4
    e2 = [r2(sigmoid(r2(e1[0] * 0.8 + e1[1] * 0.3))), r2(sigmoid(r2(e1[0] * -0.6 + e1[1] * 0.9)))]
    early = e2[0] * 0.7 + e2[1] * 0.5
    return [
        (f"ΔW³_11 = {-error * h2[0]:.4g}", "the sign flipped (d − y taken as y − d, or a lost minus)"),
        (f"δ²_11 = {h1[0] * 0.7:.4g}", "Φ′(h′_j) left out of the chain rule"),  # h¹_1·W³_11, no Φ′
        (f"Φ′(h′²_1) = {sigmoid(h2[0]) * (1 - sigmoid(h2[0])):.4g}", "Φ′ taken at h_j instead of h′_j"),
        (f"y = {early:.4f}", "rounded too early: it is what carrying 2 significant digits gives"),
        (f"ΔW²_11 = {error * h1[0] * slope2[0] * W3_11_new:.4g}",
         "the updated weights used for ΔW¹ instead of the weights before the step"),
        (f"E = {(1 - y) ** 2:.4g}", "E without the ½"),
        (f"ΔW³_11 = {(1 - y) * h2[0]:.4g}", "α left out"),
        (f"ΔW²_12 = {error * h1[1] * slope2[0] * 0.7:.4g}",  # ΔW²_21 = α(d − y)·h¹_2·Φ′(h′²_1)·W³_11
         "weight indices swapped (Wᵏ_ji for Wᵏ_ij, as W¹_21 for W¹_12): this is ΔW²_21"),
    ]


@pytest.mark.parametrize("network, made", [([], made) for made in lecture_mistakes()]
                         + [(["--layers", "1,2,2,1"], made) for made in quiz_mistakes()])
def test_each_common_mistake_is_named(cli, tmp_path, network, made):
    text, words = made
    result = check(cli, answers_file(tmp_path, text + "\n"), *network)
    assert result.returncode == 1
    line = result.stdout.splitlines()[1]
    assert line.startswith(f"  line 1: {text}  wrong: {words}; worked: "), line


def test_the_mistakes_made_here_are_not_the_right_values():
    right = {**{q.name: q.value for q in quantities(lecture.network(), lecture.x, lecture.d, lecture.alpha)}}
    deep = {q.name: q.value for q in quantities(quiz.network(), quiz.x, quiz.d, quiz.alpha)}
    for values, mistakes in ((right, lecture_mistakes()), (deep, quiz_mistakes())):
        for text, _ in mistakes:
            name, value = text.split(" = ")
            assert abs(float(value) - values[name]) > 10 ** math.floor(math.log10(abs(values[name]))) * 1e-3, text


def test_the_quiz_names_the_same_mistakes(typed):
    from backprop.classroom.quiz import problem as quiz_problem

    net, x, d, alpha = quiz_problem(4)
    hand = by_hand(net, x, d, alpha)
    wrong_h_1 = hand["h_1"] + 0.1
    follows = float(f"{hand['y'] + 0.1 * net.W2[0]:.4g}")  # y from the learner's h_1: h_1·W²_1 moves by 0.1·W²_1
    replies = [hand["h′_1"], wrong_h_1, follows, (d - follows) ** 2,  # (d − y)² from their y: E without the ½
               hand["δ¹_11"], (d - follows) * hand["δ¹_11"]]  # ΔW¹_11 without α, from their y and δ¹_11
    result = typed("quiz", "--seed", "4", input="".join(f"{v:.4g}\n" for v in replies))
    said = [line for line in result.splitlines() if "  right: " in line or "  not quite" in line]
    assert [line.split("?")[1].split(":")[0].strip() for line in said] == [
        "right", "not quite", "not quite (follows from your h_1)", "not quite (E without the ½)", "right",
        "not quite (α left out)"], result
    p = problem(6, 1, layers=[1, 2, 2, 1])
    deep = deep_by_hand(p.net, p.x, p.d, p.alpha)
    replies = [deep["h′¹_1"], deep["h¹_1"], deep["y"], deep["E"], deep["δ¹_11"], -deep["ΔW¹_11"]]
    result = typed("quiz", "--seed", "6", "--layers", "1,2,2,1", input="".join(f"{v:.4g}\n" for v in replies))
    assert "not quite (the sign flipped (d − y taken as y − d, or a lost minus)): ΔW¹_11" in result
    assert "Score: 5 of 6." in result


# a class at once


def test_a_class_at_once_writes_a_gradebook_and_a_summary(cli, tmp_path, monkeypatch):
    # the lecture's example: y = 0.1888, h_1 = 0.6457 (right); E = (d − y)² = 0.8112² = 0.6581 is E
    # without the ½; ΔW²_1 = (d − y)·h_1 = 0.8112·0.6457 = 0.5238 is α left out
    assert f"{(1 - 0.188754) ** 2:.4g}" == "0.6581" and f"{(1 - 0.188754) * 0.645656:.4g}" == "0.5238"
    folder = tmp_path / "class"
    folder.mkdir()
    files = {"a.txt": "h_1 = 0.6457\ny = 0.1888\n", "b.txt": "y = 0.1888\nE = 0.6581\n",
             "c.txt": "E = 0.6581\nΔW²_1 = 0.5238\n",
             "d.txt": "y = NaN\n", "e.txt": "y = 1e999\n", "f.txt": "y = 0.1888\ny = 0.1888\n",
             "g.txt": "\ufeffh_1\u00a0= \u200f０.６４５７\n",  # a byte order mark, NBSP, RTL mark, fullwidth digits
             "notes.md": "y = 0.1888\n"}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--class", "class")
    assert result.returncode == 1  # three files could not be read
    out = result.stdout.splitlines()
    assert out[:3] == ["  d.txt: class/d.txt line 1: 'NaN' is not a number; write it like 0.6457 or -0.05067",
                       "  e.txt: class/e.txt line 1: '1e999' is not a number; write it like 0.6457 or -0.05067",
                       "  f.txt: class/f.txt line 2: y was already given on line 1; give each value once"]
    assert out[3:] == ["Checked 4 of 7 answers files in class; the gradebook is gradebook.csv.",
                       "  2 learners: E without the ½", "  1 learner: α left out",
                       "  the value most often wrong: E (2 of 4 learners)"]
    assert (tmp_path / "gradebook.csv").read_text(encoding="utf-8").splitlines() == [
        "file,problem,right,follows,not enough digits,wrong,score",
        "a.txt,,2,0,0,0,100%", "b.txt,,1,0,0,1,50%", "c.txt,,0,0,0,2,0%", "g.txt,,1,0,0,0,100%"]


def test_a_class_folder_that_cannot_be_graded_is_one_line_and_nothing_written(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    assert_usage_error(cli("check", "--class", "empty"), "has no answers files")
    assert_usage_error(cli("check", "--class", "nowhere"), "is not a folder")
    (tmp_path / "empty" / "a.txt").write_text("y = 0.1888\n", encoding="utf-8")
    (tmp_path / "taken").mkdir()
    assert_usage_error(cli("check", "--class", "empty", "--gradebook", "taken"), "taken")
    assert_usage_error(cli("check", "answers.txt", "--class", "empty"), "not both")
    assert sorted(os.listdir(tmp_path)) == ["empty", "taken"]  # no gradebook, not even half of one


def test_a_moodle_sheet_is_a_question_bank_of_numerical_questions(cli, tmp_path):
    # the structure documented at https://docs.moodle.org/en/Moodle_XML_format: <quiz>, a category
    # question, then <question type="numerical"> with name/text, questiontext/text, generalfeedback/text
    # and <answer fraction="100"> holding text (the number) and tolerance (absolute)
    result = cli("sheet", "--count", "2", "--seed", "7", "--format", "moodle", "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert os.listdir(tmp_path) == ["sheet-7.xml"]  # the questions hold their answers: no key
    text = (tmp_path / "sheet-7.xml").read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    root = ET.fromstring(text)
    assert root.tag == "quiz" and root[0].get("type") == "category" and root[0].find("category/text").text
    questions = root[1:]
    assert len(questions) == 2 * 38 and {q.get("type") for q in questions} == {"numerical"}
    for k in (1, 2):
        p = problem(7, k)
        hand = by_hand(p.net, p.x, p.d, p.alpha)
        mine = [q for q in questions if q.find("name/text").text.startswith(f"7-{k} ")]
        assert {q.find("name/text").text[len(f"7-{k} "):] for q in mine} == set(hand)
        for q in mine:
            name = q.find("name/text").text[len(f"7-{k} "):]
            assert q.find("questiontext").get("format") == "html"
            assert "= ?</p>" in q.find("questiontext/text").text and "4 significant digits" in q.find(
                "questiontext/text").text
            answer = q.find("answer")
            assert answer.get("fraction") == "100" and answer.find("feedback/text") is not None
            value, tolerance = float(answer.find("text").text), float(answer.find("tolerance").text)
            # half a unit of the 4th significant digit, worked out here: 0.6457 → 0.00005
            exponent = math.floor(math.log10(abs(hand[name]))) - 3
            assert tolerance == pytest.approx(0.5 * 10.0 ** exponent, rel=1e-12)
            assert value == pytest.approx(hand[name], rel=1e-12, abs=1e-15)
            assert f"{hand[name]:.4g}".replace("-", "−") in q.find("generalfeedback/text").text  # the worked line


def test_numbers_that_overflow_the_step_are_just_wrong(cli, tmp_path):
    # a ΔW²_1 of 1.7e308 makes W²_1 new infinite, E from y = 1e300 overflows: still one verdict a line
    text = "y = 1e300\nE = 1e300\nh′_1 = -1e300\nΔW²_1 = 1.7e308\n"
    result = check(cli, answers_file(tmp_path, text))
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.splitlines()[-1] == "Score: 0 right, 4 wrong (of 4)."


def test_the_html_sheet_keeps_symbols_on_one_line_and_problems_on_one_printed_page(cli, tmp_path):
    assert cli("sheet", "--count", "2", "--format", "html", "--output", str(tmp_path)).returncode == 0
    for name in ("sheet-1.html", "key-1.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        scripts = page.count('<span class="scripts">')
        kept = len(re.findall(r'<span class="sym"><var>[^<]*</var>′?<span class="scripts">', page))
        assert scripts > 20 and kept == scripts  # W²₃: the W and its indices in one unbreakable span
        assert page.count("<var>h</var>′<sub>") == page.count('<span class="sym"><var>h</var>′<sub>') > 0
        assert "@media print" in page and "break-inside: avoid" in page and ".sym { white-space: nowrap; }" in page


@pytest.mark.parametrize("layers, activation, bias, output", [
    (None, "tanh", True, "sigmoid"), ([1, 2, 2, 1], "sigmoid", True, "identity"),
    ([2, 3, 2, 1], "relu", False, "sigmoid")])
def test_with_none_of_the_learners_numbers_the_own_step_is_the_step(layers, activation, bias, output):
    from backprop.classroom.own import own_values

    p = problem(3, 1, layers, activation, bias, output)
    found = own_values(p.net, p.x, p.d, p.alpha, {})
    assert {q.name: q.value for q in quantities(p.net, p.x, p.d, p.alpha)}.items() <= found.items()
