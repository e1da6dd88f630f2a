import FuzzDriver

/// The executable's entry point (SwiftPM expects `FuzzURL_main`); libFuzzer takes over from here.
@_cdecl("FuzzURL_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in fuzzURL(data, size) }
}
