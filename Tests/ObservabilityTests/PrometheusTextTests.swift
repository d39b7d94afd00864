import Observability
import Testing

@Suite("Prometheus text format")
struct PrometheusTextTests {
    @Test("label values escape backslash, double quote and newline")
    func escapesLabelValues() {
        #expect(PrometheusText.escape("a\\b\"c\nd") == "a\\\\b\\\"c\\nd")
    }

    @Test("histogram buckets are cumulative and end with +Inf equal to the count")
    func histogramIsCumulative() {
        var histogram = Histogram(bounds: [0.1, 1])
        for value in [0.05, 0.5, 0.5, 7] { histogram.observe(value) }
        var page = PrometheusText()
        page.histogram("x_seconds", histogram)
        #expect(page.text.contains("x_seconds_bucket{le=\"0.1\"} 1\n"))
        #expect(page.text.contains("x_seconds_bucket{le=\"1\"} 3\n"))
        #expect(page.text.contains("x_seconds_bucket{le=\"+Inf\"} 4\n"))
        #expect(page.text.contains("x_seconds_count 4\n"))
    }
}
