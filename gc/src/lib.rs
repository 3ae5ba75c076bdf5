//! weft-gc: the block heap and its stop-the-world, parallel mark-sweep collector.
//!
//! The public API is the contract in `docs/gc-api.md`. Layout:
//! - [`header`]: `GcHeader`, `GcVTable`, `GcPtr`;
//! - [`chunk`]: 1 MiB aligned chunks of 16-byte blocks with ATB/mark/FTB/WTB side bitmaps;
//! - [`alloc`]: `LocalAlloc` bump spans and the global free-span pool;
//! - [`mark`]: `Tracer` and the work-stealing marker;
//! - [`weak`]: the sharded weak map and weak processing;
//! - [`sweep`]: freeing dead objects and rebuilding free spans;
//! - [`heap`]: `Heap`, `HeapConfig`, `CollectStats`, the collection driver.
//!
//! A collection: mark (roots, then the closure) → weak processing → sweep → statistics.
//! Never triggered by allocation itself (DESIGN.md invariant 1).

pub mod alloc;
pub mod chunk;
pub mod header;
pub mod heap;
pub mod mark;
pub mod sweep;
pub mod weak;

pub use alloc::LocalAlloc;
pub use chunk::{BLOCKS_PER_CHUNK, CHUNK_SIZE};
pub use header::{BLOCK_SIZE, GcHeader, GcPtr, GcVTable};
pub use heap::{CollectStats, Heap, HeapConfig};
pub use mark::Tracer;
