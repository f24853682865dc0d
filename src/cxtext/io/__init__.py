"""Reading and writing tabular exports: CSV/TSV, XLSX, Parquet and JSON Lines.

* :func:`detect_format` names a file's format from its extension.
* :func:`iter_table` streams a file in chunks; :func:`read_table` reads it whole.
* :class:`TableWriter` streams chunks to a file atomically; :func:`write_table`
  writes one DataFrame.

Examples
--------
>>> import tempfile, pathlib, pandas as pd
>>> from cxtext.io import read_table, write_table
>>> out = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
>>> write_table(pd.DataFrame({"id": ["007"], "themes": [["price", "staff"]]}), out)
>>> read_table(out).to_dict("records")
[{'id': '007', 'themes': 'price;staff'}]
"""

from cxtext.io.formats import detect_format
from cxtext.io.readers import iter_table, read_table
from cxtext.io.writers import TableWriter, write_table

__all__ = ["TableWriter", "detect_format", "iter_table", "read_table", "write_table"]

for _obj in (detect_format, iter_table, read_table, TableWriter, write_table):
    _obj.__module__ = __name__  # show the public path in reprs and docs
del _obj
