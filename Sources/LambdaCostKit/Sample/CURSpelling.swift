/// How the sample CUR spells its column names and writes its values.
public enum CURSpelling: String, CaseIterable, Sendable {
    /// Legacy CUR as CSV: `lineItem/UsageType`, ISO dates `2026-10-01T03:00:00Z`, quoting only where needed.
    case legacy
    /// A legacy CUR read through Athena: `line_item_usage_type`, dates `2026-10-01 03:00:00.000000000`
    /// unquoted, every string quoted (like the real sample).
    case athena
    /// CUR 2.0 (Data Exports): snake_case, `product_region_code`, tags in a `resource_tags` JSON map column.
    case cur2
}
