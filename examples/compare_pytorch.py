"""The lecture's step in backprop and in PyTorch, side by side: the same numbers, two tools.

The lecture's network (2 inputs, 3 sigmoid hidden neurons, 1 output) and its sample are built
twice: once with backprop, where every derivative is the chain rule written out by hand, and
once in PyTorch (float64), where ``E.backward()`` finds them by automatic differentiation.
Both print y, E, every gradient ∂E/∂W and every weight after one step W ← W − α·∂E/∂W.

PyTorch is only needed for this example, never by backprop:  pip install torch
Run it:  python examples/compare_pytorch.py
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop import gradients, lecture_example, sgd_step, squared_error  # noqa: E402
from backprop.loss import error_slope  # noqa: E402
from backprop.math.notation import label  # noqa: E402

try:
    import torch
except ImportError:
    print("This example compares backprop with PyTorch, which is not installed here.")
    print("Install it with:  pip install torch   (backprop itself never needs it)")
    sys.exit(0)

x, d, alpha = lecture_example.x, lecture_example.d, lecture_example.alpha

# backprop: the chain rule, by hand
net = lecture_example.network()
y = net.predict(x)
E = squared_error(d, y)
delta = gradients(net, x)  # δ = ∂y/∂W
# ∂E/∂W = ∂E/∂y · ∂y/∂W = −(d − y) · δ
dE_dW1 = [[error_slope(d, y) * delta_ij for delta_ij in row] for row in delta.dy_dW1]
dE_dW2 = [error_slope(d, y) * delta_j for delta_j in delta.dy_dW2]
sgd_step(net, x, d, alpha)  # W ← W + ΔW, ΔW = α(d − y)·δ

# PyTorch: the same network and sample; autograd finds ∂E/∂W
W1 = torch.tensor(lecture_example.W1, dtype=torch.float64, requires_grad=True)
W2 = torch.tensor(lecture_example.W2, dtype=torch.float64, requires_grad=True)
x_t = torch.tensor(x, dtype=torch.float64)
y_t = torch.sigmoid(x_t @ W1) @ W2  # y = Φ(x·W¹)·W²
E_t = 0.5 * (d - y_t) ** 2  # E = ½(d − y)²
E_t.backward()
with torch.no_grad():
    W1_after, W2_after = W1 - alpha * W1.grad, W2 - alpha * W2.grad  # W ← W − α·∂E/∂W

rows = [("y", y, y_t.item()), ("E", E, E_t.item())]
rows += [(f"∂E/∂{label('W1', i, j)}", dE_dW1[i][j], W1.grad[i][j].item()) for i in range(2) for j in range(3)]
rows += [(f"∂E/∂{label('W2', j)}", dE_dW2[j], W2.grad[j].item()) for j in range(3)]
rows += [(f"{label('W1', i, j)} after", net.W1[i][j], W1_after[i][j].item()) for i in range(2) for j in range(3)]
rows += [(f"{label('W2', j)} after", net.W2[j], W2_after[j].item()) for j in range(3)]

print(f"One step on x = {x}, d = {d}, α = {alpha} (PyTorch {torch.__version__}, float64)\n")
print(f"{'':14}{'backprop':>22}{'PyTorch':>22}{'difference':>13}")
for name, ours, theirs in rows:
    print(f"{name:14}{ours:22.17g}{theirs:22.17g}{ours - theirs:13.2g}")
largest = max(abs(ours - theirs) for name, ours, theirs in rows)
print(f"\nThe largest difference is {largest:.2g}: the last bits of float64 rounding, nothing more.")
