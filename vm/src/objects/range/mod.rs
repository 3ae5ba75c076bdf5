//! `range` (i64 bounds).
pub mod methods;
use crate::payload;

#[derive(crate::trace::Trace)]
pub struct RangeData {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}
payload!(RangeData, "range");

impl RangeData {
    pub fn len(&self) -> i64 {
        let (lo, hi, st) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if st > 0 {
            if hi > lo { (hi - lo + st - 1) / st } else { 0 }
        } else if lo > hi {
            (lo - hi - st - 1) / (-st)
        } else {
            0
        };
        n as i64
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

/// Number of items of a range (0 when empty), without overflow.
pub fn range_len(r: &RangeData) -> u128 {
    let (start, stop, step) = (r.start as i128, r.stop as i128, r.step as i128);
    let n = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    n as u128
}
