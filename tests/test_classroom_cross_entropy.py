"""Issue 23, item 1: the classroom (``check``, ``quiz``, ``sheet``, ``trace --pencil``) with binary
cross-entropy on one sigmoid output. Every number is worked here by hand, with math.exp and
math.log, or by central differences of E; none is copied from the code's output."""

import math
import os
import re

import pytest

from backprop import Network
from backprop.classroom import quiz as classroom_quiz
from backprop.classroom.problems import problem
from backprop.classroom.quantities import by_name, key, quantities
from conftest import ROOT, assert_usage_error, run_in_process

W1, W2 = [[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3]  # the lecture's example
X, D, ALPHA = [1.0, 0.5], 1.0, 0.5
CE = ["--output-activation", "sigmoid", "--loss", "cross_entropy"]


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def forward(W1, W2, x):
    h_prime = [sum(x_i * W1[i][j] for i, x_i in enumerate(x)) for j in range(3)]
    h = [sigmoid(v) for v in h_prime]
    y_prime = sum(h_j * W2_j for h_j, W2_j in zip(h, W2))
    return h_prime, h, y_prime, sigmoid(y_prime)


def E_of(W1, W2, x=X, d=D):
    y = forward(W1, W2, x)[3]
    return -(d * math.log(y) + (1 - d) * math.log(1 - y))


def by_hand(W1=W1, W2=W2, x=X, d=D, alpha=ALPHA) -> dict:
    """Every value of the step, by the lecture's formulas with cross-entropy's δ = ∂y′/∂W."""
    h_prime, h, y_prime, y = forward(W1, W2, x)
    v = {"y′": y_prime, "y": y, "E": -(d * math.log(y) + (1 - d) * math.log(1 - y)),
         "∂E/∂y": -(d / y - (1 - d) / (1 - y)), "Φ_out′(y′)": y * (1 - y), "∂E/∂y′": -(d - y)}
    for j in range(3):
        v[f"h′_{j + 1}"], v[f"h_{j + 1}"], v[f"Φ′(h′_{j + 1})"] = h_prime[j], h[j], h[j] * (1 - h[j])
        v[f"δ²_{j + 1}"] = h[j]
        v[f"ΔW²_{j + 1}"] = alpha * (d - y) * h[j]
        v[f"W²_{j + 1} new"] = W2[j] + v[f"ΔW²_{j + 1}"]
        for i in range(2):
            name = f"{i + 1}{j + 1}"
            v[f"δ¹_{name}"] = W2[j] * h[j] * (1 - h[j]) * x[i]
            v[f"ΔW¹_{name}"] = alpha * (d - y) * v[f"δ¹_{name}"]
            v[f"W¹_{name} new"] = W1[i][j] + v[f"ΔW¹_{name}"]
    return v


def four(value: float) -> str:
    """A value to 4 significant digits, as a learner writes it."""
    return f"{value:.4g}"


def test_the_quantities_are_the_steps_values_worked_by_hand_and_the_change_is_minus_alpha_dE_dW():
    net = Network(W1, W2, output_activation="sigmoid", loss="cross_entropy")
    values = quantities(net, X, D, ALPHA)
    hand = by_hand()
    assert [q.name for q in values][6:12] == ["y′", "y", "E", "∂E/∂y", "Φ_out′(y′)", "∂E/∂y′"]
    assert sorted(q.name for q in values) == sorted(hand)  # one quantity a value: no "the same E" twice
    for q in values:
        assert q.value == pytest.approx(hand[q.name], rel=1e-12, abs=1e-15), q.name
    assert by_name(values)[key("dy'/dW1_12")].name == "δ¹_12"  # δ is ∂y′/∂W, as the trace names it
    # ΔW = −α·∂E/∂W, ∂E/∂W by central differences of E = −ln y: the route without Φ_out′ is the gradient
    step = 1e-6
    for i in range(2):
        for j in range(3):
            up, down = [row[:] for row in W1], [row[:] for row in W1]
            up[i][j] += step
            down[i][j] -= step
            slope = (E_of(up, W2) - E_of(down, W2)) / (2 * step)
            assert hand[f"ΔW¹_{i + 1}{j + 1}"] == pytest.approx(-ALPHA * slope, rel=1e-7)
    for j in range(3):
        up, down = W2[:], W2[:]
        up[j] += step
        down[j] -= step
        assert hand[f"ΔW²_{j + 1}"] == pytest.approx(-ALPHA * (E_of(W1, up) - E_of(W1, down)) / (2 * step), rel=1e-7)


def write_answers(tmp_path, lines: list) -> str:
    (tmp_path / "answers.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "answers.txt"


def test_check_credits_right_values_follow_through_and_names_the_mistakes_of_cross_entropy(tmp_path):
    v = by_hand()
    kept = v["h_1"] * v["Φ_out′(y′)"]  # δ²_1 with Φ_out′ kept: the squared error's ∂y/∂W²_1
    kept_hidden = v["δ¹_11"] * v["Φ_out′(y′)"]
    lines = [
        f"y = {four(v['y'])}",
        f"E = {four(0.5 * (D - v['y']) ** 2)}",                      # the squared error's E
        f"dE/dy = {four(v['∂E/∂y'])}",
        f"dE/dy' = {four(-v['∂E/∂y′'])}",                             # a lost minus
        f"delta2_1 = {four(kept)}",                                   # Φ_out′ kept where it cancels
        f"dW2_1 = {four(ALPHA * (D - v['y']) * float(four(kept)))}",  # right from the learner's δ²_1
        f"delta1_11 = {four(kept_hidden)}",
        f"dW1_12 = {four(v['ΔW¹_12'])}",
        f"W1_12 new = {four(v['W¹_12 new'])}",
    ]
    result = run_in_process("check", write_answers(tmp_path, lines), *CE, cwd=str(tmp_path))
    assert result.returncode == 1, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == ("The problem: a 2-3-1 network, Φ = sigmoid, Φ_out = sigmoid, binary cross-entropy "
                      "(δ = ∂y′/∂W). Checking 9 values from answers.txt:")
    assert out[1].endswith("y = " + four(v["y"]) + "  right")
    assert "E worked as the squared error ½(d − y)², not cross-entropy" in out[2]
    assert "E = −(d·ln(y) + (1 − d)·ln(1 − y))" in out[2]  # the worked line shown beside it
    assert out[3].endswith("right")
    assert "wrong: the sign flipped" in out[4]
    for line in (out[5], out[7]):
        assert "wrong: Φ_out′(y′) kept in δ, where it cancels against cross-entropy's ∂E/∂y" in line
    assert "follows from your δ²_1" in out[6]
    assert out[8].endswith("right") and out[9].endswith("right")
    assert out[-1] == "Score: 4 right, 1 follows from an earlier mistake, 4 wrong (of 9)."


def test_what_follows_from_a_wrong_y_is_worked_from_it_with_cross_entropy(tmp_path):
    y_mine = 0.5  # a wrong y: E, ∂E/∂y and ΔW²_1 are worked from it
    v = by_hand()
    lines = [f"y = {y_mine:#.4g}", f"E = {-math.log(y_mine):#.4g}", f"dE/dy = {-1 / y_mine:#.4g}",
             f"phi_out'(y') = {y_mine * (1 - y_mine):#.4g}", f"dE/dy' = {-(1 - y_mine):#.4g}",
             f"dW2_1 = {ALPHA * (D - y_mine) * v['h_1']:#.4g}"]
    result = run_in_process("check", write_answers(tmp_path, lines), *CE, cwd=str(tmp_path))
    out = result.stdout.splitlines()
    assert "y = 0.5000  wrong" in out[1]
    assert all("follows from your y" in line for line in out[2:7]), out
    # nothing follows from a y that cross-entropy cannot take (ln 0): E is wrong, said in one line each
    answers = ["y = 0.0000", "E = 1.000e+300", "dE/dy = -1.000e+300"]  # −ln 0 and −1/0: no number follows
    result = run_in_process("check", write_answers(tmp_path, answers), *CE, cwd=str(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [line.split("  ")[-1][:5] for line in result.stdout.splitlines()[1:4]] == ["wrong"] * 3


def test_pencil_mode_works_each_cross_entropy_value_from_the_rounded_ones():
    net = Network(W1, W2, output_activation="sigmoid", loss="cross_entropy")
    pencil = {q.name: q.value for q in quantities(net, X, D, ALPHA, pencil=4)}
    y = float(four(sigmoid(float(four(forward(W1, W2, X)[2])))))  # y′ and then y, each rounded
    assert pencil["y"] == y == 0.5471
    assert pencil["E"] == float(four(-math.log(y)))  # from the rounded y: 0.6031, where full precision gives 0.6032
    assert pencil["∂E/∂y"] == float(four(-1 / y))
    assert pencil["∂E/∂y′"] == float(four(float(four(-1 / y)) * float(four(y * (1 - y)))))
    h_1 = float(four(sigmoid(0.6)))
    assert pencil["δ¹_11"] == float(four(0.4 * float(four(h_1 * (1 - h_1))) * 1.0))  # no Φ_out′ in δ
    result = run_in_process("trace", *CE, "--pencil")
    assert result.returncode == 0, result.stderr
    assert "E = −(d·ln(y) + (1 − d)·ln(1 − y)) = −(1·ln(0.5471) + (1 − 1)·ln(1 − 0.5471)) = 0.6031" in result.stdout
    assert "so Φ_out′ is in no δ below" in result.stdout and "Against full precision" in result.stdout


def test_the_quiz_asks_and_scores_a_cross_entropy_step():
    net, x, d, alpha = classroom_quiz.problem(3, "sigmoid", "cross_entropy")
    v = by_hand([row[:] for row in net.W1], list(net.W2), x, d, alpha)
    answers = [v["h′_1"], v["h_1"], v["y′"], v["y"], v["E"], v["∂E/∂y′"], v["δ¹_11"], v["ΔW¹_11"]]
    result = run_in_process("quiz", "--seed", "3", *CE, input="\n".join(map(four, answers)) + "\n")
    assert result.returncode == 0, result.stderr
    assert "E = cross-entropy: E = −(d·ln(y) + (1 − d)·ln(1 − y))" in result.stdout
    assert "∂E/∂y′ = ∂E/∂y·Φ_out′(y′) = ?" in result.stdout and "Score: 8 of 8." in result.stdout
    answers[5] = -answers[5]  # a lost minus in ∂E/∂y′
    result = run_in_process("quiz", "--seed", "3", *CE, input="\n".join(map(four, answers)) + "\n")
    assert "not quite (the sign flipped" in result.stdout and "Score: 7 of 8." in result.stdout


def test_a_cross_entropy_sheet_and_key_show_E_and_why_phi_out_prime_cancels(tmp_path):
    for format in ("markdown", "latex", "html", "moodle"):
        result = run_in_process("sheet", "--count", "1", "--seed", "7", "--format", format, "--output", format,
                                *CE, cwd=str(tmp_path))
        assert result.returncode == 0, result.stderr
    chosen = problem(7, 1, output_activation="sigmoid", loss="cross_entropy")
    v = by_hand(chosen.net.W1, chosen.net.W2, chosen.x, chosen.d, chosen.alpha)
    sheet = (tmp_path / "markdown" / "sheet-7.md").read_text(encoding="utf-8")
    key = (tmp_path / "markdown" / "key-7.md").read_text(encoding="utf-8")
    assert r"$E = -(d \cdot \ln(y) + (1 - d) \cdot \ln(1 - y))$" in sheet  # the loss, given
    assert r"$\frac{\partial E}{\partial y'}$ = ______" in sheet
    assert "--problem 7-1 --output-activation sigmoid --loss cross\\_entropy" not in sheet  # in `code`, not escaped
    assert "`--problem 7-1 --output-activation sigmoid --loss cross_entropy`" in sheet
    d = f"{chosen.d:g}"
    assert (rf"- $E = -(d \cdot \ln(y) + (1 - d) \cdot \ln(1 - y)) = -({d} \cdot \ln({four(v['y'])}) + (1 - {d}) "
            rf"\cdot \ln(1 - {four(v['y'])})) = {four(v['E'])}$") in key
    assert "*why Φ\\_out′ cancels (sigmoid with binary cross-entropy):*" in key
    assert "*so Φ\\_out′ is in no δ below: the step is the lecture's, with δ = ∂y′/∂W (y′ in place of y):*" in key
    assert rf"\frac{{\partial y'}}{{\partial W^{{2}}_{{1}}}} = h_{{1}} = {four(v['h_1'])}$" in key
    latex = (tmp_path / "latex" / "key-7.tex").read_text(encoding="utf-8")
    assert r"\intertext{why $\Phi'_{\mathrm{out}}$ cancels (sigmoid with binary cross-entropy):}" in latex
    assert r"-{}-loss cross\_entropy}" in (tmp_path / "latex" / "sheet-7.tex").read_text(encoding="utf-8")
    html = (tmp_path / "html" / "key-7.html").read_text(encoding="utf-8")
    assert '<span class="caption">why Φ_out′ cancels (sigmoid with binary cross-entropy):</span>' in html
    moodle = (tmp_path / "moodle" / "sheet-7.xml").read_text(encoding="utf-8")
    answer = re.search(r"<text>7-1 ∂E/∂y′</text>.*?<answer fraction=\"100\">\s*<text>([^<]*)</text>", moodle, re.S)
    assert float(answer.group(1)) == pytest.approx(v["∂E/∂y′"], rel=1e-12)


@pytest.mark.parametrize("command", [["quiz", "--seed", "1"], ["sheet", "--count", "1", "--format", "markdown"],
                                     ["check", "answers.txt"]])
@pytest.mark.parametrize("options, message", [
    (["--output-activation", "softmax", "--loss", "cross_entropy"],
     "works networks of one output (a problem's blanks, key and check are one output's y, E and δ, as in the "
     "lecture), and softmax needs several outputs; for cross-entropy with one output give --output-activation "
     "sigmoid --loss cross_entropy, or for a softmax step trace --layers 2,3,3 --seed 1"),
    (["--output-activation", "softmax"], "and softmax needs several outputs"),
    (["--loss", "cross_entropy"], "works cross-entropy with one sigmoid output (binary cross-entropy, where Φ_out′ "
                                  "cancels), not with the output activation identity; add --output-activation sigmoid"),
    (["--loss", "cross_entropy", "--output-activation", "tanh"], "not with the output activation tanh"),
])
def test_the_classroom_refuses_softmax_and_a_wrong_pairing_in_one_line_writing_nothing(tmp_path, command, options,
                                                                                       message):
    (tmp_path / "answers.txt").write_text("y = 0.5\n", encoding="utf-8")
    where = {"quiz": ["--output", "session.txt"], "sheet": ["--output", "sheets"]}.get(command[0], [])
    result = run_in_process(*command, *options, *where, input="0.5\n", cwd=str(tmp_path))
    assert_usage_error(result, message)
    assert result.stdout == "" and os.listdir(tmp_path) == ["answers.txt"]  # nothing asked, no file or folder


@pytest.mark.parametrize("d", ["2", "-0.5"])
def test_check_refuses_a_cross_entropy_target_outside_0_1_in_one_line(tmp_path, d):
    (tmp_path / "answers.txt").write_text("y = 0.5\n", encoding="utf-8")
    result = run_in_process("check", "answers.txt", *CE, "--d", d, cwd=str(tmp_path))
    assert_usage_error(result, f"d = {d} is outside [0, 1]; cross-entropy needs targets that are probabilities")
    assert result.stdout == ""


def test_the_classroom_computes_no_formula_of_its_own():
    """One implementation of the math: the classroom calls the library's loss and step functions
    (backprop.loss, train.py, math/deep.py, the trace's explain), and takes no ln or e^ itself."""
    folder = os.path.join(ROOT, "backprop", "classroom")
    for name in os.listdir(folder):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), encoding="utf-8") as file:
                source = file.read()
            assert not re.search(r"math\.(log|exp|log1p)\b|\*\* *2\b", source), name


def test_a_y_that_rounds_to_1_is_refused_by_pencil_mode_in_one_line_and_checked_without_it(tmp_path):
    # y′ = 3·σ(7.5)·5 > 14.9, so y = σ(y′) > 1 − 4e−7: 1.000 to 4 digits, where ln(1 − y) and 1/(1 − y) fail
    weights = ["--W1", "5,5,5;5,5,5", "--W2", "5,5,5", *CE]
    assert_usage_error(run_in_process("trace", *weights, "--pencil"),
                       "with 4 significant digits y rounds to 1, and ∂E/∂y = −(d/y − (1 − d)/(1 − y)) would divide "
                       "by 1 − y = 0; carry more digits, or work the step at full precision")
    y = sigmoid(15 * sigmoid(7.5))
    result = run_in_process("check", write_answers(tmp_path, [f"y = {y:#.4g}", f"E = {-math.log(y):#.4g}"]),
                            *weights, cwd=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "Score: 2 right (of 2)."


def test_a_class_summary_names_cross_entropys_mistakes_whole(tmp_path):
    v = by_hand()
    (tmp_path / "class").mkdir()
    for learner in ("ann", "bob"):  # both keep Φ_out′ in δ²_1
        (tmp_path / "class" / f"{learner}.txt").write_text(f"delta2_1 = {v['h_1'] * v['Φ_out′(y′)']:#.4g}\n",
                                                           encoding="utf-8")
    result = run_in_process("check", "--class", "class", *CE, cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert ("  2 learners: Φ_out′(y′) kept in δ, where it cancels against cross-entropy's ∂E/∂y (δ = ∂y′/∂W, since "
            "∂E/∂y′ = −(d − y))") in result.stdout.splitlines()
    assert (tmp_path / "gradebook.csv").read_text(encoding="utf-8").splitlines()[1] == "ann.txt,,0,0,0,1,0%"


def test_pencils_second_E_is_worked_from_the_rounded_y_prime():
    # the lecture's network at 4 digits: y′ = 0.1888 and y = 0.5471, rounded; −ln(0.5471) = 0.603117…
    # while ln(1 + e^0.1888) − 0.1888 = 0.603188…: each line shows what its own numbers give
    result = run_in_process("trace", "--output-activation", "sigmoid", "--loss", "cross_entropy", "--pencil")
    assert result.returncode == 0
    lines = [line for line in result.stdout.splitlines() if line.lstrip().startswith(("E = −(d·ln", "the same E"))]
    assert lines[0].endswith(f"= {-math.log(0.5471):.4g}") and lines[0].endswith("= 0.6031")
    assert lines[1].endswith(f"= {math.log(1 + math.exp(0.1888)) - 0.1888:.4g}") and lines[1].endswith("= 0.6032")
