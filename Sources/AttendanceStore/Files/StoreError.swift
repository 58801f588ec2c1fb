/// Everything that can go wrong opening or changing a store, each naming the file and what to do.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public var file: String?
    public var message: String

    public init(file: String? = nil, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String {
        if let file { return "\(file): \(message)" }
        return message
    }
}
