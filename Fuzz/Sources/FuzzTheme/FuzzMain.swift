import FuzzDriver

/// The executable's entry point (SwiftPM expects `FuzzTheme_main`); libFuzzer takes over from here.
@_cdecl("FuzzTheme_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in fuzzTheme(data, size) }
}
