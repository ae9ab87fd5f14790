/// A FOCUS row (CSV record or Parquet row) read as the CUR line items it stands for
/// (``BillingRules/focusLineItems(_:)``): the file's fields under their CUR names, and the virtual fields of
/// ``FOCUSColumns/Virtual`` for the line item selected with ``select(_:)``.
final class FOCUSRecord<Base: CURRecord>: CURRecord {
    let base: Base
    let columns: FOCUSColumns
    private(set) var lineItems: [BillingRules.FOCUSLineItem] = []
    private var current = 0
    private var scratch: [UInt8] = []
    private var cache: [BillingRules.FOCUSCharge: [BillingRules.FOCUSLineItem]] = [:]
    /// Rows of usage a commitment covers whose on-demand cost was not in `ListCost` (see ``BillingRules/focusLineItems(_:)``).
    private(set) var rowsWithoutListCost = 0

    init(base: Base, columns: FOCUSColumns) {
        self.base = base
        self.columns = columns
    }

    /// Works out the line items of the base's current row and selects the first.
    func load() {
        func text(_ column: Int?) -> String {
            guard let column, column < base.fieldCount, !base.isEmpty(column) else { return "" }
            return base.lossyString(column)
        }
        func present(_ column: Int?) -> Bool { column.map { $0 < base.fieldCount && !base.isEmpty($0) } ?? false }
        let charge = BillingRules.FOCUSCharge(
            category: text(columns.chargeCategory), chargeClass: text(columns.chargeClass), frequency: text(columns.chargeFrequency),
            hasCommitment: present(columns.commitmentID), commitmentType: text(columns.commitmentType),
            commitmentStatus: text(columns.commitmentStatus), hasListCost: present(columns.listCost),
            hasContractedCost: present(columns.contractedCost))
        if let cached = cache[charge] {
            lineItems = cached
        } else {
            lineItems = BillingRules.focusLineItems(charge)
            if cache.count < 1_024 { cache[charge] = lineItems }
        }
        current = 0
        if let first = lineItems.first, case .column(let source) = first.unblendedCost, source == .contractedCost || source == .effectiveCost {
            rowsWithoutListCost += 1
        }
    }

    /// Forgets the line items of the previous row (for a record that cannot be read as FOCUS at all).
    func clear() {
        lineItems = []
        current = 0
    }

    /// Selects line item `index` of the current row.
    func select(_ index: Int) { current = index }

    var fieldCount: Int { base.fieldCount + FOCUSColumns.Virtual.allCases.count }
    var line: Int { base.line }
    var partLine: Int { base.partLine }
    var rawRecord: String { base.rawRecord }
    var rowWeight: Int { lineItems.isEmpty ? 1 : lineItems[current].rowWeight }
    /// A rejected FOCUS row counts its `BilledCost` (on its first line item; the others add nothing).
    var rejectedCostColumn: Int? { columns.billedCost }

    private func value(_ index: Int) -> BillingRules.FOCUSValue? {
        guard index >= columns.fileFieldCount, let field = FOCUSColumns.Virtual(rawValue: index - columns.fileFieldCount) else { return nil }
        guard !lineItems.isEmpty else { return .text("") }
        let item = lineItems[current]
        switch field {
        case .lineItemType: return item.lineItemType
        case .unblendedCost: return item.unblendedCost
        case .productCode: return item.productCode
        case .resourceID: return item.resourceID
        case .totalCommitment: return item.totalCommitment
        case .usedCommitment: return item.usedCommitment
        case .amortizedUpfront: return item.amortizedUpfront
        case .offeringType: return item.offeringType
        }
    }

    private func column(_ source: BillingRules.FOCUSSource) -> Int? {
        switch source {
        case .billedCost: columns.billedCost
        case .effectiveCost: columns.effectiveCost
        case .listCost: columns.listCost
        case .contractedCost: columns.contractedCost
        case .serviceCode: columns.serviceCode
        case .chargeCategory: columns.chargeCategory
        case .resourceID: columns.resourceID
        }
    }

    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch value(index) {
        case nil: return try base.withField(index, body)
        case .column(let source)?:
            guard let column = column(source) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            return try base.withField(column, body)
        case .negated(let source)?:
            guard let column = column(source) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            base.withField(column) { bytes in
                scratch.removeAll(keepingCapacity: true)
                if bytes.first == UInt8(ascii: "-") {
                    scratch.append(contentsOf: bytes.dropFirst())
                } else if bytes.first == UInt8(ascii: "+") {
                    scratch.append(UInt8(ascii: "-"))
                    scratch.append(contentsOf: bytes.dropFirst())
                } else if !bytes.isEmpty {
                    scratch.append(UInt8(ascii: "-"))
                    scratch.append(contentsOf: bytes)
                }
            }
            return try scratch.withUnsafeBufferPointer(body)
        case .text(let text)?:
            var text = text
            return try text.withUTF8(body)
        }
    }

    func isEmpty(_ index: Int) -> Bool {
        switch value(index) {
        case nil: return base.isEmpty(index)
        case .column(let source)?, .negated(let source)?: return column(source).map(base.isEmpty) ?? true
        case .text(let text)?: return text.isEmpty
        }
    }

    func structuralProblem(expectedFields: Int) -> RejectReason? {
        base.structuralProblem(expectedFields: expectedFields - FOCUSColumns.Virtual.allCases.count)
    }

    func rejectLocation(field: Int?, path: String) -> SourceLocation {
        base.rejectLocation(field: field.map(sourceField), path: path)
    }

    func partLocation(field: Int, path: String) -> SourceLocation {
        base.partLocation(field: sourceField(field), path: path)
    }

    /// The base's field that field `field` was read from (itself unless it is virtual).
    private func sourceField(_ field: Int) -> Int {
        guard let virtual = FOCUSColumns.Virtual(rawValue: field - columns.fileFieldCount), field >= columns.fileFieldCount else {
            return field
        }
        var source = columns.source(of: virtual)
        if case .column(let from)? = value(field), let column = column(from) { source = column }
        if case .negated(let from)? = value(field), let column = column(from) { source = column }
        return source
    }

    /// A virtual field is named by the column the current line item reads it from.
    func fieldName(_ columns: CURColumns, _ index: Int) -> String {
        switch value(index) {
        case .column(let source)?, .negated(let source)?:
            if let column = column(source) { return columns.name(of: column) }
        default: break
        }
        return columns.name(of: index)
    }

    func mapEntries(_ index: Int) -> [(key: String, value: String)] { base.mapEntries(index) }
}
