/// One developer name from the errors' `fingerPrint` fields with its number of errors.
public struct FingerprintCount: Sendable, Hashable {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}
