//! The case helpers `re._compiler` asks `_sre` for when it compiles IGNORECASE patterns:
//! whether a character has another case, and its lower case, by ASCII or Unicode rules
//! (lower case: Unicode's simple one-to-one mapping, the one the engine matches with).
use rustpython_sre_engine::string::{lower_ascii, lower_unicode};
use weft_vm::native;
use weft_vm::native::NativeDef;

/// Characters outside 0..2**32 have no case (and map to themselves).
fn code(ch: i64) -> Option<u32> {
    u32::try_from(ch).ok()
}

#[native(owner = "_sre", name = "ascii_iscased")]
fn c_ascii_iscased(_vm: &mut weft_vm::vm::Vm, character: i64) -> bool {
    code(character).is_some_and(|c| c < 128 && (c as u8).is_ascii_alphabetic())
}

/// Cased: lowering or uppering changes it. The upper case is the first character of the
/// full mapping, as CPython takes it (so 'ß', whose upper case is "SS", is cased).
#[native(owner = "_sre", name = "unicode_iscased")]
fn c_unicode_iscased(_vm: &mut weft_vm::vm::Vm, character: i64) -> bool {
    let upper = |c: u32| {
        char::from_u32(c)
            .and_then(|ch| ch.to_uppercase().next())
            .map_or(c, |u| u as u32)
    };
    code(character).is_some_and(|c| c != lower_unicode(c) || c != upper(c))
}

#[native(owner = "_sre", name = "ascii_tolower")]
fn c_ascii_tolower(_vm: &mut weft_vm::vm::Vm, character: i64) -> i64 {
    code(character).map_or(character, |c| lower_ascii(c) as i64)
}

#[native(owner = "_sre", name = "unicode_tolower")]
fn c_unicode_tolower(_vm: &mut weft_vm::vm::Vm, character: i64) -> i64 {
    code(character).map_or(character, |c| lower_unicode(c) as i64)
}

pub const FUNCS: &[NativeDef] = &[
    c_ascii_iscased,
    c_unicode_iscased,
    c_ascii_tolower,
    c_unicode_tolower,
];
