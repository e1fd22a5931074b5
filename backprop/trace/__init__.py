"""Explaining one step: the record of every number of a backpropagation step, the
built-in examples, and the formats it is written in (:mod:`backprop.trace.formats`)."""
