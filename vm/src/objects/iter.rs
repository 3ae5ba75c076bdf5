//! Built-in iterators: over sequences by index, ranges, dict views, and callables.
use crate::payload;
use crate::value::Value;
use std::sync::atomic::{AtomicI64, AtomicUsize};
use weft_core::BiasedIndex;

/// Iterates a list, tuple, str, bytes or any object with `__getitem__` by index.
#[derive(crate::trace::Trace)]
pub struct SeqIter {
    pub seq: Value,
    /// Stepped plainly by the thread that made the iterator, by compare-and-swap once
    /// another thread uses it (`weft_core::biased`).
    pub index: BiasedIndex,
}
payload!(SeqIter, "iterator");

#[derive(crate::trace::Trace)]
pub struct RangeIter {
    /// The next value (an i64 kept as its bits), stepped as `SeqIter::index`.
    pub next: BiasedIndex,
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
#[derive(crate::trace::Trace)]
pub struct DictIter {
    pub dict: Value,
    pub pos: AtomicUsize,
    pub kind: DictIterKind,
    /// Size at creation, to raise "changed size during iteration".
    pub len: usize,
}
payload!(DictIter, "dict_iterator");

/// `dict.keys()` / `values()` / `items()` views.
#[derive(crate::trace::Trace)]
pub struct DictView {
    pub dict: Value,
    pub kind: DictIterKind,
}
payload!(DictView, "dict_view");

/// A reversed sequence iterator.
#[derive(crate::trace::Trace)]
pub struct ReverseIter {
    pub seq: Value,
    /// Next index + 1 (0 = exhausted).
    pub index: AtomicUsize,
}
payload!(ReverseIter, "reversed");

/// `iter(callable, sentinel)`, `map`, `filter`, `zip`, `enumerate` keep their state in
/// a small vector of values plus a counter.
#[derive(crate::trace::Trace)]
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
payload!(MiscIter, "iterator");
