/// The wire rules of `Protocol/WIRE.md`, each checked in raw bytes.
public enum WireCases {
    /// Every wire case, grouped by section.
    public static var all: [ConformanceCase] { [] }
}
