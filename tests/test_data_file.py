import pytest

from backprop import data_file


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_reads_the_header_and_the_samples(tmp_path):
    path = write(tmp_path, "x_1,x_2,d\n0,1,1\n-0.5, 2e-1 ,3\n")
    columns, samples = data_file.read_samples(path)
    assert columns == ["x_1", "x_2", "d"]
    assert samples == [([0.0, 1.0], 1.0), ([-0.5, 0.2], 3.0)]


def test_blank_lines_a_byte_order_mark_and_windows_line_ends_are_fine(tmp_path):
    path = write(tmp_path, "\ufeffa,d\r\n\r\n1,2\r\n\r\n3,4\r\n")
    assert data_file.read_samples(path) == (["a", "d"], [([1.0], 2.0), ([3.0], 4.0)])


@pytest.mark.parametrize(
    "text, message",
    [
        ("x_1,x_2,d\n0,1,1\n1,,0\n", r"line 3, column 2 \(x_2\): the value is missing"),
        ("x_1,x_2,d\n0,1,1\n1,1,\n", r"line 3, column 3 \(d\): the value is missing"),
        ("x_1,x_2,d\n0,one,1\n", r"line 2, column 2 \(x_2\): 'one' is not a number"),
        ("x_1,x_2,d\n0,1,nan\n", r"line 2, column 3 \(d\): 'nan' is not a finite number"),
        ("x_1,x_2,d\n0,1,1\n0,1\n", r"line 3: the row has 2 values but the header names 3 columns"),
        ("x_1,x_2,d\n0,1,1,5\n", r"line 2: the row has 4 values but the header names 3 columns"),
        # the blank line 2 is skipped, but still counted: the bad value is on line 4
        ("x_1,x_2,d\n\n0,1,1\n0,x,1\n", r"line 4, column 2 \(x_2\): 'x' is not a number"),
        ("x_1,x_2,d\n", r"no rows of numbers below the header \(line 1\)"),
        ("x_1,x_2,d\n\n\n", r"no rows of numbers below the header"),
        ("", r"the file is empty; it needs a header row"),
        ("x_1,,d\n0,1,1\n", r"line 1, column 2: the header has no name here"),
        ("d\n1\n2\n", r"the file has 1 column but needs at least two"),
    ],
)
def test_a_bad_file_is_refused_naming_the_line_and_column(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ValueError, match=message) as caught:
        data_file.read_samples(path)
    assert str(path) in str(caught.value)


def test_bytes_that_are_not_text_are_refused(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"x,d\n\xff\xfe,1\n")
    with pytest.raises(ValueError, match="not a readable CSV file"):
        data_file.read_table(path)


def test_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        data_file.read_table(tmp_path / "nowhere.csv")
