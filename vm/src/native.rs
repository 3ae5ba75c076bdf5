//! Declared natives: functions written in Rust, with their Python signature stated once.
//!
//! A native is written as a typed Rust function under `#[native]` (crate `weft-macros`):
//!
//! ```ignore
//! /// list.insert(index, object, /)
//! #[native]
//! fn insert(vm: &mut Vm, this: &ListData, index: isize, object: Value) -> PyResult<()> { .. }
//! ```
//!
//! The attribute turns the function into a [`NativeDef`] constant of the same name (its
//! Python name and an entry point of the uniform [`NativeFn`] shape), so a type or a module
//! registers it by listing it: `vm.add_methods(list, &[insert, pop, ..])`. The entry point
//! binds the call's arguments to the parameters with [`Sig::bind`] (CPython's messages for
//! wrong counts, unknown or repeated keywords, missing arguments), checks `self`
//! ([`FromSelf`]), converts each argument ([`FromArg`]: CPython's messages for wrong types)
//! and turns the result into a value ([`IntoPy`]). Nothing is allocated unless an error is
//! raised: the signature is a `static`, the bound arguments an array on the Rust stack.
//!
//! Parameters (see `macros/src/native.rs` for the attribute's grammar):
//! - `vm: &mut Vm` first; then optionally `this` (the receiver: `&Payload`, or `Value`);
//! - positional-only by default; `#[kw]` positional-or-keyword; `#[kwonly]` keyword-only;
//! - optional when typed `Option<T>` (None when not given) or marked `#[default(expr)]`;
//! - `#[varargs] rest: &[Value]` takes the extra positional arguments;
//!   `#[kwargs] kw: &[(Value, Value)]` the keyword arguments no parameter named.
//!
//! Every argument a native receives is rooted by its caller (the interpreter keeps call
//! arguments on the calling frame's stack), and payload borrows (`&ListData`, `&str`) live
//! no longer than the call's argument slice.
use crate::helpers::{as_int, as_str, unwrap_base};
use crate::object::Payload;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};

/// The uniform entry point of every native: `f(vm, positional, keywords)`. For methods,
/// `positional[0]` is `self`.
pub type NativeFn = fn(&mut Vm, &[Value], &[(Value, Value)]) -> PyResult;

/// A native ready to be registered: its Python name and its entry point.
#[derive(Clone, Copy)]
pub struct NativeDef {
    pub name: &'static str,
    pub f: NativeFn,
}

/// A constructor ready to be installed with `Vm::set_new`: its Python name (for
/// messages) and its entry point `f(vm, cls, positional, keywords)`.
#[derive(Clone, Copy)]
pub struct NativeNew {
    pub name: &'static str,
    pub f: crate::objects::typeobj::NewFn,
}

impl NativeDef {
    /// A native whose entry point does its own argument handling.
    pub const fn raw(name: &'static str, f: NativeFn) -> NativeDef {
        NativeDef { name, f }
    }
}

/// How CPython words a function's arity errors (which depends on how CPython declares it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// No parameters: "list.clear() takes no arguments (1 given)".
    NoArgs,
    /// One positional-only parameter: "len() takes exactly one argument (0 given)".
    One,
    /// Positional-only parameters: "insert expected 2 arguments, got 1".
    Positional,
    /// Keyword-capable parameters: "round() takes at most 2 arguments (3 given)",
    /// "'x' is an invalid keyword argument for round()".
    Keywords,
    /// A slot wrapper (`__len__`, `__eq__`, ...): "expected 1 argument, got 0".
    Slot,
}

/// Whose function it is, for messages: `list.append()`, `math.sqrt()`, `len()`.
#[derive(Clone, Copy)]
pub enum Owner {
    /// A builtin function: messages use the bare name.
    Builtins,
    /// A module function or a method of a type named here.
    Named(&'static str),
    /// A method of the type whose payload this is (its gc vtable's name).
    Payload(fn() -> &'static str),
}

impl Owner {
    pub fn name(self) -> Option<&'static str> {
        match self {
            Owner::Builtins => None,
            Owner::Named(n) => Some(n),
            Owner::Payload(f) => Some(f()),
        }
    }
}

/// A native's Python signature.
pub struct Sig {
    pub name: &'static str,
    pub owner: Owner,
    /// `args[0]` is the receiver (not counted in messages).
    pub has_self: bool,
    /// Parameter names, receiver excluded: positional-only, then positional-or-keyword,
    /// then keyword-only.
    pub params: &'static [&'static str],
    /// `params[..posonly]` cannot be given by keyword.
    pub posonly: usize,
    /// `params[..npos]` can be given by position.
    pub npos: usize,
    /// Bit `i` set: `params[i]` must be given.
    pub required: u64,
    pub varargs: bool,
    pub varkw: bool,
    pub style: Style,
}

/// The arguments of one call, bound to a signature's parameters.
pub struct Bound<'a, const N: usize> {
    /// One per parameter; NULL where not given.
    pub vals: [Value; N],
    /// Positional arguments past the named ones (`*args`).
    pub rest: &'a [Value],
    /// Keyword arguments no parameter took (`**kwargs`).
    pub kw: std::borrow::Cow<'a, [(Value, Value)]>,
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl Sig {
    /// `list.append` for methods and module functions, `len` for builtins.
    pub fn qualname(&self) -> String {
        match self.owner.name() {
            Some(o) => format!("{o}.{}", self.bare()),
            None => self.bare().to_string(),
        }
    }

    /// The name without trailing parentheses: a `called` name may end in `()` (CPython's
    /// `super()` says "super() expected at most 2 arguments, got 3" where other clinic
    /// functions say "range expected ..."); messages that add `()` themselves use this.
    pub fn bare(&self) -> &'static str {
        self.name.strip_suffix("()").unwrap_or(self.name)
    }

    fn min_positional(&self) -> usize {
        (0..self.npos)
            .take_while(|&i| self.required & (1 << i) != 0)
            .count()
    }

    /// Bind `args` (receiver included when `has_self`) and `kw` to the parameters.
    #[inline]
    pub fn bind<'a, const N: usize>(
        &self,
        vm: &mut Vm,
        args: &'a [Value],
        kw: &'a [(Value, Value)],
    ) -> PyResult<Bound<'a, N>> {
        // The common call, inlined into the native's entry: positional arguments only,
        // no required one missing.
        let pos = args.get(usize::from(self.has_self)..).unwrap_or(&[]);
        let rest_required = self.required.checked_shr(pos.len() as u32).unwrap_or(0);
        if kw.is_empty() && pos.len() <= self.npos && rest_required == 0 {
            let mut vals = [Value::NULL; N];
            // Unrolled over the constant N: a `copy_from_slice` of a runtime length is a
            // call to memcpy, a third of this path's cost for a constructor.
            for (i, v) in vals.iter_mut().enumerate() {
                if i < pos.len() {
                    *v = pos[i];
                }
            }
            return Ok(Bound {
                vals,
                rest: &[],
                kw: std::borrow::Cow::Borrowed(&[][..]),
            });
        }
        self.bind_general(vm, args, kw)
    }

    #[inline(never)]
    fn bind_general<'a, const N: usize>(
        &self,
        vm: &mut Vm,
        args: &'a [Value],
        kw: &'a [(Value, Value)],
    ) -> PyResult<Bound<'a, N>> {
        debug_assert_eq!(N, self.params.len());
        let pos = if self.has_self {
            args.get(1..).unwrap_or(&[])
        } else {
            args
        };
        if !kw.is_empty() && self.npos == self.posonly && self.npos == N && !self.varkw {
            return Err(self.no_keywords(vm));
        }
        // CPython's keyword parsers count positional and keyword arguments together
        // first: "compile() takes at most 7 keyword arguments (8 given)".
        if self.style == Style::Keywords && !self.varargs && !self.varkw && pos.len() + kw.len() > N
        {
            return Err(self.too_many_total(vm, pos.len(), kw.len()));
        }
        let mut vals = [Value::NULL; N];
        let taken = pos.len().min(self.npos);
        if pos.len() > self.npos && !self.varargs {
            return Err(self.too_many(vm, pos.len()));
        }
        vals[..taken].copy_from_slice(&pos[..taken]);
        let rest = if self.varargs { &pos[taken..] } else { &[] };
        let mut unused: Option<Vec<(Value, Value)>> = None;
        // CPython reports a missing argument before an unknown keyword.
        let mut unknown: Option<&str> = None;
        for (i, &(k, v)) in kw.iter().enumerate() {
            let name = as_str(&kw[i].0).unwrap_or("");
            match self.params[self.posonly..].iter().position(|&p| p == name) {
                Some(j) => {
                    let j = j + self.posonly;
                    if !vals[j].is_null() {
                        return Err(self.given_twice(vm, name, j));
                    }
                    vals[j] = v;
                    if self.varkw && unused.is_none() {
                        unused = Some(kw[..i].to_vec());
                    }
                }
                None if self.varkw => {
                    if let Some(u) = unused.as_mut() {
                        u.push((k, v));
                    }
                }
                None => {
                    unknown = unknown.or(Some(name));
                }
            }
        }
        for (i, v) in vals.iter().enumerate() {
            if v.is_null() && self.required & (1 << i) != 0 {
                return Err(self.missing(vm, i, pos.len()));
            }
        }
        if let Some(name) = unknown {
            return Err(self.invalid_keyword(vm, name));
        }
        let kw = match unused {
            Some(u) => std::borrow::Cow::Owned(u),
            None if self.varkw => std::borrow::Cow::Borrowed(kw),
            None => std::borrow::Cow::Borrowed(&[][..]),
        };
        Ok(Bound { vals, rest, kw })
    }

    fn no_keywords(&self, vm: &mut Vm) -> PyErr {
        vm.type_error(format!("{}() takes no keyword arguments", self.qualname()))
    }

    /// "int() takes at most 2 arguments (3 given)", counting keywords; "keyword " when
    /// every argument was a keyword (CPython's wording since bpo-31229).
    fn too_many_total(&self, vm: &mut Vm, npos: usize, nkw: usize) -> PyErr {
        let n = self.params.len();
        let kind = if npos == 0 { "keyword " } else { "" };
        vm.type_error(format!(
            "{}() takes at most {n} {kind}argument{} ({} given)",
            self.bare(),
            plural(n),
            npos + nkw
        ))
    }

    fn too_many(&self, vm: &mut Vm, given: usize) -> PyErr {
        let n = self.npos;
        let msg = match self.style {
            Style::NoArgs => format!("{}() takes no arguments ({given} given)", self.qualname()),
            Style::One => format!(
                "{}() takes exactly one argument ({given} given)",
                self.qualname()
            ),
            Style::Positional => self.positional_count(given),
            Style::Slot => self.slot_count(given),
            Style::Keywords if n == 0 => format!("{}() takes no positional arguments", self.bare()),
            Style::Keywords if n < self.params.len() => format!(
                "{}() takes at most {n} positional argument{} ({given} given)",
                self.bare(),
                plural(n)
            ),
            Style::Keywords => format!(
                "{}() takes at most {n} argument{} ({given} given)",
                self.bare(),
                plural(n)
            ),
        };
        vm.type_error(msg)
    }

    /// The clinic's "insert expected 2 arguments, got 1" family.
    fn positional_count(&self, given: usize) -> String {
        let (min, max) = (self.min_positional(), self.npos);
        let name = self.name;
        if min == max && !self.varargs {
            format!("{name} expected {min} argument{}, got {given}", plural(min))
        } else if given < min {
            format!(
                "{name} expected at least {min} argument{}, got {given}",
                plural(min)
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {given}",
                plural(max)
            )
        }
    }

    /// The slot wrappers' "expected 1 argument, got 0" (the receiver not counted).
    fn slot_count(&self, given: usize) -> String {
        let (min, max) = (self.min_positional(), self.npos);
        if min == max {
            format!("expected {max} argument{}, got {given}", plural(max))
        } else if given < min {
            format!(
                "expected at least {min} argument{}, got {given}",
                plural(min)
            )
        } else {
            format!(
                "expected at most {max} argument{}, got {given}",
                plural(max)
            )
        }
    }

    fn given_twice(&self, vm: &mut Vm, name: &str, j: usize) -> PyErr {
        vm.type_error(format!(
            "argument for {}() given by name ('{name}') and position ({})",
            self.bare(),
            j + 1
        ))
    }

    fn invalid_keyword(&self, vm: &mut Vm, name: &str) -> PyErr {
        if self.style != Style::Keywords {
            return self.no_keywords(vm);
        }
        vm.type_error(format!(
            "'{name}' is an invalid keyword argument for {}()",
            self.bare()
        ))
    }

    fn missing(&self, vm: &mut Vm, i: usize, given: usize) -> PyErr {
        let msg = match self.style {
            Style::One => format!(
                "{}() takes exactly one argument ({given} given)",
                self.qualname()
            ),
            Style::NoArgs | Style::Positional => self.positional_count(given),
            Style::Slot => self.slot_count(given),
            Style::Keywords if i < self.posonly => {
                let min = self.min_positional();
                format!(
                    "{}() takes at least {min} positional argument{} ({given} given)",
                    self.bare(),
                    plural(min)
                )
            }
            Style::Keywords if i < self.npos => format!(
                "{}() missing required argument '{}' (pos {})",
                self.bare(),
                self.params[i],
                i + 1
            ),
            Style::Keywords => format!(
                "{}() missing required argument '{}'",
                self.bare(),
                self.params[i]
            ),
        };
        vm.type_error(msg)
    }

    /// `argument 2` or `argument 'sep'`, as CPython names a parameter in type errors.
    pub fn describe_arg(&self, i: usize) -> String {
        if i < self.posonly {
            format!("argument {}", i + 1)
        } else {
            format!("argument '{}'", self.params[i])
        }
    }
}

// ---------------------------------------------------------------- the receiver

/// Converts a method's receiver (`args[0]`).
pub trait FromSelf<'a>: Sized {
    fn from_self(vm: &mut Vm, args: &'a [Value], sig: &Sig) -> PyResult<Self>;
}

impl<'a> FromSelf<'a> for Value {
    #[inline]
    fn from_self(vm: &mut Vm, args: &'a [Value], sig: &Sig) -> PyResult<Self> {
        match args.first() {
            Some(&v) => Ok(v),
            None => Err(unbound_needs_argument(vm, sig)),
        }
    }
}

impl<'a, T: Payload> FromSelf<'a> for &'a T {
    /// The payload, also inside an instance of a user subclass of the built-in type.
    #[inline]
    fn from_self(vm: &mut Vm, args: &'a [Value], sig: &Sig) -> PyResult<Self> {
        let Some(v) = args.first() else {
            return Err(unbound_needs_argument(vm, sig));
        };
        match unwrap_base::<T>(v) {
            Some(t) => Ok(t),
            None => Err(wrong_receiver(vm, *v, sig)),
        }
    }
}

/// The error for a method descriptor called on an object of another type (out of line:
/// the hot path of every method entry is the downcast above).
#[cold]
#[inline(never)]
fn wrong_receiver(vm: &mut Vm, v: Value, sig: &Sig) -> PyErr {
    let got = vm.type_name(v);
    let owner = sig.owner.name().unwrap_or("object");
    vm.type_error(format!(
        "descriptor '{}' for '{owner}' objects doesn't apply to a '{got}' object",
        sig.name
    ))
}

/// A method's receiver as the built-in value (`v`: the exact built-in object, also when
/// the receiver is an instance of a user subclass), its payload (`data`) and the receiver
/// itself (`obj`, the subclass instance if it is one).
#[derive(Clone, Copy)]
pub struct This<'a, T> {
    pub v: Value,
    pub obj: Value,
    pub data: &'a T,
}

impl<'a, T: Payload> FromSelf<'a> for This<'a, T> {
    #[inline]
    fn from_self(vm: &mut Vm, args: &'a [Value], sig: &Sig) -> PyResult<Self> {
        let data = <&'a T>::from_self(vm, args, sig)?;
        let obj = args[0];
        let v = crate::ops::protocol::base_or_self(obj);
        Ok(This { v, obj, data })
    }
}

impl<T> std::ops::Deref for This<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        self.data
    }
}

fn unbound_needs_argument(vm: &mut Vm, sig: &Sig) -> PyErr {
    vm.type_error(format!(
        "unbound method {}() needs an argument",
        sig.qualname()
    ))
}

// ---------------------------------------------------------------- arguments

/// Converts one bound argument (never NULL: optional parameters are `Option<T>`).
pub trait FromArg<'a>: Sized {
    fn from_arg(vm: &mut Vm, v: &'a Value, sig: &Sig, i: usize) -> PyResult<Self>;
}

impl<'a> FromArg<'a> for Value {
    #[inline]
    fn from_arg(_: &mut Vm, v: &'a Value, _: &Sig, _: usize) -> PyResult<Self> {
        Ok(*v)
    }
}

impl<'a, T: FromArg<'a>> FromArg<'a> for Option<T> {
    #[inline]
    fn from_arg(vm: &mut Vm, v: &'a Value, sig: &Sig, i: usize) -> PyResult<Self> {
        if v.is_null() {
            Ok(None)
        } else {
            T::from_arg(vm, v, sig, i).map(Some)
        }
    }
}

/// An int-like argument (`__index__`): "'str' object cannot be interpreted as an integer".
impl<'a> FromArg<'a> for i64 {
    #[inline]
    fn from_arg(vm: &mut Vm, v: &'a Value, _: &Sig, _: usize) -> PyResult<Self> {
        if let Some(i) = v.as_small_int() {
            return Ok(i);
        }
        index_arg(vm, *v)
    }
}

impl<'a> FromArg<'a> for isize {
    #[inline]
    fn from_arg(vm: &mut Vm, v: &'a Value, sig: &Sig, i: usize) -> PyResult<Self> {
        i64::from_arg(vm, v, sig, i).map(|i| i as isize)
    }
}

fn index_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match crate::ops::containers::as_index(vm, v)? {
        Some(i) => Ok(i),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
        }
    }
}

/// A real number (int or float, `__float__`/`__index__`): "must be real number, not str".
impl<'a> FromArg<'a> for f64 {
    #[inline]
    fn from_arg(vm: &mut Vm, v: &'a Value, _: &Sig, _: usize) -> PyResult<Self> {
        real_number(vm, *v)
    }
}

/// `x` as a float the way CPython's `PyFloat_AsDouble` takes it: a float, an int (too
/// large: OverflowError), `__float__`, `__index__`; else "must be real number, not str".
pub fn real_number(vm: &mut Vm, x: Value) -> PyResult<f64> {
    use crate::objects::float::methods::{float_via_dunders, int_to_f64};
    if let Some(f) = crate::objects::float::float_of(x) {
        return Ok(f);
    }
    if let Some(i) = as_int(x) {
        return Ok(i as f64);
    }
    if let Some(b) = crate::helpers::as_bigint(x) {
        return int_to_f64(vm, &b);
    }
    if let Some(f) = float_via_dunders(vm, x)? {
        return Ok(f);
    }
    let tn = vm.type_name(x);
    Err(vm.type_error(format!("must be real number, not {tn}")))
}

/// Truth as an int flag (CPython's `p` converter takes any object's truth; its `i`
/// converter wants an int). weft's natives use truth.
impl<'a> FromArg<'a> for bool {
    #[inline]
    fn from_arg(vm: &mut Vm, v: &'a Value, _: &Sig, _: usize) -> PyResult<Self> {
        match *v {
            Value::TRUE => Ok(true),
            Value::FALSE => Ok(false),
            v => match as_int(v) {
                Some(i) => Ok(i != 0),
                None => vm.truthy(v),
            },
        }
    }
}

/// A str argument: "replace() argument 1 must be str, not int".
impl<'a> FromArg<'a> for &'a str {
    #[inline]
    fn from_arg(vm: &mut Vm, v: &'a Value, sig: &Sig, i: usize) -> PyResult<Self> {
        match as_str(v) {
            Some(s) => Ok(s),
            None => Err(wrong_type(vm, *v, sig, i, "str")),
        }
    }
}

/// An argument of a built-in type (also a user subclass instance's built-in value):
/// "NAME() argument N must be TYPE, not GOT".
impl<'a, T: Payload> FromArg<'a> for &'a T {
    #[inline]
    fn from_arg(vm: &mut Vm, v: &'a Value, sig: &Sig, i: usize) -> PyResult<Self> {
        match unwrap_base::<T>(v) {
            Some(t) => Ok(t),
            None => Err(wrong_type(vm, *v, sig, i, T::vtable().name)),
        }
    }
}

/// "NAME() argument N must be WANT, not GOT".
pub fn wrong_type(vm: &mut Vm, v: Value, sig: &Sig, i: usize, want: &str) -> PyErr {
    let got = vm.type_name(v);
    vm.type_error(format!(
        "{}() {} must be {want}, not {got}",
        sig.bare(),
        sig.describe_arg(i)
    ))
}

// ---------------------------------------------------------------- results

/// What a native's body may return.
pub trait IntoPy {
    fn into_py(self, vm: &mut Vm) -> PyResult;
}

impl IntoPy for Value {
    #[inline]
    fn into_py(self, _: &mut Vm) -> PyResult {
        Ok(self)
    }
}
impl IntoPy for () {
    #[inline]
    fn into_py(self, _: &mut Vm) -> PyResult {
        Ok(Value::NONE)
    }
}
impl IntoPy for bool {
    #[inline]
    fn into_py(self, _: &mut Vm) -> PyResult {
        Ok(Value::bool(self))
    }
}
impl IntoPy for i64 {
    #[inline]
    fn into_py(self, vm: &mut Vm) -> PyResult {
        vm.new_int(self)
    }
}
impl IntoPy for usize {
    #[inline]
    fn into_py(self, vm: &mut Vm) -> PyResult {
        vm.new_int(self as i64)
    }
}
impl IntoPy for f64 {
    #[inline]
    fn into_py(self, vm: &mut Vm) -> PyResult {
        vm.new_float(self)
    }
}
impl IntoPy for String {
    #[inline]
    fn into_py(self, vm: &mut Vm) -> PyResult {
        vm.new_str(&self)
    }
}
impl IntoPy for &str {
    #[inline]
    fn into_py(self, vm: &mut Vm) -> PyResult {
        vm.new_str(self)
    }
}
impl<T: IntoPy> IntoPy for PyResult<T> {
    #[inline]
    fn into_py(self, vm: &mut Vm) -> PyResult {
        self?.into_py(vm)
    }
}

// ---------------------------------------------------------------- registration

impl Vm {
    /// Add natives to a type's namespace as methods.
    pub fn add_methods(&mut self, ty: Value, defs: &[NativeDef]) {
        for d in defs {
            self.add_method(ty, d.name, d.f);
        }
    }

    /// Add read-only properties to a type, each computed by a native of one argument
    /// (the instance) and named after it. `owner` names the type in reprs.
    pub fn add_getters(&mut self, ty: Value, owner: &'static str, getters: &[NativeDef]) {
        for &g in getters {
            self.add_property(ty, owner, g, None);
        }
    }

    /// Add a property named after `get`, with an optional setter (a native of two
    /// arguments: the instance and the value). Start-up only.
    pub fn add_property(
        &mut self,
        ty: Value,
        owner: &'static str,
        get: NativeDef,
        set: Option<NativeDef>,
    ) {
        let mut s = self.scope();
        let fget = s.new_native(get.name, owner, get.f).expect("start-up");
        s.root(fget);
        let fset = match set {
            Some(d) => s.new_native(d.name, owner, d.f).expect("start-up"),
            None => Value::NULL,
        };
        s.root(fset);
        let pt = s.rt.types.property;
        let p = s
            .alloc(
                pt,
                crate::objects::function::Property {
                    fget,
                    fset,
                    fdel: Value::NULL,
                    doc: crate::value::AtomicValue::new(Value::NONE),
                },
            )
            .expect("start-up");
        s.add_attr(ty, get.name, p);
    }
}
