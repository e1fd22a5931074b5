"""Issue 23, item 6: examples/published/, one script per published worked example, each reproducing
the numbers its source prints to the printed digits. The numbers below are copied from the sources
(cited in each script), not from the scripts; each script runs here, in this process, and what it
prints is compared with them."""

import importlib.util
import os

import pytest

from conftest import ROOT

FOLDER = os.path.join(ROOT, "examples", "published")

# hmkcode, "Backpropagation Step by Step": 2-2-1, no activation, a = 0.05
HMKCODE = {
    "h1": ".85", "h2": ".48", "prediction": ".191", "Error": "0.327", "Delta": "-0.809",
    "a*h1*Delta": "-0.034", "a*h2*Delta": "-0.019",
    "a*i1*Delta*w5": "-0.011", "a*i1*Delta*w6": "-0.012", "a*i2*Delta*w5": "-0.017", "a*i2*Delta*w6": "-0.018",
    "w5": ".17", "w6": ".17", "w1": ".12", "w2": ".23", "w3": ".13", "w4": ".10",
    "new h1": ".92", "new h2": ".56", "new prediction": ".26",
}
# Brownlee, "How to Code a Neural Network with Backpropagation In Python (from scratch)", the 2-1-2 network
BROWNLEE_2_1_2 = {
    "hidden 1 w_1": "0.13436424411240122", "hidden 1 w_2": "0.8474337369372327", "hidden 1 bias": "0.763774618976614",
    "output 1 w_1": "0.2550690257394217", "output 1 bias": "0.49543508709194095",
    "output 2 w_1": "0.4494910647887381", "output 2 bias": "0.651592972722763",
    "y_1 for x = (1, 0)": "0.6629970129852887", "y_2 for x = (1, 0)": "0.7253160725279748",
    "delta hidden 1": "0.0005348048046610517", "delta output 1": "0.14619064683582808",
    "delta output 2": "-0.0771723774346327",
}
# … and its 2-2-2 run: ">epoch=0, lrate=0.500, error=6.350" to ">epoch=19, …, error=1.132", then the weights
BROWNLEE_ERRORS = ["6.350", "5.531", "5.221", "4.951", "4.519", "4.173", "3.835", "3.506", "3.192", "2.898",
                   "2.626", "2.377", "2.153", "1.953", "1.774", "1.614", "1.472", "1.346", "1.233", "1.132"]
BROWNLEE_WEIGHTS = {
    "hidden 1 w_1": -1.4688375095432327, "hidden 1 w_2": 1.850887325439514, "hidden 1 bias": 1.0858178629550297,
    "hidden 2 w_1": 0.37711098142462157, "hidden 2 w_2": -0.0625909894552989, "hidden 2 bias": 0.2765123702642716,
    "output 1 w_1": 2.515394649397849, "output 1 w_2": -0.3391927502445985, "output 1 bias": -0.9671565426390275,
    "output 2 w_1": -2.5584149848484263, "output 2 w_2": 1.0036422106209202, "output 2 bias": 0.42383086467582715,
}


def load(name):
    """The script examples/published/NAME.py as a module (its main() not yet run)."""
    spec = importlib.util.spec_from_file_location(f"published_{name}", os.path.join(FOLDER, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def printed_rows(out):
    """``name → (our number, the published number shown beside it)`` of every line that ends in agrees/DIFFERS."""
    rows = {}
    for line in out.splitlines():
        words = line.split()
        if len(words) >= 4 and words[-1] in ("agrees", "DIFFERS"):
            rows[" ".join(words[:-3])] = (float(words[-3]), words[-2])
    return rows


def run_main(name, capsys):
    status = load(name).main()
    out = capsys.readouterr().out
    return status, out, printed_rows(out)


def agrees_at_printed_digits(ours, published):
    decimals = len(published.split(".")[1])
    return round(ours, decimals) == round(float(published), decimals)


@pytest.mark.parametrize("name, published", [("hmkcode_2_2_1_linear", HMKCODE), ("brownlee_2_1_2", BROWNLEE_2_1_2)])
def test_each_printed_number_of_a_worked_step_agrees_to_its_last_digit(capsys, name, published):
    status, out, rows = run_main(name, capsys)
    assert status == 0 and "Every published digit agrees." in out
    assert rows.keys() == published.keys()
    for key, number in published.items():
        ours, shown_beside = rows[key]
        assert shown_beside == number
        assert agrees_at_printed_digits(ours, number), (key, ours, number)


def test_the_tutorials_20_epoch_errors_and_final_weights_agree(capsys):
    status, out, rows = run_main("brownlee_2_2_2", capsys)
    assert status == 0 and "Every published digit agrees." in out
    for epoch, number in enumerate(BROWNLEE_ERRORS):
        ours, shown_beside = rows[str(epoch)]
        assert shown_beside == number and agrees_at_printed_digits(ours, number), (epoch, ours, number)
    for key, number in BROWNLEE_WEIGHTS.items():
        ours, shown_beside = rows[key]
        assert float(shown_beside) == number
        assert abs(ours - number) < 5e-16, (key, ours, number)  # the sums' order: at most the last bits differ


def test_the_linear_step_is_the_lecture_step_worked_by_hand():
    # independently of the scripts: y = h·W², h = x·W¹ with no Φ, one step of ΔW = α(d − y)·∂y/∂W
    x, W1, W2, d, alpha = (2, 3), ((0.11, 0.12), (0.21, 0.08)), (0.14, 0.15), 1, 0.05
    h = [x[0] * W1[0][j] + x[1] * W1[1][j] for j in range(2)]
    y = h[0] * W2[0] + h[1] * W2[1]
    new_W2 = [W2[j] + alpha * (d - y) * h[j] for j in range(2)]
    new_W1 = [[W1[i][j] + alpha * (d - y) * W2[j] * x[i] for j in range(2)] for i in range(2)]
    ours = load("hmkcode_2_2_1_linear").results()
    assert ours["w5"] == pytest.approx(new_W2[0], abs=1e-15) and ours["w4"] == pytest.approx(new_W1[1][1], abs=1e-15)


def test_a_number_that_disagrees_is_said_and_fails(capsys):
    module = load("hmkcode_2_2_1_linear")
    module.PUBLISHED = {**module.PUBLISHED, "w5": ".18"}  # the step gives 0.1743825, .17 at two decimals
    assert module.main() == 1
    out = capsys.readouterr().out
    w5_line, = [line for line in out.splitlines() if line.startswith("w5 ")]
    assert w5_line.endswith("DIFFERS") and "Some numbers differ." in out
