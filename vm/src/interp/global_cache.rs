//! `LOAD_GLOBAL`'s inline cache: the first word of the instruction's `attr_cache::Site`.
//!
//! A name found in the globals is remembered by its entry index there; one found in the
//! builtins by its entry index there plus the globals' keys version (it was absent from
//! the globals then). Using an entry:
//! - globals hit: the globals' published entry at that index still has this very key
//!   object and a live value (`DictLock::value_at_if`). Entries never move within a
//!   storage and a storage a writer replaces is freed only at a stop-the-world, so the
//!   read is safe and the key check makes it exact;
//! - builtins hit: the globals' keys version is the one recorded (no key was added or
//!   removed since, so the name is still absent) and the builtins' entry checks out as
//!   above. Keys versions come from one counter for all dicts, so a version also names
//!   the dict it was taken from (code run with other globals never matches).
//!
//! A word is read and written whole (a relaxed atomic), holds no value (only an index and
//! a version), and a stale or torn-between-threads word at worst misses: the lookup then
//! runs the slow way and rewrites it. Storing to an existing global invalidates nothing.
use crate::objects::dict::DictData;
use crate::objects::str::StrData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::Relaxed;

/// An unfilled entry (the same word as an unfilled attribute site).
const EMPTY: u64 = super::attr_cache::EMPTY;
const IN_BUILTINS: u64 = 1 << 31;
const INDEX_MASK: u64 = IN_BUILTINS - 1;

impl Vm {
    /// `LOAD_GLOBAL name` at the instruction whose cache word is `site`.
    #[inline]
    pub(super) fn load_global_cached(
        &mut self,
        site: &AtomicU64,
        globals: Value,
        builtins: Value,
        name: Value,
    ) -> PyResult<Value> {
        let w = site.load(Relaxed);
        if w != EMPTY
            && let Some(g) = globals.downcast::<DictData>()
        {
            let ix = (w & INDEX_MASK) as usize;
            let hit = if w & IN_BUILTINS == 0 {
                g.0.value_at_if(ix, name)
            } else if g.0.keys_version() == (w >> 32) as u32 {
                builtins
                    .downcast::<DictData>()
                    .and_then(|b| b.0.value_at_if(ix, name))
            } else {
                None
            };
            if let Some(v) = hit {
                return Ok(v);
            }
        }
        self.load_global_fill(site, globals, builtins, name)
    }

    #[inline(never)]
    fn load_global_fill(
        &mut self,
        site: &AtomicU64,
        globals: Value,
        builtins: Value,
        name: Value,
    ) -> PyResult<Value> {
        if let (Some(g), Some(b), Some(s)) = (
            globals.downcast::<DictData>(),
            builtins.downcast::<DictData>(),
            name.downcast::<StrData>(),
        ) {
            // Loaded before the lookup: a key added meanwhile makes the entry stale.
            let gver = g.0.keys_version();
            if let Some((ix, v)) = g.0.find_str_lockfree(s.hash(), name) {
                if (ix as u64) <= INDEX_MASK {
                    site.store(ix as u64, Relaxed);
                }
                return Ok(v);
            }
            if let Some((ix, v)) = b.0.find_str_lockfree(s.hash(), name) {
                if gver != 0 && (ix as u64) <= INDEX_MASK {
                    site.store(ix as u64 | IN_BUILTINS | (gver as u64) << 32, Relaxed);
                }
                return Ok(v);
            }
        }
        self.load_global(globals, builtins, name)
    }
}
