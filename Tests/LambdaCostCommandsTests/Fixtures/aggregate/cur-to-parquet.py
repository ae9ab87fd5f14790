#!/usr/bin/env python3
"""Rewrites a legacy CUR CSV as the Parquet files AWS delivers, for testing sql/duckdb-parquet.sql on Parquet:

    cur-to-parquet.py INPUT.csv OUTPUT.parquet athena|cur2

athena: legacy CUR in Parquet (snake_case names, amounts DOUBLE, dates TIMESTAMP, one column per tag);
cur2: CUR 2.0 (product_region_code, dates TIMESTAMP WITH TIME ZONE, tags in the resource_tags MAP).
An amount that is not a number becomes NULL, as it would be in a typed file.
"""
import re
import sys

import duckdb

AMOUNTS = {"line_item_usage_amount", "line_item_unblended_rate", "line_item_unblended_cost", "pricing_public_on_demand_cost",
           "savings_plan_savings_plan_effective_cost", "savings_plan_total_commitment_to_date", "savings_plan_used_commitment"}
TIMES = {"bill_billing_period_start_date", "line_item_usage_start_date", "line_item_usage_end_date"}


def snake(name):
    """lineItem/UsageType -> line_item_usage_type, resourceTags/user:team -> resource_tags_user_team."""
    return re.sub(r"[/:]", "_", re.sub(r"(?<=[a-z])([A-Z])", r"_\1", name)).lower()


def main():
    source, output, style = sys.argv[1:]
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    relation = f"read_csv('{source}', header = true, all_varchar = true)"
    names = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]
    select, tags = [], []
    for name in names:
        column = snake(name)
        if style == "cur2" and column.startswith("resource_tags_"):
            tags.append((column[len("resource_tags_"):], name))
            continue
        if style == "cur2" and column == "product_region":
            column = "product_region_code"
        expression = f'"{name}"'
        if column in AMOUNTS:
            expression = f"TRY_CAST({expression} AS DOUBLE)"
        elif column in TIMES:
            kind = "TIMESTAMP" if style == "athena" else "TIMESTAMPTZ"
            expression = f"CAST(strptime({expression}, '%Y-%m-%dT%H:%M:%SZ') AS {kind})"
        select.append(f'{expression} AS "{column}"')
    if tags:
        keys = ", ".join(f"'{key}'" for key, _ in tags)
        values = ", ".join(f'"{name}"' for _, name in tags)
        select.append(f"map_from_entries(list_filter(list_zip([{keys}], [{values}]), lambda e: e[2] IS NOT NULL)) AS resource_tags")
    con.execute(f"COPY (SELECT {', '.join(select)} FROM {relation}) TO '{output}' (FORMAT parquet)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
