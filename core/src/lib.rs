//! weft-core: the small concurrency building blocks the rest of weft stands on.
//!
//! Nothing here knows about Python or the heap layout. Every type is written against
//! the [`sync`] shim, so the loom models in `stress/` can check the same code that runs
//! in production (build with `RUSTFLAGS="--cfg loom"`).

pub mod asym;
pub mod attention;
pub mod biased;
pub mod biased_lock;
pub mod bitmap;
pub mod callback_queue;
pub mod exclusive;
pub mod heads;
pub mod pubvec;
pub mod retire;
pub mod seal;
pub mod sharded_map;
pub mod signals;
#[cfg(not(loom))]
pub mod spin_lock;
pub mod stw;
pub mod sync;

pub use attention::Attention;
pub use biased::BiasedIndex;
pub use biased_lock::{BiasedGuard, BiasedLock};
pub use bitmap::AtomicBitmap;
pub use callback_queue::CallbackQueue;
pub use exclusive::{Claim, ExclusiveCell};
pub use heads::HeadRun;
pub use pubvec::PubVec;
pub use retire::RetireList;
pub use sharded_map::ShardedMap;
pub use stw::{Stopped, ThreadSlot, World};
