/// The function a rule ties another service's row to (docs/attribution.md), with what the row charges for and its
/// usage quantity.
struct OtherServiceAttribution {
    var function: FunctionIdentity
    var charge: OtherServiceCharge
    var quantity: FixedDecimal
}
