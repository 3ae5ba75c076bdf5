//! Constructors for built-in values.
use crate::objects::bytes::{ByteArrayData, BytesData};
use crate::objects::dict::DictTable;
use crate::objects::float::BoxedFloat;
use crate::objects::int::IntData;
use crate::objects::list::ListData;
use crate::objects::set::SetData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

impl Vm {
    pub fn new_int(&mut self, i: i64) -> PyResult {
        match Value::small_int(i) {
            Some(v) => Ok(v),
            None => {
                let ty = self.rt.types.int;
                self.alloc(ty, IntData(BigInt::from(i)))
            }
        }
    }
    pub fn new_int_u64(&mut self, u: u64) -> PyResult {
        match i64::try_from(u) {
            Ok(i) => self.new_int(i),
            Err(_) => self.new_bigint(BigInt::from(u)),
        }
    }
    /// An int from a BigInt, small when it fits.
    pub fn new_bigint(&mut self, b: BigInt) -> PyResult {
        if let Some(v) = b.to_i64().and_then(Value::small_int) {
            return Ok(v);
        }
        let ty = self.rt.types.int;
        self.alloc(ty, IntData(b))
    }
    /// A float: immediate when its exponent allows (value.rs), else boxed on the heap.
    #[inline]
    pub fn new_float(&mut self, f: f64) -> PyResult {
        if let Some(v) = Value::float(f) {
            return Ok(v);
        }
        self.new_boxed_float(f)
    }
    #[inline(never)]
    fn new_boxed_float(&mut self, f: f64) -> PyResult {
        if f.to_bits() == 0 && !self.rt.float_zero.is_null() {
            return Ok(self.rt.float_zero);
        }
        let ty = self.rt.types.float;
        self.alloc(ty, BoxedFloat(f))
    }
    pub fn new_list(&mut self, items: Vec<Value>) -> PyResult {
        let ty = self.rt.types.list;
        self.alloc(ty, ListData::new(&items))
    }
    pub fn new_tuple(&mut self, items: Vec<Value>) -> PyResult {
        self.new_tuple_from(&items)
    }
    pub fn new_bytes(&mut self, b: Vec<u8>) -> PyResult {
        let ty = self.rt.types.bytes;
        self.alloc(ty, BytesData(b.into_boxed_slice()))
    }
    pub fn new_bytearray(&mut self, b: Vec<u8>) -> PyResult {
        let ty = self.rt.types.bytearray;
        self.alloc(ty, ByteArrayData(crate::biased_mutex::BiasedMutex::new(b)))
    }
    /// A set of `items` (hashing them may run Python code; the items must be rooted by
    /// the caller).
    pub fn new_set(&mut self, items: Vec<Value>) -> PyResult {
        let ty = self.rt.types.set;
        self.new_set_of_type(ty, items)
    }
    pub fn new_frozenset(&mut self, items: Vec<Value>) -> PyResult {
        let ty = self.rt.types.frozenset;
        self.new_set_of_type(ty, items)
    }
    pub fn new_set_of_type(&mut self, ty: Value, items: Vec<Value>) -> PyResult {
        let s = self.alloc(
            ty,
            SetData(crate::objects::dict::DictLock::new(DictTable::default())),
        )?;
        self.with_root(s, |vm| {
            for v in items {
                vm.set_add(s, v)?;
            }
            Ok(s)
        })
    }

    /// `set.add`: hash outside the lock; `__eq__` outside the lock; atomic insert.
    pub fn set_add(&mut self, s: Value, v: Value) -> PyResult<()> {
        let data = s.downcast::<SetData>().expect("set");
        let hash = self.hash(v)?;
        self.table_with_entry(&data.0, hash, v, |t, ix| {
            if ix.is_none() {
                t.insert_new(hash, v, Value::NONE);
            }
        })
    }

    pub fn set_contains(&mut self, s: Value, v: Value) -> PyResult<bool> {
        let data = crate::helpers::unwrap_base::<SetData>(&s).expect("set");
        let hash = self.hash(v)?;
        self.table_with_entry(&data.0, hash, v, |_, ix| ix.is_some())
    }

    pub fn set_remove(&mut self, s: Value, v: Value) -> PyResult<bool> {
        let data = crate::helpers::unwrap_base::<SetData>(&s).expect("set");
        let hash = self.hash(v)?;
        self.table_with_entry(&data.0, hash, v, |t, ix| {
            ix.map(|i| t.remove_at(i)).is_some()
        })
    }

    /// Items of a set in order.
    pub fn set_items(&self, s: Value) -> Vec<Value> {
        match crate::helpers::unwrap_base::<SetData>(&s) {
            Some(d) => d.0.lock().iter().map(|e| e.key).collect(),
            None => Vec::new(),
        }
    }
}
