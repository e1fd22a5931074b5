"""examples/compare_pytorch.py without PyTorch: it says how to install it, and exits 0."""

import os

from conftest import ROOT

HIDE_TORCH = (
    "import sys, runpy; sys.modules['torch'] = None; "  # None in sys.modules makes 'import torch' fail
    f"runpy.run_path({os.path.join(ROOT, 'examples', 'compare_pytorch.py')!r}, run_name='__main__')"
)


def test_without_pytorch_it_says_how_to_install_it(run):
    result = run("-c", HIDE_TORCH)
    assert result.returncode == 0, result.stderr
    assert "pip install torch" in result.stdout
    assert result.stderr == ""
