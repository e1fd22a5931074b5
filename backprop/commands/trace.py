"""``python -m backprop trace``: one backpropagation step of the lecture's network, shown."""

import argparse

from backprop import lecture_example
from backprop.commands.options import add_network_options, network_from_options, numbers
from backprop.loss import squared_error
from backprop.notation import label
from backprop.train import gradients, sgd_step


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--x", type=numbers, default=lecture_example.x, metavar='"x1,x2"',
                        help="the input (default %(default)s)")
    parser.add_argument("--d", type=float, default=lecture_example.d, help="the desired output")
    parser.add_argument("--alpha", type=float, default=lecture_example.alpha, help="the learning rate α")
    add_network_options(parser)


def run(args: argparse.Namespace) -> int:
    net = network_from_options(args, len(args.x), default=lecture_example.network())
    x = net.check_x(args.x)
    forward = net.feedforward(x)
    delta = gradients(net, x)
    step = sgd_step(net, x, args.d, args.alpha)
    print("Feedforward")
    for j, h_prime_j in enumerate(forward.h_prime):
        print(f"  {label('h′', j)} = {h_prime_j:.6g}   {label('h', j)} = Φ({label('h′', j)}) = {forward.h[j]:.6g}")
    print(f"  y = {forward.y:.6g}")
    print("Error")
    print(f"  E = ½(d − y)² = {step.E:.6g}")
    print("Backpropagation")
    for j, value in enumerate(delta.dy_dW2):
        print(f"  ∂y/∂{label('W2', j)} = {value:.6g}   Δ{label('W2', j)} = {step.delta_W2[j]:.6g}")
    for i, row in enumerate(delta.dy_dW1):
        for j, value in enumerate(row):
            print(f"  ∂y/∂{label('W1', i, j)} = {value:.6g}   Δ{label('W1', i, j)} = {step.delta_W1[i][j]:.6g}")
    print(f"After the step: E = {squared_error(args.d, net.predict(x)):.6g}")
    return 0
