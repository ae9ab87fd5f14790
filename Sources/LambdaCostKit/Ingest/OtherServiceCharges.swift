/// A function's charges of other services, by charge (``OtherServiceCosts/FunctionShare/charges``), held as a small
/// array sorted by charge (``SmallSortedMap``): 50,000 functions held them through the render.
public typealias OtherServiceCharges = SmallSortedMap<OtherServiceCharge, OtherServiceCosts.Amount>
