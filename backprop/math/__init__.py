"""The math beyond the lecture's four modules: deeper networks, the gradient check,
the checks every input passes, and the one-based names a person is shown."""
