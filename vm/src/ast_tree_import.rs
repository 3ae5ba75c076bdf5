//! `compile(tree, filename, mode)` for a tree of `_ast` instances: read the Python
//! objects into the compiler's neutral [`AstNode`] form by the node schema
//! (`weft_compiler::ast_import::schema`), with CPython's TypeError / ValueError for a
//! node of the wrong type, a missing field or a bad leaf value; then the compiler
//! checks the rest and compiles (`weft_compiler::ast_import`).
use crate::compiler::Mode;
use crate::compiler::ast_export::{AstNode, AstValue};
use crate::compiler::ast_import::{TreeError, compile_tree, schema};
use crate::compiler::bytecode::Const;
use crate::helpers::{as_str_data, unwrap_base};
use crate::objects::list::ListData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Compile the tree `root` (an instance of `_ast.mod`) to a code object.
pub fn compile_ast(
    vm: &mut Vm,
    root: Value,
    filename: &str,
    mode: Mode,
    level: Option<u8>,
) -> PyResult {
    crate::root_scope!(vm);
    let module = vm.import_module("_ast")?;
    vm.root(module);
    let classes = vm.module_dict(module);
    let tree = read_node(vm, classes, root, "mod")?;
    // The conversion and the code generator recurse on the tree.
    let r = vm.with_compile_stack(|| compile_tree(&tree, filename, mode, level));
    match r {
        Ok(code) => crate::load::load_code(vm, &code),
        Err(TreeError::Value(m)) => Err(vm.value_error(m)),
        Err(TreeError::Type(m)) => Err(vm.type_error(m)),
        Err(TreeError::System(m)) => {
            let t = vm.rt.types.exc.system_error;
            Err(vm.new_exception(t, &m))
        }
        Err(TreeError::Compile(e)) => Err(crate::exceptions::syntax_error(vm, &e)),
    }
}

/// The class named `name` in `_ast`.
fn class(vm: &mut Vm, classes: Value, name: &str) -> PyResult {
    match vm.dict_get_str(classes, name) {
        Some(c) => Ok(c),
        None => Err(vm.runtime_error(format!("_ast has no class {name}"))),
    }
}

/// A node of type `ty` (an abstract type such as `expr`, or a product type such as
/// `arguments`, which is not checked by class, as in CPython).
fn read_node(vm: &mut Vm, classes: Value, obj: Value, ty: &str) -> PyResult<AstNode> {
    vm.check_native_depth(" during ast construction")?;
    crate::root_scope!(vm);
    vm.root(obj);
    let product = schema::kind(ty).is_some_and(|k| k.base == k.name);
    let positioned = schema::POSITIONED.contains(&ty);
    let mut pos = None;
    if positioned && !product {
        pos = Some(position(vm, obj, ty)?);
    }
    let Some(kind) = find_kind(vm, classes, obj, ty, product)? else {
        let r = vm.repr(obj)?;
        return Err(vm.type_error(format!("expected some sort of {ty}, but got {r}")));
    };
    let mut fields = Vec::with_capacity(kind.fields.len());
    for f in &kind.fields {
        let v = field(vm, classes, obj, kind, f)?;
        fields.push((f.name, v));
    }
    if positioned && product {
        pos = Some(position(vm, obj, ty)?);
    }
    Ok(AstNode {
        kind: kind.name,
        fields,
        pos,
    })
}

/// The schema entry of `obj`'s class among the kinds of `ty`.
fn find_kind(
    vm: &mut Vm,
    classes: Value,
    obj: Value,
    ty: &str,
    product: bool,
) -> PyResult<Option<&'static schema::Kind>> {
    if product {
        return Ok(schema::kind(ty));
    }
    let t = vm.type_of(obj);
    for k in schema::kinds_of(ty) {
        let cls = class(vm, classes, k.name)?;
        if crate::types::is_subclass(vm, t, cls) {
            return Ok(Some(k));
        }
    }
    Ok(None)
}

/// `lineno`, `col_offset` (required) and their ends (optional: the start if unset).
fn position(vm: &mut Vm, obj: Value, ty: &str) -> PyResult<[u32; 4]> {
    let mut out = [0u32; 4];
    for (i, name) in ["lineno", "col_offset", "end_lineno", "end_col_offset"]
        .iter()
        .enumerate()
    {
        let key = vm.intern(name);
        let v = vm.getattr_opt(obj, key)?;
        out[i] = match v {
            Some(v) if v != Value::NONE || i < 2 => clamp(int_value(vm, v)?),
            None if i < 2 => {
                return Err(vm.type_error(format!("required field \"{name}\" missing from {ty}")));
            }
            _ => out[i - 2],
        };
    }
    Ok(out)
}

fn clamp(i: i64) -> u32 {
    i.clamp(0, u32::MAX as i64) as u32
}

/// An int leaf (`level`, `lineno`): any int, else CPython's ValueError.
fn int_value(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = crate::helpers::as_int(v) {
        return Ok(i);
    }
    if crate::helpers::as_bigint(v).is_some() {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    let r = vm.repr(v)?;
    Err(vm.value_error(format!("invalid integer value: {r}")))
}

/// One field of `obj` (a `kind` node) by its schema entry `f`.
fn field(
    vm: &mut Vm,
    classes: Value,
    obj: Value,
    kind: &schema::Kind,
    f: &schema::Field,
) -> PyResult<AstValue> {
    crate::root_scope!(vm);
    let key = vm.intern(f.name);
    let Some(v) = vm.getattr_opt(obj, key)? else {
        return match f.arity {
            schema::Arity::Optional => Ok(AstValue::None),
            schema::Arity::List if schema::newer_field(f) => Ok(AstValue::List(Vec::new())),
            _ => Err(vm.type_error(format!(
                "required field \"{}\" missing from {}",
                f.name, kind.name
            ))),
        };
    };
    vm.root(v);
    match f.arity {
        schema::Arity::List => {
            let Some(list) = unwrap_base::<ListData>(&v) else {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!(
                    "{} field \"{}\" must be a list, not a {tn}",
                    kind.name, f.name
                )));
            };
            let items = list.snapshot();
            for &x in &items {
                vm.root(x);
            }
            let mut out = Vec::with_capacity(items.len());
            for x in items {
                if x == Value::NONE && schema::items_optional(f) {
                    out.push(AstValue::None);
                    continue;
                }
                out.push(leaf_or_node(vm, classes, x, schema::item_type(f))?);
            }
            Ok(AstValue::List(out))
        }
        _ if v == Value::NONE && f.ty != "constant" => match f.arity {
            schema::Arity::Optional => Ok(AstValue::None),
            _ if f.ty == "int" => Err(vm.value_error("invalid integer value: None")),
            _ => Err(vm.value_error(format!("field '{}' is required for {}", f.name, kind.name))),
        },
        _ => leaf_or_node(vm, classes, v, f.ty),
    }
}

fn leaf_or_node(vm: &mut Vm, classes: Value, v: Value, ty: &str) -> PyResult<AstValue> {
    Ok(match ty {
        "identifier" | "string" => {
            let exact = vm.type_of(v) == vm.rt.types.str;
            match as_str_data(&v) {
                Some(s) if exact || ty == "string" => AstValue::Ident(s.as_str().to_string()),
                _ if ty == "string" => {
                    return Err(vm.type_error("AST string must be of type str"));
                }
                _ => return Err(vm.type_error("AST identifier must be of type str")),
            }
        }
        "int" => AstValue::Int(int_value(vm, v)?),
        "constant" => AstValue::Const(constant(vm, v)?),
        _ => AstValue::Node(Box::new(read_node(vm, classes, v, ty)?)),
    })
}

/// A `Constant`'s value: None, Ellipsis, bool, or an object of exactly int, float,
/// complex, str, bytes, or a tuple or frozenset of such (CPython's `validate_constant`).
fn constant(vm: &mut Vm, v: Value) -> PyResult<Const> {
    match v {
        Value::NONE => return Ok(Const::None),
        Value::TRUE => return Ok(Const::True),
        Value::FALSE => return Ok(Const::False),
        Value::ELLIPSIS => return Ok(Const::Ellipsis),
        _ => {}
    }
    let t = vm.type_of(v);
    let types = &vm.rt.types;
    if t == types.int {
        if let Some(i) = v.as_small_int() {
            return Ok(Const::Int(i));
        }
        if let Some(b) = crate::helpers::as_bigint(v) {
            use num_traits::ToPrimitive;
            return Ok(match b.to_i64() {
                Some(i) => Const::Int(i),
                None => Const::BigInt(b.to_string()),
            });
        }
    }
    if t == types.float
        && let Some(f) = crate::helpers::as_f64(v)
    {
        return Ok(Const::Float(f));
    }
    if t == types.complex
        && let Some(c) = v.downcast::<crate::objects::complex::ComplexData>()
    {
        return Ok(Const::Complex {
            real: c.re,
            imag: c.im,
        });
    }
    if t == types.str
        && let Some(s) = as_str_data(&v)
    {
        let bytes = s.wtf8();
        return Ok(match std::str::from_utf8(bytes) {
            Ok(text) => Const::Str(text.to_string()),
            Err(_) => Const::StrSurrogates(bytes.to_vec()),
        });
    }
    if t == types.bytes
        && let Some(b) = v.downcast::<crate::objects::bytes::BytesData>()
    {
        return Ok(Const::Bytes(b.0.to_vec()));
    }
    if t == types.tuple
        && let Some(items) = v.downcast::<crate::objects::tuple::TupleData>()
    {
        let items: Vec<Value> = items.0.to_vec();
        let mut out = Vec::with_capacity(items.len());
        for x in items {
            out.push(constant(vm, x)?);
        }
        return Ok(Const::Tuple(out));
    }
    if t == types.frozenset {
        let items = vm.set_items(v);
        crate::root_scope!(vm);
        for &x in &items {
            vm.root(x);
        }
        let mut out = Vec::with_capacity(items.len());
        for x in items {
            out.push(constant(vm, x)?);
        }
        return Ok(Const::FrozenSet(out));
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!("got an invalid type in Constant: {tn}")))
}
