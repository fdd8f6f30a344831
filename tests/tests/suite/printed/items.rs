//! Comparing two printings of the same code: each item is parsed with `syn` and printed
//! again with prettyplease, so that layout decisions (trailing commas, line breaks, blocks
//! around long closure bodies, `///` versus `#[doc]`) do not count, and any other
//! difference names the item.

/// The items of a file, each pretty-printed on its own: formatting decides trailing commas,
/// braces around match arms and `///` versus `#[doc]`, so two files whose items print the
/// same define the same items. Inline modules are opened, so that a difference names the
/// item rather than the whole module.
fn items(text: &str, what: &str) -> Vec<String> {
    let file = syn::parse_file(text).unwrap_or_else(|error| panic!("{what} does not parse: {error}"));
    let mut printed = Vec::new();
    if !file.attrs.is_empty() {
        printed.push(prettyplease::unparse(&syn::File { shebang: None, attrs: file.attrs, items: Vec::new() }));
    }
    flatten(file.items, &mut printed);
    printed
}

fn flatten(items: Vec<syn::Item>, printed: &mut Vec<String>) {
    for item in items {
        match item {
            syn::Item::Mod(mut module) if module.content.is_some() => {
                let inner = module.content.as_mut().map(|(_, items)| std::mem::take(items)).unwrap_or_default();
                printed.push(print(syn::Item::Mod(module)));
                flatten(inner, printed);
                printed.push("end of module".to_owned());
            }
            item => printed.push(print(item)),
        }
    }
}

fn print(mut item: syn::Item) -> String {
    syn::visit_mut::VisitMut::visit_item_mut(&mut ClosureBlocks, &mut item);
    prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items: vec![item] })
}

/// prettyplease wraps a closure's body (and a match arm's) in a block when the line is too
/// long, which depends on how deep the item was nested when it was formatted; `|x| { f(x) }`
/// and `|x| f(x)` are the same closure, so both print as the latter.
struct ClosureBlocks;

impl syn::visit_mut::VisitMut for ClosureBlocks {
    fn visit_expr_closure_mut(&mut self, closure: &mut syn::ExprClosure) {
        if let syn::Expr::Block(block) = &mut *closure.body {
            let single_expression = matches!(block.block.stmts.as_slice(), [syn::Stmt::Expr(_, None)]);
            if block.attrs.is_empty() && block.label.is_none() && single_expression {
                if let Some(syn::Stmt::Expr(inner, None)) = block.block.stmts.pop() {
                    *closure.body = inner;
                }
            }
        }
        syn::visit_mut::visit_expr_closure_mut(self, closure);
    }

    /// Likewise, a match arm whose body is too long for the line becomes a block:
    /// `key => { x = f()?; }` and `key => x = f()?,` are the same arm.
    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        if let syn::Expr::Block(block) = &mut *arm.body {
            let single_assignment =
                matches!(block.block.stmts.as_slice(), [syn::Stmt::Expr(syn::Expr::Assign(_), Some(_))]);
            if block.attrs.is_empty() && block.label.is_none() && single_assignment {
                if let Some(syn::Stmt::Expr(inner, _)) = block.block.stmts.pop() {
                    *arm.body = inner;
                    arm.comma = Some(Default::default());
                }
            }
        }
        syn::visit_mut::visit_arm_mut(self, arm);
    }
}

pub fn assert_same_items(pretty: &str, fast: &str, what: &str) {
    let (pretty_items, fast_items) = (items(pretty, &format!("pretty {what}")), items(fast, &format!("fast {what}")));
    for (index, (p, f)) in pretty_items.iter().zip(&fast_items).enumerate() {
        if p != f {
            let line = p.lines().zip(f.lines()).find(|(a, b)| a != b);
            panic!("{what}: item {index} differs; first differing line: {line:?}\n{p}\n---\n{f}");
        }
    }
    assert_eq!(pretty_items.len(), fast_items.len(), "{what}: not the same number of items");
    assert!(!fast_items.is_empty(), "{what} defines nothing");
}
