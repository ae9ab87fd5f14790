/// Values numbered from 0 in the order they are first seen: a hot loop keeps a number where it would hash a value
/// again (the other services' products and functions, ``MonthAccumulator``).
struct NumberedTable<Value: Hashable> {
    /// By number.
    private(set) var values: [Value] = []
    private var numbers: [Value: Int] = [:]

    /// The number of `value`, given it the first time.
    mutating func number(of value: Value) -> Int {
        if let number = numbers[value] { return number }
        values.append(value)
        numbers[value] = values.count - 1
        return values.count - 1
    }
}
