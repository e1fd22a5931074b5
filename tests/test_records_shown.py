"""What a learner sees of a feedforward pass, its gradients and a step: the lecture's symbols,
one-based, to 4 significant digits; the attributes keep every digit.

Every expected number below is worked by hand from weights chosen so that the step is exact
fractions (1/3, 1/7) or the lecture's own values.
"""

import os

from backprop import DeepNetwork, Network, gradients, sgd_step
from backprop.math import deep, notation
from backprop.trace import lecture_example, quiz_example
from conftest import ROOT


def test_the_lecture_s_feedforward_shows_its_symbols_to_four_digits():
    forward = lecture_example.network().feedforward(lecture_example.x)
    # h′ = (1·0.5 + 0.5·0.2, 1·(−0.3) + 0.5·0.7, 1·0.8 + 0.5·(−0.6)) = (0.6, 0.05, 0.5);
    # h = σ(h′) = (1/(1 + e^−0.6), …) = (0.645656…, 0.512497…, 0.622459…);
    # y = 0.645656·0.4 − 0.512497·0.5 + 0.622459·0.3 = 0.188752…
    assert repr(forward) == ("Forward(x = (1, 0.5), h′ = (0.6, 0.05, 0.5), h = (0.6457, 0.5125, 0.6225), "
                             "y′ = 0.1888, y = 0.1888)")
    # the attributes keep every digit: −0.3 + 0.35 is 0.04999999999999999 in floats, shown 0.05
    assert forward.h_prime[1] == -0.3 + 0.5 * 0.7 != 0.05
    x, h_prime, h, y_prime, y = forward   # still a tuple
    assert (x, h_prime, h, y_prime, y) == (forward.x, forward.h_prime, forward.h, forward.y_prime, forward.y)
    assert forward._asdict()["h_prime"] is forward.h_prime


# W¹ = ((1/3, 2), (0, −1)), W² = (3, −1/7), identity, x = (1, 2):
# h′ = h = (1/3, 2 − 2) = (1/3, 0), y = 3·1/3 + (−1/7)·0 = 1
# δ² = ∂y/∂W² = h = (1/3, 0); δ¹_ij = W²_j · 1 · x_i: row i = 1 (3, −1/7), row i = 2 (6, −2/7)
def _net():
    return Network([[1 / 3, 2.0], [0.0, -1.0]], [3.0, -1 / 7], activation="identity")


def test_gradients_show_a_row_per_input_with_aligned_columns():
    delta = gradients(_net(), [1.0, 2.0])
    assert repr(delta) == ("Gradients(\n"
                           "  ∂y/∂W¹ = ((3, −0.1429),\n"
                           "            (6, −0.2857))\n"
                           "  ∂y/∂W² = (0.3333, 0))")
    assert delta.dy_dW2[0] == 1 / 3 and delta.dy_dW1[1][1] == 2 * (-1 / 7)


def test_a_step_shows_y_E_and_each_delta_W():
    step = sgd_step(_net(), [1.0, 2.0], 2.0, 0.5)
    # E = ½(2 − 1)² = 0.5; ΔW = α(d − y)·δ = 0.5·δ
    assert repr(step) == ("Step(\n"
                          "  y   = 1\n"
                          "  E   = 0.5\n"
                          "  ΔW¹ = ((1.5, −0.07143),\n"
                          "         (  3,  −0.1429))\n"
                          "  ΔW² = (0.1667, 0))")
    y, E, delta_W1, delta_W2 = step
    assert (y, E, delta_W2) == (1.0, 0.5, [0.5 / 3, 0.0])


def test_in_a_notebook_a_matrix_is_a_table_with_one_based_rows_and_columns():
    markdown = gradients(_net(), [1.0, 2.0])._repr_markdown_()
    assert markdown.splitlines() == [
        "**Gradients** (4 significant digits; the attributes hold every digit)",
        "",
        "| ∂y/∂W¹ | j = 1 | j = 2 |",
        "|:--|--:|--:|",
        "| i = 1 | 3 | −0.1429 |",
        "| i = 2 | 6 | −0.2857 |",
        "",
        "- ∂y/∂W² = (0.3333, 0)",
    ]
    assert "- h′ = (0.6, 0.05, 0.5)" in lecture_example.network().feedforward(lecture_example.x)._repr_markdown_()


# A deep network 1-1-1, identity: W¹ = ((2)), W² = ((1/3)), x = (1), d = (1), α = 0.5:
# h′¹ = h¹ = (2), y′ = y = (2/3); ∂y/∂h′¹ = W² = 1/3, ∂y/∂y′ = 1; ∂y/∂W¹ = x·1/3, ∂y/∂W² = h¹ = 2;
# E = ½(1 − 2/3)² = 1/18; ΔW = 0.5·(1/3)·δ: ΔW¹ = 1/18, ΔW² = 1/3
def test_a_deep_network_s_records_name_each_layer_one_based():
    net = DeepNetwork([[[2.0]], [[1 / 3]]], activation="identity")
    assert repr(net.feedforward([1.0])) == ("DeepForward(x = (1), h′¹ = (2), h¹ = (2), "
                                            "y′ = (0.6667), y = (0.6667))")
    assert repr(deep.gradients(net, [1.0])) == (
        "DeepGradients(∂y/∂h′¹ = (0.3333), ∂y/∂y′ = (1), ∂y/∂W¹ = ((0.3333)), ∂y/∂W² = ((2)))")
    step = deep.sgd_step(net, [1.0], [1.0], 0.5)
    assert repr(step) == ("DeepStep(y = (0.6667), E = 0.05556, "
                          "ΔW¹ = ((0.05556)), ΔW² = ((0.3333)))")
    assert step.E == (1 - 2 / 3) ** 2 / 2 and step.y == [2 / 3]


def test_a_deep_matrix_of_several_rows_gets_a_line_per_row():
    # 2-2-1, identity, x = (1, 2): W¹ = ((1, 0), (0, 1)) gives h¹ = (1, 2); W² = ((1), (−1)):
    # y = 1 − 2 = −1; ∂y/∂W¹_ij = x_i · W²_j: ((1, −1), (2, −2)); ∂y/∂W² = h¹ = ((1), (2))
    net = DeepNetwork([[[1.0, 0.0], [0.0, 1.0]], [[1.0], [-1.0]]], activation="identity")
    assert repr(deep.gradients(net, [1.0, 2.0])) == ("DeepGradients(\n"
                                                     "  ∂y/∂h′¹ = (1, −1)\n"
                                                     "  ∂y/∂y′  = (1)\n"
                                                     "  ∂y/∂W¹  = ((1, −1),\n"
                                                     "             (2, −2))\n"
                                                     "  ∂y/∂W²  = ((1),\n"
                                                     "             (2)))")


def test_a_long_record_of_vectors_takes_a_line_per_field():
    forward = Network([[1.0] * 12], [1.0] * 12, activation="identity").feedforward([1 / 3])
    lines = repr(forward).splitlines()
    assert lines[0] == "Forward(" and lines[1] == "  x  = (0.3333)"
    assert lines[2] == "  h′ = (" + ", ".join(["0.3333"] * 12) + ")"
    assert lines[-1] == "  y  = 4)"   # 12 · 1/3


def test_numbers_round_to_significant_digits_with_a_real_minus():
    assert notation.number(-1 / 7) == "−0.1429" and notation.number(12345.678) == "1.235e+04"
    assert notation.number(-1e-30) == "−1e−30" and notation.number(float("nan")) == "nan"
    assert notation.vector([1.0]) == "(1)" and notation.vector([]) == "()"


def test_the_notebook_page_shows_what_the_repl_prints():
    page = open(os.path.join(ROOT, "docs", "notebook.md"), encoding="utf-8").read()
    net = lecture_example.network()
    for shown in (net.feedforward(lecture_example.x), gradients(net, lecture_example.x)):
        assert "\n".join("    " + line for line in repr(shown).splitlines()) in page


def test_the_deep_page_shows_what_the_repl_prints():
    page = open(os.path.join(ROOT, "docs", "deep.md"), encoding="utf-8").read()
    shown = repr(quiz_example.network().feedforward(quiz_example.x))
    assert "\n".join("    " + line for line in shown.splitlines()) in page
