#!/usr/bin/env python3
"""The DuckDB / polars side of scripts/bench: the same ingest + aggregate job as lambda-cost-report's
ingest stage, done by a general-purpose engine, one engine per process so peak RSS is comparable.

    bench_groupby.py duckdb|polars INPUT.csv[.gz]|INPUT.parquet OUTPUT.csv

Reads the CUR CSV (or its Parquet copy in the Athena layout, made by scripts/cur-to-parquet: the same columns
under Athena's snake_case names, the dates as timestamps, the amounts as DOUBLE, which are cast to text, the
shortest decimal that round-trips, i.e. the CSV's text, and from there to the exact decimal), keeps `lineItem/ProductCode = 'AWSLambda'`, groups by usage account, `product/region`,
`lineItem/ResourceId`, `lineItem/UsageType` and the hour of `lineItem/UsageStartDate`, and sums
`lineItem/UsageAmount` and `lineItem/UnblendedCost` as exact decimals, DECIMAL(38,24) in both engines
(DuckDB: DECIMAL(38,24), a 128-bit integer scaled by 10^-24; polars: pl.Decimal(38, 24), likewise a
128-bit integer). The groups are written to OUTPUT (CSV), and one line is printed to stdout:

    engine=duckdb version=... groups=N lambda_rows=N unblended_total=... usage_total=...

which scripts/bench checks against lambda-cost-report's manifest (totals.lambda_unblended_usd).
"""
import sys

ACCOUNT = "lineItem/UsageAccountId"
REGION = "product/region"
RESOURCE = "lineItem/ResourceId"
USAGE_TYPE = "lineItem/UsageType"
START = "lineItem/UsageStartDate"
PRODUCT = "lineItem/ProductCode"
AMOUNT = "lineItem/UsageAmount"
COST = "lineItem/UnblendedCost"
DECIMAL = (38, 24)
# The same columns in the Athena Parquet layout (scripts/cur-to-parquet --layout athena).
ATHENA = {ACCOUNT: "line_item_usage_account_id", REGION: "product_region", RESOURCE: "line_item_resource_id",
          USAGE_TYPE: "line_item_usage_type", START: "line_item_usage_start_date",
          PRODUCT: "line_item_product_code", AMOUNT: "line_item_usage_amount", COST: "line_item_unblended_cost"}


def run_duckdb(path: str, output: str) -> str:
    import duckdb

    con = duckdb.connect()
    p, s = DECIMAL
    if path.endswith(".parquet"):
        c = ATHENA
        source = f"read_parquet('{path}')"
        hour = f"date_trunc('hour', \"{c[START]}\")"
        amount, cost = (f"CAST(CAST(\"{c[name]}\" AS VARCHAR) AS DECIMAL({p},{s}))" for name in (AMOUNT, COST))
    else:
        c = {name: name for name in ATHENA}
        source = f"""read_csv('{path}', header = true, all_varchar = true, delim = ',',
                      quote = '"', escape = '"', compression = 'auto')"""
        hour = f"date_trunc('hour', strptime(\"{START}\", '%Y-%m-%dT%H:%M:%SZ'))"
        amount, cost = (f"CAST(\"{name}\" AS DECIMAL({p},{s}))" for name in (AMOUNT, COST))
    # Every column is read as text (only the dialect is sniffed: no type guessing, which could pick a float
    # for the amounts), then the needed ones are cast exactly; DuckDB only materializes the columns the query uses.
    con.execute(f"""
        CREATE TEMP VIEW lambda_groups AS
        SELECT "{c[ACCOUNT]}" AS account_id,
               "{c[REGION]}" AS region,
               "{c[RESOURCE]}" AS resource_id,
               "{c[USAGE_TYPE]}" AS usage_type,
               {hour} AS usage_hour,
               count(*) AS line_items,
               sum({amount}) AS usage_amount,
               sum({cost}) AS unblended_cost
        FROM {source}
        WHERE "{c[PRODUCT]}" = 'AWSLambda'
        GROUP BY ALL
    """)
    con.execute(f"COPY lambda_groups TO '{output}' (HEADER, DELIMITER ',')")
    # The check totals come from the written groups, not from a second pass over the input.
    groups, rows, cost, usage = con.execute(f"""
        SELECT count(*), sum(CAST(line_items AS BIGINT)), sum(CAST(unblended_cost AS DECIMAL({p},{s}))),
               sum(CAST(usage_amount AS DECIMAL({p},{s})))
        FROM read_csv('{output}', header = true, all_varchar = true, delim = ',',
                      quote = '"', escape = '"')
    """).fetchone()
    return f"engine=duckdb version={duckdb.__version__} groups={groups} lambda_rows={rows} unblended_total={cost} usage_total={usage}"


def run_polars(path: str, output: str) -> str:
    import polars as pl

    p, s = DECIMAL
    decimal = pl.Decimal(p, s)
    columns = [ACCOUNT, REGION, RESOURCE, USAGE_TYPE, START, PRODUCT, AMOUNT, COST]
    start = pl.col(START).str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_zone="UTC")
    if path.endswith(".parquet"):
        # Athena names back to the CSV's; the DOUBLE amounts through their shortest text to the exact decimal.
        frame = pl.scan_parquet(path).select([pl.col(ATHENA[name]).alias(name) for name in columns]).with_columns(
            pl.col(AMOUNT, COST).cast(pl.String))
        start = pl.col(START).dt.replace_time_zone("UTC")  # INT96 / TIMESTAMP without a zone: UTC
    elif path.endswith(".gz"):
        # scan_csv cannot stream a compressed file: polars decompresses the whole file into memory.
        frame = pl.read_csv(path, columns=columns, infer_schema=False).lazy()
    else:
        frame = pl.scan_csv(path, infer_schema=False)  # every column as text; cast exactly below
    query = (
        frame.select(columns)
        .filter(pl.col(PRODUCT) == "AWSLambda")
        .group_by(
            pl.col(ACCOUNT).alias("account_id"),
            pl.col(REGION).alias("region"),
            pl.col(RESOURCE).alias("resource_id"),
            pl.col(USAGE_TYPE).alias("usage_type"),
            start.dt.truncate("1h").alias("usage_hour"),
        )
        .agg(
            pl.len().alias("line_items"),
            pl.col(AMOUNT).cast(decimal, strict=True).sum().alias("usage_amount"),
            pl.col(COST).cast(decimal, strict=True).sum().alias("unblended_cost"),
        )
    )
    result = query.collect(engine="streaming")
    result.write_csv(output)
    totals = result.select(
        pl.len(), pl.col("line_items").sum(), pl.col("unblended_cost").sum(), pl.col("usage_amount").sum()
    ).row(0)
    types = f"{result.schema['usage_amount']}/{result.schema['unblended_cost']}"
    groups, rows, cost, usage = totals
    return f"engine=polars version={pl.__version__} groups={groups} lambda_rows={rows} unblended_total={cost} usage_total={usage} sum_types={types}"


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[1] not in ("duckdb", "polars"):
        print(__doc__, file=sys.stderr)
        return 64
    engine, path, output = sys.argv[1:]
    line = run_duckdb(path, output) if engine == "duckdb" else run_polars(path, output)
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
