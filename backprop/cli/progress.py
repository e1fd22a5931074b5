"""The line that updates in place while training runs: epoch, mean E, steps per second.

It is only drawn on a terminal (a file or a pipe would fill up with copies of
the line), at most ten times a second, and it is wiped before the summary is
printed.
"""

import time


class Progress:
    """Show training progress on ``stream`` (if ``enabled``); pass :meth:`update` as ``on_epoch``.

    >>> import io
    >>> stream = io.StringIO()
    >>> progress = Progress(stream, epochs=2, steps_per_epoch=4, enabled=True, clock=iter([0.0, 0.5, 1.0]).__next__)
    >>> progress.update(1, 0.25)
    >>> progress.update(2, 0.125)
    >>> stream.getvalue().split("\\r")[1:]
    ['epoch 1/2   mean E 0.25   8 steps/s', 'epoch 2/2   mean E 0.125   8 steps/s']
    """

    def __init__(self, stream, epochs: int, steps_per_epoch: int, enabled: bool, clock=time.monotonic):
        self.stream = stream
        self.epochs = epochs
        self.steps_per_epoch = steps_per_epoch
        self.enabled = enabled
        self.clock = clock
        self.start = clock() if enabled else 0.0
        self.shown_at = None
        self.width = 0

    def update(self, epoch: int, mean_E: float) -> None:
        """Redraw the line for ``epoch`` (at most every 0.1 s, and always for the last epoch)."""
        if not self.enabled:
            return
        now = self.clock()
        if self.shown_at is not None and now - self.shown_at < 0.1 and epoch < self.epochs:
            return
        self.shown_at = now
        rate = epoch * self.steps_per_epoch / (now - self.start) if now > self.start else 0.0
        line = f"epoch {epoch}/{self.epochs}   mean E {mean_E:.6g}   {rate:,.0f} steps/s"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def clear(self) -> None:
        """Wipe the line, so that what follows starts on a clean one."""
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
