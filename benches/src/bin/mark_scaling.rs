//! mark_scaling: how much a second marker thread speeds up a collection.
//!
//! Builds one heap shape (default: a binary tree of 10^6 nodes), times the best of
//! several full collections with 1 and with 2 marker threads, and prints t1/t2 for the
//! whole pause and for marking alone. The project's target is t1/t2 >= 1.8 on 2 cores.
//!
//! Usage: mark_scaling [SHAPE] [NODES] [RUNS]
//!   SHAPE: binary_tree (default), wide_list, linked_list
//!   NODES: objects in the shape (default 1000000); RUNS: collections per setting (15)

use std::process::ExitCode;
use std::time::Duration;
use weft_benches::scaling::{Best, best_of};
use weft_benches::shapes::{Graph, Shape};

struct Args {
    shape: Shape,
    nodes: usize,
    runs: usize,
}

fn parse_args() -> Result<Args, String> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let shape = match a.first() {
        Some(s) => Shape::from_name(s).ok_or_else(|| format!("unknown shape {s:?}"))?,
        None => Shape::BinaryTree,
    };
    let num = |i: usize, default: usize| -> Result<usize, String> {
        a.get(i).map_or(Ok(default), |s| {
            s.parse().map_err(|e| format!("{s:?}: {e}"))
        })
    };
    Ok(Args {
        shape,
        nodes: num(1, 1_000_000)?,
        runs: num(2, 15)?,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report(threads: usize, b: Best, objects: usize) {
    println!(
        "{threads} marker thread(s): pause {:8.3} ms  mark {:8.3} ms  ({:.1} M objects/s marked)",
        ms(b.pause),
        ms(b.mark),
        objects as f64 / b.mark.as_secs_f64() / 1e6
    );
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("mark_scaling: {e}\nusage: mark_scaling [SHAPE] [NODES] [RUNS]");
            return ExitCode::from(2);
        }
    };
    let graph = Graph::build(args.shape, args.nodes);
    println!(
        "{} of {} objects, best of {} collections, {} cores available",
        args.shape.name(),
        graph.objects,
        args.runs,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    // Warm up once so page faults of the side tables are not charged to 1 thread.
    best_of(&graph, 1, 1);
    let t1 = best_of(&graph, 1, args.runs);
    let t2 = best_of(&graph, 2, args.runs);
    report(1, t1, graph.objects);
    report(2, t2, graph.objects);
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!("t1/t2 pause: {:.2}", ratio(t1.pause, t2.pause));
    println!("t1/t2 mark:  {:.2}", ratio(t1.mark, t2.mark));
    ExitCode::SUCCESS
}
