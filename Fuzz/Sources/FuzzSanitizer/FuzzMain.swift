import FuzzDriver

/// The executable's entry point (SwiftPM expects `FuzzSanitizer_main`); libFuzzer takes over from here.
@_cdecl("FuzzSanitizer_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in fuzzSanitizer(data, size) }
}
