//! "Did you mean: 'x'?": the name a traceback suggests for an AttributeError or a
//! NameError, by CPython 3.11's rule (`Python/suggestions.c`).
//!
//! The candidates are `dir(obj)` for an AttributeError (its `name` and `obj`
//! attributes), and for a NameError the variable names of the innermost traceback
//! frame's code, then its globals, then its builtins (the first of the three that
//! offers a name wins). A candidate is accepted when its edit distance to the wrong name
//! is at most a third of their combined length; moves cost 2, a change of case 1. The
//! closest candidate wins, the first one among equals. More than 750 candidates, or
//! names over 40 bytes, offer nothing.
use crate::helpers::as_str;
use crate::objects::exception::ExcData;
use crate::value::Value;
use crate::vm::Vm;

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// Edit distance of `a` and `b` (bytes), or `max_cost + 1` once it is sure to exceed it.
fn distance<'a>(mut a: &'a [u8], mut b: &'a [u8], max_cost: usize) -> usize {
    while let (Some(x), Some(y)) = (a.first(), b.first())
        && x == y
    {
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last())
        && x == y
    {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    // row[i]: the distance from a[..=i] to the part of b seen so far.
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut diagonal = bi * MOVE_COST;
        result = diagonal;
        let mut minimum = usize::MAX;
        for (ai, &ch) in a.iter().enumerate() {
            let substitute = diagonal + substitution_cost(code, ch);
            diagonal = row[ai];
            let insert_delete = result.min(diagonal) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The closest of `candidates` to `wrong`, if one is close enough (module doc).
pub fn closest(wrong: &str, candidates: &[String]) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&String, usize)> = None;
    for c in candidates {
        if c == wrong {
            continue;
        }
        let mut max = (wrong.len() + c.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max = max.min(d.saturating_sub(1));
        }
        let d = distance(wrong.as_bytes(), c.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    best.map(|(c, _)| c.clone())
}

/// The names in a list, tuple, dict (its keys) or other iterable of strs.
fn names_of(vm: &mut Vm, v: Value) -> Option<Vec<String>> {
    let items = vm.with_root(v, |vm| vm.collect_iter(v)).ok()?;
    Some(
        items
            .iter()
            .filter_map(|i| as_str(i).map(str::to_string))
            .collect(),
    )
}

/// What a traceback adds after the message of exception `e`: the suggested name, if any.
pub fn offer(vm: &mut Vm, e: Value) -> Option<String> {
    let x = e.downcast::<ExcData>()?;
    let dict = x.dict;
    let name = vm.dict_get_str(dict, "name")?;
    let wrong = as_str(&name)?.to_string();
    let ty = vm.type_of(e);
    let exc = &vm.rt.types.exc;
    let (attribute_error, name_error) = (exc.attribute_error, exc.name_error);
    if crate::types::is_subclass(vm, ty, attribute_error) {
        let obj = vm.dict_get_str(dict, "obj")?;
        let dir = vm.dict_get_str(vm.rt.builtins, "dir")?;
        let listed = vm.call(dir, &[obj], &[]).ok()?;
        let names = names_of(vm, listed)?;
        return closest(&wrong, &names);
    }
    if !crate::types::is_subclass(vm, ty, name_error) {
        return None;
    }
    let mut tb = x.traceback.load();
    if tb.is_null() || tb.is_none() {
        return None;
    }
    loop {
        let next = vm.getattr_str(tb, "tb_next").ok()?;
        if next.is_none() {
            break;
        }
        tb = next;
    }
    let frame = vm.getattr_str(tb, "tb_frame").ok()?;
    vm.with_root(frame, |vm| {
        let code = vm.getattr_str(frame, "f_code").ok()?;
        let varnames = vm.getattr_str(code, "co_varnames").ok()?;
        let mut scopes = vec![varnames];
        for attr in ["f_globals", "f_builtins"] {
            if let Ok(d) = vm.getattr_str(frame, attr) {
                scopes.push(d);
            }
        }
        for scope in scopes {
            let names = names_of(vm, scope)?;
            if let Some(s) = closest(&wrong, &names) {
                return Some(s);
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_found() {
        let c = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(closest("sqr", &c(&["sqrt", "sin"])), Some("sqrt".into()));
        assert_eq!(closest("len_", &c(&["lenn", "x"])), Some("lenn".into()));
        assert_eq!(closest("Value", &c(&["value"])), Some("value".into()));
        assert_eq!(closest("Valeu", &c(&["value"])), None);
        assert_eq!(closest("abc", &c(&["xyz"])), None);
        assert_eq!(closest("abc", &c(&["abc"])), None);
    }
}
