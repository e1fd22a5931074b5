"""The PNG writer of the decision boundary, read back by the tests' own reader."""

import zlib

import pytest

from backprop.pictures.png import png
from png_reader import distinct_colours, read_png


def test_pixels_read_back_as_written():
    rows = [[(255, 0, 0), (0, 255, 0), (0, 0, 255)], [(0, 0, 0), (255, 255, 255), (12, 34, 56)]]
    assert read_png(png(rows)) == (3, 2, rows)
    assert distinct_colours(png(rows)) == 6


def test_the_crc_of_each_chunk_is_the_crc32_of_its_kind_and_data():
    data = png([[(1, 2, 3)]])
    header = data[8:8 + 4 + 4 + 13]
    assert header[4:8] == b"IHDR"
    assert int.from_bytes(data[8 + 21:8 + 25], "big") == zlib.crc32(header[4:])


@pytest.mark.parametrize("rows", [[], [[]], [[(0, 0, 0)], [(0, 0, 0), (0, 0, 0)]], [[(256, 0, 0)]]])
def test_bad_images_are_refused(rows):
    with pytest.raises(ValueError):
        png(rows)


def test_the_reader_undoes_every_filter():
    # a 2×2 RGB image stored with filters 1 (sub) and 4 (Paeth), worked out by hand
    # row 0 = (10, 20, 30), (15, 25, 35); sub: the second pixel minus the first = (5, 5, 5)
    # row 1 = (12, 22, 32), (20, 30, 40); Paeth: predictors are the pixel above for the first
    # (a = c = 0, b = above) and, for the second, a = left, b = above, c = upper left
    paeth_second = [20 - 15, 30 - 25, 40 - 35]  # p = a + b − c = 12 + 15 − 10 = 17: b (15) is nearest
    raw = bytes([1, 10, 20, 30, 5, 5, 5, 4, 2, 2, 2, *paeth_second])
    import struct

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    assert read_png(data)[2] == [[(10, 20, 30), (15, 25, 35)], [(12, 22, 32), (20, 30, 40)]]
