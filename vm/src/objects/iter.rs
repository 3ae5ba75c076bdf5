//! Built-in iterators: over sequences by index, ranges, dict views, and callables.
use crate::object::trace_value;
use crate::payload;
use crate::value::Value;
use std::sync::atomic::{AtomicI64, AtomicUsize};

/// Iterates a list, tuple, str, bytes or any object with `__getitem__` by index.
pub struct SeqIter {
    pub seq: Value,
    pub index: AtomicUsize,
}
payload!(SeqIter, "iterator", |this, t| {
    trace_value(this.seq, t);
});

pub struct RangeIter {
    pub next: AtomicI64,
    pub stop: i64,
    pub step: i64,
}
payload!(RangeIter, "range_iterator");

/// What a dict iterator yields.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DictIterKind {
    Keys,
    Values,
    Items,
}

/// Iterates a dict or set by entry position.
pub struct DictIter {
    pub dict: Value,
    pub pos: AtomicUsize,
    pub kind: DictIterKind,
    /// Size at creation, to raise "changed size during iteration".
    pub len: usize,
}
payload!(DictIter, "dict_iterator", |this, t| {
    trace_value(this.dict, t);
});

/// `dict.keys()` / `values()` / `items()` views.
pub struct DictView {
    pub dict: Value,
    pub kind: DictIterKind,
}
payload!(DictView, "dict_view", |this, t| {
    trace_value(this.dict, t);
});

/// A reversed sequence iterator.
pub struct ReverseIter {
    pub seq: Value,
    /// Next index + 1 (0 = exhausted).
    pub index: AtomicUsize,
}
payload!(ReverseIter, "reversed", |this, t| {
    trace_value(this.seq, t);
});

/// `iter(callable, sentinel)`, `map`, `filter`, `zip`, `enumerate` keep their state in
/// a small vector of values plus a counter.
pub struct MiscIter {
    pub kind: MiscIterKind,
    pub vals: Box<[Value]>,
    pub count: AtomicI64,
    pub done: std::sync::atomic::AtomicBool,
}
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MiscIterKind {
    Enumerate,
    Zip,
    Map,
    Filter,
    CallableSentinel,
}
payload!(MiscIter, "iterator", |this, t| {
    crate::object::trace_values(&this.vals, t);
});
