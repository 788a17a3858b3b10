//! Dates given on the command line: `YYYY-MM-DD` (midnight UTC) or RFC 3339.

use anyhow::bail;

/// Seconds since the epoch for a command-line date.
pub fn parse(s: &str) -> anyhow::Result<i64> {
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(d.timestamp());
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc().timestamp())
            .unwrap_or(0));
    }
    bail!("not a date (YYYY-MM-DD or RFC 3339): {s}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_forms() {
        assert_eq!(super::parse("2024-01-02").unwrap(), 1_704_153_600);
        assert_eq!(
            super::parse("2024-01-02T01:00:00+01:00").unwrap(),
            1_704_153_600
        );
        assert!(super::parse("yesterday").is_err());
    }
}
