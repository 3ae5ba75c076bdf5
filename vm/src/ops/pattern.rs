//! The run-time side of `match` statements (PEP 634): the checks behind `MatchSequence`,
//! `MatchMapping`, `MatchKeys`, `CopyDictWithoutKeys` and `MatchClass` (see
//! compiler/src/codegen/pattern.rs for how patterns use them).
//!
//! - A sequence pattern matches the built-in sequences (list, tuple, range, array,
//!   memoryview) and whatever `collections.abc.Sequence` accepts (registered classes,
//!   subclasses, deque), never str, bytes or bytearray. A mapping pattern matches dicts and
//!   whatever `collections.abc.Mapping` accepts. The ABCs are asked only when
//!   `_collections_abc` has been imported: before that no class can be registered with them.
//! - Mapping keys are looked up with `get(key, sentinel)` for mappings that are not dicts,
//!   so a `__missing__` (defaultdict) is not triggered, as in CPython.
//! - A class pattern's positional sub-patterns name attributes through `__match_args__`;
//!   the built-in types in [`MATCH_SELF`] match their one positional sub-pattern against the
//!   subject itself. A missing attribute (AttributeError) makes the pattern fail.
use crate::helpers::as_str;
use crate::objects::dict::DictData;
use crate::objects::tuple::TupleData;
use crate::objects::typeobj::TypeData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The built-in types whose instances match a single positional sub-pattern by themselves.
const MATCH_SELF: &[&str] = &[
    "bool",
    "bytearray",
    "bytes",
    "dict",
    "float",
    "frozenset",
    "int",
    "list",
    "set",
    "str",
    "tuple",
];

/// isinstance(subj, _collections_abc.<abc>) if that module is loaded; None otherwise.
fn abc_check(vm: &mut Vm, subj: Value, abc: &str) -> PyResult<Option<bool>> {
    let modules = vm.rt.modules;
    let Some(m) = vm.dict_get_str(modules, "_collections_abc") else {
        return Ok(None);
    };
    let Some(cls) = getattr_opt_str(vm, m, abc)? else {
        return Ok(None);
    };
    let builtins = vm.rt.builtins;
    let Some(isinstance) = vm.dict_get_str(builtins, "isinstance") else {
        return Ok(None);
    };
    let r = vm.call(isinstance, &[subj, cls], &[])?;
    Ok(Some(vm.truthy(r)?))
}

fn getattr_opt_str(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    let k = vm.intern(name);
    attr_or_none(vm, obj, k)
}

/// `obj.name`, None on AttributeError (from wherever it comes: a property, `__getattr__`).
fn attr_or_none(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Option<Value>> {
    match vm.getattr(obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.err_is(&e, vm.rt.types.exc.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

impl Vm {
    /// Is `subj` something a sequence pattern may match?
    pub fn match_sequence(&mut self, subj: Value) -> PyResult<bool> {
        let ty = self.type_of(subj);
        let t = &self.rt.types;
        for not in [t.str, t.bytes, t.bytearray] {
            if crate::types::is_subclass(self, ty, not) {
                return Ok(false);
            }
        }
        let t = &self.rt.types;
        for yes in [t.list, t.tuple, t.range] {
            if crate::types::is_subclass(self, ty, yes) {
                return Ok(true);
            }
        }
        let p = crate::ops::protocol::base_or_self(subj);
        if p.is::<crate::objects::array::ArrayData>() {
            return Ok(true);
        }
        if crate::types::is_subclass(self, ty, self.rt.types.dict) {
            return Ok(false);
        }
        Ok(abc_check(self, subj, "Sequence")?.unwrap_or(false))
    }

    /// Is `subj` something a mapping pattern may match?
    pub fn match_mapping(&mut self, subj: Value) -> PyResult<bool> {
        let ty = self.type_of(subj);
        if crate::types::is_subclass(self, ty, self.rt.types.dict) {
            return Ok(true);
        }
        let t = &self.rt.types;
        for not in [t.list, t.tuple, t.str, t.bytes, t.bytearray, t.range] {
            if crate::types::is_subclass(self, ty, not) {
                return Ok(false);
            }
        }
        Ok(abc_check(self, subj, "Mapping")?.unwrap_or(false))
    }

    /// The values of `keys` in the mapping `subj` (a tuple), or None if one is missing.
    pub fn match_keys(&mut self, subj: Value, keys: Value) -> PyResult {
        let vm = self;
        crate::root_scope!(vm);
        let keys = keys.downcast::<TupleData>().expect("keys tuple").0.to_vec();
        let exact_dict = subj.is::<DictData>();
        let (get, sentinel) = if exact_dict {
            (Value::NULL, Value::NULL)
        } else {
            let get = vm.getattr_str(subj, "get")?;
            vm.root(get);
            let object = vm.rt.types.object;
            let s = vm.call(object, &[], &[])?;
            vm.root(s);
            (get, s)
        };
        let mut seen: Vec<Value> = Vec::new();
        let mut values = Vec::with_capacity(keys.len());
        for k in keys {
            for &s in &seen {
                if vm.eq(s, k)? {
                    let r = vm.repr(k)?;
                    return Err(
                        vm.value_error(format!("mapping pattern checks duplicate key ({r})"))
                    );
                }
            }
            seen.push(k);
            let v = if exact_dict {
                vm.dict_get(subj, k)?
            } else {
                let v = vm.call(get, &[k, sentinel], &[])?;
                if v == sentinel { None } else { Some(v) }
            };
            match v {
                Some(v) => {
                    vm.root(v);
                    values.push(v);
                }
                None => return Ok(Value::NONE),
            }
        }
        vm.new_tuple(values)
    }

    /// `{**rest}`: a new dict with the items of `subj` whose keys are not in `keys`.
    pub fn copy_dict_without_keys(&mut self, subj: Value, keys: Value) -> PyResult {
        let vm = self;
        crate::root_scope!(vm);
        let d = vm.new_dict()?;
        vm.root(d);
        let builtins = vm.rt.builtins;
        if let Some(src) = crate::objects::dict::ops::dict_payload(subj) {
            for (k, v) in vm.dict_items(src) {
                vm.dict_set(d, k, v)?;
            }
        } else {
            let update = vm.getattr_str(d, "update")?;
            vm.call(update, &[subj], &[])?;
        }
        let _ = builtins;
        let keys = keys.downcast::<TupleData>().expect("keys tuple").0.to_vec();
        for k in keys {
            vm.dict_del(d, k)?;
        }
        Ok(d)
    }

    /// The attributes a class pattern matches its sub-patterns against (a tuple), or None
    /// when `subj` is not an instance of `cls` or lacks one of them.
    pub fn match_class(&mut self, subj: Value, cls: Value, names: Value, npos: usize) -> PyResult {
        let vm = self;
        crate::root_scope!(vm);
        if !cls.is::<TypeData>() {
            return Err(vm.type_error("called match pattern must be a class"));
        }
        let builtins = vm.rt.builtins;
        let isinstance = vm.dict_get_str(builtins, "isinstance").expect("isinstance");
        let r = vm.call(isinstance, &[subj, cls], &[])?;
        if !vm.truthy(r)? {
            return Ok(Value::NONE);
        }
        let kw_names = names
            .downcast::<TupleData>()
            .expect("names tuple")
            .0
            .to_vec();
        let mut attrs: Vec<Value> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let cls_name = crate::types::type_data(&cls).qualname.read().clone();
        if npos > 0 {
            let match_self = !crate::types::type_data(&cls).is_user
                && MATCH_SELF.contains(&crate::types::type_data(&cls).name.read().as_str());
            let k = vm.intern("__match_args__");
            let match_args = attr_or_none(vm, cls, k)?;
            match match_args {
                Some(ma) => {
                    let Some(t) = ma.downcast::<TupleData>() else {
                        let tn = vm.type_name(ma);
                        return Err(vm.type_error(format!(
                            "{cls_name}.__match_args__ must be a tuple (got {tn})"
                        )));
                    };
                    let items = t.0.to_vec();
                    if npos > items.len() {
                        let n = items.len();
                        let s = if n == 1 { "" } else { "s" };
                        return Err(vm.type_error(format!(
                            "{cls_name}() accepts {n} positional sub-pattern{s} ({npos} given)"
                        )));
                    }
                    for &name in &items[..npos] {
                        let Some(s) = as_str(&name).map(str::to_string) else {
                            let tn = vm.type_name(name);
                            return Err(vm.type_error(format!(
                                "__match_args__ elements must be strings (got {tn})"
                            )));
                        };
                        if seen.contains(&s) {
                            return Err(vm.type_error(format!(
                                "{cls_name}() got multiple sub-patterns for attribute '{s}'"
                            )));
                        }
                        seen.push(s);
                        match attr_or_none(vm, subj, name)? {
                            Some(v) => attrs.push(vm.root(v)),
                            None => return Ok(Value::NONE),
                        }
                    }
                }
                None if match_self => {
                    if npos > 1 {
                        return Err(vm.type_error(format!(
                            "{cls_name}() accepts 1 positional sub-pattern ({npos} given)"
                        )));
                    }
                    attrs.push(subj);
                }
                None => {
                    return Err(vm.type_error(format!(
                        "{cls_name}() accepts 0 positional sub-patterns ({npos} given)"
                    )));
                }
            }
        }
        for name in kw_names {
            let s = as_str(&name).unwrap_or("").to_string();
            if seen.contains(&s) {
                return Err(vm.type_error(format!(
                    "{cls_name}() got multiple sub-patterns for attribute '{s}'"
                )));
            }
            seen.push(s);
            match attr_or_none(vm, subj, name)? {
                Some(v) => attrs.push(vm.root(v)),
                None => return Ok(Value::NONE),
            }
        }
        vm.new_tuple(attrs)
    }
}
