"""One backpropagation step of a deep network, as a record and as text in the lecture's notation.

:func:`step_record` runs one step with the library's own functions and returns
every value of it — h′ and h of each layer, y, E, the error terms and δ of each
output, ΔW, the new weights and E after — as a dict that ``json.dumps`` takes
as it is. :func:`render` writes that record out, formula by formula, with the
lecture's one-based names (h′¹_2, W³_21, …).

>>> from backprop.trace import quiz_example
>>> record = step_record(quiz_example.network(), quiz_example.x, quiz_example.d,
...                      quiz_example.alpha)
>>> record["E_after"] < record["E"]
True
>>> print(render(record).splitlines()[0])
A 1-2-2-1 network: x, hidden layers h¹ (2 neurons) and h² (2 neurons), y; Φ = sigmoid, no bias
"""

from backprop.math import validate
from backprop.math.deep import DeepNetwork, _check_network, _gradients, _squared_error, sgd_step
from backprop.math.notation import label, layer


def step_record(net: DeepNetwork, x, d, alpha: float) -> dict:
    """Return every value of one backpropagation step of ``net`` on ``(x, d)``; ``net`` is kept.

    The step is taken on a copy, so ``net`` keeps its weights. Keys: ``layers``,
    ``activation``, ``bias``, ``x``, ``d``, ``alpha``, ``W`` (before the step),
    ``h_prime`` and ``h`` (one list per hidden layer), ``y``, ``E``,
    ``gradients`` (one ``{"dy_dh_prime", "dy_dW"}`` per output, as in
    :class:`~backprop.math.deep.DeepGradients`), ``delta_W``, ``W_after``, ``E_after``;
    with an output activation also ``output_activation`` and ``y_prime`` (y′_j, with y_j = Φ_out(y′_j)).
    Python's zero-based positions throughout: ``W[0][0][1]`` is W¹_12.

    >>> net = DeepNetwork([[[1.0]], [[2.0]]], activation="identity")
    >>> record = step_record(net, [1.0], d=3.0, alpha=0.25)    # y = 2, α(d − y) = 0.25
    >>> record["y"], record["E"], record["delta_W"], record["W_after"], record["E_after"]
    ([2.0], 0.5, [[[0.5]], [[0.25]]], [[[1.5]], [[2.25]]], 0.0703125)
    >>> net.W
    [[[1.0]], [[2.0]]]

    Raises what :func:`backprop.math.deep.sgd_step` raises; ``net`` is never changed.
    """
    _check_network(net)
    x, d = net.check_x(x), net.check_d(d)
    alpha = validate.positive(alpha, "alpha")
    forward = net._feedforward(x)
    gradients = [_gradients(net, forward, k) for k in range(net.n_outputs)]
    after = net.copy()
    step = sgd_step(after, x, d, alpha)
    record = {
        "layers": list(net.layers),
        "activation": net.activation,
        "bias": net.bias,
        "x": x,
        "d": d,
        "alpha": alpha,
        "W": net.copy().W,
        "h_prime": forward.h_prime,
        "h": forward.h,
        "y": forward.y,
        "E": step.E,
        "gradients": [{"dy_dh_prime": g.dy_dh_prime, "dy_dW": g.dy_dW} for g in gradients],
        "delta_W": step.delta_W,
        "W_after": after.W,
        "E_after": _squared_error(d, after._feedforward(x).y),
    }
    if net.output_activation != "identity":  # beyond the lecture: y_j = Φ_out(y′_j)
        record.update(output_activation=net.output_activation, y_prime=forward.y_prime)
    return record


def render(record: dict, digits: int = 6) -> str:
    """Write a :func:`step_record` out as text, formula by formula, one-based, numbers to ``digits``
    significant digits.

    >>> net = DeepNetwork([[[1.0]], [[2.0]]], activation="identity")
    >>> print(render(step_record(net, [1.0], d=3.0, alpha=0.25)))
    A 1-1-1 network: x, hidden layer h¹ (1 neuron), y; Φ = identity, no bias
    x = (1), d = 3, α = 0.25
    <BLANKLINE>
    Feedforward: h′ᵏ_j = Σ_i hᵏ⁻¹_i · Wᵏ_ij and hᵏ_j = Φ(h′ᵏ_j), from h⁰ = x
      h′¹_1 = x_1·W¹_11 = 1     h¹_1 = Φ(h′¹_1) = 1
      y = h¹_1·W²_11 = 2
    Error
      E = ½(d − y)² = 0.5
    Backpropagation of y: each layer's error term from the one after it
      ∂y/∂y = 1
      ∂y/∂h′¹_1 = Φ′(h′¹_1)·(W²_11·∂y/∂y) = 2
      δ²_11 = ∂y/∂W²_11 = h¹_1·∂y/∂y = 1
      δ¹_11 = ∂y/∂W¹_11 = x_1·∂y/∂h′¹_1 = 2
    The step: ΔW = α(d − y)·∂y/∂W, W ← W + ΔW
      ΔW²_11 = 0.25     W²_11 = 2 → 2.25
      ΔW¹_11 = 0.5     W¹_11 = 1 → 1.5
    After the step: E = 0.0703125

    Raises ``ValueError`` for ``digits`` below 1.
    """
    digits = validate.count(digits, "digits")
    K = len(record["W"])
    sizes = record["layers"]
    one_output = sizes[-1] == 1
    hidden = [f"{layer('h', k)} ({n} neuron{'s' if n != 1 else ''})" for k, n in enumerate(sizes[1:-1])]
    parts = ["x"]
    if hidden:
        listed = hidden[0] if len(hidden) == 1 else ", ".join(hidden[:-1]) + " and " + hidden[-1]
        parts.append(("hidden layer " if len(hidden) == 1 else "hidden layers ") + listed)
    parts.append("y")
    d = _number(record["d"][0], digits) if one_output else _numbers(record["d"], digits)
    lines = [
        f"A {'-'.join(map(str, sizes))} network: {', '.join(parts)}; Φ = {record['activation']}, "
        + (f"Φ_out = {record['output_activation']}, " if "y_prime" in record else "")
        + ("with bias" if record["bias"] else "no bias"),
        f"x = {_numbers(record['x'], digits)}, d = {d}, α = {_number(record['alpha'], digits)}",
        "",
        "Feedforward: h′ᵏ_j = Σ_i hᵏ⁻¹_i · Wᵏ_ij and hᵏ_j = Φ(h′ᵏ_j), from h⁰ = x",
    ]
    for k in range(K):
        for j in range(sizes[k + 1]):
            terms = " + ".join(f"{_into(record, k, i)}·{_weight(k, i, j)}" for i in range(_rows(record, k)))
            if k < K - 1:
                h_prime, h = _pre(record, k, j), label(layer("h", k), j)
                lines.append(f"  {h_prime} = {terms} = {_number(record['h_prime'][k][j], digits)}     "
                             f"{h} = Φ({h_prime}) = {_number(record['h'][k][j], digits)}")
            elif "y_prime" in record:  # y′_j, then y_j = Φ_out(y′_j)
                lines.append(f"  {_pre(record, k, j)} = {terms} = {_number(record['y_prime'][j], digits)}     "
                             f"{_y(record, j)} = Φ_out({_pre(record, k, j)}) = {_number(record['y'][j], digits)}")
            else:
                lines.append(f"  {_y(record, j)} = {terms} = {_number(record['y'][j], digits)}")
    lines += ["Error", f"  E = {'½(d − y)²' if one_output else '½ Σ_j (d_j − y_j)²'} = "
                       f"{_number(record['E'], digits)}"]
    for o, grads in enumerate(record["gradients"]):
        y = _y(record, o)
        lines.append(f"Backpropagation of {y}: each layer's error term from the one after it")
        for j in range(sizes[-1]):
            slope = f"Φ_out′({_pre(record, K - 1, j)}) = " if "y_prime" in record and j == o else ""
            lines.append(f"  ∂{y}/∂{_pre(record, K - 1, j)} = {slope}{_number(grads['dy_dh_prime'][-1][j], digits)}")
        for k in reversed(range(K - 1)):  # the hidden layers, from the last back to the first
            for i in range(sizes[k + 1]):
                paths = " + ".join(f"{_weight(k + 1, i, j)}·∂{y}/∂{_pre(record, k + 1, j)}"
                                   for j in range(sizes[k + 2]))
                lines.append(f"  ∂{y}/∂{_pre(record, k, i)} = Φ′({_pre(record, k, i)})·({paths}) = "
                             f"{_number(grads['dy_dh_prime'][k][i], digits)}")
        for k in reversed(range(K)):
            for i in range(_rows(record, k)):
                for j in range(sizes[k + 1]):
                    delta = f"{label(layer('δ', k), i, j)} = " if one_output else ""
                    lines.append(f"  {delta}∂{y}/∂{_weight(k, i, j)} = "
                                 f"{_into(record, k, i)}·∂{y}/∂{_pre(record, k, j)} = "
                                 f"{_number(grads['dy_dW'][k][i][j], digits)}")
    step = "α(d − y)·∂y/∂W" if one_output else "α Σ_j (d_j − y_j)·∂y_j/∂W"
    lines.append(f"The step: ΔW = {step}, W ← W + ΔW")
    for k in reversed(range(K)):
        for i in range(_rows(record, k)):
            for j in range(sizes[k + 1]):
                w = _weight(k, i, j)
                lines.append(f"  Δ{w} = {_number(record['delta_W'][k][i][j], digits)}     "
                             f"{w} = {_number(record['W'][k][i][j], digits)} → "
                             f"{_number(record['W_after'][k][i][j], digits)}")
    lines.append(f"After the step: E = {_number(record['E_after'], digits)}")
    return "\n".join(lines)


def _number(value: float, digits: int) -> str:
    return f"{value:.{digits}g}"


def _numbers(values: list[float], digits: int) -> str:
    """``(v_1, v_2, …)``, each to ``digits`` significant digits."""
    return f"({', '.join(_number(value, digits) for value in values)})"


def _weight(k: int, i: int, j: int) -> str:
    """Wᵏ⁺¹_(i+1)(j+1), the name of ``W[k][i][j]``."""
    return label(layer("W", k), i, j)


def _rows(record: dict, k: int) -> int:
    """The rows of ``W[k]``: a neuron of layer k each, and the bias row."""
    return record["layers"][k] + record["bias"]


def _y(record: dict, j: int) -> str:
    """Output j's name: y alone, as in the lecture, when it is the only one."""
    return "y" if record["layers"][-1] == 1 else label("y", j)


def _into(record: dict, k: int, i: int) -> str:
    """The name of what ``W[k][i][…]`` multiplies: x_i, hᵏ_i, or the bias input, the constant 1."""
    if i == record["layers"][k]:
        return "1"
    return label("x", i) if k == 0 else label(layer("h", k - 1), i)


def _pre(record: dict, k: int, j: int) -> str:
    """The name of the sum that ``W[k][…][j]`` feeds: h′ᵏ⁺¹_j, or the output y_j (y′_j with Φ_out)."""
    if k < len(record["W"]) - 1:
        return label(layer("h′", k), j)
    if "y_prime" in record:
        return "y′" if record["layers"][-1] == 1 else label("y′", j)
    return _y(record, j)
