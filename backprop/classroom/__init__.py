"""The classroom: practice problems worked with a pencil."""
