/// The function a row is tied to, by number, and what the row charges for (``CURReader``'s cache of them).
struct OtherServiceTarget {
    var functionSlot: Int
    var charge: OtherServiceCharge
}
