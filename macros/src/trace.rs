//! `#[derive(Trace)]`: trace every field of a struct, or every field of every variant of
//! an enum. `#[unsafe_untraced = "reason"]` on a field leaves it out; the reason is
//! required, so the promise is written where the field is.
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Error, Fields, Result};

pub fn expand(input: DeriveInput) -> Result<TokenStream> {
    let name = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();
    let body = match &input.data {
        Data::Struct(s) => {
            let (pat, calls) = fields(&s.fields)?;
            quote! { let Self #pat = self; #(#calls)* }
        }
        Data::Enum(e) => {
            let mut arms = Vec::new();
            for v in &e.variants {
                let vname = &v.ident;
                let (pat, calls) = fields(&v.fields)?;
                arms.push(quote! { Self::#vname #pat => { #(#calls)* } });
            }
            quote! {
                #[allow(unreachable_patterns)]
                match self { #(#arms)* _ => {} }
            }
        }
        Data::Union(u) => {
            return Err(Error::new_spanned(
                u.union_token,
                "Trace cannot be derived for a union: implement it by hand",
            ));
        }
    };
    Ok(quote! {
        // SAFETY: derived: every field is traced except those marked #[unsafe_untraced],
        // whose reason is stated on the field.
        unsafe impl #impl_g ::weft_vm::trace::Trace for #name #ty_g #where_g {
            #[inline]
            #[allow(unused_variables)]
            fn trace(&self, __tracer: &mut ::weft_vm::weft_gc::Tracer) {
                #body
            }
        }
    })
}

/// A destructuring pattern for `fields` and one `trace` call per traced field.
fn fields(fields: &Fields) -> Result<(TokenStream, Vec<TokenStream>)> {
    let mut binds = Vec::new();
    let mut calls = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let var = format_ident!("__f{}", i);
        let skip = untraced(f)?;
        match &f.ident {
            Some(id) => binds.push(quote! { #id: #var }),
            None => binds.push(quote! { #var }),
        }
        if !skip {
            calls.push(quote! { ::weft_vm::trace::Trace::trace(#var, __tracer); });
        }
    }
    let pat = match fields {
        Fields::Named(_) => quote! { { #(#binds),* } },
        Fields::Unnamed(_) => quote! { ( #(#binds),* ) },
        Fields::Unit => quote! {},
    };
    Ok((pat, calls))
}

fn untraced(f: &syn::Field) -> Result<bool> {
    for a in &f.attrs {
        if a.path().is_ident("unsafe_untraced") {
            let nv = a.meta.require_name_value()?;
            match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) if !s.value().trim().is_empty() => return Ok(true),
                _ => {
                    return Err(Error::new_spanned(
                        a,
                        "#[unsafe_untraced = \"...\"] needs the reason the field need not be traced",
                    ));
                }
            }
        }
    }
    Ok(false)
}
