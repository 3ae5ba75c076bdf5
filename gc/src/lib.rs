//! weft-gc: the block heap and its stop-the-world, parallel mark-sweep collector.
//!
//! The public API is the contract in `docs/gc-api.md`. Layout:
//! - [`header`]: `GcHeader`, `GcVTable`, `GcPtr`;
//! - [`chunk`]: 1 MiB aligned chunks of 16-byte blocks with ATB/mark/FTB/WTB/ETB side
//!   bitmaps;
//! - `ends`: the end table's invariant, and closing allocation runs at a collection;
//! - [`external`]: payload bytes outside the block heap, counted by the global allocator;
//! - [`alloc`]: `LocalAlloc` bump spans and the global free-span pool;
//! - [`mark`]: `Tracer` and the work-stealing marker;
//! - `pool`: the persistent collector threads (parked between collections);
//! - [`weak`]: the sharded weak map and weak processing;
//! - `spans`: free runs of a chunk from its side tables alone (no header reads);
//! - [`sweep`]: freeing dead objects and rebuilding free spans;
//! - [`verify`]: the heap verifier (side-table, closure and poison checks);
//! - [`heap`]: `Heap`, `HeapConfig`, `Collection`, `CollectStats`, `StatsSummary`, the
//!   collection driver.
//!
//! A collection: (a) mark from the roots → (b) weak processing for dead referents →
//! (c) finalisable garbage reported and kept with its closure for one more cycle →
//! (d) pruning of dead weak references → (e) sweep → statistics (see the `heap` module
//! doc). Never triggered by allocation itself (DESIGN.md invariant 1).

pub mod alloc;
pub mod chunk;
mod ends;
pub mod external;
pub mod header;
pub mod heap;
pub mod mark;
#[cfg(not(feature = "rayon-pool"))]
mod pool;
#[cfg(feature = "rayon-pool")]
#[path = "pool_rayon.rs"]
mod pool;
mod spans;
pub mod sweep;
pub mod verify;
pub mod weak;

pub use alloc::LocalAlloc;
pub use chunk::{BLOCKS_PER_CHUNK, CHUNK_SIZE};
pub use header::{BLOCK_SIZE, GcHeader, GcPtr, GcVTable};
pub use heap::{CollectStats, Collection, Heap, HeapConfig, STATS_HISTORY, StatsSummary};
pub use mark::Tracer;
pub use verify::POISON;
