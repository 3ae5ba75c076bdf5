//! Numeric hashes exactly as CPython computes them (Python/pyhash.c, Objects/longobject.c):
//! reduction modulo the Mersenne prime 2**61 - 1, so that `hash(1) == hash(1.0)` and equal
//! numbers of different types hash alike (dict keys depend on it).
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

const BITS: u32 = 61;
const MODULUS: u64 = (1u64 << BITS) - 1;
/// `hash(float('inf'))`.
const HASH_INF: i64 = 314159;

/// -1 is CPython's error marker, so a hash of -1 becomes -2.
#[inline]
fn fix(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

pub fn hash_i64(i: i64) -> i64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    fix(if i < 0 { -m } else { m })
}

pub fn hash_int_bigint(b: &BigInt) -> i64 {
    if let Some(i) = b.to_i64() {
        return hash_i64(i);
    }
    let m = (b.magnitude() % MODULUS).to_u64().unwrap_or(0) as i64;
    fix(if b.sign() == Sign::Minus { -m } else { m })
}

/// `math.frexp`: f = m * 2**e with 0.5 <= |m| < 1 (f finite, non-zero).
fn frexp(f: f64) -> (f64, i32) {
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(f * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// CPython's `_Py_HashDouble`; NaN hashes to 0 here (CPython uses the object's id;
/// callers wanting that behaviour check for NaN first).
pub fn hash_f64(f: f64) -> i64 {
    if f.is_infinite() {
        return if f > 0.0 { HASH_INF } else { -HASH_INF };
    }
    if f.is_nan() || f == 0.0 {
        return 0;
    }
    let (mut m, mut e) = frexp(f);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268435456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS as i32
    } else {
        BITS as i32 - 1 - ((-1 - e) % BITS as i32)
    } as u32;
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    fix(x as i64 * sign)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn matches_cpython() {
        assert_eq!(hash_f64(1.0), 1);
        assert_eq!(hash_f64(0.5), 1152921504606846976);
        assert_eq!(hash_f64(-1.0), -2);
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_f64(1e100), hash_int_bigint(&"10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104".parse().unwrap()));
        assert_eq!(hash_f64(2.5), 1152921504606846978);
    }
}
