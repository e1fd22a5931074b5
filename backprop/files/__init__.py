"""Files and data: weights files, CSV data files, the toy data sets, and atomic writes."""
