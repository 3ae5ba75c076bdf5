//! Intern throughput with 2 threads: the table maps a name to a (here: fake) value and
//! creates the entry on a miss, as `Vm::intern` does. Candidates:
//! - `mutex`: one `parking_lot::Mutex<FxHashMap>` (weft's shared table);
//! - `dashmap`: `DashMap` with the Fx hasher (sharded `RwLock`s);
//! - `cache+mutex`, `cache+dashmap`: a per-thread `FxHashMap` of up to 4096 names in front
//!   (weft's `Vm::intern_cache`).
//! Workloads: `hot` (both threads intern the same 500 names: attribute and method names),
//! `wide` (each thread 20,000 distinct names, half shared: a program with many names),
//! `fresh` (every name new: the miss path).
use dashmap::DashMap;
use parking_lot::Mutex;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::time::Instant;

trait Table: Sync {
    fn intern(&self, s: &str) -> u64;
}

#[derive(Default)]
struct MutexTable(Mutex<FxHashMap<Box<str>, u64>>);
impl Table for MutexTable {
    fn intern(&self, s: &str) -> u64 {
        if let Some(&v) = self.0.lock().get(s) {
            return v;
        }
        let v = s.len() as u64; // stands for allocating the str outside the lock
        *self.0.lock().entry(s.into()).or_insert(v)
    }
}

struct Dash(DashMap<Box<str>, u64, FxBuildHasher>);
impl Table for Dash {
    fn intern(&self, s: &str) -> u64 {
        if let Some(v) = self.0.get(s) {
            return *v;
        }
        let v = s.len() as u64;
        *self.0.entry(s.into()).or_insert(v)
    }
}

fn run<T: Table>(t: &T, names: &[Vec<String>], cache: bool, rounds: usize) -> f64 {
    let start = Instant::now();
    std::thread::scope(|sc| {
        for mine in names {
            sc.spawn(move || {
                let mut local: FxHashMap<Box<str>, u64> = FxHashMap::default();
                let mut sum = 0u64;
                for _ in 0..rounds {
                    for n in mine {
                        if cache {
                            if let Some(&v) = local.get(n.as_str()) {
                                sum = sum.wrapping_add(v);
                                continue;
                            }
                            let v = t.intern(n);
                            if local.len() < 4096 {
                                local.insert(n.as_str().into(), v);
                            }
                            sum = sum.wrapping_add(v);
                        } else {
                            sum = sum.wrapping_add(t.intern(n));
                        }
                    }
                }
                std::hint::black_box(sum);
            });
        }
    });
    let ops: usize = names.iter().map(|n| n.len()).sum::<usize>() * rounds;
    ops as f64 / start.elapsed().as_secs_f64() / 1e6
}

fn main() {
    let hot: Vec<Vec<String>> = (0..2).map(|_| (0..500).map(|i| format!("attr_{i}")).collect()).collect();
    let wide: Vec<Vec<String>> = (0..2)
        .map(|t| (0..20_000).map(|i| if i % 2 == 0 { format!("shared_{i}") } else { format!("t{t}_{i}") }).collect())
        .collect();
    let mut fresh_id = 0usize;
    let mut fresh = || -> Vec<Vec<String>> {
        fresh_id += 1;
        (0..2).map(|t| (0..200_000).map(|i| format!("f{fresh_id}_{t}_{i}")).collect()).collect()
    };
    println!("million interns per second, 2 threads (best of 5)");
    println!("{:<14} {:>8} {:>8} {:>8}", "table", "hot", "wide", "fresh");
    for (label, cache) in [("mutex", false), ("dashmap", false), ("cache+mutex", true), ("cache+dashmap", true)] {
        let mut best = [0f64; 3];
        for _ in 0..5 {
            let dash = label.contains("dashmap");
            let r = |names: &[Vec<String>], rounds| {
                if dash {
                    let t = Dash(DashMap::with_hasher(FxBuildHasher));
                    run(&t, names, cache, rounds)
                } else {
                    run(&MutexTable::default(), names, cache, rounds)
                }
            };
            let f = fresh();
            let v = [r(&hot, 4000), r(&wide, 100), r(&f, 1)];
            for i in 0..3 {
                best[i] = best[i].max(v[i]);
            }
        }
        println!("{:<14} {:>8.1} {:>8.1} {:>8.1}", label, best[0], best[1], best[2]);
    }
}
