//! The layout on small inputs, each a case it once got wrong or a rule of rustfmt it keeps.

use proc_macro2::{Spacing, TokenTree};
use quote::quote;

use super::atoms::longest_operator;
use super::statements::{unescape, verbatim_body};
use super::*;

/// Prints tokens, checks that printing the printed text again gives the same text.
fn print(tokens: TokenStream) -> String {
    let printed = print_file(tokens);
    let reparsed: TokenStream = printed.parse().expect("the printed text lexes");
    assert_eq!(print_file(reparsed), printed, "printing is stable");
    printed
}

#[test]
fn qualified_paths_open_where_a_value_is_expected() {
    let tokens = quote! {
        fn f(a: u8, b: u8) -> bool {
            let x = <u8 as Default>::default();
            let y = g(<u8 as Default>::default(), a < b);
            match x { 0 => <u8 as Default>::default() < a, _ => a<b && <u8>::MAX > b }
        }
        fn g() {
            if let Ok(variant) = <serde_json::Map<String, serde_json::Value> as Deserialize>::deserialize(&value) { return; }
        }
    };
    let expected = "\
fn f(a: u8, b: u8) -> bool {
    let x = <u8 as Default>::default();
    let y = g(<u8 as Default>::default(), a < b);
    match x {
        0 => <u8 as Default>::default() < a,
        _ => a < b && <u8>::MAX > b,
    }
}

fn g() {
    if let Ok(variant) = <serde_json::Map<String, serde_json::Value> as Deserialize>::deserialize(
        &value,
    ) {
        return;
    }
}
";
    assert_eq!(print(tokens), expected);
}

#[test]
fn items_get_blank_lines_and_fields_one_per_line() {
    let tokens = quote! {
        #![doc = " The module."]
        use std::fmt;
        use std::collections::{BTreeMap, HashMap};
        #[doc = " A thing."]
        #[derive(Debug, Clone,)]
        pub struct Thing<'a, T: Clone> { pub name: &'a str, #[serde(default)] items: Vec<T>, }
        pub struct Unit;
        pub enum Kind { A, B(u8), C { x: u32 }, }
        impl<'a, T: Clone> Thing<'a, T> {
            pub const LIMIT: usize = 3;
            pub fn new(name: &'a str) -> Self { Self { name, items: Vec::new() } }
            fn len(&self) -> usize { self.items.len() }
        }
    };
    let expected = "\
//! The module.

use std::fmt;
use std::collections::{BTreeMap, HashMap};

/// A thing.
#[derive(Debug, Clone)]
pub struct Thing<'a, T: Clone> {
    pub name: &'a str,
    #[serde(default)]
    items: Vec<T>,
}

pub struct Unit;

pub enum Kind {
    A,
    B(u8),
    C { x: u32 },
}

impl<'a, T: Clone> Thing<'a, T> {
    pub const LIMIT: usize = 3;

    pub fn new(name: &'a str) -> Self {
        Self { name, items: Vec::new() }
    }

    fn len(&self) -> usize {
        self.items.len()
    }
}
";
    assert_eq!(print(tokens), expected);
}

#[test]
fn statements_and_expressions_are_spaced_as_rustfmt_spaces_them() {
    let tokens = quote! {
        fn run(input: &[u8], limit: Option<usize>) -> Result<Vec<String>, Error> {
            let mut out = Vec::<String>::with_capacity(input.len());
            if let Some(limit) = limit { out.truncate(limit); } else if input.is_empty() { return Ok(out); } else { out.clear(); }
            for byte in &input[1..=2] { out.push(format!("{byte}")); }
            let kind = match input.first() { Some(b'a') | Some(b'b') => Kind::Letter, Some(&other) if other > 3 => { Kind::Other(other) } None => Kind::Empty, _ => Kind::Unknown };
            let parsed = input.iter().map(|b| *b as u32 + 1).filter(|n| n % 2 == 0 && *n != 4 && *n != 6).count();
            let negative = -1i64 * !0;
            let closure = move || -> u8 { 0 };
            let r: &'static str = r"raw";
            check(&mut out, b"bytes", 'c', 1.5)?;
            Ok(out)
        }
    };
    let expected = "\
fn run(input: &[u8], limit: Option<usize>) -> Result<Vec<String>, Error> {
    let mut out = Vec::<String>::with_capacity(input.len());
    if let Some(limit) = limit {
        out.truncate(limit);
    } else if input.is_empty() {
        return Ok(out);
    } else {
        out.clear();
    }
    for byte in &input[1..=2] {
        out.push(format!(\"{byte}\"));
    }
    let kind = match input.first() {
        Some(b'a') | Some(b'b') => Kind::Letter,
        Some(&other) if other > 3 => {
            Kind::Other(other)
        }
        None => Kind::Empty,
        _ => Kind::Unknown,
    };
    let parsed = input
        .iter()
        .map(|b| *b as u32 + 1)
        .filter(|n| n % 2 == 0 && *n != 4 && *n != 6)
        .count();
    let negative = -1i64 * !0;
    let closure = move || -> u8 { 0 };
    let r: &'static str = r\"raw\";
    check(&mut out, b\"bytes\", 'c', 1.5)?;
    Ok(out)
}
";
    assert_eq!(print(tokens), expected);
}

#[test]
fn long_lists_break_one_element_per_line_with_a_trailing_comma() {
    let tokens = quote! {
        pub fn operation_with_a_long_name(first_parameter: FirstType, second_parameter: SecondType) -> Result<Response<models::SomeLongModelNameThatIsMuchLonger>, SomeLongOperationErrorThatIsMuchLonger> {
            call_something(first_parameter.into_the_wire_format(), second_parameter.into_the_wire_format(), 3)
        }
    };
    let expected = "\
pub fn operation_with_a_long_name(
    first_parameter: FirstType,
    second_parameter: SecondType,
) -> Result<
    Response<models::SomeLongModelNameThatIsMuchLonger>,
    SomeLongOperationErrorThatIsMuchLonger,
> {
    call_something(
        first_parameter.into_the_wire_format(),
        second_parameter.into_the_wire_format(),
        3,
    )
}
";
    assert_eq!(print(tokens), expected);
}

#[test]
fn a_call_whose_only_argument_is_a_struct_literal_breaks_inside_the_literal() {
    let tokens = quote! {
        fn build(self) -> Result<Request, Error> {
            Ok(Request { operation_id: Self::OPERATION_ID, method: Self::METHOD, path_and_query: path, headers })
        }
        fn short() -> Option<Point> { Some(geometry::Point { x: 1, y: 2 }) }
        fn two() -> Pair { pair(Left { value: first_value_that_is_here_as_well }, Right { value: second_value_that_is_long_enough }) }
    };
    let expected = "\
fn build(self) -> Result<Request, Error> {
    Ok(Request {
        operation_id: Self::OPERATION_ID,
        method: Self::METHOD,
        path_and_query: path,
        headers,
    })
}

fn short() -> Option<Point> {
    Some(geometry::Point { x: 1, y: 2 })
}

fn two() -> Pair {
    pair(
        Left { value: first_value_that_is_here_as_well },
        Right { value: second_value_that_is_long_enough },
    )
}
";
    assert_eq!(print(tokens), expected);
}

#[test]
fn a_long_signature_breaks_its_parameters_before_its_return_type() {
    let tokens = quote! {
        impl GetBackupRestoreJob {
            pub async fn send(&self, client: &runtime::Client) -> Result<Response<models::DiskBackupSnapshotRestoreJob>, GetBackupRestoreJobError> {
                client.send(self).await
            }
            fn short(&self) -> Result<Vec<u8>, Error> { run() }
            pub fn call<'a>(&'a self, client: &'a runtime::Client) -> impl std::future::Future<Output = Result<Response<models::DiskBackupSnapshotRestoreJob>, GetBackupRestoreJobError>> + 'a {
                runtime::call::send(self, client)
            }
        }
    };
    let expected = "\
impl GetBackupRestoreJob {
    pub async fn send(
        &self,
        client: &runtime::Client,
    ) -> Result<Response<models::DiskBackupSnapshotRestoreJob>, GetBackupRestoreJobError> {
        client.send(self).await
    }

    fn short(&self) -> Result<Vec<u8>, Error> {
        run()
    }

    pub fn call<'a>(
        &'a self,
        client: &'a runtime::Client,
    ) -> impl std::future::Future<
        Output = Result<Response<models::DiskBackupSnapshotRestoreJob>, GetBackupRestoreJobError>,
    > + 'a {
        runtime::call::send(self, client)
    }
}
";
    assert_eq!(print(tokens), expected);
}

#[test]
fn macro_parameters_keep_their_fragment_specifiers_attached() {
    let tokens = quote! {
        macro_rules! describe {
            ($name:ident, $text:expr) => {
                impl $name { const TEXT: &str = $text; }
            };
        }
    };
    let expected = "\
macro_rules! describe {
    ($name:ident, $text:expr) => {
        impl $name {
            const TEXT: &str = $text;
        }
    };
}
";
    assert_eq!(print(tokens), expected);
}

#[test]
fn a_closure_block_in_the_last_argument_keeps_the_call_on_its_line() {
    let tokens = quote! {
        fn f() { items.iter().for_each(|item| { consume(item); }); (x,); (y) }
    };
    let expected = "\
fn f() {
    items.iter().for_each(|item| {
        consume(item);
    });
    (x,);
    (y)
}
";
    assert_eq!(print(tokens), expected);
}

#[test]
fn long_arm_bodies_and_cfg_attributes() {
    let tokens = quote! {
        #[cfg(feature = "extra")]
        impl From<&str> for Value {
            fn from(value: &str) -> Self {
                match value {
                    "A_VERY_LONG_WIRE_VALUE_THAT_TAKES_MOST_OF_THE_LINE" => Self::AVeryLongWireValueThatTakesMostOfTheLine,
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }
    };
    let expected = "\
#[cfg(feature = \"extra\")]
impl From<&str> for Value {
    fn from(value: &str) -> Self {
        match value {
            \"A_VERY_LONG_WIRE_VALUE_THAT_TAKES_MOST_OF_THE_LINE\" =>
                Self::AVeryLongWireValueThatTakesMostOfTheLine,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
";
    assert_eq!(print(tokens), expected);
}

#[test]
fn doc_attributes_that_cannot_be_comments_stay_attributes() {
    let tokens = quote! {
        #[doc = "two\nlines"]
        #[doc = "/ slash"]
        #[doc = " plain \"quoted\""]
        pub struct S;
    };
    let expected = "#[doc = \"two\\nlines\"]\n#[doc = \"/ slash\"]\n/// plain \"quoted\"\npub struct S;\n";
    assert_eq!(print(tokens), expected);
}

#[test]
fn string_escapes_are_read_as_rust_reads_them() {
    assert_eq!(unescape(r#""a\"b\\c\n\u{1}\x41""#).as_deref(), Some("a\"b\\c\n\u{1}A"));
    assert_eq!(unescape(r###"r#"x"y"#"###).as_deref(), Some("x\"y"));
    assert_eq!(unescape("1u8"), None);
    for (literal, body) in [(r#""a b""#, Some("a b")), (r##"r#"x"y"#"##, Some("x\"y")), (r#"r"z""#, Some("z"))] {
        assert_eq!(verbatim_body(literal).map(|(offset, len)| &literal[offset..offset + len]), body);
    }
    assert_eq!(verbatim_body(r#""a\nb""#), None);
    assert_eq!(verbatim_body("1u8"), None);
}

/// Prints source text, checks that the printed text lexes back to the same tokens (compared
/// as text, which shows joint punctuation).
fn print_source(source: &str) -> String {
    let tokens: TokenStream = source.parse().expect("the source lexes");
    let printed = print(tokens.clone());
    let relexed: TokenStream = printed.parse().expect("the printed text lexes");
    assert_eq!(relexed.to_string(), tokens.to_string(), "the same tokens:\n{printed}");
    printed
}

#[test]
fn a_joint_left_arrow_stays_one_token() {
    let printed = print_source("m!(x <- y); const A: Foo<-1> = x;");
    assert_eq!(printed, "m!(x <- y);\n\nconst A: Foo<-1> = x;\n");
}

/// Prints source text and checks that the printed text parses with `syn` to the same
/// tokens as the source (as `syn` prints them, trailing commas dropped).
fn print_parsing(source: &str) -> String {
    let printed = print(source.parse().expect("the source lexes"));
    let tree = |text: &str| {
        let file = syn::parse_file(text).unwrap_or_else(|error| panic!("{error}:\n{text}"));
        let mut printed = quote::ToTokens::to_token_stream(&file).to_string().replace(' ', "");
        for close in [")", "]", "}", ">"] {
            printed = printed.replace(&format!(",{close}"), close);
        }
        printed
    };
    assert_eq!(tree(&printed), tree(source), "the same syntax:\n{printed}");
    printed
}

#[test]
fn a_range_without_an_end_stays_apart_from_an_equals_sign() {
    // `1..= x` would be an inclusive range.
    assert_eq!(print_parsing("fn f() { if let 1.. = x {} }"), "fn f() {\n    if let 1.. = x {}\n}\n");
    assert_eq!(print_source("m!(.. = ..=);"), "m!(.. = ..=);\n");
}

#[test]
fn the_never_type_stays_apart_from_what_follows() {
    // `!=` would compare.
    assert_eq!(print_parsing("static X: ! = x;"), "static X: ! = x;\n");
    assert_eq!(print_parsing("fn f() -> ! { loop {} }"), "fn f() -> ! {\n    loop {}\n}\n");
    assert_eq!(
        print_parsing("impl Trait for *const ! { fn f() {} fn g() {} }"),
        "impl Trait for *const ! {\n    fn f() {}\n\n    fn g() {}\n}\n"
    );
}

/// The tokens of source text as the lexer glues its marks into operators.
fn operators(source: &str) -> Vec<String> {
    fn walk(tokens: TokenStream, out: &mut Vec<String>, run: &mut Vec<char>) {
        for token in tokens {
            match token {
                TokenTree::Punct(punct) => {
                    run.push(punct.as_char());
                    if punct.spacing() == Spacing::Joint {
                        continue;
                    }
                }
                TokenTree::Group(group) => {
                    out.push(format!("{:?}", group.delimiter()));
                    walk(group.stream(), out, run);
                }
                other => out.push(other.to_string()),
            }
            let mut rest: &[char] = run;
            while let Some(op) = longest_operator(rest) {
                out.push(op.to_owned());
                rest = &rest[op.len()..];
            }
            run.clear();
        }
    }
    let (mut out, mut run) = (Vec::new(), Vec::new());
    walk(source.parse().expect("lexes"), &mut out, &mut run);
    out
}

#[test]
fn marks_that_would_lex_as_another_operator_stay_apart() {
    let source = "m!(: : | || | |= - > 1 . &&=> &= x);";
    let printed = print(source.parse().expect("lexes"));
    assert_eq!(printed, "m!(: : | ||| |= - > 1 .&& => &= x);\n");
    assert_eq!(operators(&printed), operators(source));
}

#[test]
fn a_dot_after_an_integer_is_joined_only_where_it_cannot_make_a_float() {
    // Found by `layout_differential`: `1.""` lexes as the float `1.` and a string.
    let source = "m!(1 . \"\" 1 . 2 1 . 'a 1 . f 1 . _x); fn f() { x.0.1; }";
    let expected = "m!(1 .\"\" 1 .2 1 .'a 1.f 1._x);\n\nfn f() {\n    x.0.1;\n}\n";
    let printed = print(source.parse().expect("lexes"));
    assert_eq!(printed, expected);
}

#[test]
fn an_async_or_const_block_in_a_condition_is_not_counted_as_the_loops_block() {
    // Found by `layout_differential`: the `while` after this one was taken as part of it, and
    // `(y)` as the arguments of a call on its block.
    let source = "fn f() { while async {} { x } while x {} (y) as u8 || x }";
    let expected = "fn f() {\n    while async {} {\n        x\n    }\n    while x {}\n    (y) as u8 || x\n}\n";
    assert_eq!(print(source.parse().expect("lexes")), expected);
    let source = "fn f() { if const { true } { x } while async move {} {} (y) }";
    let printed = print(source.parse().expect("lexes"));
    assert!(printed.ends_with("\n    while async move {} {}\n    (y)\n}\n"), "{printed}");
}

#[test]
fn a_const_block_statement_ends_with_its_block() {
    // Found by `layout_differential`: the `const` block was taken as a value, so the statement
    // went on to the `if`'s block and `<<` after it was read as a qualified path's `< <`.
    let source = "fn f() { const { x } let y = if x {} << x; }";
    let expected = "fn f() {\n    const {\n        x\n    }\n    let y = if x {} << x;\n}\n";
    assert_eq!(print(source.parse().expect("lexes")), expected);
}

#[test]
fn a_function_pointers_unsafe_or_binder_opens_no_block() {
    // Found by `layout_differential`: the `unsafe` of `unsafe fn(u8)` in the type was left
    // waiting for a block, which it took from the loop's pattern; the loop's own block was
    // then printed as a struct literal, with a comma after its `if`.
    let source = "static X: A<unsafe fn(u8)> = for S { x, y } in v { if x {} };";
    let expected = "static X: A<unsafe fn(u8)> = for S { x, y } in v {\n    if x {}\n};\n";
    assert_eq!(print(source.parse().expect("lexes")), expected);
    for source in [
        "static X: A<unsafe extern \"C\" fn(u8)> = S { x: 1, y };\n",
        "static X: for<'a> fn(&'a u8) = S { x: 1, y };\n",
        // Not a binder: a loop over a qualified path's pattern (spaced as a binder would be;
        // the tokens are the same).
        "fn f() {\n    for<T as Trait>::X in x {\n        let x;\n    }\n}\n",
    ] {
        assert_eq!(print(source.parse().expect("lexes")), source);
    }
}

#[test]
fn a_block_after_mut_return_or_break_is_a_value() {
    // Found by `layout_differential`: `{ x }` after `&mut` was taken as the arms of the `match`.
    let source = "fn f() { match &mut { x } { x => {} } loop { if break { x } {} } }";
    let expected = "fn f() {\n    match &mut {\n        x\n    } {\n        x => {}\n    }\n    loop {\n        if break {\n            x\n        } {}\n    }\n}\n";
    assert_eq!(print(source.parse().expect("lexes")), expected);
    // Also found by it: a block after the `!` of a scrutinee is its operand; after the never
    // type, a body.
    let source = "fn f() { if !!{ x } { y } impl Trait for ! { fn g() -> *const ! { x } } }";
    let expected = "fn f() {\n    if !! {\n        x\n    } {\n        y\n    }\n    impl Trait for ! {\n        fn g() -> *const ! {\n            x\n        }\n    }\n}\n";
    assert_eq!(print(source.parse().expect("lexes")), expected);
}

#[test]
fn a_macro_called_with_braces_ends_its_statement() {
    // Found by `layout_differential`: the `|` after `m! { x }` was read as an operator, so the
    // closure's body was printed as a struct literal, with a comma after its value.
    let source = "fn f() { m! { x } |x| -> u8 { x }; a::b! { x } || x; macro_rules! n { () => {} } |x| x }";
    let expected = "fn f() {\n    m! { x }\n    |x| -> u8 { x };\n    a::b! { x }\n    || x;\n    macro_rules! n {\n        () => {}\n    }\n    |x| x\n}\n";
    assert_eq!(print(source.parse().expect("lexes")), expected);
}

#[test]
fn a_function_pointer_or_binder_in_a_condition_opens_no_block() {
    // Found by `layout_differential`: the `unsafe` in the condition's type was counted as a
    // block still to come, so the statement went on into the next one.
    for condition in [
        "if <unsafe extern \"C\" fn() -> u8 as Default>::x",
        "if x as unsafe fn() == y",
        "if x as for<'a> fn(&'a u8) == y",
        "while x as for<> fn(u8) == y",
    ] {
        let source = format!("fn f() {{ {condition} {{ x }} (a || b).value(); }}");
        let expected = format!("fn f() {{\n    {condition} {{\n        x\n    }}\n    (a || b).value();\n}}\n");
        assert_eq!(print(source.parse().expect("lexes")), expected);
    }
}

#[test]
fn an_async_block_as_a_scrutinee_leaves_the_arms_to_the_match() {
    // Found by `layout_differential`: the `async` waited for a block that its own block, as a
    // value, did not take; the arms were then laid out as a block and the `if`'s block as arms.
    let source = "fn f() -> u8 { return if let _ = match async {} { x => {} } { x }; }";
    let expected =
        "fn f() -> u8 {\n    return if let _ = match async {} {\n        x => {}\n    } {\n        x\n    };\n}\n";
    assert_eq!(print(source.parse().expect("lexes")), expected);
}

#[test]
fn a_bar_in_a_pattern_opens_no_closure() {
    // Found by `layout_differential`: `1.. | None` was read as a range to a closure, whose end
    // forgot the `if` waiting for its block; the block was laid out as a struct literal.
    let source = "static X: u8 = if x {} else if let 1.. | None | 1 = y { x.f(a, b) } else { 2 };";
    let expected = "static X: u8 = if x {} else if let 1..|None| 1 = y {\n    x.f(a, b)\n} else {\n    2\n};\n";
    assert_eq!(print(source.parse().expect("lexes")), expected);
}

#[test]
fn an_impl_type_in_generics_opens_no_block() {
    // Found by `layout_differential`: the `impl` of the qualified path waited for a block and
    // took the `if`'s, which was then laid out as items.
    let source = "const L: u8 = return <impl Clone as Default>::f() == if x { return; }.0;";
    let expected = "const L: u8 = return <impl Clone as Default>::f() == if x {\n    return;\n}.0;\n";
    assert_eq!(print(source.parse().expect("lexes")), expected);
}

#[test]
fn a_qualified_path_opens_right_after_generics() {
    let source = "type A = HashMap<<u8 as Trait>::Item, Vec<<T as Trait>::X>>; fn f(x: &'a <T as Trait>::X) {}";
    let expected = "type A = HashMap<<u8 as Trait>::Item, Vec<<T as Trait>::X>>;\n\nfn f(x: &'a <T as Trait>::X) {}\n";
    assert_eq!(print_parsing(source), expected);
    // Comparisons with `Self` and constants, which take no generic arguments.
    let source = "fn f() { a(Self < <u8>::MAX, MAX < b, Self << x, C << 2); }";
    assert_eq!(print_parsing(source), "fn f() {\n    a(Self < <u8>::MAX, MAX < b, Self << x, C << 2);\n}\n");
}

#[test]
fn a_lifetime_is_neither_called_nor_compared() {
    // `&'a (impl A,)` would be a tuple.
    let source = "fn f(x: &'a (impl AVeryLongTraitName + AnotherVeryLongTraitName + YetAnotherLongTraitName + OneMore), y: &'a [u8]) {}";
    let expected = "\
fn f(
    x: &'a (impl AVeryLongTraitName + AnotherVeryLongTraitName + YetAnotherLongTraitName + OneMore),
    y: &'a [u8],
) {}
";
    assert_eq!(print_parsing(source), expected);
    assert_eq!(
        print_parsing("fn f() where for<'x> &'x T: Clone { g(for<'a> || x); }"),
        "fn f() where for<'x> &'x T: Clone {\n    g(for<'a> || x);\n}\n"
    );
}

#[test]
fn blocks_in_a_scrutinee_or_condition_are_expressions() {
    let source = "fn f() { match { x } { _ => {} } match loop { break x; } { _ => {} } \
            if if a {} else { b } {} else if {c} {} match 'a: { x } { _ => {} } for S { x } in y {} z }";
    let expected = "\
fn f() {
    match {
        x
    } {
        _ => {}
    }
    match loop {
        break x;
    } {
        _ => {}
    }
    if if a {} else {
        b
    } {} else if {
        c
    } {}
    match 'a: {
        x
    } {
        _ => {}
    }
    for S { x } in y {}
    z
}
";
    assert_eq!(print_parsing(source), expected);
}

#[test]
fn a_const_argument_is_no_body() {
    let source = "impl Trait for Thing<{ N }> where T: Into<Thing<{ N + 1 }>> { fn f() {} }";
    let expected = "impl Trait for Thing<{ N }> where T: Into<Thing<{ N + 1 }>> {\n    fn f() {}\n}\n";
    assert_eq!(print_parsing(source), expected);
}

#[test]
fn a_closure_with_a_return_type_has_a_block() {
    let source = "fn f() { let g = |x: Result<u8, Error>, y: Vec<u8>| -> Vec<u8> { a; b }; }";
    let expected = "\
fn f() {
    let g = |x: Result<u8, Error>, y: Vec<u8>| -> Vec<u8> {
        a;
        b
    };
}
";
    assert_eq!(print_parsing(source), expected);
    // The generics in the parameters break as a list, with one trailing comma.
    let source =
        "fn f() { g(|x: Result<AVeryLongTypeNameThatTakesRoom, AnotherVeryLongTypeNameThatTakesRoom, Third>| x); }";
    print_parsing(source);
}

#[test]
fn an_operator_after_a_block_statement_starts_the_next() {
    let source =
        "fn f() { #![allow(unused)] || x; if a {} *x = 1; loop {} &y; match x { a => {} &b => {} <T>::C => {} } \
            #[allow(unused)] <<u8 as Trait>::X as Default>::x(); if let S { x } = while a {} < <u8>::MAX {} -x }";
    let expected = "\
fn f() {
    #![allow(unused)]
    || x;
    if a {}
    *x = 1;
    loop {}
    &y;
    match x {
        a => {}
        &b => {}
        <T>::C => {}
    }
    #[allow(unused)]
    <<u8 as Trait>::X as Default>::x();
    if let S { x } = while a {} < <u8>::MAX {}
    -x
}
";
    assert_eq!(print_parsing(source), expected);
}

#[test]
fn item_keywords_in_a_type_open_no_block() {
    let source = "static X: fn() -> u8 = while match x { _ => {} } || y { let a = 1; b } as u8;";
    let expected = "\
static X: fn() -> u8 = while match x {
    _ => {}
} || y {
    let a = 1;
    b
} as u8;
";
    assert_eq!(print_parsing(source), expected);
}

#[test]
fn a_labelled_loop_ends_its_statement() {
    let source = "fn f() { 'a: loop { break 'a; } let x = 1; }";
    assert_eq!(print_parsing(source), "fn f() {\n    'a: loop {\n        break 'a;\n    }\n    let x = 1;\n}\n");
}

#[test]
fn a_tuple_type_after_impl_generics_is_no_call() {
    let source = "impl<T> (AVeryLongTraitNameThatTakesRoom + AnotherVeryLongTraitNameThatTakesRoom + ThirdTraitNameThatIsLonger) {}";
    let expected = "impl<T>(\n    AVeryLongTraitNameThatTakesRoom + AnotherVeryLongTraitNameThatTakesRoom + ThirdTraitNameThatIsLonger\n) {}\n";
    assert_eq!(print_parsing(source), expected);
}

#[test]
fn macro_arguments_keep_their_commas() {
    assert_eq!(print_source("m!(#[derive(Debug,)] struct S;);"), "m!(#[derive(Debug,)] struct S;);\n");
    // Found by the `layout` fuzz target: arguments after `name! ident` are a macro's too, and
    // a long list of them gets no trailing comma when it breaks.
    let long = format!("m! name({});", (0..30).map(|i| format!("E{i} {i}")).collect::<Vec<_>>().join(", "));
    assert!(!print_source(&long).contains(",\n)"), "{}", print_source(&long));
    let source = "macro_rules! m { () => { match x { a => { b }, c => d } }; }";
    let expected = "macro_rules! m {\n    () => {\n        match x {\n            a => {\n                b\n            },\n            c => d\n        }\n    };\n}\n";
    assert_eq!(print_source(source), expected);
}

#[test]
fn a_bound_modifier_is_no_question_mark_operator() {
    assert_eq!(
        print_parsing("fn f<T: ?Sized + Clone>() where U: Clone + ?Sized {}"),
        "fn f<T: ?Sized + Clone>() where U: Clone + ?Sized {}\n"
    );
}

#[test]
fn a_less_than_after_a_unit_value_compares() {
    // Found by the `layout` fuzz target: `Rd` looks like a type's name, but no `>` follows.
    assert_eq!(
        print_source("fn f() { match s { () => l::Rd<y, } }"),
        "fn f() {\n    match s {\n        () => l::Rd < y,\n    }\n}\n"
    );
    assert_eq!(
        print_source("fn f() { match s { () => Rd<y, _ => A<B<C>>, } }"),
        "fn f() {\n    match s {\n        () => Rd < y,\n        _ => A<B<C>>,\n    }\n}\n"
    );
    assert_eq!(
        print_source("fn f() -> bool { Unit<x && Vec::<u8>::new().is_empty() }"),
        "fn f() -> bool {\n    Unit < x && Vec::<u8>::new().is_empty()\n}\n"
    );
}

#[test]
fn a_float_ending_in_a_dot_stays_apart_from_dots() {
    // Found by the `layout` fuzz target: `0_05.` then `.` printed as `0_05..`, a range.
    assert_eq!(print_source("#![a = 0_05. .b]"), "#![a = 0_05. .b]\n\n");
    assert_eq!(print_source("const A: R = 1. ..2.;"), "const A: R = 1. ..2.;\n");
}

#[test]
fn an_async_block_in_a_condition_does_not_end_it() {
    // Found by the arbitrary-Rust property of tests/tests/suite/layout_differential.rs: the
    // block of `async {}` was taken for the loop's body, so `<<` after it started a new
    // statement and printed as `< <`, a qualified path's start.
    assert_eq!(print_parsing("fn f() { while async {} << x {} }"), "fn f() {\n    while async {} << x {}\n}\n");
    assert_eq!(
        print_parsing("fn f() { if async move {} << x {} else {} }"),
        "fn f() {\n    if async move {} << x {} else {}\n}\n"
    );
}
