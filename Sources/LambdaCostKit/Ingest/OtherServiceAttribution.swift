/// The function a rule ties another service's row to (docs/attribution.md), by its number in the accumulator
/// (``MonthAccumulator/functionSlot(_:)``), with what the row charges for and its usage quantity (log storage only).
struct OtherServiceAttribution {
    var functionSlot: Int
    var charge: OtherServiceCharge
    var quantity: FixedDecimal
}
