//! Replies: every message that is not part of a series hangs under the series message it
//! answers, the nearest one above it in its thread (through other replies).

use std::collections::BTreeSet;

use super::jwz::Threads;
use super::{Msg, Series};

pub fn attach(msgs: &[Msg], order: &[usize], threads: &Threads<'_>, series: &mut [Series]) {
    let mut member_of: Vec<u32> = vec![u32::MAX; msgs.len()];
    for (s, ser) in series.iter().enumerate() {
        for m in ser.members() {
            member_of[m] = s as u32;
        }
    }
    let is_member: Vec<bool> = member_of.iter().map(|&s| s != u32::MAX).collect();
    let nearest = threads.nearest_marked(&is_member);
    for &i in order {
        if is_member[i] {
            continue;
        }
        if let Some(t) = nearest[i] {
            series[member_of[t] as usize].replies.push((i, t));
        }
    }
    for ser in series.iter_mut() {
        let everyone: Vec<usize> = ser
            .members()
            .chain(ser.replies.iter().map(|(r, _)| *r))
            .collect();
        let people: BTreeSet<String> = everyone
            .iter()
            .map(|&m| msgs[m].from.email.to_ascii_lowercase())
            .collect();
        ser.participants = people.len() as u32;
        ser.first_review = ser
            .replies
            .iter()
            .map(|(r, _)| *r)
            .filter(|&r| !msgs[r].bot && !super::same_person(&msgs[r].from, &ser.submitter))
            .min_by_key(|&r| (msgs[r].date, r));
        ser.first_reply_at = ser.replies.iter().map(|(r, _)| msgs[*r].date).min();
        ser.last_activity = everyone
            .iter()
            .map(|&m| msgs[m].date)
            .max()
            .unwrap_or(ser.date);
    }
}
