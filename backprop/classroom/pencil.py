"""Pencil mode: the step as a learner carrying ``digits`` significant digits works it.

Each value is computed from the rounded values shown before it, stage by stage,
by the library's own functions: the feedforward pass of the network (and of a
pass-through network for y′ from the rounded h), the loss, the gradients from a
:class:`~backprop.Forward` of rounded values, ΔW from the rounded δ and y, and
the update. The network's activations are wrapped so that Φ, Φ′, Φ_out and
Φ_out′ give rounded values too. The result is a record shaped like
:func:`backprop.trace.explain.explain`'s, so every format shows it; a learner who
rounds to ``digits`` digits as they go matches every digit.

>>> from backprop.trace import lecture_example as example
>>> record = pencil_record(example.network(), example.x, example.d, example.alpha, digits=4)
>>> record["h"], record["y"]       # 0.6457·0.4 + 0.5125·(−0.5) + 0.6225·0.3 = 0.18878
([[0.6457, 0.5125, 0.6225]], [0.1888])
"""

from backprop.activations import Activation
from backprop.loss import _squared_error
from backprop.math import validate
from backprop.network import Forward, Network
from backprop.trace.explain import _record
from backprop.train import Gradients, _apply, _changes, _gradients, output_slope


def rounded(value: float, digits: int) -> float:
    """``value`` to ``digits`` significant digits, as the trace shows it.

    >>> rounded(0.6456563, 4), rounded(-0.050672, 3)
    (0.6457, -0.0507)
    """
    return float(f"{value:.{digits}g}")


def pencil_record(net: Network, x, d, alpha: float, digits: int = 4) -> dict:
    """The record of one step of ``net`` on ``(x, d)``, every value from the rounded ones before it.

    Shaped as :func:`backprop.trace.explain.explain`'s (``d`` a number or a list of
    one). Raises what ``explain`` raises for bad input, ``TypeError`` for a network
    that is not the lecture's, and ``ValueError`` for ``digits`` below 1.
    """
    if not isinstance(net, Network):
        raise TypeError("pencil mode works the lecture's network (a Network), not "
                        f"{type(net).__name__}")
    digits = validate.count(digits, "digits")
    x = net.check_x(x)
    d = validate.number(d[0] if isinstance(d, (list, tuple)) and len(d) == 1 else d, "d")
    alpha = validate.positive(alpha, "alpha")

    def r(values):
        if isinstance(values, list):
            return [r(value) for value in values]
        return rounded(values, digits)

    x = r(x)  # the given numbers too, as the trace shows them
    net = Network(r(net.W1), r(net.W2), activation=net._activation,
                  output_activation=net._output_activation, bias=net.bias)
    pencil = _rounding(net, digits)
    h_prime = r(net._feedforward(x).h_prime)
    h = [pencil.phi(h_prime_j) for h_prime_j in h_prime]
    y_prime = r(_pass_through(net, h)._feedforward(h).y)
    y = pencil.phi_out(y_prime)
    if net.phi_prime_from_h is not None:
        phi_prime = [pencil.phi_prime_from_h(h_j) for h_j in h]
    else:
        phi_prime = [pencil.phi_prime(h_prime_j) for h_prime_j in h_prime]
    phi_out_prime = output_slope(pencil, y_prime, y)
    forward = Forward(x, h_prime, h, y_prime, y)
    dy_dW1, dy_dW2 = r(list(_gradients(pencil, forward)))
    # ∂y/∂h′_j = ∂y/∂W¹_ij / x_i, read off at an input of 1, as explain does
    dy_dh_prime = r(_gradients(pencil, forward._replace(x=[1.0] * len(x))).dy_dW1[0])
    delta_W1, delta_W2 = r(list(_changes(Gradients(dy_dW1, dy_dW2), d, y, alpha)))
    after = net.copy()
    _apply(after, delta_W1, delta_W2)
    after = Network(r(after.W1), r(after.W2), activation=net._activation,
                    output_activation=net._output_activation, bias=net.bias)
    y_new = r(after._feedforward(x).y)

    def column(values):
        return [[value] for value in values]

    return _record(
        net, x, [d], alpha,
        W=[[list(row) for row in net.W1], column(net.W2)],
        h_prime=[h_prime], h=[h], phi_prime=[phi_prime],
        y_prime=[y_prime], y=[y], phi_out_prime=[phi_out_prime],
        E=r(_squared_error(d, y)),
        dy_dh_prime=[[dy_dh_prime, [phi_out_prime]]],
        dy_dW=[[dy_dW1, column(dy_dW2)]],
        delta_W=[delta_W1, column(delta_W2)],
        W_new=[after.W1, column(after.W2)],
        y_new=[y_new], E_new=r(_squared_error(d, y_new)),
    )


def _rounded_activation(phi: Activation, digits: int) -> Activation:
    """``phi`` with Φ and Φ′ giving values rounded to ``digits``."""
    from_h = phi.phi_prime_from_h
    return Activation(
        phi.name,
        lambda z: rounded(phi.phi(z), digits),
        lambda z: rounded(phi.phi_prime(z), digits),
        (lambda h: rounded(from_h(h), digits)) if from_h is not None else None,
    )


def _rounding(net: Network, digits: int) -> Network:
    """``net`` with activations (Φ and Φ_out) whose values and slopes are rounded to ``digits``."""
    return Network(net.W1, net.W2, activation=_rounded_activation(net._activation, digits),
                   output_activation=_rounded_activation(net._output_activation, digits), bias=net.bias)


def _pass_through(net: Network, h: list) -> Network:
    """A network whose hidden layer is h itself (weights 1 and 0, Φ the identity) and whose W² is ``net``'s:
    its feedforward gives y′ = Σ_j h_j·W²_j from the given h (its own output is linear: y = y′)."""
    m = len(h)
    W1 = [[1.0 if i == j else 0.0 for j in range(m)] for i in range(m + net.bias)]
    return Network(W1, net.W2, activation="identity", bias=net.bias)


def note(digits: int) -> str:
    """What the top of a pencil trace says."""
    return (f"Pencil mode: every value is computed from the values shown before it, rounded to {digits} "
            f"significant digits, as you would with a pencil; carry {digits} digits and you match every digit.")


def differences(full: list, pencil: list, digits: int) -> list[str]:
    """Lines comparing the pencil values with full precision (quantities of both, in the same order)."""
    out = [f"Against full precision (each shown to {digits + 3} digits):"]
    changed = [(f, p) for f, p in zip(full, pencil) if rounded(f.value, digits) != p.value]
    for f, p in changed:  # with the trace's minus sign
        out.append(f"  {f.name}: pencil {p.value:.{digits}g}, full precision {f.value:.{digits + 3}g} "
                   f"(differs by {p.value - f.value:.2g})".replace("-", "−"))
    if not changed:
        out.append(f"  every value matches full precision to {digits} digits")
    else:
        largest = max(changed, key=lambda pair: abs(pair[1].value - pair[0].value))
        out.append(f"  {len(changed)} of {len(full)} values differ in the last digits; the largest "
                   f"difference is in {largest[0].name}")
    return out


PENCIL_FORMATS = ("text", "markdown")


def trace(net: Network, x, d, alpha: float, digits: int, format: str = "text") -> str:
    """The trace of the pencil record in ``format`` (text or markdown), with the pencil note on top
    in place of the usual precision note, and the differences from full precision at the end.

    >>> from backprop.trace import lecture_example as example
    >>> text = trace(example.network(), example.x, example.d, example.alpha, 4)
    >>> note(4) in text, "Against full precision" in text
    (True, True)
    """
    from backprop.classroom.quantities import quantities  # here: quantities imports this module
    from backprop.trace.formats import render
    from backprop.trace.worked import precision_note

    if format not in PENCIL_FORMATS:
        raise ValueError(f"pencil mode is shown as {' or '.join(PENCIL_FORMATS)}, not {format}")
    text = render(pencil_record(net, x, d, alpha, digits), format, digits)
    text = text.replace(precision_note(digits), note(digits), 1)
    lines = differences(quantities(net, x, d, alpha), quantities(net, x, d, alpha, pencil=digits), digits)
    if format == "markdown":
        return text + "\n## " + lines[0].rstrip(":") + "\n\n" + "\n".join(f"- {line.strip()}" for line in lines[1:]) + "\n"
    return text + "\n" + "\n".join(lines) + "\n"
