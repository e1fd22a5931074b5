"""The commands of ``python -m backprop``, one module each (see :mod:`backprop.cli`)."""
