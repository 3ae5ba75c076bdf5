//! Inline caches for attribute loads, method loads and attribute stores.
//!
//! Every instruction of a code object has a [`Site`] of two words (`CodeObj::sites`;
//! `LOAD_GLOBAL` uses the first word its own way, `global_cache`). An attribute
//! instruction remembers in it how its last miss was answered, so that the next
//! execution on an object of the same kind answers with a few loads and compares:
//!
//! | kind     | instruction      | answer                          | valid while                       |
//! |----------|------------------|---------------------------------|-----------------------------------|
//! | `SLOT`   | load, store      | instance slot `aux`             | type version, no instance dict    |
//! | `MODULE` | load, method     | module dict entry `aux`         | the entry still has this key      |
//! | `CLASS`  | load             | value `b` found along the MRO   | type version, instance lacks name |
//! | `METHOD` | method           | function `b` found along the MRO| type version, instance lacks name |
//!
//! Word `a` packs the type version (low 32 bits), the kind (8 bits) and `aux` (24 bits).
//!
//! # Why a hit is the answer the full lookup would give
//! A type's version (`crate::type_version`) is current only while no namespace along its
//! MRO changed since it was handed out, and a version names one type forever. A site is
//! filled under the version taken *before* the lookup that justified it, so a matching
//! version means: same type, same MRO contents. The fill accepts only cases where the
//! MRO's answer cannot run code or depend on the object (no `__getattribute__` or
//! `__setattr__` of the class's own, no property or user-class descriptor under the
//! name, see [`plain`]), so what remains object-dependent is checked on each hit:
//! - `SLOT`: the instance has no dict and the slot holds a value (shared names are
//!   append-only, so slot `aux` still belongs to the name);
//! - `CLASS`/`METHOD`: the instance, if the type makes instances, has no dict and its
//!   class still shares exactly `aux` names (the name was not among them at the fill,
//!   and names are only appended), so the instance cannot shadow the class attribute;
//! - `MODULE`: the module's dict entry `aux` still holds this very key
//!   (`DictLock::value_at_if`, as `LOAD_GLOBAL`'s cache).
//!
//! # Concurrency
//! Sites are shared by every thread running the code. `b` (a value) is written under a
//! seqlock: a filler sets `a` to [`EMPTY`], writes `b`, then publishes `a` with Release;
//! a reader loads `a`, then `b`, then `a` again behind an Acquire fence and uses `b`
//! only if both loads of `a` agree. Two fills with the same `a` store the same `b` (same
//! version, same lookup), so the reader never pairs a word with another fill's value.
//! `b` is not a root: it is used only while the version is current, when the MRO's
//! dict still holds it; no safepoint lies between the check and the push that roots it.
use crate::objects::builtin_fn::BuiltinFn;
use crate::objects::dict::DictData;
use crate::objects::exception::ExcData;
use crate::objects::function::{ClassMethod, FunctionData, Property, StaticMethod, SuperData};
use crate::objects::instance;
use crate::objects::module::ModuleData;
use crate::objects::str::StrData;
use crate::objects::typeobj::TypeData;
use crate::objects::weakref::WeakRefData;
use crate::type_version::{assign_version, type_version};
use crate::types::{lookup_in_mro, type_data};
use crate::value::Value;
use crate::vm::Vm;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::atomic::{AtomicU64, fence};

/// An unfilled site (no valid kind).
pub const EMPTY: u64 = u64::MAX;

const SLOT: u64 = 1;
const MODULE: u64 = 2;
const CLASS: u64 = 3;
const METHOD: u64 = 4;
/// `aux` of `CLASS`/`METHOD` for types whose objects are not instances.
const NOT_INSTANCE: u64 = (1 << 24) - 1;

/// The cache words of one instruction.
pub struct Site {
    pub(super) a: AtomicU64,
    b: AtomicU64,
}

/// Fresh sites for `n` instructions.
pub fn new_sites(n: usize) -> Box<[Site]> {
    (0..n)
        .map(|_| Site {
            a: AtomicU64::new(EMPTY),
            b: AtomicU64::new(0),
        })
        .collect()
}

#[inline]
fn pack(version: u32, kind: u64, aux: u64) -> u64 {
    version as u64 | kind << 32 | aux << 40
}

#[inline]
fn kind(a: u64) -> u64 {
    (a >> 32) & 0xff
}

#[inline]
fn aux(a: u64) -> usize {
    (a >> 40) as usize
}

/// Does `obj`'s type still have the version in `a`?
#[inline]
fn same_type(obj: Value, a: u64) -> bool {
    obj.heap_type().is_some_and(|t| type_version(t) == a as u32)
}

impl Site {
    /// `obj.name` from the cache, if it answers.
    #[inline]
    pub fn load_attr(&self, obj: Value, name: Value) -> Option<Value> {
        let a = self.a.load(Acquire);
        match kind(a) {
            SLOT if same_type(obj, a) => instance::slot_get(obj, aux(a)),
            MODULE => module_entry(obj, aux(a), name),
            CLASS => self.class_value(obj, a),
            _ => None,
        }
    }

    /// `obj.name` for a method call: `(function, obj)` for an unbound function to call
    /// with `obj` first, `(NULL, value)` for a value to call as it is.
    #[inline]
    pub fn load_method(&self, obj: Value, name: Value) -> Option<(Value, Value)> {
        let a = self.a.load(Acquire);
        match kind(a) {
            METHOD => self.class_value(obj, a).map(|f| (f, obj)),
            MODULE => module_entry(obj, aux(a), name).map(|v| (Value::NULL, v)),
            _ => None,
        }
    }

    /// `obj.name = v` into an instance slot; false if the cache does not answer
    /// (nothing was stored).
    #[inline]
    pub fn store_attr(&self, obj: Value, v: Value) -> bool {
        let a = self.a.load(Acquire);
        kind(a) == SLOT && same_type(obj, a) && instance::slot_store(obj, aux(a), v)
    }

    /// `b` of a `CLASS`/`METHOD` site loaded as `a`, if it holds for `obj`.
    #[inline]
    fn class_value(&self, obj: Value, a: u64) -> Option<Value> {
        if !same_type(obj, a) {
            return None;
        }
        let n = aux(a) as u64;
        if n != NOT_INSTANCE && instance::shared_len(obj)? as u64 != n {
            return None;
        }
        let b = self.b.load(Relaxed);
        fence(Acquire);
        (self.a.load(Relaxed) == a).then(|| Value::from_raw(b))
    }

    fn fill(&self, a: u64, b: Value) {
        self.a.store(EMPTY, Relaxed);
        fence(Release);
        self.b.store(b.raw(), Relaxed);
        self.a.store(a, Release);
    }
}

/// Entry `ix` of module `obj`'s dict, if it still has key `name`.
#[inline]
fn module_entry(obj: Value, ix: usize, name: Value) -> Option<Value> {
    obj.downcast::<ModuleData>()?
        .dict
        .downcast::<DictData>()?
        .0
        .value_at_if(ix, name)
}

/// Is `d`, found along an MRO, a value that attribute lookup returns as it is, whatever
/// the object (no descriptor protocol, no code run)? Built-in types only: a user class
/// could gain `__get__`/`__set__` later without any version of *this* type changing.
fn plain(vm: &Vm, d: Value) -> bool {
    let bound_by_lookup = d.is::<FunctionData>()
        || d.downcast::<BuiltinFn>()
            .is_some_and(|b| b.this.is_null() && b.method)
        || d.is::<StaticMethod>()
        || d.is::<ClassMethod>()
        || d.is::<Property>()
        || d.is::<crate::objects::member::MemberDescr>();
    !bound_by_lookup && !type_data(&vm.type_of(d)).is_user
}

/// May an instance's own slot answer a name the MRO holds as `d`? A plain value (the
/// instance's attribute shadows it) or a `__slots__` member descriptor (whose value
/// lives in that very slot).
fn slot_compatible(vm: &Vm, d: Value) -> bool {
    plain(vm, d) || d.is::<crate::objects::member::MemberDescr>()
}

/// Can objects of `obj`'s kind have attributes of their own outside instance slots, or
/// answer names specially (`ops::attr::special_attr`)? Then only the full lookup knows.
fn has_own_namespace(obj: Value) -> bool {
    obj.is::<TypeData>()
        || obj.is::<ModuleData>()
        || obj.is::<SuperData>()
        || obj.is::<FunctionData>()
        || obj.is::<ExcData>()
        || obj.is::<WeakRefData>()
}

/// Names `special_attr` answers for instances, before the class attributes.
fn special_name(name: Value) -> bool {
    name.downcast::<StrData>()
        .is_none_or(|s| matches!(s.as_str(), "__class__" | "__dict__"))
}

impl Vm {
    /// The version of `obj`'s (heap) type if its attribute lookup is the generic one,
    /// taken before any lookup the fill relies on (module doc); None: do not cache.
    fn cacheable_type(&self, obj: Value, name: Value) -> Option<(Value, u32)> {
        let ty = obj.heap_type()?;
        let td = type_data(&ty);
        if td.custom_getattribute.load(Relaxed) || special_name(name) {
            return None;
        }
        let v = assign_version(ty);
        (v != 0).then_some((ty, v))
    }

    /// A module attribute's dict entry, for `MODULE` sites.
    fn module_site(&mut self, obj: Value, name: Value) -> Option<u64> {
        let m = obj.downcast::<ModuleData>()?;
        if obj.heap_type() != Some(self.rt.types.module) {
            return None;
        }
        let hash = name.downcast::<StrData>()?.hash();
        let (ix, _) = m
            .dict
            .downcast::<DictData>()?
            .0
            .find_str_lockfree(hash, name)?;
        (ix < NOT_INSTANCE as usize).then(|| pack(0, MODULE, ix as u64))
    }

    /// `aux` for a `CLASS`/`METHOD` site on `obj`: the names its class shares (it shares
    /// not `name`), or `NOT_INSTANCE`; None if the object could shadow the class value.
    fn class_site_aux(&self, obj: Value, name: Value) -> Option<u64> {
        if instance::instance_parts(&obj).is_some() {
            if instance::slot_index(obj, name).is_some() {
                return None;
            }
            return instance::shared_len(obj).map(|n| n as u64);
        }
        (!has_own_namespace(obj)).then_some(NOT_INSTANCE)
    }

    /// Is `obj` an instance whose attribute lookup, after its own slots, goes straight
    /// to the class (no built-in value inside that answers names like `real` first)?
    fn plain_instance_obj(obj: Value) -> bool {
        instance::instance_parts(&obj).is_some_and(|(inst, _)| inst.base.is_null())
    }

    /// Fill `site` for `LOAD_ATTR name` on `obj` (after a miss), when a kind fits.
    pub(super) fn fill_load_attr(&mut self, site: &Site, obj: Value, name: Value) {
        if let Some(a) = self.module_site(obj, name) {
            return site.fill(a, Value::NULL);
        }
        if has_own_namespace(obj) {
            return;
        }
        let Some((ty, ver)) = self.cacheable_type(obj, name) else {
            return;
        };
        let d = lookup_in_mro(self, ty, name);
        if d.is_some_and(|d| !slot_compatible(self, d)) {
            return;
        }
        if let Some(ix) = instance::slot_index(obj, name) {
            if instance::slot_get(obj, ix).is_some() && (ix as u64) < NOT_INSTANCE {
                site.fill(pack(ver, SLOT, ix as u64), Value::NULL);
            }
            return;
        }
        if let Some(d) = d
            && plain(self, d)
            && Self::plain_instance_obj(obj)
            && let Some(n) = self.class_site_aux(obj, name)
        {
            site.fill(pack(ver, CLASS, n), d);
        }
    }

    /// Fill `site` for `LOAD_METHOD name` on `obj` (after a miss), when a kind fits.
    pub(super) fn fill_load_method(&mut self, site: &Site, obj: Value, name: Value) {
        if let Some(a) = self.module_site(obj, name) {
            return site.fill(a, Value::NULL);
        }
        if has_own_namespace(obj) {
            return;
        }
        let Some((ty, ver)) = self.cacheable_type(obj, name) else {
            return;
        };
        let Some(d) = lookup_in_mro(self, ty, name) else {
            return;
        };
        let unbound = d.is::<FunctionData>()
            || d.downcast::<BuiltinFn>()
                .is_some_and(|b| b.this.is_null() && b.method);
        if unbound && let Some(n) = self.class_site_aux(obj, name) {
            site.fill(pack(ver, METHOD, n), d);
        }
    }

    /// Fill `site` for `STORE_ATTR name` on `obj` (after a miss), when the name has a
    /// slot in `obj` that a store may overwrite without the full protocol.
    pub(super) fn fill_store_attr(&mut self, site: &Site, obj: Value, name: Value) {
        let Some(ix) = instance::slot_index(obj, name) else {
            return;
        };
        let Some((ty, ver)) = self.cacheable_type(obj, name) else {
            return;
        };
        if type_data(&ty).is_user {
            let sa = self.rt.names.setattr;
            if lookup_in_mro(self, ty, sa).is_some_and(|f| !f.is::<BuiltinFn>()) {
                return;
            }
        }
        if lookup_in_mro(self, ty, name).is_some_and(|d| !slot_compatible(self, d)) {
            return;
        }
        if (ix as u64) < NOT_INSTANCE {
            site.fill(pack(ver, SLOT, ix as u64), Value::NULL);
        }
    }
}
