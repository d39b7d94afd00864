/// The wire rules of `Protocol/WIRE.md`, each checked in raw bytes.
///
/// Not covered here: the frame timeout (30 s) and idle timeout (300 s) of §2.4, too slow for
/// a suite, and `$/goaway` / drain (§11.2), which need the server under test to shut down;
/// the client-side serve mode exercises `$/goaway` against clients instead.
public enum WireCases {
    /// Every wire case, grouped by section.
    public static var all: [ConformanceCase] {
        FramingCases.all + JSONTextCases.all + EnvelopeCases.all + NotificationCases.all + ValidationOrderCases.all
            + MetaCases.all + StatusCases.all + BatchCases.all + MultiplexCases.all + DeadlineCases.all
            + CancelCases.all
            + StreamCases.all + KeepaliveCases.all + AuthCases.all + BuiltinCases.all + ErrorObjectCases.all
            + LimitCases.all
    }
}
