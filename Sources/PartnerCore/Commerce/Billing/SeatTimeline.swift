/// How many seats a subscription held over time: a list of points, each "from this instant on,
/// N seats" (0 = not billable: before purchase or after cancellation). Built from a
/// subscription's history.
public struct SeatTimeline: Sendable, Hashable {
    /// One step of the timeline.
    public struct Point: Sendable, Hashable {
        /// When the count took effect.
        public var at: Timestamp
        /// Seats held from `at` on; 0 means none (cancelled).
        public var seats: Int

        /// Creates a point.
        public init(at: Timestamp, seats: Int) {
            self.at = at
            self.seats = seats
        }
    }

    /// Points in time order (stable for equal instants: the later one wins).
    public private(set) var points: [Point]

    /// Creates a timeline; the points are sorted by time, keeping input order for ties.
    public init(_ points: [Point] = []) {
        self.points = points.enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
    }

    /// Adds a step at the end. `at` must not be before the last point.
    public mutating func append(at: Timestamp, seats: Int) {
        precondition(points.last.map { $0.at <= at } ?? true, "seat timeline points must be appended in time order")
        points.append(Point(at: at, seats: seats))
    }

    /// Seats held at the instant `time` (the last point at or before it), 0 before the first.
    public func seats(at time: Timestamp) -> Int {
        var held = 0
        for point in points {
            if point.at > time { break }
            held = point.seats
        }
        return held
    }

    /// The seats billed for the UTC day starting at `dayStart`: the highest count held at any
    /// moment of `[dayStart, dayStart + 1 day)`. So seats added during a day are billed for that
    /// whole day, and seats removed (or a cancellation) during a day are billed through it.
    public func billedSeats(forDayStarting dayStart: Timestamp) -> Int {
        let dayEnd = dayStart.adding(days: 1)
        var highest = seats(at: dayStart)
        for point in points where point.at > dayStart && point.at < dayEnd {
            highest = max(highest, point.seats)
        }
        return highest
    }

    /// Seat-days of `month`: the sum over its days of `billedSeats(forDayStarting:)`.
    public func seatDays(in month: BillingMonth) -> Int64 {
        usage(in: month)?.seatDays ?? 0
    }

    /// The first and last billed UTC day of `month` (midnights), or `nil` when no day is billed.
    public func billedDays(in month: BillingMonth) -> (first: Timestamp, last: Timestamp)? {
        usage(in: month).map { ($0.first, $0.last) }
    }

    /// The seat-days of the days of `month` starting at or after `from` and before `until`
    /// (midnights; `nil` for no bound), with the first and last billed day; `nil` when no day
    /// of that span is billed.
    public func usage(in month: BillingMonth, from: Timestamp? = nil, until: Timestamp? = nil) -> (
        seatDays: Int64, first: Timestamp, last: Timestamp
    )? {
        var total: Int64 = 0
        var first: Timestamp?
        var last: Timestamp?
        var day = month.start
        for _ in 0..<month.dayCount {
            defer { day = day.adding(days: 1) }
            if let from, day < from { continue }
            if let until, day >= until { continue }
            let seats = billedSeats(forDayStarting: day)
            guard seats > 0 else { continue }
            total += Int64(seats)
            if first == nil { first = day }
            last = day
        }
        guard let first, let last else { return nil }
        return (total, first, last)
    }
}
