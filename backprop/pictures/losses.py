"""What training returns: the mean E of each epoch, a list that a notebook shows as its loss curve.

>>> losses = Losses([0.25, 0.125])
>>> losses == [0.25, 0.125], losses
(True, [0.25, 0.125])
>>> losses._repr_svg_().startswith("<svg")
True
"""


class Losses(list):
    """The mean E of each epoch (``losses[k]`` is epoch k + 1's); Jupyter shows it as the loss curve.

    A plain ``list`` in every other way: it compares, prints and serializes as one.
    """

    def _repr_svg_(self) -> str | None:
        """The loss curve as SVG; no picture (the notebook shows the list) when no epoch was completed,
        or when the list holds something that cannot be drawn (a value put in by hand)."""
        from backprop.pictures.svg_plot import loss_curve

        try:
            return loss_curve(self) if self else None
        except (TypeError, ValueError):
            return None
