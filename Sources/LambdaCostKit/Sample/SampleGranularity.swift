/// The time granularity of the sample CUR, as chosen for an AWS Cost and Usage Report.
public enum SampleGranularity: String, CaseIterable, Sendable {
    /// One line item per resource, usage type and hour (usage start at the hour, end one hour later).
    case hourly
    /// One line item per resource, usage type and day: the day's hourly line items summed, usage start at 00:00Z
    /// of the day and end at 00:00Z of the next, as AWS writes a CUR of daily granularity.
    case daily
}
