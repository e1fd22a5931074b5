"""Pictures: the network diagram, the loss curve as SVG and the terminal chart."""
