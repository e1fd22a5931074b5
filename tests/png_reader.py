"""A tiny PNG reader for the tests (8-bit RGB or RGBA, not interlaced): enough to look at screenshots."""

import struct
import zlib

CHANNELS = {2: 3, 6: 4}  # colour type: RGB, RGBA


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def read_png(data: bytes) -> tuple[int, int, list[list[tuple]]]:
    """Return (width, height, rows of pixels), each pixel a tuple of its channels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    position, idat = 8, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in CHANNELS and interlace == 0, (depth, colour, interlace)
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    n = CHANNELS[colour]
    raw = zlib.decompress(idat)
    stride = width * n
    rows, previous = [], bytearray(stride)
    for r in range(height):
        start = r * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        # each filter undone in a loop of its own (a is the byte to the left, b above, c above left):
        # a screenshot has hundreds of thousands of bytes, and Paeth for every one took a second
        if kind == 1:  # Sub
            for i in range(n, stride):
                line[i] = (line[i] + line[i - n]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((x + b) & 0xFF for x, b in zip(line, previous))
        elif kind == 3:  # Average
            for i in range(stride):
                line[i] = (line[i] + ((line[i - n] if i >= n else 0) + previous[i]) // 2) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(n):  # no a and c: the predictor is b
                line[i] = (line[i] + previous[i]) & 0xFF
            for i in range(n, stride):
                line[i] = (line[i] + _paeth(line[i - n], previous[i], previous[i - n])) & 0xFF
        else:
            assert kind == 0, f"filter type {kind}"
        rows.append([tuple(line[i:i + n]) for i in range(0, stride, n)])
        previous = line
    return width, height, rows


def distinct_colours(data: bytes) -> int:
    """How many different pixel colours the PNG file has."""
    return len({pixel for row in read_png(data)[2] for pixel in row})
