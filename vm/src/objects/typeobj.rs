//! `type`: classes, built-in and user-defined.
use crate::payload;
use crate::value::Value;
use parking_lot::RwLock;

/// How instances of a class are laid out: decided by the nearest built-in base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A built-in type whose instances are made by its own constructor only.
    Builtin,
    /// `object` and plain user classes: an `InstanceData` with a `__dict__`.
    Instance,
    /// `BaseException` and subclasses: an `ExcData`.
    Exception,
}

/// A native constructor: `(vm, cls, args, kwargs) -> instance`.
pub type NewFn = fn(&mut crate::vm::Vm, Value, &[Value], &[(Value, Value)]) -> crate::vm::PyResult;

#[derive(crate::trace::Trace)]
pub struct TypeData {
    pub name: RwLock<String>,
    pub qualname: RwLock<String>,
    /// Direct bases.
    pub bases: Box<[Value]>,
    /// Method resolution order, starting with the type itself (stored as NULL here:
    /// `mro()` prepends the type's own value).
    pub mro_tail: Box<[Value]>,
    /// The class namespace (a dict object).
    pub dict: Value,
    pub layout: Layout,
    /// Native constructor inherited from the nearest built-in base.
    pub new: Option<NewFn>,
    /// The user class is a subclass of a built-in value type (int, str, list, ...):
    /// instances carry a built-in `base` value.
    pub builtin_base: Value,
    pub is_user: bool,
    /// Instances need a finaliser (the class or a base defines `__del__`): they are
    /// allocated with their FTB bit set.
    pub has_del: std::sync::atomic::AtomicBool,
    /// The class or a base defines `__getattribute__` in Python: attribute reads on
    /// instances go through it.
    pub custom_getattribute: std::sync::atomic::AtomicBool,
    /// Instances carry a `__dict__` (user classes without `__slots__`, or with `__dict__`
    /// among them). Instances of classes without one still keep their slot values in a
    /// hidden dict; only the names in `slots` (along the MRO) may be set.
    pub has_dict: bool,
    /// Instances may be weakly referenced (user classes; built-in types are decided by
    /// their payload kind, see `objects::weakref::weakrefable`).
    pub weakrefable: bool,
    /// The attribute names this class declares in `__slots__` (without `__dict__` and
    /// `__weakref__`).
    pub slots: Box<[Value]>,
    /// Attribute names whose values instances keep inline (`objects::dict::shared_keys`).
    pub attr_keys: crate::objects::dict::shared_keys::SharedKeys,
    /// The version tag of cached lookups (`crate::type_version`); 0 = none.
    pub version: std::sync::atomic::AtomicU32,
    /// Direct subclasses: built-in types themselves, user classes by weak reference
    /// (`crate::type_version`).
    pub subclasses: parking_lot::Mutex<Vec<Value>>,
    /// The `__annotate__` function its class statement made (PEP 649), NULL if none:
    /// kept out of the namespace, where 3.11's `typing` would count it a protocol
    /// member (`objects::class_annotations`).
    pub annotate: crate::value::AtomicValue,
}
payload!(TypeData, "type");
