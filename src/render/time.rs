//! Dates for output: RFC 3339 in UTC, and short relative ages.

/// `2026-01-02T03:04:05Z`.
pub fn rfc3339(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

/// How long ago `ts` was at `now`: `5m`, `3h`, `2d`, `6w`, `4mo`, `2y`.
pub fn age(now: i64, ts: i64) -> String {
    let s = (now - ts).max(0);
    let (m, h, d) = (60, 3600, 86400);
    match s {
        _ if s < h => format!("{}m", s / m),
        _ if s < 2 * d => format!("{}h", s / h),
        _ if s < 14 * d => format!("{}d", s / d),
        _ if s < 60 * d => format!("{}w", s / (7 * d)),
        _ if s < 730 * d => format!("{}mo", s / (30 * d)),
        _ => format!("{}y", s / (365 * d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(rfc3339(1_704_186_000), "2024-01-02T09:00:00Z");
        assert_eq!(age(10_000, 10_000 - 300), "5m");
        assert_eq!(age(1_000_000, 1_000_000 - 3 * 86400), "3d");
        assert_eq!(age(100_000_000, 100_000_000 - 100 * 86400), "3mo");
        assert_eq!(age(0, 10), "0m");
    }
}
