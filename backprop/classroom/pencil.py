"""Pencil mode: the step as a learner carrying ``digits`` significant digits works it.

Each value is computed from the rounded values shown before it, stage by stage,
by the library's own functions: the feedforward pass of the network (and of a
pass-through network for y from the rounded h), the loss, the gradients from a
:class:`~backprop.Forward` of rounded values, ΔW from the rounded δ and y, and
the update. The network's activation is wrapped so that Φ and Φ′ give rounded
values too. The result is a record shaped like :func:`backprop.explain`'s, so
every format shows it; a learner who rounds to ``digits`` digits as they go
matches every digit.

>>> from backprop.trace import lecture_example as example
>>> record = pencil_record(example.network(), example.x, example.d, example.alpha, digits=4)
>>> record["h"], record["y"]       # 0.6457·0.4 + 0.5125·(−0.5) + 0.6225·0.3 = 0.18878
([0.6457, 0.5125, 0.6225], 0.1888)
"""

from backprop.activations import Activation
from backprop.loss import _squared_error
from backprop.math import validate
from backprop.network import Forward, Network
from backprop.train import Gradients, _apply, _changes, _gradients


def rounded(value: float, digits: int) -> float:
    """``value`` to ``digits`` significant digits, as the trace shows it.

    >>> rounded(0.6456563, 4), rounded(-0.050672, 3)
    (0.6457, -0.0507)
    """
    return float(f"{value:.{digits}g}")


def pencil_record(net: Network, x, d: float, alpha: float, digits: int = 4) -> dict:
    """The record of one step of ``net`` on ``(x, d)``, every value from the rounded ones before it.

    Raises what :func:`backprop.explain` raises for bad input, and ``ValueError`` for
    ``digits`` below 1.
    """
    digits = validate.count(digits, "digits")
    x = net.check_x(x)
    d = validate.number(d, "d")
    alpha = validate.positive(alpha, "alpha")

    def r(values):
        if isinstance(values, list):
            return [r(value) for value in values]
        return rounded(values, digits)

    x = r(x)  # the given numbers too, as the trace shows them
    net = Network(r(net.W1), r(net.W2), activation=net._activation, bias=net.bias)
    pencil = _rounding(net, digits)
    h_prime = r(net._feedforward(x).h_prime)
    h = [pencil.phi(h_prime_j) for h_prime_j in h_prime]
    y = r(_pass_through(net, h)._feedforward(h).y)
    E = r(_squared_error(d, y))
    if net.phi_prime_from_h is not None:
        phi_prime = [pencil.phi_prime_from_h(h_j) for h_j in h]
    else:
        phi_prime = [pencil.phi_prime(h_prime_j) for h_prime_j in h_prime]
    dy_dW1, dy_dW2 = r(list(_gradients(pencil, Forward(x, h_prime, h, y))))
    delta_W1, delta_W2 = r(list(_changes(Gradients(dy_dW1, dy_dW2), d, y, alpha)))
    after = net.copy()
    _apply(after, delta_W1, delta_W2)
    after = Network(r(after.W1), r(after.W2), activation=net._activation, bias=net.bias)
    y_new = r(after._feedforward(x).y)
    return {
        "x": x, "d": d, "alpha": alpha, "activation": net.activation, "bias": net.bias,
        "W1": [list(row) for row in net.W1], "W2": list(net.W2),
        "h_prime": h_prime, "h": h, "phi_prime": phi_prime, "y": y, "E": E,
        "dy_dW1": dy_dW1, "dy_dW2": dy_dW2, "delta_W1": delta_W1, "delta_W2": delta_W2,
        "W1_new": after.W1, "W2_new": after.W2, "y_new": y_new, "E_new": r(_squared_error(d, y_new)),
    }


def _rounding(net: Network, digits: int) -> Network:
    """``net`` with an activation whose Φ and Φ′ give values rounded to ``digits``."""
    phi = net._activation
    from_h = phi.phi_prime_from_h
    activation = Activation(
        phi.name,
        lambda z: rounded(phi.phi(z), digits),
        lambda z: rounded(phi.phi_prime(z), digits),
        (lambda h: rounded(from_h(h), digits)) if from_h is not None else None,
    )
    return Network(net.W1, net.W2, activation=activation, bias=net.bias)


def _pass_through(net: Network, h: list) -> Network:
    """A network whose hidden layer is h itself (weights 1 and 0, Φ the identity) and whose W² is ``net``'s:
    its feedforward gives y = Σ_j h_j·W²_j from the given h."""
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
    for f, p in changed:
        out.append(f"  {f.name}: pencil {p.value:.{digits}g}, full precision {f.value:.{digits + 3}g} "
                   f"(differs by {p.value - f.value:.2g})")
    if not changed:
        out.append(f"  every value matches full precision to {digits} digits")
    else:
        largest = max(changed, key=lambda pair: abs(pair[1].value - pair[0].value))
        out.append(f"  {len(changed)} of {len(full)} values differ in the last digits; the largest "
                   f"difference is in {largest[0].name}")
    return out


PENCIL_FORMATS = ("text", "markdown")


def annotated(text: str, net: Network, x, d: float, alpha: float, digits: int, format: str) -> str:
    """A trace of the pencil record (``text`` in ``format``) with the pencil note on top in place of
    the usual precision note, and the differences from full precision at the end."""
    from backprop.classroom.quantities import quantities  # here: quantities imports this module
    from backprop.trace.worked import precision_note

    if format not in PENCIL_FORMATS:
        raise ValueError(f"pencil mode is shown as {' or '.join(PENCIL_FORMATS)}, not {format}")
    text = text.replace(precision_note(digits), note(digits), 1)
    full = quantities(net, x, d, alpha)
    lines = differences(full, quantities(net, x, d, alpha, pencil=digits), digits)
    if format == "markdown":
        return text + "\n## " + lines[0].rstrip(":") + "\n\n" + "\n".join(f"- {line.strip()}" for line in lines[1:]) + "\n"
    return text + "\n" + "\n".join(lines) + "\n"
