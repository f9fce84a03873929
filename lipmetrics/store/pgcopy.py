"""PostgreSQL's binary ``COPY`` data built from whole columns by Arrow, with no Python call per row.

:meth:`lipmetrics.store.postgres.PostgresCursor.copy_columns` sends a table's rows this way when
every column is of a type below (else row by row, each value made its column's Python type by
:func:`fitted`) (docs/architecture.md "Two backends: DuckDB and PostgreSQL"); the
format is PostgreSQL's own (its documentation, "COPY", "Binary Format"): a header, then each row as
its number of fields and each field as its length (-1 for NULL) followed by its bytes, big-endian,
then a trailer.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lipmetrics.errors import UnusableInputError
from lipmetrics.i18n import _

HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # signature, flags, header extension length
TRAILER = b"\xff\xff"
_EPOCH_DAYS = (date(2000, 1, 1) - date(1970, 1, 1)).days  # PostgreSQL counts from 2000-01-01
_EPOCH_MICROSECONDS = int((datetime(2000, 1, 1) - datetime(1970, 1, 1)).total_seconds()) * 10**6

# By type OID: the Arrow type a column is cast to, and the big-endian NumPy type of its field.
_FIXED = {
    16: (pa.bool_(), "u1"),
    21: (pa.int16(), ">i2"),
    23: (pa.int32(), ">i4"),
    20: (pa.int64(), ">i8"),
    701: (pa.float64(), ">f8"),
    1082: (pa.date32(), ">i4"),
    1114: (pa.timestamp("us"), ">i8"),
}
_TEXT = {25, 1043}
_NOTHING = pa.scalar(b"", pa.large_binary())  # what the fields are joined with
_INTEGERS, _FLOATS = {21, 23, 20}, {700, 701, 1700}
_BITS = {21: 16, 23: 32, 20: 64}  # an integer column's type → its width
CHUNK = 10_000  # rows built and sent at a time


def copy_pieces(columns: list, oids: list[int]) -> Iterator[pa.Buffer] | None:
    """The binary ``COPY`` data (:func:`copy_data`) of ``columns`` (lists of Python values, None
    for NULL, or Arrow arrays) for columns of types ``oids``, built :data:`CHUNK` rows at a time
    as it is read (the server stores one chunk while the next is built), or None when a column
    is not of a type built here or one of its values does not convert (every column is cast
    first): the caller then writes row by row."""
    try:
        arrays = [
            c if isinstance(c, pa.Array) else pa.array(fitted(c, oid), type=_arrow_type(oid))
            for c, oid in zip(columns, oids, strict=True)
        ]
        if not all(castable(a, oid) for a, oid in zip(arrays, oids, strict=True)):
            return None
        arrays = [a.cast(_arrow_type(oid)) for a, oid in zip(arrays, oids, strict=True)]
    except (ValueError, TypeError, OverflowError, NotImplementedError):  # Arrow's errors
        return None
    return _chunked(arrays, oids)


def _chunked(arrays: list[pa.Array], oids: list[int]) -> Iterator[pa.Buffer]:
    yield pa.py_buffer(HEADER)
    for start in range(0, len(arrays[0]), CHUNK):
        yield _rows([a.slice(start, CHUNK) for a in arrays], oids)
    yield pa.py_buffer(TRAILER)


def _arrow_type(oid: int) -> pa.DataType | None:
    return pa.large_string() if oid in _TEXT else _FIXED.get(oid, (None,))[0]


def castable(array: pa.Array, oid: int) -> bool:
    """Whether ``array`` goes into a column of type ``oid`` by Arrow's cast, meaning what the
    row-by-row path means (:func:`fitted`): numbers into number columns, text
    into text columns, dates and timestamps without a zone into date and timestamp columns."""
    kind = array.type
    if pa.types.is_null(kind):
        return oid in _FIXED or oid in _TEXT
    if oid in _TEXT:
        return pa.types.is_string(kind) or pa.types.is_large_string(kind)
    if oid == 16:
        return pa.types.is_boolean(kind)
    if oid in (21, 23, 20, 701):
        return pa.types.is_integer(kind) or (pa.types.is_floating(kind) and oid == 701)
    if oid == 1082:
        return pa.types.is_date32(kind)
    if oid == 1114:
        return pa.types.is_date32(kind) or (pa.types.is_timestamp(kind) and kind.tz is None)
    return False


def copy_data(columns: list[pa.Array], oids: list[int]) -> list[pa.Buffer]:
    """The binary ``COPY`` data of the rows of ``columns`` (Arrow arrays of one length, each
    :func:`castable` to its column's type ``oids``), in pieces to write one after the other.
    Arrow's cast refuses a value that does not fit (a number too large, a fraction of a
    microsecond) rather than changing it."""
    return [pa.py_buffer(HEADER), _rows(columns, oids), pa.py_buffer(TRAILER)]


def _rows(columns: list[pa.Array], oids: list[int]) -> pa.Buffer:
    """The rows of ``columns``, one after the other, without the header and trailer."""
    count = len(columns[0])
    fields = [_field(column, oid) for column, oid in zip(columns, oids, strict=True)]
    width = pa.scalar(len(columns).to_bytes(2, "big"), pa.large_binary())
    rows = pc.binary_join_element_wise(width, *fields, _NOTHING)
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64)[
        rows.offset : rows.offset + count + 1
    ]
    return rows.buffers()[2][int(offsets[0]) : int(offsets[-1])]


def _field(column: pa.Array, oid: int) -> pa.Array:
    """Each row's field of one column: its length, then its bytes (only the length, -1, for
    NULL), as large binary values."""
    if oid in _TEXT:
        text = column.cast(pa.large_string()).cast(pa.large_binary())
        lengths = pc.binary_length(text).fill_null(-1).to_numpy().astype(">i4")
        prefix = _binary(lengths.view(np.uint8), np.arange(len(text) + 1, dtype=np.int64) * 4)
        return pc.binary_join_element_wise(
            prefix, text, _NOTHING, null_handling="replace", null_replacement=b""
        )
    arrow_type, dtype = _FIXED[oid]
    values = column.cast(arrow_type)
    width = np.dtype(dtype).itemsize
    valid = np.ones(len(values), dtype=bool)
    if values.null_count:
        valid = ~values.is_null().to_numpy(zero_copy_only=False)
    cells = np.empty((len(values), 4 + width), dtype=np.uint8)
    cells[:, :4] = np.where(valid, width, -1).astype(">i4").view(np.uint8).reshape(-1, 4)
    cells[:, 4:] = _numbers(values, oid).astype(dtype).view(np.uint8).reshape(-1, width)
    kept = np.ones(cells.shape, dtype=bool)
    kept[:, 4:] = valid[:, None]
    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(4 + width * valid, out=offsets[1:])
    return _binary(cells[kept], offsets)


def _numbers(values: pa.Array, oid: int) -> np.ndarray:
    """A fixed-width column's values as NumPy numbers (0 in place of NULL): days and microseconds
    counted from PostgreSQL's epoch for dates and timestamps."""
    if oid == 1082:
        return values.cast(pa.int32()).fill_null(0).to_numpy() - _EPOCH_DAYS
    if oid == 1114:
        return values.cast(pa.int64()).fill_null(0).to_numpy() - _EPOCH_MICROSECONDS
    if oid == 16:
        return values.fill_null(False).to_numpy(zero_copy_only=False)
    return values.fill_null(0).to_numpy()


def _binary(data: np.ndarray, offsets: np.ndarray) -> pa.Array:
    """Large binary values: the bytes ``data`` cut at ``offsets``."""
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(data))]
    return pa.Array.from_buffers(pa.large_binary(), len(offsets) - 1, buffers)


def fitted(values, oid: int) -> list:
    """A column's values as the Python type binary COPY writes into a column of type ``oid``
    (what PostgreSQL would cast them to from text): integers for an integer column, floats for
    a float column, dates for a date column, naive datetimes for a timestamp column, text for
    a text column. A column already of its type is returned as it is (checked by type, whole);
    an Arrow array is made a list first."""
    if isinstance(values, pa.Array):
        values = values.to_pylist()
    kinds = set(map(type, values)) - {type(None)}
    if oid in _INTEGERS:
        want, make = int, int
    elif oid in _FLOATS:
        want, make = float, float
    elif oid == 1082:
        want, make = date, _date
    elif oid == 1114:
        want, make = datetime, _naive
    elif oid in (25, 1043):
        want, make = str, str
    else:
        return values
    if kinds <= {want} and not (want is datetime and _any_aware(values)):
        fitting = values
    else:
        fitting = [None if value is None else make(value) for value in values]
    if oid in _BITS:
        _within(fitting, _BITS[oid])
    return fitting


def _within(values: list, bits: int) -> None:
    """Refuse a whole number too large for its integer column: binary COPY would write its low
    bits only, a different number, where PostgreSQL refuses it from text."""
    low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    for value in values:
        if value is not None and not low <= value <= high:
            message = _(
                "The number {value} is too large for a {bits}-bit whole-number column, so nothing "
                "was saved. Check the file or the database it comes from."
            )
            raise UnusableInputError(message.format(value=value, bits=bits))


def _date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _naive(value) -> datetime:
    """A timestamp column's value: a date at midnight; a datetime with a zone keeps its clock
    time, as PostgreSQL reads the text of one into a column without a zone."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time())
    return value.replace(tzinfo=None)


def _any_aware(values: list) -> bool:
    return any(value is not None and value.tzinfo is not None for value in values)
