"""Pictures: the network diagram, the loss curve as SVG and the terminal chart, the picture of a
network's weights, the decision boundary, and the training report that puts them on one page."""
