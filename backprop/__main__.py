"""``python -m backprop``: see :mod:`backprop.cli`."""

try:
    import sys

    from backprop.cli import main
except KeyboardInterrupt:  # Ctrl-C while the program is still loading: one line, status 130
    print("python -m backprop: stopped by Ctrl-C", file=sys.stderr)
    raise SystemExit(130) from None

if __name__ == "__main__":
    sys.exit(main())
