//! Start-up: give every built-in type its methods, then build the `builtins` module.
use crate::value::Value;
use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    // Namespaces first: everything below stores into dicts.
    let builtins = vm.new_dict().expect("start-up");
    builtins
        .downcast::<crate::objects::dict::DictData>()
        .expect("dict")
        .0
        .watch_globals();
    let modules = vm.new_dict().expect("start-up");
    {
        let rt = vm.rt_init();
        rt.builtins = builtins;
        rt.modules = modules;
    }
    let mem =
        crate::exceptions::make_exception(vm, vm.rt.types.exc.memory_error, &[]).expect("start-up");
    vm.rt_init().preallocated_memory_error = mem;
    let zero = vm.new_float(0.0).expect("start-up");
    vm.rt_init().float_zero = zero;

    crate::class::init(vm);
    crate::exceptions::init(vm);
    crate::objects::function::new::init(vm);
    crate::objects::generator::init(vm);
    crate::objects::coroutine::init(vm);
    crate::objects::async_gen::init(vm);
    crate::objects::slice::init(vm);
    crate::objects::frame::init(vm);
    crate::objects::module::init(vm);
    crate::objects::traceback::init(vm);
    crate::objects::int::methods::init(vm);
    crate::objects::float::methods::init(vm);
    crate::objects::complex::methods::init(vm);
    crate::objects::cell::init(vm);
    crate::objects::mappingproxy::init(vm);
    crate::objects::member::init(vm);
    crate::objects::str::methods::init(vm);
    crate::objects::bytes::methods::init(vm);
    crate::objects::bytes::bytearray::init(vm);
    crate::objects::list::methods::init(vm);
    crate::objects::tuple::methods::init(vm);
    crate::objects::dict::methods::init(vm);
    crate::objects::set::methods::init(vm);
    crate::objects::range::methods::init(vm);
    crate::builtins_funcs::init(vm, builtins);
    crate::builtins_exec::init(vm, builtins);
    crate::objects::anext::init(vm, builtins);
    crate::class::expose_new(vm);

    let bc = vm
        .new_native("__build_class__", "builtins", crate::class::build_class)
        .expect("start-up");
    set(vm, builtins, "__build_class__", bc);
    // Every built-in type marked `+ builtins` in its table row (types.rs), and every
    // exception class, under its name.
    for row in crate::types::BaseTypes::table()
        .into_iter()
        .filter(|r| r.builtins)
    {
        let ty = vm.rt.types.base.get(row.field);
        set(vm, builtins, row.name, ty);
    }
    for e in vm.rt.types.all_exceptions() {
        let name = crate::types::type_data(e).name.read().clone();
        set(vm, builtins, &name, e);
    }
    let os_error = vm.rt.types.exc.os_error;
    set(vm, builtins, "IOError", os_error);
    set(vm, builtins, "EnvironmentError", os_error);
    set(vm, builtins, "None", Value::NONE);
    set(vm, builtins, "True", Value::TRUE);
    set(vm, builtins, "False", Value::FALSE);
    set(vm, builtins, "Ellipsis", Value::ELLIPSIS);
    set(vm, builtins, "NotImplemented", Value::NOT_IMPLEMENTED);
    let dbg = Value::TRUE;
    set(vm, builtins, "__debug__", dbg);
    let n = vm.new_str("builtins").expect("start-up");
    set(vm, builtins, "__name__", n);
    // The module objects themselves.
    let bm = vm
        .alloc(
            vm.rt.types.module,
            crate::objects::module::ModuleData { dict: builtins },
        )
        .expect("start-up");
    set(vm, modules, "builtins", bm);
}

fn set(vm: &mut Vm, d: Value, name: &str, v: Value) {
    let k = vm.intern(name);
    vm.dict_set(d, k, v).expect("start-up");
}
