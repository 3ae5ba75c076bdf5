//! `#[native]`: a typed Rust function becomes a `weft_vm::native::NativeDef`.
//!
//! ```text
//! #[native]                         // Python name = the function's name
//! #[native(name = "__init__")]      // another Python name
//! #[native(called = "list")]        // the name messages use, if not the Python name
//! #[native(owner = "math")]         // whose it is, for "math.sqrt() takes ..." messages
//! #[native(style = keywords)]       // override the inferred message style
//! #[native(new)]                   // a constructor: fn(vm, cls: Value, params..), a NativeNew
//! #[native(raw)]                    // fn(vm, args: &[Value], kw: &[(Value, Value)]): no binding
//! fn name(vm: &mut Vm, [this: &Payload | this: Value,] params..) -> R
//! ```
//!
//! Parameters are positional-only unless marked `#[kw]` (also by keyword) or `#[kwonly]`;
//! `Option<T>` or `#[default(expr)]` makes one optional; `#[varargs] rest: &[Value]` and
//! `#[kwargs] kw: &[(Value, Value)]` take what is left; `#[name = "x"]` renames one. The
//! return type `R` implements `weft_vm::native::IntoPy` (a `PyResult<Value>`, `PyResult<()>`,
//! `PyResult<bool>`, ...).
//!
//! The function becomes a constant of the same name, holding its Python name and an entry
//! point that binds (`Sig::bind`), checks the receiver (`FromSelf`), converts each argument
//! (`FromArg`) and calls the original body (kept as an inner function).
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Error, Expr, FnArg, Ident, ItemFn, Lit, Meta, Pat, Result, Token, Type};

#[derive(Default)]
struct Options {
    name: Option<String>,
    called: Option<String>,
    owner: Option<TokenStream>,
    style: Option<Ident>,
    raw: bool,
    new: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    PosOnly,
    PosOrKw,
    KwOnly,
}

struct Param {
    ident: Ident,
    py_name: String,
    ty: Type,
    kind: Kind,
    optional: bool,
    default: Option<Expr>,
}

enum Rest {
    Varargs(Ident),
    Kwargs(Ident),
}

pub fn expand(attr: TokenStream, mut item: ItemFn) -> Result<TokenStream> {
    let opts = options(attr)?;
    let fn_name = item.sig.ident.clone();
    let py_name = opts
        .name
        .clone()
        .unwrap_or_else(|| fn_name.to_string().trim_start_matches("r#").to_string());
    let vis = item.vis.clone();
    let docs: Vec<_> = item
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .cloned()
        .collect();
    item.attrs.retain(|a| !a.path().is_ident("doc"));
    if !item.sig.generics.params.is_empty() || item.sig.asyncness.is_some() {
        return Err(Error::new_spanned(
            &item.sig,
            "#[native] functions are plain, non-generic fns",
        ));
    }
    let mut inputs = item.sig.inputs.iter_mut();
    let vm = match inputs.next() {
        Some(FnArg::Typed(p)) => pat_ident(&p.pat)?,
        _ => {
            return Err(Error::new_spanned(
                &item.sig,
                "the first parameter is `vm: &mut Vm`",
            ));
        }
    };
    let entry = if opts.raw {
        quote! { __body }
    } else {
        let mut this: Option<Type> = None;
        let mut params = Vec::new();
        let mut rest = Vec::new();
        for (i, arg) in inputs.enumerate() {
            let FnArg::Typed(p) = arg else {
                return Err(Error::new_spanned(arg, "no `self` in a #[native] fn"));
            };
            let ident = pat_ident(&p.pat)?;
            if i == 0 && opts.new {
                if ident != "cls" {
                    return Err(Error::new_spanned(
                        &p.pat,
                        "a #[native(new)] fn takes `cls: Value` first",
                    ));
                }
                continue;
            }
            if i == 0 && ident == "this" {
                this = Some((*p.ty).clone());
                continue;
            }
            let (param, r) = param(ident, p)?;
            if let Some(r) = r {
                rest.push(r);
            } else {
                if let Some(prev) = params.last().map(|q: &Param| q.kind)
                    && prev > param.kind
                {
                    return Err(Error::new_spanned(
                        &p.pat,
                        "parameters go positional-only, then #[kw], then #[kwonly]",
                    ));
                }
                params.push(param);
            }
        }
        make_entry(&opts, &py_name, &vm, this.as_ref(), &params, &rest, &item)?
    };
    item.sig.ident = Ident::new("__body", Span::call_site());
    item.vis = syn::Visibility::Inherited;
    let def = if opts.new {
        quote! { ::weft_vm::native::NativeNew }
    } else {
        quote! { ::weft_vm::native::NativeDef }
    };
    Ok(quote! {
        #(#docs)*
        #[allow(non_upper_case_globals)]
        #vis const #fn_name: #def = {
            #[allow(clippy::too_many_arguments, clippy::needless_pass_by_value)]
            #item
            #def { name: #py_name, f: #entry }
        };
    })
}

fn options(attr: TokenStream) -> Result<Options> {
    let mut o = Options::default();
    let metas = Punctuated::<Meta, Token![,]>::parse_terminated.parse2(attr)?;
    for m in metas {
        match &m {
            Meta::Path(p) if p.is_ident("raw") => o.raw = true,
            Meta::Path(p) if p.is_ident("new") => o.new = true,
            Meta::NameValue(nv) if nv.path.is_ident("name") => o.name = Some(lit_str(&nv.value)?),
            Meta::NameValue(nv) if nv.path.is_ident("called") => {
                o.called = Some(lit_str(&nv.value)?)
            }
            Meta::NameValue(nv) if nv.path.is_ident("owner") => {
                o.owner = Some(match &nv.value {
                    Expr::Path(p) if p.path.is_ident("builtins") => {
                        quote! { ::weft_vm::native::Owner::Builtins }
                    }
                    v => {
                        let s = lit_str(v)?;
                        quote! { ::weft_vm::native::Owner::Named(#s) }
                    }
                })
            }
            Meta::NameValue(nv) if nv.path.is_ident("style") => match &nv.value {
                Expr::Path(p) if p.path.get_ident().is_some() => {
                    o.style = p.path.get_ident().cloned()
                }
                v => {
                    return Err(Error::new_spanned(
                        v,
                        "style = noargs|one|positional|keywords|slot",
                    ));
                }
            },
            _ => return Err(Error::new_spanned(m, "unknown #[native] option")),
        }
    }
    Ok(o)
}

fn lit_str(e: &Expr) -> Result<String> {
    match e {
        // A literal passed through a `macro_rules!` fragment arrives in an invisible group.
        Expr::Group(g) => lit_str(&g.expr),
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => Ok(s.value()),
        _ => Err(Error::new_spanned(e, "expected a string literal")),
    }
}

fn pat_ident(p: &Pat) -> Result<Ident> {
    match p {
        Pat::Ident(i) => Ok(i.ident.clone()),
        _ => Err(Error::new_spanned(
            p,
            "parameters of a #[native] fn are plain names",
        )),
    }
}

/// One parameter, its attributes removed from the inner function.
fn param(ident: Ident, p: &mut syn::PatType) -> Result<(Param, Option<Rest>)> {
    let mut kind = Kind::PosOnly;
    let mut default = None;
    let mut py_name = ident.to_string().trim_start_matches("r#").to_string();
    let mut rest = None;
    for a in &p.attrs {
        let path = a.path();
        if path.is_ident("kw") {
            kind = Kind::PosOrKw;
        } else if path.is_ident("kwonly") {
            kind = Kind::KwOnly;
        } else if path.is_ident("default") {
            default = Some(a.parse_args::<Expr>()?);
        } else if path.is_ident("name") {
            py_name = lit_str(&a.meta.require_name_value()?.value)?;
        } else if path.is_ident("varargs") {
            rest = Some(Rest::Varargs(ident.clone()));
        } else if path.is_ident("kwargs") {
            rest = Some(Rest::Kwargs(ident.clone()));
        } else {
            return Err(Error::new_spanned(a, "unknown parameter attribute"));
        }
    }
    p.attrs.clear();
    let optional = default.is_some() || is_option(&p.ty);
    Ok((
        Param {
            ident,
            py_name,
            ty: (*p.ty).clone(),
            kind,
            optional,
            default,
        },
        rest,
    ))
}

fn is_option(t: &Type) -> bool {
    match t {
        Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Option"),
        _ => false,
    }
}

fn make_entry(
    opts: &Options,
    py_name: &str,
    vm: &Ident,
    this: Option<&Type>,
    params: &[Param],
    rest: &[Rest],
    item: &ItemFn,
) -> Result<TokenStream> {
    let n = params.len();
    if n > 64 {
        return Err(Error::new_spanned(&item.sig, "at most 64 named parameters"));
    }
    let names: Vec<&str> = params.iter().map(|p| p.py_name.as_str()).collect();
    let posonly = params.iter().filter(|p| p.kind == Kind::PosOnly).count();
    let npos = params.iter().filter(|p| p.kind != Kind::KwOnly).count();
    let required: u64 = params
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.optional)
        .map(|(i, _)| 1u64 << i)
        .sum();
    let varargs = rest.iter().any(|r| matches!(r, Rest::Varargs(_)));
    let varkw = rest.iter().any(|r| matches!(r, Rest::Kwargs(_)));
    let style = match &opts.style {
        Some(s) => {
            let v = match s.to_string().as_str() {
                "noargs" => "NoArgs",
                "one" => "One",
                "positional" => "Positional",
                "keywords" => "Keywords",
                "slot" => "Slot",
                _ => {
                    return Err(Error::new_spanned(
                        s,
                        "style = noargs|one|positional|keywords|slot",
                    ));
                }
            };
            format_ident!("{}", v)
        }
        None if npos != posonly || n != npos || varkw => format_ident!("Keywords"),
        None if n == 0 && !varargs => format_ident!("NoArgs"),
        None if n == 1 && required == 1 && !varargs => format_ident!("One"),
        None => format_ident!("Positional"),
    };
    let owner = match (&opts.owner, this) {
        (Some(o), _) => o.clone(),
        (None, Some(t)) if payload_of(t).is_some() => {
            let t = payload_of(t).unwrap();
            quote! { ::weft_vm::native::Owner::Payload(|| <#t as ::weft_vm::object::Payload>::vtable().name) }
        }
        (None, _) => quote! { ::weft_vm::native::Owner::Builtins },
    };
    let has_self = this.is_some();
    let is_new = opts.new;
    let msg_name = opts.called.as_deref().unwrap_or(py_name);
    let mut lets = Vec::new();
    let mut call_args = vec![quote! { #vm }];
    if is_new {
        call_args.push(quote! { __cls });
    }
    if let Some(t) = this {
        lets.push(quote! {
            let this = <#t as ::weft_vm::native::FromSelf>::from_self(#vm, __args, &__SIG)?;
        });
        call_args.push(quote! { this });
    }
    for (i, p) in params.iter().enumerate() {
        let (id, ty) = (&p.ident, &p.ty);
        let convert = quote! {
            <#ty as ::weft_vm::native::FromArg>::from_arg(#vm, &__b.vals[#i], &__SIG, #i)?
        };
        lets.push(match &p.default {
            Some(d) => {
                quote! { let #id: #ty = if __b.vals[#i].is_null() { #d } else { #convert }; }
            }
            None => quote! { let #id: #ty = #convert; },
        });
    }
    // Extra parameters keep their place in the inner function's signature.
    let mut order: Vec<TokenStream> = Vec::new();
    let sig_params: Vec<Ident> = item
        .sig
        .inputs
        .iter()
        .skip(1 + (has_self || is_new) as usize)
        .filter_map(|a| match a {
            FnArg::Typed(p) => pat_ident(&p.pat).ok(),
            _ => None,
        })
        .collect();
    for id in &sig_params {
        match rest.iter().find(|r| match r {
            Rest::Varargs(x) | Rest::Kwargs(x) => x == id,
        }) {
            Some(Rest::Varargs(_)) => order.push(quote! { __b.rest }),
            Some(Rest::Kwargs(_)) => order.push(quote! { &*__b.kw }),
            None => order.push(quote! { #id }),
        }
    }
    call_args.extend(order);
    let cls_param = if is_new {
        quote! { __cls: ::weft_vm::Value, }
    } else {
        quote! {}
    };
    Ok(quote! {{
        fn __entry(
            #vm: &mut ::weft_vm::Vm,
            #cls_param
            __args: &[::weft_vm::Value],
            __kw: &[(::weft_vm::Value, ::weft_vm::Value)],
        ) -> ::weft_vm::PyResult {
            static __SIG: ::weft_vm::native::Sig = ::weft_vm::native::Sig {
                name: #msg_name,
                owner: #owner,
                has_self: #has_self,
                params: &[#(#names),*],
                posonly: #posonly,
                npos: #npos,
                required: #required,
                varargs: #varargs,
                varkw: #varkw,
                style: ::weft_vm::native::Style::#style,
            };
            let __b = __SIG.bind::<#n>(#vm, __args, __kw)?;
            #(#lets)*
            ::weft_vm::native::IntoPy::into_py(__body(#(#call_args),*), #vm)
        }
        __entry
    }})
}

/// The payload type of a receiver typed `&T` or `This<T>`.
fn payload_of(t: &Type) -> Option<&Type> {
    match t {
        Type::Reference(r) => Some(&r.elem),
        Type::Path(p) => {
            let seg = p.path.segments.last()?;
            if seg.ident != "This" {
                return None;
            }
            match &seg.arguments {
                syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                    syn::GenericArgument::Type(t) => Some(t),
                    _ => None,
                }),
                _ => None,
            }
        }
        _ => None,
    }
}
