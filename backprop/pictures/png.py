"""A small PNG image from rows of RGB pixels, with the standard library (zlib) only.

The decision boundary's colour field is such an image, put into its SVG as a
``data:`` URL: a few kilobytes, where a rectangle per pixel would be a hundred.

>>> data = png([[(255, 0, 0), (0, 0, 255)]])
>>> data[:8] == b"\\x89PNG\\r\\n\\x1a\\n", len(data) < 100
(True, True)
"""

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: its length, kind, data and the CRC-32 of kind and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(rows: list[list[tuple[int, int, int]]]) -> bytes:
    """Return the PNG file of an image given as ``rows`` (top first) of ``(red, green, blue)`` pixels, 0–255.

    Raises ``ValueError`` for no rows, rows of different lengths or a value outside 0–255.
    """
    if not rows or not rows[0] or any(len(row) != len(rows[0]) for row in rows):
        raise ValueError("an image needs at least one row of pixels, all rows the same length")
    # every row starts with its filter type, 0 (none)
    raw = b"".join(b"\x00" + bytes(value for pixel in row for value in pixel) for row in rows)
    header = struct.pack(">IIBBBBB", len(rows[0]), len(rows), 8, 2, 0, 0, 0)  # 8 bits, RGB, no interlace
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")
