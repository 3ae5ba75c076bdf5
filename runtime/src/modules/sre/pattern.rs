//! `re.Pattern`: a compiled pattern (the code list `re._compiler` made, and what the
//! Python side needs to name groups), made by `_sre.compile`; its attributes, repr,
//! equality and hash. The matching methods are in `pattern_ops.rs` and `sub.rs`.
use super::subject::{Subject, subject};
use super::{SRE_FLAG_ASCII, SRE_FLAG_LOCALE, SRE_FLAG_UNICODE, types_of};
use weft_vm::helpers::{as_bigint, as_int, is_str, unwrap_base};
use weft_vm::native;
use weft_vm::objects::dict::DictData;
use weft_vm::objects::int::IntData;
use weft_vm::objects::tuple::TupleData;
use weft_vm::ops::containers::as_index;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// What a pattern's subject must be.
#[derive(Clone, Copy, PartialEq, Eq, weft_vm::trace::Trace)]
pub enum Kind {
    Text,
    Bytes,
    /// The pattern object was None: either.
    Any,
}

#[derive(weft_vm::trace::Trace)]
pub struct PatternData {
    /// The source (str or bytes), or None.
    pub pattern: Value,
    pub flags: u32,
    pub code: Box<[u32]>,
    /// The characters every match starts with (`first.rs`), or empty.
    pub first: Box<[(u8, u32)]>,
    /// The exact literal prefix of every match as bytes (`first.rs`), or empty.
    pub prefix: Box<[u8]>,
    /// The same as UTF-8, and its length in characters.
    pub text_prefix: (Box<[u8]>, usize),
    /// A leading repeated set that must end at a literal (`first.rs`), if any.
    #[unsafe_untraced = "plain numbers: no Python value inside"]
    pub run_stop: Option<super::first::RunStop>,
    /// The pattern as a straight-line program for one-byte subjects (`linear.rs`).
    #[unsafe_untraced = "plain numbers: no Python value inside"]
    pub linear: Option<super::linear::Prog>,
    /// Capturing groups (group 0 not counted).
    pub groups: usize,
    /// A private copy of the name -> number dict.
    pub groupindex: Value,
    /// A tuple: number -> name or None.
    pub indexgroup: Value,
    pub kind: Kind,
    /// The `re.Match` and `_sre.SRE_Scanner` types (so matching needs no look-up).
    pub match_type: Value,
    pub scanner_type: Value,
}
weft_vm::payload!(PatternData, "re.Pattern");

/// The pattern payload of `v`, or CPython's descriptor TypeError naming `method`.
pub fn pattern_of<'a>(vm: &mut Vm, v: &'a Value, method: &str) -> PyResult<&'a PatternData> {
    match v.downcast::<PatternData>() {
        Some(p) => Ok(p),
        None => {
            let tn = vm.type_name(*v);
            Err(vm.type_error(format!(
                "descriptor '{method}' for 're.Pattern' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

impl PatternData {
    /// What searches may use besides the code.
    pub fn pre(&self) -> super::engine::Pre<'_> {
        super::engine::Pre {
            first: &self.first,
            prefix: &self.prefix,
            text_prefix: &self.text_prefix.0,
            prefix_chars: self.text_prefix.1,
            run_stop: self.run_stop.as_ref(),
            linear: self.linear.as_ref(),
        }
    }

    /// `subj` may be matched by this pattern (CPython's TypeErrors otherwise).
    pub fn check_kind(&self, vm: &mut Vm, subj: &Subject<'_>) -> PyResult<()> {
        match (self.kind, subj.is_bytes()) {
            (Kind::Text, true) => {
                Err(vm.type_error("cannot use a string pattern on a bytes-like object"))
            }
            (Kind::Bytes, false) => {
                Err(vm.type_error("cannot use a bytes pattern on a string-like object"))
            }
            _ => Ok(()),
        }
    }

    /// The group number `index` names (an int, or a name in groupindex), if any. As in
    /// CPython, an int-like index is a number (huge ones name no group) and anything
    /// else is looked up by name.
    pub fn group_number(&self, vm: &mut Vm, index: Value) -> PyResult<Option<usize>> {
        let n = if let Some(i) = as_int(index) {
            i
        } else if unwrap_base::<IntData>(&index).is_some() {
            -1
        } else if is_str(index) {
            self.named(vm, index)?
        } else {
            match as_index(vm, index)? {
                Some(i) => i,
                None => self.named(vm, index)?,
            }
        };
        Ok((0..=self.groups as i64).contains(&n).then_some(n as usize))
    }

    fn named(&self, vm: &mut Vm, name: Value) -> PyResult<i64> {
        Ok(match vm.dict_get(self.groupindex, name)? {
            Some(v) => as_int(v).unwrap_or(-1),
            None => -1,
        })
    }
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`
#[native(owner = "_sre")]
pub fn compile(
    vm: &mut Vm,
    #[kw] pattern: Value,
    #[kw] flags: i64,
    #[kw] code: Value,
    #[kw] groups: i64,
    #[kw] groupindex: Value,
    #[kw] indexgroup: Value,
) -> PyResult {
    let kind = if pattern.is_none() {
        Kind::Any
    } else if subject(vm, &pattern)?.is_bytes() {
        Kind::Bytes
    } else {
        Kind::Text
    };
    let code = code_list(vm, code)?;
    if unwrap_base::<DictData>(&groupindex).is_none() {
        let tn = vm.type_name(groupindex);
        return Err(vm.type_error(format!(
            "compile() argument 'groupindex' must be dict, not {tn}"
        )));
    }
    if unwrap_base::<TupleData>(&indexgroup).is_none() {
        let tn = vm.type_name(indexgroup);
        return Err(vm.type_error(format!(
            "compile() argument 'indexgroup' must be tuple, not {tn}"
        )));
    }
    let groups = usize::try_from(groups).map_err(|_| vm.value_error("negative group count"))?;
    weft_vm::root_scope!(vm);
    let gi = vm.new_dict()?;
    vm.root(gi);
    for (k, v) in vm.dict_items(groupindex) {
        vm.dict_set(gi, k, v)?;
    }
    let (match_type, scanner_type, pattern_type) = types_of(vm)?;
    vm.alloc(
        pattern_type,
        PatternData {
            pattern,
            flags: flags as u32,
            first: super::first::first_chars(&code),
            prefix: super::first::byte_prefix(&code),
            text_prefix: super::first::text_prefix(&code),
            run_stop: super::first::RunStop::of(&code),
            linear: super::linear::Prog::of(&code),
            code,
            groups,
            groupindex: gi,
            indexgroup,
            kind,
            match_type,
            scanner_type,
        },
    )
}

/// The code list as engine words (each 0..2**32).
fn code_list(vm: &mut Vm, code: Value) -> PyResult<Box<[u32]>> {
    let items = vm.collect_iter(code)?;
    let mut out = Vec::with_capacity(items.len());
    for v in items {
        match as_int(v) {
            Some(i) if (0..=u32::MAX as i64).contains(&i) => out.push(i as u32),
            Some(_) => {
                return Err(vm.overflow_error("regular expression code size limit exceeded"));
            }
            None if as_bigint(v).is_some() => {
                return Err(vm.overflow_error("regular expression code size limit exceeded"));
            }
            None => return Err(vm.type_error("an integer is required")),
        }
    }
    Ok(out.into_boxed_slice())
}

#[native(name = "pattern")]
fn p_pattern(vm: &mut Vm, this: Value) -> PyResult {
    Ok(pattern_of(vm, &this, "pattern")?.pattern)
}

#[native(name = "flags")]
fn p_flags(vm: &mut Vm, this: Value) -> PyResult {
    let f = pattern_of(vm, &this, "flags")?.flags;
    vm.new_int(f as i64)
}

#[native(name = "groups")]
fn p_groups(vm: &mut Vm, this: Value) -> PyResult {
    let g = pattern_of(vm, &this, "groups")?.groups;
    vm.new_int(g as i64)
}

/// A read-only view of the name -> number dict (a mappingproxy when `types` has one).
#[native(name = "groupindex")]
fn p_groupindex(vm: &mut Vm, this: Value) -> PyResult {
    let gi = pattern_of(vm, &this, "groupindex")?.groupindex;
    weft_vm::root_scope!(vm);
    let copy = vm.new_dict()?;
    vm.root(copy);
    for (k, v) in vm.dict_items(gi) {
        vm.dict_set(copy, k, v)?;
    }
    let types = vm.import_module("types")?;
    match vm.getattr_str(types, "MappingProxyType") {
        Ok(proxy) => vm.call(proxy, &[copy], &[]),
        Err(_) => Ok(copy),
    }
}

/// CPython's flag names, in the order its repr lists them.
const FLAG_NAMES: &[(&str, u32)] = &[
    ("re.TEMPLATE", 1),
    ("re.IGNORECASE", 2),
    ("re.LOCALE", SRE_FLAG_LOCALE),
    ("re.MULTILINE", 8),
    ("re.DOTALL", 16),
    ("re.UNICODE", SRE_FLAG_UNICODE),
    ("re.VERBOSE", 64),
    ("re.DEBUG", 128),
    ("re.ASCII", SRE_FLAG_ASCII),
];

/// `re.compile('a+', re.IGNORECASE)`: the source's repr cut to 200 characters, then the
/// flags by name (UNICODE left out where it is a str pattern's default).
#[native(name = "__repr__")]
fn p_repr(vm: &mut Vm, this: Value) -> PyResult {
    let p = pattern_of(vm, &this, "__repr__")?;
    let mut flags = p.flags;
    if p.kind == Kind::Text
        && flags & (SRE_FLAG_LOCALE | SRE_FLAG_UNICODE | SRE_FLAG_ASCII) == SRE_FLAG_UNICODE
    {
        flags &= !SRE_FLAG_UNICODE;
    }
    let src = vm.repr(p.pattern)?;
    let src: String = src.chars().take(200).collect();
    let mut names = Vec::new();
    for &(name, bit) in FLAG_NAMES {
        if flags & bit != 0 {
            names.push(name.to_string());
            flags &= !bit;
        }
    }
    if flags != 0 {
        names.push(format!("{flags:#x}"));
    }
    if names.is_empty() {
        vm.new_str(&format!("re.compile({src})"))
    } else {
        vm.new_str(&format!("re.compile({src}, {})", names.join("|")))
    }
}

/// Equal patterns: same flags, kind, code and equal sources.
#[native(name = "__eq__")]
fn p_eq(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    let a = pattern_of(vm, &this, "__eq__")?;
    let Some(b) = other.downcast::<PatternData>() else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if this == other {
        return Ok(Value::TRUE);
    }
    let same = a.flags == b.flags && a.kind == b.kind && a.code == b.code;
    Ok(Value::bool(same && vm.eq(a.pattern, b.pattern)?))
}

#[native(name = "__ne__")]
fn p_ne(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    let r = p_eq.f;
    let eq = r(vm, &[this, other], &[])?;
    Ok(match eq {
        Value::TRUE => Value::FALSE,
        Value::FALSE => Value::TRUE,
        v => v,
    })
}

/// Mixes the source's hash with the code's, as CPython does (equal patterns, equal hashes).
#[native(name = "__hash__")]
fn p_hash(vm: &mut Vm, this: Value) -> PyResult {
    let p = pattern_of(vm, &this, "__hash__")?;
    let mut h = vm.hash(p.pattern)?;
    let mut c: u64 = 0xcbf29ce484222325;
    for &w in p.code.iter() {
        c = (c ^ w as u64).wrapping_mul(0x100000001b3);
    }
    h ^= c as i64 ^ p.flags as i64 ^ p.code.len() as i64 ^ (p.kind as i64);
    if h == -1 {
        h = -2;
    }
    vm.new_int(h)
}

/// Patterns are immutable: a copy is the pattern itself.
#[native(name = "__copy__")]
fn p_copy(_vm: &mut Vm, this: Value) -> Value {
    this
}

#[native(name = "__deepcopy__")]
fn p_deepcopy(_vm: &mut Vm, this: Value, memo: Value) -> Value {
    let _ = memo;
    this
}

pub const METHODS: &[weft_vm::native::NativeDef] =
    &[p_repr, p_eq, p_ne, p_hash, p_copy, p_deepcopy];
pub const GETTERS: &[weft_vm::native::NativeDef] = &[p_pattern, p_flags, p_groups, p_groupindex];
