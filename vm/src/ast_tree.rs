//! `compile(..., PyCF_ONLY_AST)`: the compiler's exported syntax tree
//! (`weft_compiler::ast_export`) as instances of the `_ast` classes.
//!
//! Nodes are made without running `AST.__init__` (an instance of the class, then its
//! fields and positions set as attributes), in `_fields` order, as CPython's C code does.
use crate::compiler::ast_export::{AstNode, AstValue};
use crate::compiler::{CompileError, Mode};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Parse `source` and return its tree (a `Module`, `Expression` or `Interactive`), with
/// its type comments when `type_comments` is set (`PyCF_TYPE_COMMENTS`).
pub fn parse_to_ast(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: Mode,
    type_comments: bool,
) -> PyResult {
    let tree = export(vm, source, filename, mode, type_comments)
        .map_err(|e| crate::exceptions::syntax_error(vm, &e))?;
    tree_objects(vm, &tree)
}

/// `compile(text, filename, "func_type", PyCF_ONLY_AST)`: a `FunctionType` tree.
pub fn func_type_to_ast(vm: &mut Vm, source: &str, filename: &str) -> PyResult {
    let tree = crate::compiler::ast_export::parse_func_type(source, filename)
        .map_err(|e| crate::exceptions::syntax_error(vm, &e))?;
    tree_objects(vm, &tree)
}

/// Run the parser and the export (both recurse on the tree) where the stack cannot
/// run out (`Vm::with_compile_stack`).
fn export(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: Mode,
    type_comments: bool,
) -> Result<AstNode, CompileError> {
    vm.with_compile_stack(|| {
        crate::compiler::ast_export::parse_ast_with(source, filename, mode, type_comments)
    })
}

/// One node: an instance of the class named `n.kind` in `_ast`'s namespace `classes`.
/// The `_ast` objects of an exported tree.
fn tree_objects(vm: &mut Vm, tree: &AstNode) -> PyResult {
    crate::root_scope!(vm);
    let module = vm.import_module("_ast")?;
    vm.root(module);
    let classes = vm.module_dict(module);
    node(vm, classes, tree)
}

fn node(vm: &mut Vm, classes: Value, n: &AstNode) -> PyResult {
    // The export bounds the depth; this catches a thread already deep in its stack.
    vm.check_native_depth(" during ast construction")?;
    crate::root_scope!(vm);
    let Some(cls) = vm.dict_get_str(classes, n.kind) else {
        return Err(vm.runtime_error(format!("_ast has no class {}", n.kind)));
    };
    vm.root(cls);
    let obj = crate::class::object_new(vm, cls, &[], &[])?;
    vm.root(obj);
    for (name, v) in &n.fields {
        let pv = value(vm, classes, v)?;
        vm.with_root(pv, |vm| vm.setattr_str(obj, name, pv))?;
    }
    if let Some(p) = n.pos {
        let names = ["lineno", "col_offset", "end_lineno", "end_col_offset"];
        for (name, x) in names.iter().zip(p) {
            let pv = vm.new_int(x as i64)?;
            vm.with_root(pv, |vm| vm.setattr_str(obj, name, pv))?;
        }
    }
    Ok(obj)
}

fn value(vm: &mut Vm, classes: Value, v: &AstValue) -> PyResult {
    Ok(match v {
        AstValue::Node(n) => node(vm, classes, n)?,
        AstValue::List(items) => {
            crate::root_scope!(vm);
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                let x = value(vm, classes, i)?;
                vm.root(x);
                out.push(x);
            }
            vm.new_list(out)?
        }
        AstValue::Const(c) => crate::load::load_const(vm, c)?,
        AstValue::Ident(s) => vm.intern(s),
        AstValue::Int(i) => vm.new_int(*i)?,
        AstValue::None => Value::NONE,
    })
}
