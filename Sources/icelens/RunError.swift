/// An error that stops a run after its flags were accepted (an input that vanished, a rules file that cannot be
/// read): printed as `Error: <message>` with exit status 1, without the usage text.
struct RunError: Error, CustomStringConvertible {
    let description: String
}
