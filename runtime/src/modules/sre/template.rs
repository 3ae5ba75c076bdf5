//! `_sre.template(pattern, template)`: a parsed replacement template, as the `re` of
//! CPython 3.12 and later hands it over (`re._compile_template`): a list alternating
//! literals and group numbers, `[literal, group, literal, ..., literal]`. `sub` and
//! `Match.expand` then fill it in natively. (CPython 3.11's `re` fills templates in
//! Python instead, through `re._subx` and `re._expand`; see `sub.rs` and `match_obj.rs`.)
use weft_vm::helpers::{as_int, unwrap_base};
use weft_vm::native;
use weft_vm::objects::bytes::BytesData;
use weft_vm::objects::list::ListData;
use weft_vm::objects::str::StrData;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

#[derive(weft_vm::trace::Trace)]
pub struct TemplateData {
    /// The text before the first group (None when empty).
    pub literal: Value,
    /// Each group to insert and the text after it (None when empty).
    pub items: Box<[(usize, Value)]>,
}
weft_vm::payload!(TemplateData, "_sre.SRE_Template");

/// An empty str or bytes literal is left out (None).
fn nonempty(v: Value) -> Value {
    let empty = unwrap_base::<StrData>(&v).is_some_and(|s| s.byte_len() == 0)
        || unwrap_base::<BytesData>(&v).is_some_and(|b| b.0.is_empty());
    if empty { Value::NONE } else { v }
}

#[native(owner = "_sre", name = "template")]
pub fn t_template(vm: &mut Vm, pattern: Value, template: Value) -> PyResult {
    let _ = pattern;
    let Some(list) = template.downcast::<ListData>() else {
        let tn = vm.type_name(template);
        return Err(vm.type_error(format!("template() argument 2 must be list, not {tn}")));
    };
    let parts = list.snapshot();
    if parts.len() % 2 == 0 {
        return Err(vm.type_error("invalid template"));
    }
    let mut items = Vec::with_capacity(parts.len() / 2);
    for pair in parts[1..].chunks_exact(2) {
        match as_int(pair[0]) {
            Some(g) if g >= 0 => items.push((g as usize, nonempty(pair[1]))),
            _ => return Err(vm.type_error("invalid template")),
        }
    }
    let ty = super::module_attr(vm, "_template_type")?;
    vm.alloc(
        ty,
        TemplateData {
            literal: nonempty(parts[0]),
            items: items.into_boxed_slice(),
        },
    )
}
