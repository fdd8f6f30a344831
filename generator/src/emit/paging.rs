//! Paged listings of the operations `lower::paging` recognised: the builder's
//! `runtime::Paged` impl (how to set the page number and read a page) and its `pages(&client)`
//! and `items(&client)`. The loop itself is the runtime's one generic stream, so each paged
//! operation adds only these few small functions; `Call` gets `pages()`/`items()` from the
//! runtime for every `Paged` builder.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::docs;
use super::models::ident;
use super::Emitter;
use crate::ir::{IntWidth, Operation, PageField, Paging, ParamType};

impl Emitter<'_> {
    /// The paging items of an operation: nothing when it is not paged.
    pub fn paging(&self, operation: &Operation) -> TokenStream {
        let Some(paging) = &operation.paging else { return TokenStream::new() };
        let builder = ident(&operation.type_name);
        let item = self.type_tokens(&paging.item, &quote!(models::));
        let items = {
            let name = ident(&paging.items.name);
            if paging.items.optional {
                quote!(page.#name.as_deref().unwrap_or_default())
            } else {
                quote!(&page.#name)
            }
        };
        let into_items = field_value(&paging.items);
        let page_number = paging.page_number.map(|index| {
            let param = &operation.params[index];
            let name = ident(&param.name);
            let first = Literal::i64_unsuffixed(paging.first_page);
            // A 64-bit page parameter takes the page number as it is; a narrower one may not
            // hold it.
            let wide = matches!(param.ty, ParamType::Integer(IntWidth::I64));
            let read = match (param.required, wide) {
                (true, true) => quote!(Some(self.#name)),
                (true, false) => quote!(Some(i64::from(self.#name))),
                (false, true) => quote!(Some(self.#name.unwrap_or(#first))),
                (false, false) => quote!(Some(self.#name.map_or(#first, i64::from))),
            };
            let write = if param.required { quote!(self.#name = page) } else { quote!(self.#name = Some(page)) };
            let set = if wide {
                quote! {
                    #write;
                    true
                }
            } else {
                quote! {
                    match page.try_into() {
                        Ok(page) => {
                            #write;
                            true
                        }
                        Err(_) => false,
                    }
                }
            };
            quote! {
                fn page_number(&self) -> Option<i64> {
                    #read
                }

                fn set_page_number(&mut self, page: i64) -> bool {
                    #set
                }
            }
        });
        let page_size = paging.page_size.map(|index| {
            let param = &operation.params[index];
            let name = ident(&param.name);
            let value = if param.required {
                quote!(u64::try_from(self.#name).ok())
            } else {
                match paging.default_page_size.map(Literal::u64_unsuffixed) {
                    Some(default) => quote!(self.#name.map_or(Some(#default), |size| u64::try_from(size).ok())),
                    None => quote!(self.#name.and_then(|size| u64::try_from(size).ok())),
                }
            };
            quote! {
                fn page_size(&self) -> Option<u64> {
                    #value
                }
            }
        });
        let total_count = paging.total_count.as_ref().map(|field| {
            let name = ident(&field.name);
            let value = if field.optional {
                quote!(page.#name.and_then(|count| u64::try_from(count).ok()))
            } else {
                quote!(u64::try_from(page.#name).ok())
            };
            quote! {
                fn total_count(page: &Self::Output) -> Option<u64> {
                    #value
                }
            }
        });
        let next_link = paging.next_link.as_ref().map(|link| {
            let links = ident(&link.links.name);
            let links =
                if link.links.optional { quote!(page.#links.iter().flatten()) } else { quote!(page.#links.iter()) };
            let rel = ident(&link.rel.name);
            let rel = if link.rel.optional {
                quote!(link.#rel.as_deref() == Some("next"))
            } else {
                quote!(link.#rel == "next")
            };
            let href = ident(&link.href.name);
            let href =
                if link.href.optional { quote!(link.#href.as_deref()) } else { quote!(Some(link.#href.as_str())) };
            quote! {
                fn next_link(page: &Self::Output) -> Option<&str> {
                    #links.find(|link| #rel).and_then(|link| #href)
                }
            }
        });
        let doc_pages = docs::outer(&pages_doc(operation, paging));
        quote! {
            impl runtime::Paged for #builder {
                type Item = #item;

                #page_number
                #page_size

                fn items(page: &Self::Output) -> &[#item] {
                    #items
                }

                #total_count
                #next_link

                fn into_items(page: Self::Output) -> Vec<#item> {
                    #into_items
                }
            }

            impl #builder {
                #doc_pages
                pub fn pages<'c>(&self, client: &'c runtime::Client) -> runtime::Pages<'c, Self> {
                    runtime::Pages::new(client, self.clone())
                }

                /// The items of every page, in order; see [`Self::pages`].
                pub fn items<'c>(&self, client: &'c runtime::Client) -> runtime::Items<'c, Self> {
                    self.pages(client).items()
                }
            }
        }
    }

    /// The error-enum variant of a paged operation, and the start of its `None` arms.
    pub fn paging_error(&self, operation: &Operation, error: &Ident) -> (TokenStream, TokenStream, TokenStream) {
        let Some(paging) = &operation.paging else {
            return (TokenStream::new(), TokenStream::new(), TokenStream::new());
        };
        let variant = ident(&paging.error_variant);
        (
            quote! {
                /// The server answered pages that would make the listing wrong or endless.
                #variant(runtime::PagingError),
            },
            quote!(Self::#variant(error) => ErrorView::Paging(error),),
            quote! {
                impl From<runtime::PagingError> for #error {
                    fn from(error: runtime::PagingError) -> Self {
                        Self::#variant(error)
                    }
                }
            },
        )
    }
}

/// The items of a page field, moved out.
fn field_value(field: &PageField) -> TokenStream {
    let name = ident(&field.name);
    if field.optional {
        quote!(page.#name.unwrap_or_default())
    } else {
        quote!(page.#name)
    }
}

/// What `pages` does, for its rustdoc: where it starts and stops, and the page size limit.
fn pages_doc(operation: &Operation, paging: &Paging) -> String {
    let mut doc = String::from("The pages of this listing, each with its status and headers: a `futures` stream that ");
    match paging.page_number {
        Some(index) => {
            let page = &operation.params[index].wire_name;
            doc.push_str(&format!(
                "starts at page `{page}` (page {} when unset) and asks for the following pages one by one",
                paging.first_page
            ));
            doc.push_str(match paging.total_count {
                Some(_) => ", until a page is short or empty or `totalCount` items were read.",
                None => ", until a page is short or empty.",
            });
        }
        None => doc.push_str("follows each page's `next` link until a page has none or is empty."),
    }
    if let (Some(index), Some(max)) = (paging.page_size, paging.max_page_size) {
        doc.push_str(&format!(" `{}` may be up to {max}.", operation.params[index].wire_name));
    }
    doc.push_str(
        " It ends after the first error: an invalid parameter (nothing sent), a failed page, or a \
         `PagingError` when the server repeats a page or its total count shrinks.",
    );
    doc
}
