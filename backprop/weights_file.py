"""Saving a trained network to a JSON weights file, and reading it back.

A weights file looks like this (floats are written so they read back exactly)::

    {"format": "backprop-weights", "version": 1, "activation": "sigmoid",
     "bias": false, "W1": [[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], "W2": [0.4, -0.5, 0.3]}

:func:`save` writes a temporary file in the same folder and then renames it over
the target, so an interrupted save never leaves a broken or half-written file.
:func:`load` checks everything and names the first problem it finds.
"""

import json

from backprop.activations import ACTIVATIONS
from backprop.atomic_file import write_text
from backprop.network import Network

FORMAT = "backprop-weights"
VERSION = 1


def to_dict(net: Network) -> dict:
    """Return the weights file's contents for ``net`` as a dict.

    >>> to_dict(Network([[1.0], [2.0]], [3.0]))["W1"]
    [[1.0], [2.0]]
    """
    if net.activation not in ACTIVATIONS:
        raise ValueError(
            f"cannot save a network with the custom activation {net.activation!r}; only the "
            f"named ones ({', '.join(ACTIVATIONS)}) can be saved"
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "activation": net.activation,
        "bias": net.bias,
        "W1": [list(row) for row in net.W1],
        "W2": list(net.W2),
    }


def save(net: Network, path) -> None:
    """Write ``net`` to ``path`` as a weights file, atomically: all of it or nothing."""
    write_text(path, json.dumps(to_dict(net), indent=2) + "\n")


def from_dict(data, source: str = "weights") -> Network:
    """Return the network described by a weights file's contents, checking every field.

    >>> from_dict({"format": "backprop-weights", "version": 1, "activation": "relu",
    ...            "bias": False, "W1": [[1.0], [2.0]], "W2": [3.0]})
    Network(W1=[[1.0], [2.0]], W2=[3.0], activation='relu', bias=False)
    >>> from_dict({"format": "backprop-weights", "version": 7})
    Traceback (most recent call last):
    ...
    ValueError: weights: version 7 is not supported; this backprop reads version 1
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{source}: not a backprop weights file (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise ValueError(
            f"{source}: version {data.get('version')!r} is not supported; this backprop reads "
            f"version {VERSION}"
        )
    for field in ("activation", "bias", "W1", "W2"):
        if field not in data:
            raise ValueError(f"{source}: the field {field!r} is missing")
    try:
        return Network(data["W1"], data["W2"], activation=data["activation"], bias=data["bias"])
    except (TypeError, ValueError) as error:
        raise ValueError(f"{source}: {error}") from None


def load(path) -> Network:
    """Read the network in the weights file at ``path``.

    Raises ``ValueError`` naming the first problem in a broken, truncated or
    foreign file, and ``OSError`` if the file cannot be read.
    """
    with open(path, "rb") as file:
        raw = file.read()
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError as error:  # json.JSONDecodeError, or bytes that are not UTF-8
        raise ValueError(f"{path}: not a weights file, the JSON is broken ({error})") from None
    return from_dict(data, source=str(path))
