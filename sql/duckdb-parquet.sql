-- lambda-cost-report: the hourly per-function aggregate (docs/scale-out.md, format_version 1) from CUR files,
-- with DuckDB (1.3 or later; tested with 2.0). Reads CUR Parquet files (legacy CUR in Parquet, CUR 2.0 /
-- Data Exports) or CUR CSV files (.csv, .csv.gz; every column read as text, no type guessing), in any of the
-- three column spellings (lineItem/UsageType, line_item_usage_type, CUR 2.0), and leaves the aggregate in the
-- view `lambda_cost_aggregate`; the last statement selects it in the format's order.
--
-- Parameters (DuckDB variables, set before this file runs):
--   cur_files       a list of paths or globs, e.g. ['cur/2026-10/*.csv.gz'] or ['s3://bucket/cur/2026-10/*.parquet']
--   billing_period  optional 'YYYY-MM': keep only that month's rows (rows whose month cannot be read are kept,
--                   as rejected records); unset or NULL keeps every month in the files
--   cur_format      optional 'parquet' or 'csv'; by default Parquet when the first path ends in .parquet
--
-- Run (either):
--   scripts/cur-aggregate --month 2026-10 --output aggregate-2026-10.csv cur/2026-10/     (Python duckdb module)
--   duckdb -csv -nullvalue '' -cmd "SET VARIABLE cur_files = ['cur/2026-10/*.csv.gz']; SET VARIABLE billing_period = '2026-10';" \
--       < sql/duckdb-parquet.sql > aggregate-2026-10.csv
--
-- Amounts are exact: every amount is read as text (a Parquet DOUBLE through its shortest round-trip text)
-- and cast to DECIMAL(38,24), never summed as floating point. The per-row rules (free tier, Savings Plans,
-- what is rejected) are those of lambda-cost-report's own CUR reader; see docs/scale-out.md.

SET TimeZone = 'UTC';

-- An exact decimal as text without trailing zeros (1.25, not 1.250000000000000000000000).
CREATE OR REPLACE TEMP MACRO exact_text(amount) AS rtrim(rtrim(CAST(amount AS VARCHAR), '0'), '.');

-- The input as read, plus a NULL column `__none` that every optional-column lookup below also matches, so that a
-- column missing from the files reads as NULL instead of failing the query.
CREATE OR REPLACE TEMP VIEW cur_source AS
SELECT *, NULL AS "__none"
FROM query(
    CASE
        WHEN coalesce(getvariable('cur_format'),
                      CASE WHEN getvariable('cur_files')[1] ILIKE '%.parquet' THEN 'parquet' ELSE 'csv' END) = 'parquet'
        THEN 'SELECT * FROM read_parquet(['
             || array_to_string(list_transform(getvariable('cur_files'), lambda f: '''' || replace(f, '''', '''''') || ''''), ', ')
             || '], union_by_name = true)'
        ELSE 'SELECT * FROM read_csv(['
             || array_to_string(list_transform(getvariable('cur_files'), lambda f: '''' || replace(f, '''', '''''') || ''''), ', ')
             || '], header = true, all_varchar = true, delim = '','', quote = ''"'', escape = ''"'','
             || ' union_by_name = true, compression = ''auto'')'
    END);

-- The columns the report reads, found by name in any spelling: lower case, letters and digits only
-- (lineItem/UsageType = line_item_usage_type = lineitemusagetype), as text, empty = NULL.
CREATE OR REPLACE TEMP VIEW cur_rows AS
SELECT
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'identitylineitemid' OR c = '__none')) AS VARCHAR), '') AS line_item_id,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'billpayeraccountid' OR c = '__none')) AS VARCHAR), '') AS payer_account_id,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'billbillingperiodstartdate' OR c = '__none')) AS VARCHAR), '') AS period_text,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'lineitemusageaccountid' OR c = '__none')) AS VARCHAR), '') AS usage_account_id,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'lineitemlineitemtype' OR c = '__none')) AS VARCHAR), '') AS line_item_type,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'lineitemusagestartdate' OR c = '__none')) AS VARCHAR), '') AS start_text,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'lineitemproductcode' OR c = '__none')) AS VARCHAR), '') AS product_code,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'lineitemusagetype' OR c = '__none')) AS VARCHAR), '') AS usage_type,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'lineitemresourceid' OR c = '__none')) AS VARCHAR), '') AS resource_id,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'lineitemusageamount' OR c = '__none')) AS VARCHAR), '') AS quantity_text,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'lineitemunblendedcost' OR c = '__none')) AS VARCHAR), '') AS cost_text,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'lineitemcurrencycode' OR c = '__none')) AS VARCHAR), '') AS currency,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'productregioncode' OR c = '__none')) AS VARCHAR), '') AS region_code,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'productregion' OR c = '__none')) AS VARCHAR), '') AS product_region,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'pricingratecode' OR c = '__none')) AS VARCHAR), '') AS rate_code,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'pricingpublicondemandcost' OR c = '__none')) AS VARCHAR), '') AS on_demand_text,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'savingsplansavingsplaneffectivecost' OR c = '__none')) AS VARCHAR), '') AS sp_effective_text,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'savingsplantotalcommitmenttodate' OR c = '__none')) AS VARCHAR), '') AS total_commitment_text,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'savingsplanusedcommitment' OR c = '__none')) AS VARCHAR), '') AS used_commitment_text,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'savingsplanamortizedupfrontcommitmentforbillingperiod' OR c = '__none')) AS VARCHAR), '') AS amortized_upfront_text,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'savingsplanofferingtype' OR c = '__none')) AS VARCHAR), '') AS offering_type,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'lineitemlineitemdescription' OR c = '__none')) AS VARCHAR), '') AS description_text,
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_replace(lower(c), '[^a-z0-9]', '', 'g') = 'pricingterm' OR c = '__none')) AS VARCHAR), '') AS term_text,
    -- Whether the files have a pricing/term column at all (an empty term is free-tier evidence only where it exists).
    (SELECT count(*) > 0 FROM (DESCRIBE cur_source) WHERE regexp_replace(lower(column_name), '[^a-z0-9]', '', 'g') = 'pricingterm') AS has_term_column,
    -- Tags: legacy and Athena tag columns (resourceTags/user:team, resource_tags_user_team) as a struct, and the
    -- CUR 2.0 map column resource_tags (a MAP in Parquet, JSON text in CSV) as JSON.
    struct_pack(*COLUMNS('(?i)^resource_?tags[/_].+|^__none$')) AS tag_columns,
    CAST(coalesce(*COLUMNS(lambda c: lower(c) IN ('resource_tags', 'resourcetags') OR c = '__none')) AS JSON) AS tag_map,
    -- The function tag (the default [attribution] function_tag, `function`): its legacy or Athena column
    -- (resourceTags/user:function, resource_tags_user_function; any case) and that column's name.
    nullif(CAST(coalesce(*COLUMNS(lambda c: regexp_matches(c, '(?i)^resource_?tags[/_]user[:_]function$') OR c = '__none')) AS VARCHAR), '') AS function_tag_text,
    (SELECT min(column_name) FROM (DESCRIBE cur_source) WHERE regexp_matches(column_name, '(?i)^resource_?tags[/_]user[:_]function$')) AS function_tag_column
FROM cur_source;

-- Each row read as lambda-cost-report reads it: amounts as exact decimals, the hour, the billing month, and why a
-- row cannot be used (checks in the order the tool makes them, so that the same rows are rejected).
CREATE OR REPLACE TEMP VIEW cur_checked AS
WITH parsed AS (
    SELECT *,
        TRY_CAST(cost_text AS DECIMAL(38,24)) AS cost,
        date_trunc('hour', TRY_CAST(
            regexp_extract(CAST(start_text AS VARCHAR), '^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{0,9})?(Z|\+00(:?00)?)?$', 1) || ' '
            || regexp_extract(CAST(start_text AS VARCHAR), '^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{0,9})?(Z|\+00(:?00)?)?$', 2)
            AS TIMESTAMP)) AS hour,
        TRY_CAST(
            regexp_extract(CAST(period_text AS VARCHAR), '^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{0,9})?(Z|\+00(:?00)?)?$', 1) || ' '
            || regexp_extract(CAST(period_text AS VARCHAR), '^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{0,9})?(Z|\+00(:?00)?)?$', 2)
            AS TIMESTAMP) AS period_start,
        coalesce(product_code = 'AWSLambda', false) AS is_lambda,
        coalesce(line_item_type IN ('Usage', 'SavingsPlanCoveredUsage', 'DiscountedUsage'), false) AS is_usage,
        TRY_CAST(quantity_text AS DECIMAL(38,24)) AS quantity_value,
        TRY_CAST(on_demand_text AS DECIMAL(38,24)) AS on_demand_value,
        TRY_CAST(sp_effective_text AS DECIMAL(38,24)) AS sp_effective_value,
        TRY_CAST(total_commitment_text AS DECIMAL(38,24)) AS total_commitment_value,
        TRY_CAST(used_commitment_text AS DECIMAL(38,24)) AS used_commitment_value,
        TRY_CAST(amortized_upfront_text AS DECIMAL(38,24)) AS amortized_upfront_value
    FROM cur_rows
)
SELECT *,
    CASE
        WHEN cost IS NULL OR hour IS NULL THEN NULL
        WHEN period_start IS NOT NULL THEN strftime(period_start, '%Y-%m')
        ELSE strftime(hour, '%Y-%m')
    END AS billing_period,
    CASE
        WHEN cost IS NULL THEN 'expected a decimal number in ''lineItem/UnblendedCost'', found "' || coalesce(cost_text, '') || '"'
        WHEN hour IS NULL THEN 'expected a timestamp such as 2026-10-01T00:00:00Z in ''lineItem/UsageStartDate'', found "' || coalesce(start_text, '') || '"'
        WHEN period_text IS NOT NULL AND period_start IS NULL THEN 'expected a timestamp in ''bill/BillingPeriodStartDate'', found "' || period_text || '"'
        WHEN currency IS NOT NULL AND currency <> 'USD' THEN 'expected currency ''USD'' in ''lineItem/CurrencyCode'', found "' || currency || '" (the report is in USD)'
        WHEN NOT is_lambda AND line_item_type = 'SavingsPlanRecurringFee' AND total_commitment_text IS NOT NULL AND total_commitment_value IS NULL
            THEN 'expected a decimal number in ''savingsPlan/TotalCommitmentToDate'', found "' || total_commitment_text || '"'
        WHEN NOT is_lambda AND line_item_type = 'SavingsPlanRecurringFee' AND used_commitment_text IS NOT NULL AND used_commitment_value IS NULL
            THEN 'expected a decimal number in ''savingsPlan/UsedCommitment'', found "' || used_commitment_text || '"'
        WHEN NOT is_lambda AND line_item_type = 'SavingsPlanRecurringFee' AND amortized_upfront_text IS NOT NULL AND amortized_upfront_value IS NULL
            THEN 'expected a decimal number in ''savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod'', found "' || amortized_upfront_text || '"'
        WHEN is_lambda AND usage_account_id IS NULL THEN 'expected an account ID in ''lineItem/UsageAccountId'''
        WHEN is_lambda AND is_usage AND quantity_value IS NULL
            THEN 'expected a decimal number in ''lineItem/UsageAmount'', found "' || coalesce(quantity_text, '') || '"'
        WHEN is_lambda AND is_usage AND quantity_value < 0
            THEN 'expected a usage amount of 0 or more in ''lineItem/UsageAmount'', found "' || quantity_text || '"'
        WHEN is_lambda AND line_item_type IN ('Usage', 'DiscountedUsage') AND on_demand_text IS NOT NULL AND on_demand_value IS NULL
            THEN 'expected a decimal number in ''pricing/publicOnDemandCost'', found "' || on_demand_text || '"'
        WHEN is_lambda AND line_item_type = 'SavingsPlanCoveredUsage' AND sp_effective_text IS NOT NULL AND sp_effective_value IS NULL
            THEN 'expected a decimal number in ''savingsPlan/SavingsPlanEffectiveCost'', found "' || sp_effective_text || '"'
    END AS reject_reason
FROM parsed;

-- The aggregate: Lambda rows per function, usage type, line item type and hour; other services per product, line
-- item type and hour (CloudWatch rows of a function's log group, and rows with a function tag, also per resource,
-- account, region, usage type and function tag); one record per rejected row. Amounts that the tool reads only when present are summed in
-- groups of their own (an empty cell stays empty), so that each record takes one branch of the tool's rules.
CREATE OR REPLACE TEMP VIEW lambda_cost_aggregate AS
WITH kept AS (
    SELECT * FROM cur_checked
    WHERE getvariable('billing_period') IS NULL OR billing_period IS NULL OR billing_period = getvariable('billing_period')
),
lambda_rows AS (
    SELECT
        billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type,
        coalesce(region_code, product_region) AS region, resource_id,
        -- Free tier (BillingRules.isFreeTier): Usage at cost 0 that the rate code's offer term, the description or a
        -- Global- usage type marks; in files without rate code and description, an empty pricing/term.
        coalesce(line_item_type = 'Usage' AND cost = 0 AND (
            rate_code LIKE '%.A429C66SYZ.%' OR description_text LIKE '%Free Tier%' OR usage_type LIKE 'Global-%'
            OR (rate_code IS NULL AND description_text IS NULL AND has_term_column AND term_text IS NULL)), false) AS free_tier,
        hour, cost,
        CASE WHEN is_usage THEN quantity_value END AS quantity,
        CASE WHEN line_item_type IN ('Usage', 'DiscountedUsage') THEN on_demand_value END AS on_demand,
        CASE WHEN line_item_type = 'SavingsPlanCoveredUsage' THEN sp_effective_value END AS sp_effective,
        CASE WHEN line_item_type = 'SavingsPlanRecurringFee' AND used_commitment_value IS NOT NULL THEN total_commitment_value END AS total_commitment,
        CASE WHEN line_item_type = 'SavingsPlanRecurringFee' AND total_commitment_value IS NOT NULL THEN used_commitment_value END AS used_commitment,
        tag_columns, tag_map
    FROM kept
    WHERE reject_reason IS NULL AND is_lambda
),
other_rows AS (
    SELECT
        billing_period, payer_account_id, product_code, line_item_type, hour, cost,
        -- CloudWatch rows of a function's log group (arn:<partition>:logs:<region>:<account>:log-group:/aws/lambda/<name>,
        -- a trailing :* allowed) keep what the report's built-in rule ties them to a function with, and their usage
        -- amount (every row's, as the tool reads it; rows without one add nothing); so do rows with a function tag
        -- (not Savings Plans line items, which no rule ties), and they keep the tag; the others keep none of it.
        CASE WHEN is_log_group OR function_tag IS NOT NULL THEN usage_account_id END AS usage_account_id,
        CASE WHEN is_log_group OR function_tag IS NOT NULL THEN usage_type END AS usage_type,
        CASE WHEN is_log_group OR function_tag IS NOT NULL THEN coalesce(region_code, product_region) END AS region,
        CASE WHEN is_log_group OR function_tag IS NOT NULL THEN resource_id END AS resource_id,
        CASE WHEN is_log_group OR function_tag IS NOT NULL THEN quantity_value END AS quantity,
        CASE WHEN function_tag IS NOT NULL THEN CAST(json_object(function_tag_key, function_tag) AS VARCHAR) END AS tags,
        CASE WHEN line_item_type IN ('SavingsPlanRecurringFee', 'SavingsPlanUpfrontFee') THEN offering_type END AS offering_type,
        CASE WHEN line_item_type = 'SavingsPlanRecurringFee' AND used_commitment_value IS NOT NULL THEN total_commitment_value END AS total_commitment,
        CASE WHEN line_item_type = 'SavingsPlanRecurringFee' AND total_commitment_value IS NOT NULL THEN used_commitment_value END AS used_commitment,
        CASE WHEN line_item_type = 'SavingsPlanRecurringFee' THEN amortized_upfront_value END AS amortized_upfront
    FROM (
        SELECT *, coalesce(product_code = 'AmazonCloudWatch'
            AND regexp_matches(resource_id, '^arn:[^:]*:logs:[^:]+:[^:]+:log-group:/aws/lambda/[A-Za-z0-9_-]+(:\*)?$'), false) AS is_log_group,
            -- The function tag's value (the CUR 2.0 map's user_function first, as the tool reads it; empty = none) and
            -- its key as the CUR spells it; none on Savings Plans line items.
            CASE WHEN NOT coalesce(line_item_type LIKE 'SavingsPlan%' OR product_code = 'ComputeSavingsPlans', false)
                THEN nullif(coalesce(map_function_tag, function_tag_text), '') END AS function_tag,
            CASE WHEN map_function_tag IS NOT NULL THEN 'user_function' ELSE function_tag_column END AS function_tag_key
        FROM (
            -- A map value that is not a string is no tag, as for the tool.
            SELECT *, CASE WHEN json_type(tag_map, '$.user_function') = 'VARCHAR' THEN tag_map->>'user_function' END AS map_function_tag
            FROM kept
        )
    )
    WHERE reject_reason IS NULL AND NOT is_lambda
)
SELECT
    1 AS format_version, 'lambda' AS record_type, billing_period, payer_account_id, usage_account_id, product_code,
    line_item_type, usage_type, region, resource_id, free_tier,
    strftime(hour, '%Y-%m-%dT%H:%M:%SZ') AS usage_hour,
    exact_text(sum(quantity)) AS usage_amount,
    exact_text(sum(cost)) AS unblended_cost,
    exact_text(sum(on_demand)) AS public_on_demand_cost,
    exact_text(sum(sp_effective)) AS savings_plan_effective_cost,
    exact_text(sum(total_commitment)) AS total_commitment,
    exact_text(sum(used_commitment)) AS used_commitment,
    CAST(NULL AS VARCHAR) AS amortized_upfront_commitment,
    count(*) AS "rows",
    CAST(json_merge_patch('{}', json_merge_patch(to_json(tag_columns), coalesce(tag_map, '{}'))) AS VARCHAR) AS tags,
    CAST(NULL AS VARCHAR) AS reason,
    CAST(NULL AS VARCHAR) AS savings_plan_offering_type
FROM lambda_rows
GROUP BY billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type, region, resource_id,
    free_tier, hour, on_demand IS NULL, sp_effective IS NULL, total_commitment IS NULL, tag_columns, tag_map
UNION ALL
SELECT
    1, 'other', billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type, region, resource_id,
    false, strftime(hour, '%Y-%m-%dT%H:%M:%SZ'),
    exact_text(sum(quantity)), exact_text(sum(cost)), NULL, NULL, exact_text(sum(total_commitment)), exact_text(sum(used_commitment)),
    exact_text(sum(amortized_upfront)), count(*), tags, NULL, offering_type
FROM other_rows
GROUP BY billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type, region, resource_id,
    tags, offering_type, hour, total_commitment IS NULL, amortized_upfront IS NULL
UNION ALL
SELECT
    1, 'rejected', billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type,
    coalesce(region_code, product_region), resource_id, false, strftime(hour, '%Y-%m-%dT%H:%M:%SZ'),
    NULL, exact_text(cost), NULL, NULL, NULL, NULL, NULL, 1, NULL,
    reject_reason || coalesce(' (identity/LineItemId ' || line_item_id || ')', ''), NULL
FROM kept
WHERE reject_reason IS NOT NULL;

-- The output, in a repeatable order (scripts/cur-aggregate writes this statement's result with COPY).
SELECT * FROM lambda_cost_aggregate ORDER BY ALL;
