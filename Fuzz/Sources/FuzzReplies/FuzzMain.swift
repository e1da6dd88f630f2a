import FuzzDriver

/// The executable's entry point (SwiftPM expects `FuzzReplies_main`); libFuzzer takes over from here.
@_cdecl("FuzzReplies_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in fuzzReplies(data, size) }
}
