#!/usr/bin/env python3
"""Writes the seeds of the parquet_reader fuzz target (fuzz/corpus/parquet_reader/): small Parquet files, one per
codec, encoding and shape the reader handles (snappy + dictionary, zstd, gzip, uncompressed data page v2, DELTA_*,
BYTE_STREAM_SPLIT, DECIMAL(38,10), INT96 timestamps, a map column, nulls, several pages and row groups). A few
hundred bytes each (no ARROW:schema), so the fuzzer mutates structure rather than data. Each file is preceded by
the target's control byte (the batch size of its second read).

Usage: fuzz/make-parquet-seeds.py [output folder]   (default fuzz/corpus/parquet_reader; needs pyarrow)
Deterministic: no randomness, no clock."""
import datetime
import decimal
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "parquet_reader")
os.makedirs(out, exist_ok=True)
rows = 6
utc = datetime.timezone.utc
table = pa.table({
    "line_item_usage_type": pa.array(["Request", "Lambda-GB-Second", None, "Request", "USW2-Request", "Request"]),
    "line_item_unblended_cost": pa.array([2e-07, 1.66667e-05, 0.0, None, -0.5, 123456789.125], pa.float64()),
    "billed_cost": pa.array([decimal.Decimal("0.0000002000"), decimal.Decimal("-12.5"), None,
                             decimal.Decimal("9999999999999999999999999999.9999999999"), decimal.Decimal("0"),
                             decimal.Decimal("1.25")], pa.decimal128(38, 10)),
    "usage_amount": pa.array([1, 2, 3, None, 5, 2**40], pa.int64()),
    "count32": pa.array([1, -2, 3, 4, None, 2**31 - 1], pa.int32()),
    "flag": pa.array([True, False, None, True, True, False]),
    "usage_start_date": pa.array([datetime.datetime(2026, 10, 1, h, tzinfo=utc) for h in range(rows)], pa.timestamp("ms", tz="UTC")),
    "resource_tags": pa.array([[("user_team", "a")], [], None, [("k", "v"), ("user_team", "b")], [("x", None)], [("y", "z")]],
                              pa.map_(pa.string(), pa.string())),
})
flat = table.drop_columns(["resource_tags"])


def save(name, data, batch, **options):
    """Writes `data` as Parquet, behind the target's control byte (the batch size of its second read, 1 + b % 64)."""
    sink = pa.BufferOutputStream()
    pq.write_table(data, sink, store_schema=False, **options)
    with open(os.path.join(out, name), "wb") as f:
        f.write(bytes([batch - 1]) + sink.getvalue().to_pybytes())


save("snappy-dictionary", table, 1, compression="snappy", use_dictionary=True)
save("zstd-plain-v2", table, 2, compression="zstd", use_dictionary=False, data_page_version="2.0")
save("gzip-small-pages", flat, 3, compression="gzip", data_page_size=32, row_group_size=4)
save("uncompressed-int96", flat, 4, compression="none", use_deprecated_int96_timestamps=True)
save("delta-binary-packed", table.select(["usage_amount", "count32"]), 64, compression="none",
               use_dictionary=False, column_encoding={"usage_amount": "DELTA_BINARY_PACKED", "count32": "DELTA_BINARY_PACKED"})
save("delta-byte-array", table.select(["line_item_usage_type"]), 5, compression="none",
               use_dictionary=False, column_encoding={"line_item_usage_type": "DELTA_BYTE_ARRAY"})
save("delta-length-byte-array", table.select(["line_item_usage_type"]), 6, compression="none",
               use_dictionary=False, column_encoding={"line_item_usage_type": "DELTA_LENGTH_BYTE_ARRAY"})
save("byte-stream-split", table.select(["line_item_unblended_cost"]), 7, compression="none",
               use_dictionary=False, column_encoding={"line_item_unblended_cost": "BYTE_STREAM_SPLIT"})
# A file with no rows (a footer and a schema only).
save("empty", flat.slice(0, 0), 2, compression="none")
