//! The group spans of a match (group 0 first), held inside the match object for up to
//! [`INLINE`] spans: most patterns have few groups, and a separate allocation per match
//! (freed only when the collector sweeps the match) costs more than the match itself.
use std::ops::{Deref, DerefMut};

/// Spans kept inline (group 0 and one group).
const INLINE: usize = 2;

pub enum Regs {
    Inline {
        spans: [(isize, isize); INLINE],
        len: u8,
    },
    Heap(Box<[(isize, isize)]>),
}

impl Regs {
    /// `n` spans, each (-1, -1) (a group that did not take part).
    pub fn unset(n: usize) -> Regs {
        if n <= INLINE {
            return Regs::Inline {
                spans: [(-1, -1); INLINE],
                len: n as u8,
            };
        }
        Regs::Heap(vec![(-1, -1); n].into_boxed_slice())
    }
}

impl Deref for Regs {
    type Target = [(isize, isize)];

    fn deref(&self) -> &Self::Target {
        match self {
            Regs::Inline { spans, len } => &spans[..*len as usize],
            Regs::Heap(b) => b,
        }
    }
}

impl DerefMut for Regs {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            Regs::Inline { spans, len } => &mut spans[..*len as usize],
            Regs::Heap(b) => b,
        }
    }
}
