/// The inputs a run will read, and the paths named on the command line that could not be located (missing,
/// unreadable, an empty directory): those are reported with the result, never a reason to read nothing.
public struct LocatedInputs: Sendable, Equatable {
    /// The inputs, in the order given.
    public var inputs: [InputSpec] = []
    /// The named paths that could not be located, with why.
    public var failures: [InputFailure] = []
    /// The same, as errors.
    var errors: [InputError] = []

    /// Makes a list.
    public init(inputs: [InputSpec] = [], failures: [InputFailure] = []) {
        self.inputs = inputs
        self.failures = failures
    }

    init(inputs: [InputSpec], failures: [InputFailure], errors: [InputError]) {
        self.inputs = inputs
        self.failures = failures
        self.errors = errors
    }
}
