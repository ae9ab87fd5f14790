-- lambda-cost-report: the hourly per-function aggregate (docs/scale-out.md, format_version 1) of one month of a
-- legacy CUR, with Amazon Athena (engine version 3, Trino) over the table AWS's CUR-Athena integration creates
-- (snake_case columns such as line_item_usage_type; amounts DOUBLE, dates TIMESTAMP; partitions year and month).
--
-- Before running, replace in this file:
--   cur_database.cur_table       your CUR table
--   the tag columns              in the `tags` expression below: one entry per resource_tags_* column you want
--                                in the report (user_team = resourceTags/user:team); MAP(ARRAY[], ARRAY[]) for none
-- Parameters (Athena execution parameters, in order): the partition year and month as text, month without a
-- leading zero as the integration writes it, for example '2026' and '10':
--   aws athena start-query-execution --work-group primary \
--     --query-string file://sql/athena-legacy.sql --execution-parameters "'2026'" "'10'"
-- then copy the result CSV (s3://<query results location>/<query id>.csv) to where lambda-cost-report reads.
--
-- Amounts: each DOUBLE is turned into its shortest round-trip text and cast to DECIMAL(38,24), which gives back
-- the decimal AWS wrote; sums are exact decimals, never floating point. The per-row rules (free tier, Savings
-- Plans, what is rejected) are those of lambda-cost-report's own CUR reader (docs/scale-out.md); this query is
-- the same as sql/duckdb-parquet.sql, which the tests run, written for Athena (not run by the tests).

WITH source AS (
    SELECT
        NULLIF(CAST(identity_line_item_id AS VARCHAR), '') AS line_item_id,
        NULLIF(CAST(bill_payer_account_id AS VARCHAR), '') AS payer_account_id,
        bill_billing_period_start_date AS period_value,
        NULLIF(CAST(line_item_usage_account_id AS VARCHAR), '') AS usage_account_id,
        NULLIF(CAST(line_item_line_item_type AS VARCHAR), '') AS line_item_type,
        line_item_usage_start_date AS start_value,
        NULLIF(CAST(line_item_product_code AS VARCHAR), '') AS product_code,
        NULLIF(CAST(line_item_usage_type AS VARCHAR), '') AS usage_type,
        NULLIF(CAST(line_item_resource_id AS VARCHAR), '') AS resource_id,
        NULLIF(CAST(line_item_usage_amount AS VARCHAR), '') AS quantity_text,
        NULLIF(CAST(line_item_unblended_cost AS VARCHAR), '') AS cost_text,
        NULLIF(CAST(line_item_currency_code AS VARCHAR), '') AS currency,
        NULLIF(CAST(product_region AS VARCHAR), '') AS region,  -- or product_region_code, when the table has it
        NULLIF(CAST(pricing_rate_code AS VARCHAR), '') AS rate_code,
        NULLIF(CAST(line_item_line_item_description AS VARCHAR), '') AS description_text,
        NULLIF(CAST(pricing_public_on_demand_cost AS VARCHAR), '') AS on_demand_text,
        NULLIF(CAST(savings_plan_savings_plan_effective_cost AS VARCHAR), '') AS sp_effective_text,
        NULLIF(CAST(savings_plan_total_commitment_to_date AS VARCHAR), '') AS total_commitment_text,
        NULLIF(CAST(savings_plan_used_commitment AS VARCHAR), '') AS used_commitment_text,
        NULLIF(CAST(savings_plan_amortized_upfront_commitment_for_billing_period AS VARCHAR), '') AS amortized_upfront_text,
        -- The tags to keep: key (as in the column name, after resource_tags_) and column.
        map_filter(MAP(ARRAY['user_team'], ARRAY[CAST(resource_tags_user_team AS VARCHAR)]), (k, v) -> v IS NOT NULL AND v <> '') AS tags,
        -- The function tag's column (the default [attribution] function_tag, `function`; resourceTags/user:function);
        -- CAST(NULL AS VARCHAR) when the table has none. Empty = none.
        NULLIF(CAST(resource_tags_user_function AS VARCHAR), '') AS function_tag_text
    FROM cur_database.cur_table
    WHERE year = ? AND month = ?
),
parsed AS (
    SELECT *,
        TRY_CAST(cost_text AS DECIMAL(38,24)) AS cost,
        date_trunc('hour', coalesce(TRY(CAST(start_value AS TIMESTAMP)),
            TRY(CAST(from_iso8601_timestamp(CAST(start_value AS VARCHAR)) AS TIMESTAMP)))) AS hour,
        coalesce(TRY(CAST(period_value AS TIMESTAMP)),
            TRY(CAST(from_iso8601_timestamp(CAST(period_value AS VARCHAR)) AS TIMESTAMP))) AS period_start,
        NULLIF(CAST(period_value AS VARCHAR), '') AS period_text,
        NULLIF(CAST(start_value AS VARCHAR), '') AS start_text,
        coalesce(product_code = 'AWSLambda', false) AS is_lambda,
        coalesce(line_item_type IN ('Usage', 'SavingsPlanCoveredUsage', 'DiscountedUsage'), false) AS is_usage,
        TRY_CAST(quantity_text AS DECIMAL(38,24)) AS quantity_value,
        TRY_CAST(on_demand_text AS DECIMAL(38,24)) AS on_demand_value,
        TRY_CAST(sp_effective_text AS DECIMAL(38,24)) AS sp_effective_value,
        TRY_CAST(total_commitment_text AS DECIMAL(38,24)) AS total_commitment_value,
        TRY_CAST(used_commitment_text AS DECIMAL(38,24)) AS used_commitment_value,
        TRY_CAST(amortized_upfront_text AS DECIMAL(38,24)) AS amortized_upfront_value
    FROM source
),
checked AS (
    SELECT *,
        CASE
            WHEN cost IS NULL OR hour IS NULL THEN NULL
            WHEN period_start IS NOT NULL THEN date_format(period_start, '%Y-%m')
            ELSE date_format(hour, '%Y-%m')
        END AS billing_period,
        CASE
            WHEN cost IS NULL THEN 'expected a decimal number in ''line_item_unblended_cost'', found "' || coalesce(cost_text, '') || '"'
            WHEN hour IS NULL THEN 'expected a timestamp such as 2026-10-01T00:00:00Z in ''line_item_usage_start_date'', found "' || coalesce(start_text, '') || '"'
            WHEN period_text IS NOT NULL AND period_start IS NULL THEN 'expected a timestamp in ''bill_billing_period_start_date'', found "' || period_text || '"'
            WHEN currency IS NOT NULL AND currency <> 'USD' THEN 'expected currency ''USD'' in ''line_item_currency_code'', found "' || currency || '" (the report is in USD)'
            WHEN NOT is_lambda AND line_item_type = 'SavingsPlanRecurringFee' AND total_commitment_text IS NOT NULL AND total_commitment_value IS NULL
                THEN 'expected a decimal number in ''savings_plan_total_commitment_to_date'', found "' || total_commitment_text || '"'
            WHEN NOT is_lambda AND line_item_type = 'SavingsPlanRecurringFee' AND used_commitment_text IS NOT NULL AND used_commitment_value IS NULL
                THEN 'expected a decimal number in ''savings_plan_used_commitment'', found "' || used_commitment_text || '"'
            WHEN NOT is_lambda AND line_item_type = 'SavingsPlanRecurringFee' AND amortized_upfront_text IS NOT NULL AND amortized_upfront_value IS NULL
                THEN 'expected a decimal number in ''savings_plan_amortized_upfront_commitment_for_billing_period'', found "' || amortized_upfront_text || '"'
            WHEN is_lambda AND usage_account_id IS NULL THEN 'expected an account ID in ''line_item_usage_account_id'''
            WHEN is_lambda AND is_usage AND quantity_value IS NULL
                THEN 'expected a decimal number in ''line_item_usage_amount'', found "' || coalesce(quantity_text, '') || '"'
            WHEN is_lambda AND is_usage AND quantity_value < 0
                THEN 'expected a usage amount of 0 or more in ''line_item_usage_amount'', found "' || quantity_text || '"'
            WHEN is_lambda AND line_item_type IN ('Usage', 'DiscountedUsage') AND on_demand_text IS NOT NULL AND on_demand_value IS NULL
                THEN 'expected a decimal number in ''pricing_public_on_demand_cost'', found "' || on_demand_text || '"'
            WHEN is_lambda AND line_item_type = 'SavingsPlanCoveredUsage' AND sp_effective_text IS NOT NULL AND sp_effective_value IS NULL
                THEN 'expected a decimal number in ''savings_plan_savings_plan_effective_cost'', found "' || sp_effective_text || '"'
        END AS reject_reason
    FROM parsed
),
lambda_rows AS (
    SELECT
        billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type, region, resource_id,
        coalesce(line_item_type = 'Usage' AND cost = 0 AND (strpos(coalesce(rate_code, ''), '.A429C66SYZ.') > 0
            OR strpos(coalesce(description_text, ''), 'Free Tier') > 0 OR coalesce(usage_type, '') LIKE 'Global-%'), false) AS free_tier,
        hour, cost,
        CASE WHEN is_usage THEN quantity_value END AS quantity,
        CASE WHEN line_item_type IN ('Usage', 'DiscountedUsage') THEN on_demand_value END AS on_demand,
        CASE WHEN line_item_type = 'SavingsPlanCoveredUsage' THEN sp_effective_value END AS sp_effective,
        CASE WHEN line_item_type = 'SavingsPlanRecurringFee' AND used_commitment_value IS NOT NULL THEN total_commitment_value END AS total_commitment,
        CASE WHEN line_item_type = 'SavingsPlanRecurringFee' AND total_commitment_value IS NOT NULL THEN used_commitment_value END AS used_commitment,
        json_format(CAST(tags AS JSON)) AS tags
    FROM checked
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
        CASE WHEN is_log_group OR function_tag IS NOT NULL THEN region END AS region,
        CASE WHEN is_log_group OR function_tag IS NOT NULL THEN resource_id END AS resource_id,
        CASE WHEN is_log_group OR function_tag IS NOT NULL THEN quantity_value END AS quantity,
        CASE WHEN function_tag IS NOT NULL THEN json_format(CAST(MAP(ARRAY['user_function'], ARRAY[function_tag]) AS JSON)) END AS tags,
        CASE WHEN line_item_type = 'SavingsPlanRecurringFee' AND used_commitment_value IS NOT NULL THEN total_commitment_value END AS total_commitment,
        CASE WHEN line_item_type = 'SavingsPlanRecurringFee' AND total_commitment_value IS NOT NULL THEN used_commitment_value END AS used_commitment,
        CASE WHEN line_item_type = 'SavingsPlanRecurringFee' THEN amortized_upfront_value END AS amortized_upfront
    FROM (
        SELECT *, coalesce(product_code = 'AmazonCloudWatch'
            AND regexp_like(resource_id, '^arn:[^:]*:logs:[^:]+:[^:]+:log-group:/aws/lambda/[A-Za-z0-9_-]+(:\*)?$'), false) AS is_log_group,
            CASE WHEN NOT coalesce(line_item_type LIKE 'SavingsPlan%' OR product_code = 'ComputeSavingsPlans', false)
                THEN function_tag_text END AS function_tag
        FROM checked
    )
    WHERE reject_reason IS NULL AND NOT is_lambda
),
aggregate AS (
    SELECT
        1 AS format_version, 'lambda' AS record_type, billing_period, payer_account_id, usage_account_id, product_code,
        line_item_type, usage_type, region, resource_id, free_tier,
        date_format(hour, '%Y-%m-%dT%H:%i:%sZ') AS usage_hour,
        sum(quantity) AS usage_amount, sum(cost) AS unblended_cost, sum(on_demand) AS public_on_demand_cost,
        sum(sp_effective) AS savings_plan_effective_cost, sum(total_commitment) AS total_commitment,
        sum(used_commitment) AS used_commitment, CAST(NULL AS DECIMAL(38,24)) AS amortized_upfront_commitment,
        count(*) AS "rows", tags, CAST(NULL AS VARCHAR) AS reason
    FROM lambda_rows
    GROUP BY billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type, region, resource_id,
        free_tier, hour, on_demand IS NULL, sp_effective IS NULL, total_commitment IS NULL, tags
    UNION ALL
    SELECT
        1, 'other', billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type, region,
        resource_id, false, date_format(hour, '%Y-%m-%dT%H:%i:%sZ'),
        sum(quantity), sum(cost), CAST(NULL AS DECIMAL(38,24)), CAST(NULL AS DECIMAL(38,24)),
        sum(total_commitment), sum(used_commitment), sum(amortized_upfront), count(*), tags, CAST(NULL AS VARCHAR)
    FROM other_rows
    GROUP BY billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type, region, resource_id,
        tags, hour, total_commitment IS NULL, amortized_upfront IS NULL
    UNION ALL
    SELECT
        1, 'rejected', billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type, region,
        resource_id, false, date_format(hour, '%Y-%m-%dT%H:%i:%sZ'), CAST(NULL AS DECIMAL(38,24)), cost,
        CAST(NULL AS DECIMAL(38,24)), CAST(NULL AS DECIMAL(38,24)), CAST(NULL AS DECIMAL(38,24)), CAST(NULL AS DECIMAL(38,24)),
        CAST(NULL AS DECIMAL(38,24)), CAST(1 AS BIGINT), CAST(NULL AS VARCHAR),
        reject_reason || coalesce(' (identity_line_item_id ' || line_item_id || ')', '')
    FROM checked
    WHERE reject_reason IS NOT NULL
)
-- Amounts as exact decimal text without trailing zeros (1.25, not 1.250000000000000000000000).
SELECT
    format_version, record_type, billing_period, payer_account_id, usage_account_id, product_code, line_item_type, usage_type,
    region, resource_id, free_tier, usage_hour,
    regexp_replace(CAST(usage_amount AS VARCHAR), '\.?0+$', '') AS usage_amount,
    regexp_replace(CAST(unblended_cost AS VARCHAR), '\.?0+$', '') AS unblended_cost,
    regexp_replace(CAST(public_on_demand_cost AS VARCHAR), '\.?0+$', '') AS public_on_demand_cost,
    regexp_replace(CAST(savings_plan_effective_cost AS VARCHAR), '\.?0+$', '') AS savings_plan_effective_cost,
    regexp_replace(CAST(total_commitment AS VARCHAR), '\.?0+$', '') AS total_commitment,
    regexp_replace(CAST(used_commitment AS VARCHAR), '\.?0+$', '') AS used_commitment,
    regexp_replace(CAST(amortized_upfront_commitment AS VARCHAR), '\.?0+$', '') AS amortized_upfront_commitment,
    "rows", tags, reason
FROM aggregate
ORDER BY billing_period, record_type, usage_account_id, region, resource_id, usage_type, line_item_type, usage_hour, free_tier,
    unblended_cost, "rows", tags, reason
