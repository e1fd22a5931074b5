"""The worked step in the words of other texts: the textbook's δ, and the matrix form.

``trace --notation textbook`` writes the step as Nielsen's book, CS231n and most worked examples
do: δ is the error at a neuron's input sum, ∂E/∂h′, not the lecture's ∂y/∂W:

    δ_out = ∂E/∂y′ = −(d − y) · Φ_out′(y′)                       (the output; −(d − y) with cross-entropy)
    δ_j   = ∂E/∂h′_j = Φ′(h′_j) · Σ_l W_jl · δ_l                 (back, one layer after the other)
    ∂E/∂W_ij = (the input of W_ij) · δ_j,   ΔW = −α · ∂E/∂W

and ends with a table that sets each of the lecture's quantities beside the textbook's, with both
numbers: δ_j = −(d − y) · ∂y/∂h′_j and ∂E/∂W = −(d − y) · δ (the lecture's δ).

``trace --notation matrix`` writes the step as the course's later lectures do, with x and h as
row vectors and ⊙ the elementwise product:

    h′ = x·W¹,  h = Φ(h′),  y = h·W²;  e = (d − y) ⊙ Φ_out′(y′)
    ΔW² = α · hᵀ·e,  ΔW¹ = α · xᵀ·((e·W²ᵀ) ⊙ Φ′(h′))

(the lecture's ΔW² = α(d − y)·hᵀ when Φ_out is the identity), for any depth and several outputs.

Both are computed here from the values of the forward pass in an explanation record
(:func:`backprop.trace.explain.explain`), by these formulas, so that a test can hold them against
the lecture's numbers in the same record. Each is built once as a list of blocks (a heading, prose,
a worked line, a matrix with its numbers, a table) that :mod:`backprop.trace.notation_formats` writes
as text, Markdown, LaTeX (``pmatrix``) or HTML.
"""

from backprop.math.notation import label, layer, layer as numbered, number as shown_number
from backprop.math.sums import add_up
from backprop.trace.notation_formats import Heading, Prose, Shown, Table, Worked, write
from backprop.trace.worked import is_lecture

NOTATIONS = ("lecture", "textbook", "matrix")


def inputs(record: dict) -> list[list[float]]:
    """The values that meet W¹ … Wᴷ: x, h¹, …, with the bias input 1 last if the network has a bias."""
    values = [record["x"]] + record["h"]
    return [v + [1.0] for v in values] if record["bias"] else values


def cross_entropy(record: dict) -> bool:
    """Whether the step's E is cross-entropy: then ∂E/∂y′ = −(d − y), Φ_out′ cancels (see backprop/loss.py)."""
    return record.get("loss", "squared") == "cross_entropy"


def error_terms(record: dict) -> list[list[float]]:
    """The textbook's δ of every layer k = 1 … K: δᵏ_j = ∂E/∂h′ᵏ_j (the last list: ∂E/∂y′_j)."""
    W = record["W"]
    # δ_out_j = ∂E/∂y′_j = −(d_j − y_j) · Φ_out′(y′_j); with cross-entropy Φ_out′ cancels: −(d_j − y_j)
    slopes = [1.0] * len(record["y"]) if cross_entropy(record) else record["phi_out_prime"]
    deltas = [[-(d_j - y_j) * slope_j for d_j, y_j, slope_j in zip(record["d"], record["y"], slopes)]]
    for k in range(len(W) - 1, 0, -1):  # back: δ of layer k from δ of layer k + 1 (W[k] is Wᵏ⁺¹)
        # δᵏ_i = Φ′(h′ᵏ_i) · Σ_j Wᵏ⁺¹_ij · δᵏ⁺¹_j          (the bias row of W[k] has no neuron before it)
        deltas.insert(0, [phi_prime_i * add_up(W_ij * delta_j for W_ij, delta_j in zip(W[k][i], deltas[0]))
                          for i, phi_prime_i in enumerate(record["phi_prime"][k - 1])])
    return deltas


def textbook(record: dict, digits: int = 4, format: str = "text") -> str:
    """The step of ``record`` with the textbook's δ = ∂E/∂h′, and a table mapping the lecture's quantities,
    written in ``format`` (one of :data:`~backprop.trace.notation_formats.NOTATION_FORMATS`).

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> text = textbook(explain(example.network(), example.x, example.d, example.alpha))
    >>> [line.strip() for line in text.splitlines() if line.strip().startswith("δ_out")]
    ['δ_out = ∂E/∂y′ = −(d − y)·Φ_out′(y′) = −(1 − 0.1888)·1 = −0.8112']
    """
    return write(textbook_blocks(record, digits), format, digits, "One backpropagation step in the textbook's notation")


def matrix(record: dict, digits: int = 4, format: str = "text") -> str:
    """The step of ``record`` in matrix form, vectors and matrices with their numbers, written in
    ``format`` (one of :data:`~backprop.trace.notation_formats.NOTATION_FORMATS`; LaTeX writes each matrix as a ``pmatrix``).

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> text = matrix(explain(example.network(), example.x, example.d, example.alpha))
    >>> print(next(line for line in text.splitlines() if line.startswith("  h′")))
      h′ = x·W¹ = [ 0.6  0.05  0.5 ]
    """
    return write(matrix_blocks(record, digits), format, digits, "One backpropagation step in matrix form")


def textbook_blocks(record: dict, digits: int = 4) -> list:
    """The blocks of :func:`textbook`: its worked lines hold numbers rounded to ``digits``."""
    def n(value: float) -> str:
        text = shown_number(value, digits)
        return f"({text})" if value < 0 else text

    lecture, W, K, alpha = is_lecture(record), record["W"], len(record["W"]), record["alpha"]
    n_outputs = len(record["y"])
    deltas, ins = error_terms(record), inputs(record)
    ce = cross_entropy(record)
    lecture_y = "y′" if ce else "y"  # the lecture's δ with cross-entropy is ∂y′/∂W (y′ in place of y)

    def delta(k: int, j: int) -> str:  # δ_out (δ_out_j), δ_j in the lecture's network, δᵏ_j deeper
        if k == K - 1:
            return "δ_out" if n_outputs == 1 else label("δ_out", j)
        return label("δ" if lecture else layer("δ", k), j)

    def neuron(k: int, i: int) -> str:  # what meets Wᵏ⁺¹'s row i: x_i, h_i (h¹_i), or the bias input 1
        if i >= len(ins[k]) - record["bias"]:
            return "1"
        return label("x", i) if k == 0 else label("h" if lecture else layer("h", k - 1), i)

    def weight(k: int, i: int, j: int) -> str:
        return label("W²", i) if lecture and k == 1 else label(layer("W", k), i, j)

    def h_prime(k: int, j: int) -> str:
        if k == K - 1:
            return "y′" if n_outputs == 1 else label("y′", j)
        return label("h′" if lecture else layer("h′", k), j)

    out = [Prose(("One backpropagation step in the textbook's notation (Nielsen's book, CS231n): δ is the error at a",
                  "neuron's input sum, δ = ∂E/∂h′ (in the lecture δ is ∂y/∂W; the table at the end maps one to the other).")),
           Heading("1. The output's error term")]
    for j, (d_j, y_j, slope_j) in enumerate(zip(record["d"], record["y"], record["phi_out_prime"])):
        d, y, y_p = ("d", "y", "y′") if n_outputs == 1 else (label("d", j), label("y", j), label("y′", j))
        if ce:  # cross-entropy: Φ_out′ cancels (trace --notation lecture shows why)
            out.append(Worked(f"{delta(K - 1, j)} = ∂E/∂{y_p} = −({d} − {y}) = −({shown_number(d_j, digits)} − "
                              f"{shown_number(y_j, digits)}) = {shown_number(deltas[-1][j], digits)}  (cross-entropy: Φ_out′ cancels)"))
            continue
        out.append(Worked(f"{delta(K - 1, j)} = ∂E/∂{y_p} = −({d} − {y})·Φ_out′({y_p}) = −({shown_number(d_j, digits)} − "
                          f"{shown_number(y_j, digits)})·{n(slope_j)} = {shown_number(deltas[-1][j], digits)}"))
    if K > 1:
        out.append(Heading("2. Back through the hidden layers: δ_i = Φ′(h′_i)·Σ_j W_ij·δ_j, one path per j added up"))
    for k in range(K - 2, -1, -1):
        for i, delta_i in enumerate(deltas[k]):
            paths = [(weight(k + 1, i, j), delta(k + 1, j), W[k + 1][i][j], deltas[k + 1][j]) for j in range(len(deltas[k + 1]))]
            out.append(Worked(f"{delta(k, i)} = ∂E/∂{h_prime(k, i)} = Φ′({h_prime(k, i)})·(" + " + ".join(f"{w}·{e}" for w, e, _, _ in paths)
                              + f") = {n(record['phi_prime'][k][i])}·(" + " + ".join(f"{n(a)}·{n(b)}" for _, _, a, b in paths)
                              + f") = {shown_number(delta_i, digits)}"))
    out.append(Heading(f"{2 + (K > 1)}. The gradients: ∂E/∂W = (the input of W)·δ, and the step ΔW = −α·∂E/∂W"))
    for k in range(K - 1, -1, -1):
        for i, input_i in enumerate(ins[k]):
            for j, delta_j in enumerate(deltas[k]):
                dE_dW = input_i * delta_j
                out.append(Worked(f"∂E/∂{weight(k, i, j)} = {neuron(k, i)}·{delta(k, j)} = {n(input_i)}·{n(delta_j)} = "
                                  f"{shown_number(dE_dW, digits)};  Δ{weight(k, i, j)} = −{shown_number(alpha, digits)}·"
                                  f"{n(dE_dW)} = {shown_number(-alpha * dE_dW, digits)}"))
    out.append(Heading(f"{3 + (K > 1)}. The lecture's quantities and the textbook's, for the same step"))
    rows = []
    if n_outputs == 1:
        for k in range(K - 1, -1, -1):
            for j, delta_j in enumerate(deltas[k]):
                rows.append([f"∂{lecture_y}/∂{h_prime(k, j)} (error term)", record["dy_dh_prime"][0][k][j],
                             f"{delta(k, j)} = ∂E/∂{h_prime(k, j)}", delta_j, f"{delta(k, j)} = −(d − y)·∂{lecture_y}/∂{h_prime(k, j)}"])
        for k in range(K - 1, -1, -1):
            for i in range(len(ins[k])):
                for j in range(len(deltas[k])):
                    rows.append([f"δ = ∂{lecture_y}/∂{weight(k, i, j)}", record["dy_dW"][0][k][i][j], f"∂E/∂{weight(k, i, j)}",
                                 ins[k][i] * deltas[k][j], "∂E/∂W = −(d − y)·δ"])
    for k in range(K - 1, -1, -1):
        for i in range(len(ins[k])):
            for j in range(len(deltas[k])):
                ours = "α(d − y)·δ" if n_outputs == 1 else f"α·Σ_j (d_j − y_j)·∂{lecture_y}_j/∂W"
                rows.append([f"Δ{weight(k, i, j)} = {ours}", record["delta_W"][k][i][j],
                             f"Δ{weight(k, i, j)} = −α·∂E/∂W", -alpha * ins[k][i] * deltas[k][j], "the same step"])
    out.append(Table(("the lecture", "value", "the textbook", "value", "from one to the other"), rows))
    if n_outputs == 1:
        out.append(Worked(f"(−(d − y) = {shown_number(-(record['d'][0] - record['y'][0]), digits)})"))  # ∂E/∂y = −(d − y)
    return out


def matrix_blocks(record: dict, digits: int = 4) -> list:
    """The blocks of :func:`matrix` (its matrices keep every digit; ``digits`` rounds E)."""
    W, K, alpha, bias = record["W"], len(record["W"]), record["alpha"], record["bias"]
    ins = inputs(record)
    x_name = "(x, 1)" if bias else "x"

    def layer(name: str, k: int) -> str:  # h and h′ as the lecture writes them in its network, h¹ deeper
        return name if is_lecture(record) and name in ("h", "h′") else numbered(name, k)

    prose = ["One backpropagation step in matrix form (the course's later lectures): x and h are row vectors,",
             "Wᵏ has a row per input of layer k and a column per neuron, ⊙ is the elementwise product."]
    if bias:
        prose += ["With a bias, the constant input 1 ends every input vector and the bias row ends every W",
                  "(going back, eᵏ·Wᵏᵀ leaves the bias row out)."]
    out = [Prose(tuple(prose)), Heading("1. Forward"), Shown(x_name, [ins[0]])]
    for k in range(K):
        before = x_name if k == 0 else (f"({layer('h', k - 1)}, 1)" if bias else layer("h", k - 1))
        out.append(Shown(layer("W", k), W[k]))
        if k < K - 1:
            out.append(Shown(f"{layer('h′', k)} = {before}·{layer('W', k)}", [record["h_prime"][k]]))
            out.append(Shown(f"{layer('h', k)} = Φ({layer('h′', k)})", [record["h"][k]]))
        elif record["output_activation"] == "identity":  # the lecture's output: y = y′
            out.append(Shown(f"y = {before}·{layer('W', k)}", [record["y"]]))
        else:
            out.append(Shown(f"y′ = {before}·{layer('W', k)}", [record["y_prime"]]))
            out.append(Shown("y = Φ_out(y′)", [record["y"]]))
    errors = [d_j - y_j for d_j, y_j in zip(record["d"], record["y"])]
    E = (f"E = {shown_number(record['E'], digits)}  (cross-entropy: Φ_out′ cancels, so e = d − y)" if cross_entropy(record)
         else f"E = ½·(d − y)·(d − y)ᵀ = {shown_number(record['E'], digits)}")
    out += [Heading("2. The error"), Shown("d − y", [errors]), Worked(E),
            Heading("3. Backward: e is the lecture's (d − y) carried back, e = −∂E/∂h′ (the textbook's −δ)")]
    terms = [[-delta_j for delta_j in deltas] for deltas in error_terms(record)]  # eᵏ = −δᵏ
    e_out = "d − y" if cross_entropy(record) else "(d − y) ⊙ Φ_out′(y′)"
    out.append(Shown(f"{numbered('e', K - 1)} = {e_out}", [terms[-1]]))
    for k in range(K - 1, 0, -1):  # eᵏ = (eᵏ⁺¹·Wᵏ⁺¹ᵀ) ⊙ Φ′(h′ᵏ), Wᵏ⁺¹ without its bias row
        out.append(Shown(f"{numbered('e', k - 1)} = ({numbered('e', k)}·{numbered('W', k)}ᵀ) ⊙ Φ′({layer('h′', k - 1)})",
                         [terms[k - 1]]))
    out.append(Heading("4. The changes ΔWᵏ = α·(the input of Wᵏ)ᵀ·eᵏ and the update W ← W + ΔW"))
    for k in range(K):
        before = x_name if k == 0 else (f"({layer('h', k - 1)}, 1)" if bias else layer("h", k - 1))
        delta_W = [[alpha * input_i * e_j for e_j in terms[k]] for input_i in ins[k]]
        out.append(Shown(f"Δ{layer('W', k)} = α·{before}ᵀ·{layer('e', k)}", delta_W))
        out.append(Shown(f"{layer('W', k)} + Δ{layer('W', k)}", record["W_new"][k]))
    return out
