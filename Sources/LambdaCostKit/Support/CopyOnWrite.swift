/// A value kept behind one shared reference: copies of the holder share it (a copy is a pointer) until one of them
/// changes it, which copies it first when another holder shares it. ``FunctionCost`` and ``Opportunity`` keep their
/// fields this way, so a fleet's sorted lists and groupings do not hold the fleet twice.
struct CopyOnWrite<Value: Sendable>: @unchecked Sendable {
    /// Changed in place only while one holder has it (``value``'s `_modify`), so sharing it across threads is safe.
    /// That rule is what keeps its accesses exclusive, so they are not checked at run time as well: every field read
    /// of a fleet's functions and opportunities would begin and end an access.
    private final class Storage {
        @exclusivity(unchecked) var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var storage: Storage

    init(_ value: Value) { storage = Storage(value) }

    var value: Value {
        get { storage.value }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.value) }
            yield &storage.value
        }
    }
}
