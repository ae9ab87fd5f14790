#!/usr/bin/env python3
"""Writes the Parquet files GeneratedFileTests reads, and expected.json: the values written, as text.

Usage: make-parquet.py <output folder>. Deterministic (no randomness, no clock)."""
import datetime
import decimal
import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

ROWS = 3000
decimal.getcontext().prec = 60
out = sys.argv[1]
os.makedirs(out, exist_ok=True)

doubles = [7.39e-08, 0.0000014771, 2.0, -2.5, 0.1 + 0.2, 123456789.125, 1e-10, 0.0166667]
names = ["Lambda-GB-Second", "Request", "USW2-Request", "DataTransfer-Out-Bytes", "é ünïcode"]
epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def stamp_text(nanoseconds):
    seconds, nanos = divmod(nanoseconds, 1_000_000_000)
    moment = epoch + datetime.timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%d %H:%M:%S") + ".%09d" % nanos


def decimal_value(i):
    if i % 11 == 0:
        return None
    sign = -1 if i % 3 == 0 else 1
    # Up to 28 integer digits and 10 decimals: precision 38 in full.
    return sign * decimal.Decimal(i * 7919 ** 6 + (i % 97)).scaleb(-10) * (10 ** 11 if i % 5 == 0 else 1)


columns = {
    "i32": [None if i % 7 == 0 else (i * 37) % 100_000 - 50_000 for i in range(ROWS)],
    "i64": [i * 1_000_000_007 - 2**40 for i in range(ROWS)],
    "f32": [float(pa.scalar((i % 50) / 8 - 3, pa.float32()).as_py()) for i in range(ROWS)],
    "f64": [None if i % 5 == 0 else doubles[i % len(doubles)] * (1 + i // len(doubles)) for i in range(ROWS)],
    "flag": [None if i % 13 == 0 else i % 3 == 0 for i in range(ROWS)],
    "name": [None if i % 9 == 0 else names[i % len(names)] for i in range(ROWS)],
    "blob": [("row-%d-" % i).encode() * (1 + i % 4) for i in range(ROWS)],
    "fixed": [bytes([i % 256, (i * 7) % 256, 0, 255]) for i in range(ROWS)],
    "amount": [decimal_value(i) for i in range(ROWS)],
    "ts_ms": [1_664_593_200_000 + i * 3_600_123 for i in range(ROWS)],
    "ts_us": [None if i % 4 == 0 else 1_664_593_200_000_000 + i * 3_600_000_123 - 10**16 * (i % 2) for i in range(ROWS)],
    "ts_ns": [1_664_593_200_000_000_000 + i * 3_600_000_000_789 for i in range(ROWS)],
    "tags": [None if i % 10 == 0 else [] if i % 10 == 1 else [("user:team", names[i % 5]), ("k%d" % (i % 3), "v%d" % i)][: 1 + i % 2]
             for i in range(ROWS)],
}
schema = pa.schema([
    pa.field("i32", pa.int32()),
    pa.field("i64", pa.int64(), nullable=False),
    pa.field("f32", pa.float32()),
    pa.field("f64", pa.float64()),
    pa.field("flag", pa.bool_()),
    pa.field("name", pa.string()),
    pa.field("blob", pa.binary()),
    pa.field("fixed", pa.binary(4)),
    pa.field("amount", pa.decimal128(38, 10)),
    pa.field("ts_ms", pa.timestamp("ms", tz="UTC")),
    pa.field("ts_us", pa.timestamp("us", tz="UTC")),
    pa.field("ts_ns", pa.timestamp("ns", tz="UTC")),
    pa.field("tags", pa.map_(pa.string(), pa.string())),
])
table = pa.table(columns, schema=schema)

units = {"ts_ms": 1_000_000, "ts_us": 1_000, "ts_ns": 1}


def text(name, value):
    if value is None:
        return None
    if name in units:
        return stamp_text(value * units[name])
    if name == "flag":
        return "true" if value else "false"
    if name in ("blob", "fixed"):
        return value.hex()
    if name == "amount":
        return format(value.quantize(decimal.Decimal(1).scaleb(-10)), "f")
    if name in ("f32", "f64"):
        return repr(value)
    if name == "tags":
        return [[k, v] for k, v in value]
    return str(value)


expected = {"rows": ROWS, "columns": {name: [text(name, v) for v in values] for name, values in columns.items()}}
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f)

options = dict(row_group_size=1200, data_page_size=4096, dictionary_pagesize_limit=2048, write_statistics=False,
               use_dictionary=["name", "f64", "tags.key_value.key", "tags.key_value.value", "blob"])
files = []
for codec in ["none", "snappy", "gzip", "zstd"]:
    for version in ["1.0", "2.0"]:
        name = "all-%s-v%s.parquet" % (codec, version[0])
        pq.write_table(table, os.path.join(out, name), compression=codec, data_page_version=version, version="2.6",
                       **options)
        files.append(name)

# INT96 timestamps (the legacy CUR's Athena files): every timestamp column as INT96.
pq.write_table(table.select(["i64", "ts_ms", "ts_us", "ts_ns"]), os.path.join(out, "int96.parquet"),
               use_deprecated_int96_timestamps=True, compression="snappy", row_group_size=1200)

# The encodings newer writers choose: DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY,
# BYTE_STREAM_SPLIT (no dictionaries).
encodings = {"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "ts_us": "DELTA_BINARY_PACKED",
             "name": "DELTA_LENGTH_BYTE_ARRAY", "blob": "DELTA_BYTE_ARRAY", "f32": "BYTE_STREAM_SPLIT",
             "f64": "BYTE_STREAM_SPLIT"}
for codec, version in [("zstd", "1.0"), ("snappy", "2.0")]:
    name = "delta-%s-v%s.parquet" % (codec, version[0])
    pq.write_table(table, os.path.join(out, name), compression=codec, data_page_version=version, version="2.6",
                   row_group_size=1200, data_page_size=4096, write_statistics=False, use_dictionary=False,
                   column_encoding=encodings)
    files.append(name)

# What the reader refuses: LZ4 and BROTLI pages.
small = table.select(["i64", "name"])
pq.write_table(small, os.path.join(out, "lz4.parquet"), compression="lz4")
pq.write_table(small, os.path.join(out, "brotli.parquet"), compression="brotli")

with open(os.path.join(out, "files.json"), "w") as f:
    json.dump(files, f)
