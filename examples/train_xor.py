"""Train the lecture's network on XOR, watch the mean E fall, keep the weights and use them again.

This is what ``python -m backprop train --dataset xor --bias --seed 0 --save xor.json`` does,
written out with the library.  Run it:  python examples/train_xor.py
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop import Network, datasets, train  # noqa: E402
from backprop.pictures.chart import line_chart  # noqa: E402


def report(epoch, mean_E):
    if epoch in (1, 10, 100, 1000):
        print(f"epoch {epoch:4d}: mean E = {mean_E:.3g}")


samples = datasets.samples("xor")
net = Network.random(n_inputs=2, n_hidden=3, bias=True, seed=0)
losses = train(net, samples, alpha=0.5, epochs=1000, on_epoch=report)

print("\nMean E per epoch (log scale)")
print(line_chart(losses, height=8, log=True))

with tempfile.TemporaryDirectory() as folder:  # save, and read back, as --save and predict do
    path = os.path.join(folder, "xor.json")
    net.save(path)
    trained = Network.load(path)

print("\n x_1  x_2   d    y")
for x, d in samples:
    y = round(trained.predict(x), 3) + 0.0  # + 0.0: a y of −0.0001 shows as 0.0, not −0.0
    print(f"{x[0]:4g} {x[1]:4g} {d:4g}   {y:.3f}")
