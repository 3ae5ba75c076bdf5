//! The Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998), seeded the way CPython's
//! `_random` seeds it, so that `random.seed(n)` gives CPython's numbers for every `n`.
//!
//! The generator holds 624 words of state and a position in them; every 624 draws the
//! whole block is regenerated ("twisted") at once.

/// Words of state.
pub const N: usize = 624;
/// The middle word: the twist mixes word i with word i + M.
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

#[derive(Clone)]
pub struct Mt {
    pub state: [u32; N],
    /// Index of the next word to temper; `N` means "twist first". Always in 0..=N.
    pub index: usize,
}

impl Default for Mt {
    fn default() -> Self {
        let mut mt = Mt {
            state: [0; N],
            index: N,
        };
        mt.seed_word(5489);
        mt
    }
}

impl Mt {
    /// The reference generator's `init_genrand`: fill the state from one 32-bit word.
    pub fn seed_word(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// The reference generator's `init_by_array`: CPython seeds every int this way, with
    /// the absolute value's 32-bit words, least significant first (at least one word).
    pub fn seed_words(&mut self, key: &[u32]) {
        let zero = [0u32];
        let key = if key.is_empty() { &zero[..] } else { key };
        self.seed_word(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
        }
        // The top bit set guarantees a state that is not all zeros.
        self.state[0] = 0x8000_0000;
        self.index = N;
    }

    /// Regenerate all N words.
    fn twist(&mut self) {
        let s = &mut self.state;
        for i in 0..N {
            let y = (s[i] & UPPER_MASK) | (s[(i + 1) % N] & LOWER_MASK);
            let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
            s[i] = s[(i + M) % N] ^ (y >> 1) ^ mag;
        }
        self.index = 0;
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        // Tempering.
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) with 53 random bits: 27 bits from one draw, 26 from the next
    /// (CPython's `random()`).
    pub fn next_f64(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `k` random bits (k > 0) as little-endian 32-bit words; the last word's unused high
    /// bits are dropped by shifting its draw right, as CPython does.
    pub fn bits(&mut self, k: u64) -> Vec<u32> {
        let words = k.div_ceil(32) as usize;
        let mut out = Vec::with_capacity(words);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left = left.saturating_sub(32);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_output() {
        // The reference code's published first outputs for init_by_array({0x123, 0x234,
        // 0x345, 0x456}).
        let mut mt = Mt::default();
        mt.seed_words(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.next_u32()).collect();
        assert_eq!(
            first,
            [1067595299, 955945823, 477289528, 4107218783, 4228976476]
        );
    }
}
