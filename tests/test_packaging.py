"""The release as a person gets it: an sdist and a wheel that install into a fresh virtual
environment and run from outside the clone, with metadata that ``twine check`` accepts.

``build``, ``twine`` and a recent ``setuptools`` come with the test extra (``pip install -e
".[test]"``), not with the library; without them these tests are skipped and fail in CI (see
``require_module``). The distribution
is built once per suite (a few seconds), from a copy of the project, so the clone gets no
``build/`` or ``*.egg-info`` folder.
"""

import glob
import os
import shutil
import subprocess
import sys
import venv

import pytest

import backprop
from conftest import ROOT, require_module

pytestmark = pytest.mark.packaging

NOT_SHIPPED = shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache",
                                     ".hypothesis", ".venv*", "venv")  # a virtual environment in the clone: 300 MB


def _check(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The folder holding the sdist and the wheel, built from a copy of the project."""
    require_module("build")
    require_module("setuptools", minimum=(77,))  # --no-isolation builds with the running one
    source = tmp_path_factory.mktemp("source") / "backprop"
    shutil.copytree(ROOT, source, ignore=NOT_SHIPPED)
    out = tmp_path_factory.mktemp("dist")
    # the sdist, then the wheel built from the sdist: a file missing from the sdist shows up here
    _check([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)])
    return out


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory):
    """The ``bin`` folder of a fresh virtual environment with the wheel installed, nothing else."""
    environment = tmp_path_factory.mktemp("venv") / "venv"
    venv.create(environment, with_pip=False)  # pip from this interpreter installs into it (seconds faster)
    bin_folder = environment / ("Scripts" if os.name == "nt" else "bin")
    wheel, = glob.glob(str(dist / "*.whl"))
    _check([sys.executable, "-m", "pip", "--python", str(bin_folder / "python"), "install", "-q", "--no-deps",
            "--no-index", wheel])
    return bin_folder


def _outside(tmp_path):
    """Where a user runs the installed commands: not the clone, and no path leading back to it."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return {"cwd": str(tmp_path), "env": {**env, "PYTHONIOENCODING": "utf-8"}}


def test_the_sdist_and_the_wheel_carry_the_name_and_the_version(dist):
    version = backprop.__version__
    assert sorted(os.listdir(dist)) == [f"backprop_lecture-{version}-py3-none-any.whl",
                                        f"backprop_lecture-{version}.tar.gz"]


def test_the_sdist_carries_the_docs_and_the_examples(dist):
    import tarfile

    with tarfile.open(glob.glob(str(dist / "*.tar.gz"))[0]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for path in ("README.md", "LICENSE", "CHANGELOG.md", "CITATION.cff", "docs/cli.md", "docs/notation.md",
                 "examples/handout.py", "backprop/__init__.py", "backprop/py.typed"):
        assert path in names, path


def test_the_installed_commands_run_outside_the_clone(installed, tmp_path):
    where = _outside(tmp_path)
    version = _check([str(installed / "backprop"), "--version"], **where)
    assert version.stdout == f"backprop-lecture {backprop.__version__}\n"
    for command in ([str(installed / "backprop")], [str(installed / "python"), "-m", "backprop"]):
        result = _check(command, **where)
        # the lecture's first hidden input: h′_1 = 1·0.5 + 0.5·0.2 = 0.6
        assert "h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·0.5 + 0.5·0.2 = 0.6\n" in result.stdout
    imported = _check([str(installed / "python"), "-c", "import backprop; print(backprop.__file__)"], **where)
    assert os.path.realpath(imported.stdout.strip()).startswith(os.path.realpath(installed.parent))
    assert os.listdir(tmp_path) == []  # nothing written where it ran


def test_an_example_runs_on_the_installed_wheel(installed, tmp_path):
    example = tmp_path / "xor.py"  # a copy, away from the clone: it can import only the installed backprop
    shutil.copy(os.path.join(ROOT, "examples", "xor.py"), example)
    result = _check([str(installed / "python"), str(example)], **_outside(tmp_path))
    assert result.stdout


def test_the_wheel_carries_the_digits_and_their_attribution(dist, installed, tmp_path):
    import zipfile

    with zipfile.ZipFile(glob.glob(str(dist / "*.whl"))[0]) as wheel:
        names = set(wheel.namelist())
    assert {"backprop/files/data/digits.csv.gz", "backprop/files/data/DIGITS-LICENSE.txt"} <= names
    # read from the installed package, not the clone: 1,797 samples of 64 pixels, the last one an 8
    result = _check([str(installed / "python"), "-c", "from backprop.files import digits; "
                     "rows = digits.pixels_and_digits(); print(len(rows), len(rows[0][0]), rows[-1][1])"],
                    **_outside(tmp_path))
    assert result.stdout.split() == ["1797", "64", "8"]


def test_twine_accepts_the_metadata(dist):
    require_module("twine")
    files = sorted(glob.glob(str(dist / "*")))
    result = _check([sys.executable, "-m", "twine", "check", "--strict", *files])
    assert result.stdout.count("PASSED") == 2
