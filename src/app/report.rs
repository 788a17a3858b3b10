//! `patchq report`: the period asked for (an ISO week, a date range, or the last complete week
//! before now), the subsystems it is narrowed to, the facts read and the report built.

use chrono::{Datelike, NaiveDate, TimeZone, Utc, Weekday};

use super::AppError;
use crate::report::{Period, Report, build};
use crate::store::Store;

/// ISO week `YYYY-Www` as `[Monday 00:00 UTC, next Monday)`.
pub fn iso_week(text: &str) -> Result<Period, AppError> {
    let bad = || AppError::User(format!("not an ISO week (YYYY-Www): {text}"));
    let (year, week) = text
        .split_once("-W")
        .or_else(|| text.split_once("-w"))
        .ok_or_else(bad)?;
    let year: i32 = year.parse().map_err(|_| bad())?;
    let week: u32 = week.parse().map_err(|_| bad())?;
    let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)?;
    let since = Utc
        .from_utc_datetime(&monday.and_hms_opt(0, 0, 0).ok_or_else(bad)?)
        .timestamp();
    Ok(Period {
        label: format!("{year}-W{week:02}"),
        since,
        until: since + 7 * 86_400,
    })
}

/// The last complete ISO week before `now`.
pub fn last_week(now: i64) -> Period {
    let day = Utc
        .timestamp_opt(now, 0)
        .single()
        .unwrap_or_default()
        .date_naive();
    let last = day - chrono::Duration::days(7);
    let iso = last.iso_week();
    iso_week(&format!("{}-W{:02}", iso.year(), iso.week())).expect("a real week")
}

/// A period between two dates.
pub fn range(since: i64, until: i64) -> Result<Period, AppError> {
    if until <= since {
        return Err(AppError::User("--until must come after --since".into()));
    }
    Ok(Period {
        label: format!(
            "{} to {}",
            crate::report::day(since),
            crate::report::day(until - 1)
        ),
        since,
        until,
    })
}

/// Builds the report on `period`, narrowed to `scope` (subsystem names; empty: all).
pub fn report(
    store: &Store,
    period: Period,
    scope: &[String],
    now: i64,
) -> Result<Report, AppError> {
    // Counts look back one period more, the charts twelve weeks.
    let len = period.until - period.since;
    let from = (period.since - len).min(period.until - 12 * 7 * 86_400);
    let facts = store.report_facts(period.until, from)?;
    Ok(build(&facts, period, scope, now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks() {
        let w = iso_week("2026-W01").unwrap();
        assert_eq!(crate::report::day(w.since), "2025-12-29");
        assert_eq!(w.until - w.since, 7 * 86_400);
        assert!(iso_week("2026-W54").is_err());
        // Friday 2026-11-27: the last complete week is W47 (16..22 November).
        let last = last_week(1_795_780_800);
        assert_eq!(
            (last.label.as_str(), crate::report::day(last.since).as_str()),
            ("2026-W47", "2026-11-16")
        );
    }
}
