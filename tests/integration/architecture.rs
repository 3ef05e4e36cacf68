//! The architecture test: reads `src/` and fails naming every import that breaks the layering of
//! issue 15, as `src/file.rs:LINE: `use …` — the rule, and what to do instead`, and every
//! function longer than 80 lines. The layers and the rules are the constants just below.
//!
//! The sources are parsed with `syn`, not searched line by line: `use` trees are followed leaf by
//! leaf (`use super::{a, b::C}`), paths written inline (`crate::fs::read(…)`, in types, in the
//! arguments of `format!` and other macros) count as imports too, and `#[cfg(test)]` items are
//! left out. The checker itself is tested on small made-up crates at the end of this file.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::path::Path;

use proc_macro2::{Spacing, Span, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};

// ───────────────────────────────────── The rules ─────────────────────────────────────

/// The layers, lowest first. Rule: a module imports only from its own layer or a lower one, and
/// modules of one layer do not import each other in a circle. Each entry is a module path under
/// `crate::`; `*` stands for one kind's name, so `kinds::*` is a kind's model side (its schema
/// and checks) and `kinds::*::views` its view side (`views.rs` or `views/`). The longest entry
/// that matches a module places it, a name beating `*`. A module no entry matches fails the test
/// until it is given its layer here.
const LAYERS: &[(&str, &[&str])] = &[
    // 0. Leaf helpers and config: they know no content type and nothing above them.
    (
        "leaf helpers and config",
        &[
            "text",
            "slug",
            "dates",
            "diagnostic",
            "explain",
            "fs",
            "load",
            "front_matter",
            "markdown",
            "highlight",
            "config",
            "closed_list",
            "to_dan_pho",
            "tone_marks",
            "content_type",
            "guidance",
            "pictogram",
            "place",
            "chart",
            "spreadsheet",
            "decision",
            "stored",
        ],
    ),
    // 1. Each kind's schema and checks: `src/kinds/<kind>/` except its views.
    ("a kind's model side", &["kinds::*"]),
    // 2. The site assembled from every kind's records.
    ("the model", &["model"]),
    // 3. What readers see: page context, templates, `Output`; each kind's views, search
    //    documents, printing; the registry that lists each kind once (`src/kinds/mod.rs`) and
    //    the traits of a kind's view side it lists them by (`src/kinds/kind.rs`).
    ("the view side", &["view", "kinds::*::views", "search", "print", "kinds", "kinds::kind"]),
    // 4. Rendering every page and output in parallel.
    ("render", &["render"]),
    // 5. Writing the output folder.
    ("the writer", &["output"]),
    // 6. The build from site.toml to output, and `pccc new`.
    ("the pipeline", &["pipeline", "scaffold", "init"]),
    // 7. What the user runs.
    ("the front ends", &["serve", "cli", "main"]),
];

/// Layers 0 to this one are the model side. Rule: the model side imports nothing from the view
/// side or above (render, search, view, output, serve…), and no crate of [`VIEW_CRATES`].
const MODEL_SIDE: usize = 2;

/// Crates only the view side may use.
const VIEW_CRATES: &[&str] = &["tera"];

/// Crates kept behind the modules named (Cargo.toml says why, beside each): no other module
/// names them, so that replacing one touches one place.
const CONFINED: &[(&str, &[&str])] = &[
    ("postcard", &["stored"]),
    ("lz4_flex", &["stored"]),
    ("simdutf8", &["load"]),
    ("syntect", &["highlight"]),
    ("brotli", &["output::compress"]),
    ("flate2", &["output::compress"]),
    ("fast_qr", &["print"]),
    ("saphyr_parser", &["front_matter::locate"]),
    ("signal_hook", &["output::interrupt"]),
    ("rustix", &["output::publish", "serve"]),
    ("pulldown_cmark", &["markdown"]),
    ("annotate_snippets", &["diagnostic"]),
    ("icu_collator", &["text"]),
    ("icu_locale", &["text"]),
    ("deunicode", &["slug"]),
    ("axum", &["serve"]),
    ("tokio", &["serve"]),
    // The office's Excel sheets and the watcher; `explain::system` words their errors for editors.
    ("calamine", &["kinds::violations::workbook", "explain::system"]),
    ("zip", &["kinds::violations::workbook", "explain::system"]),
    ("notify", &["serve::watch", "explain::system"]),
];

/// Rule: `config` imports no content type or feature module, only modules of layer 0.
const CONFIG: &str = "config";

/// Rule: parsing touches no disk. It holds on the model side but for these modules, the load
/// stage that reads files and hands their bytes on…
const LOAD_STAGE: &[&str] = &["fs", "load"];

/// …and in `config` for this function and every function of `config` it calls (`config::load`
/// reads `site.toml`; `config::parse` takes its text), or a `config::parse` module if it is one.
const CONFIG_PARSE: &str = "parse";

/// What touches the disk: a path that starts with one of these, once `use` names are followed
/// (`use std::fs::File; File::open(…)` is `std::fs::File::open`). `File::open` and
/// `File::create` catch a `File` whose `use` is not in the file.
const DISK_PATHS: &[&str] =
    &["std::fs", "crate::fs", "walkdir::WalkDir", "imagesize::size", "File::open", "File::create"];

/// The functions of `crate::fs` that only compute paths, without the disk.
const PURE_FS: &[&str] = &["relative", "normalize", "join_inside"];

/// Methods of `Path` that ask the file system.
const DISK_METHODS: &[&str] = &[
    "read_dir",
    "metadata",
    "symlink_metadata",
    "exists",
    "try_exists",
    "is_file",
    "is_dir",
    "is_symlink",
    "canonicalize",
    "read_link",
];

/// Rule: no function is longer than this, counted from its `fn` line to its closing brace.
const MAX_FN_LINES: usize = 80;

// Rule, with no constant: no kind imports another kind's module (`kinds::*` and
// `kinds::*::views` with another name in place of `*`).

/// The rules, in the order the report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rule {
    Unplaced,
    Config,
    KindToKind,
    ModelSide,
    Confined,
    Layers,
    Cycle,
    FileCycle,
    Disk,
    LongFunction,
}

impl Rule {
    fn heading(self) -> String {
        match self {
            Rule::Unplaced => "Every module has a layer (LAYERS, at the top of \
                               tests/integration/architecture.rs)"
                .into(),
            Rule::Config => "`config` imports no content type or feature module, only modules \
                             of layer 0"
                .into(),
            Rule::KindToKind => "No kind imports another kind's module".into(),
            Rule::ModelSide => format!(
                "The model side (layers 0-{MODEL_SIDE}) imports nothing from the view side or \
                 above, nor {}",
                VIEW_CRATES.join(", ")
            ),
            Rule::Confined => "A crate kept behind one module (CONFINED, at the top of \
                               tests/integration/architecture.rs) is named nowhere else"
                .into(),
            Rule::Layers => format!(
                "A module imports only from its own layer or a lower one: {}",
                LAYERS
                    .iter()
                    .enumerate()
                    .map(|(i, (_, modules))| format!("{i} {}", modules.join(" ")))
                    .collect::<Vec<_>>()
                    .join(" < ")
            ),
            Rule::Cycle => "Modules of one layer do not import each other in a circle".into(),
            Rule::FileCycle => {
                "The files of one module do not import each other in a circle".into()
            }
            Rule::Disk => "Parsing touches no disk: the model side, except the load stage, \
                           and `config::parse` read no file, folder or image header"
                .into(),
            Rule::LongFunction => format!(
                "No function is longer than {MAX_FN_LINES} lines (from its `fn` line to its \
                 closing brace; `#[cfg(test)]` code aside)"
            ),
        }
    }
}

// ───────────────────────────────────── The test ─────────────────────────────────────

#[test]
fn src_keeps_the_layers_and_short_functions() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let report = check(&read_sources(&src));
    assert!(report.is_empty(), "{report}");
}

/// Every `.rs` file under `src`, as (`src/…` with `/`, text), in path order.
fn read_sources(src: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(src.parent().unwrap()).unwrap();
            let shown =
                rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>();
            files.push((shown.join("/"), std::fs::read_to_string(path).unwrap()));
        }
    }
    files
}

/// The report of every broken rule in `files` (`src/…` paths and their text), grouped by rule;
/// empty when every rule holds.
fn check(files: &[(String, String)]) -> String {
    let sources: Vec<Source> = files.iter().map(|(path, text)| Source::parse(path, text)).collect();
    let map = CrateMap::new(&sources);
    let facts: Vec<Facts> = sources.iter().map(|s| Facts::collect(s, &map)).collect();
    let mut found = Vec::new();
    found.extend(unplaced(&sources));
    let edges = judge_imports(&facts, &map, &mut found);
    found.extend(cycles(&edges.units, Rule::Cycle));
    found.extend(cycles(&edges.files, Rule::FileCycle));
    found.extend(disk(&facts, &map));
    found.extend(long_functions(&facts));
    report(found)
}

// ───────────────────────────────────── The crate ─────────────────────────────────────

/// One source file, parsed.
struct Source {
    path: String,
    /// Its module path under `crate::` (`kinds::drill::views`; empty for `lib.rs`).
    module: Vec<String>,
    ast: syn::File,
}

impl Source {
    fn parse(path: &str, text: &str) -> Source {
        let ast = syn::parse_file(text).unwrap_or_else(|e| {
            let at = e.span().start();
            panic!("{path}:{}:{}: cannot parse: {e}", at.line, at.column + 1)
        });
        let rel = path.strip_prefix("src/").unwrap_or(path).trim_end_matches(".rs");
        let mut module: Vec<String> = rel.split('/').map(String::from).collect();
        if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
            module.pop();
        }
        Source { path: path.into(), module, ast }
    }
}

/// The crate's modules, and the file each is written in.
struct CrateMap {
    files: BTreeMap<Vec<String>, String>,
}

impl CrateMap {
    fn new(sources: &[Source]) -> CrateMap {
        let mut files = BTreeMap::new();
        for source in sources {
            files.insert(source.module.clone(), source.path.clone());
            inline_modules(&source.ast.items, &source.module, &source.path, &mut files);
        }
        CrateMap { files }
    }

    /// The module a path under `crate::` is in: its longest prefix that is a module.
    fn module_of<'p>(&self, path: &'p [String]) -> &'p [String] {
        (0..=path.len()).rev().map(|n| &path[..n]).find(|m| self.files.contains_key(*m)).unwrap()
    }
}

/// Records `mod name { … }` blocks (not test ones) as modules of `file`.
fn inline_modules(
    items: &[syn::Item],
    module: &[String],
    file: &str,
    files: &mut BTreeMap<Vec<String>, String>,
) {
    for item in items {
        if let syn::Item::Mod(m) = item
            && let Some((_, items)) = &m.content
            && !is_test(&m.attrs)
        {
            let inner = [module, &[m.ident.to_string()]].concat();
            files.insert(inner.clone(), file.into());
            inline_modules(items, &inner, file, files);
        }
    }
}

/// Where a module sits in [`LAYERS`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    layer: usize,
    /// The entry's part of the module path: `kinds::drill` for `kinds::drill::ics`. Imports
    /// between units make the graph whose circles the layer rule forbids.
    unit: String,
    /// The kind, for an entry with `*`.
    kind: Option<String>,
}

/// The place of `module` in [`LAYERS`]; `None` for the crate root and for a module no entry
/// matches.
fn place(module: &[String]) -> Option<Place> {
    let mut best: Option<((usize, usize), Place)> = None;
    for (layer, (_, entries)) in LAYERS.iter().enumerate() {
        for entry in *entries {
            let pattern: Vec<&str> = entry.split("::").collect();
            let fits = pattern.len() <= module.len()
                && pattern.iter().zip(module).all(|(p, m)| *p == "*" || p == m);
            if !fits {
                continue;
            }
            let score = (pattern.len(), pattern.iter().filter(|p| **p != "*").count());
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                let kind = pattern.iter().position(|p| *p == "*").map(|i| module[i].clone());
                let unit = module[..pattern.len()].join("::");
                best = Some((score, Place { layer, unit, kind }));
            }
        }
    }
    best.map(|(_, place)| place)
}

fn unplaced(sources: &[Source]) -> Vec<Violation> {
    let modules = sources.iter().filter(|s| !s.module.is_empty() && place(&s.module).is_none());
    modules
        .map(|s| Violation {
            rule: Rule::Unplaced,
            file: s.path.clone(),
            line: 1,
            what: What::Subject(format!("module `{}`", s.module.join("::"))),
            why: "is in no layer: add it to LAYERS at the top of \
                  tests/integration/architecture.rs, in the lowest layer that holds every \
                  module it imports"
                .into(),
        })
        .collect()
}

// ─────────────────────────────── What each file names ───────────────────────────────

/// Where something is written.
#[derive(Debug, Clone)]
struct At {
    file: String,
    line: usize,
    /// The module it is written in.
    module: Vec<String>,
    /// The outermost function it is written in.
    function: Option<String>,
}

/// A path the code names: a leaf of a `use` tree, or a path written inline.
#[derive(Debug, Clone)]
struct Named {
    at: At,
    /// The path; a `self` leaf or a glob ends at the module it names.
    path: Vec<String>,
    /// As written (`super::views::Choice`, `crate::front_matter::self`, `crate::x::*`).
    shown: Vec<String>,
    /// For a `use` leaf, the line of its `use`: leaves of one `use` are reported together.
    use_line: Option<usize>,
}

/// A function, for its length and the calls it makes.
#[derive(Debug)]
struct Function {
    at: At,
    /// `name`, or `Type::name` for a method.
    name: String,
    lines: usize,
}

/// What one file names, calls and defines.
#[derive(Debug, Default)]
struct Facts {
    named: Vec<Named>,
    /// `.name()` method calls, for [`DISK_METHODS`].
    methods: Vec<(At, String)>,
    functions: Vec<Function>,
    /// (caller, callee) by bare name, for what `config::parse` reaches.
    calls: Vec<(String, String)>,
    /// The names `use` items bring into scope, and the full paths they stand for.
    aliases: BTreeMap<String, String>,
}

impl Facts {
    fn collect(source: &Source, map: &CrateMap) -> Facts {
        let mut collector = Collector {
            file: &source.path,
            modules: vec![source.module.clone()],
            functions: Vec::new(),
            impl_types: Vec::new(),
            facts: Facts::default(),
        };
        collector.visit_file(&source.ast);
        let mut facts = collector.facts;
        for named in facts.named.iter().filter(|n| n.use_line.is_some()) {
            if let Some(alias) =
                named.shown.last().filter(|s| *s != "*").map(|s| alias_of(s, &named.path))
            {
                let full = full_path(&resolve(&named.path, &named.at.module, map));
                facts.aliases.insert(alias, full);
            }
        }
        facts
    }
}

/// The name a `use` leaf brings into scope: `X` for `X` and for `a::X`, `Y` for `X as Y`, the
/// module for `self`; nothing for a glob.
fn alias_of(shown: &str, path: &[String]) -> String {
    match shown.split_once(" as ") {
        Some((_, alias)) => alias.into(),
        None if shown == "self" => path.last().cloned().unwrap_or_default(),
        None => shown.into(),
    }
}

struct Collector<'a> {
    file: &'a str,
    /// The module being read, innermost last.
    modules: Vec<Vec<String>>,
    /// The functions being read, outermost first.
    functions: Vec<String>,
    /// The `Self` types of the impl blocks being read.
    impl_types: Vec<String>,
    facts: Facts,
}

impl Collector<'_> {
    fn at(&self, span: Span) -> At {
        At {
            file: self.file.into(),
            line: span.start().line,
            module: self.modules.last().unwrap().clone(),
            function: self.functions.first().cloned(),
        }
    }

    fn name(&mut self, span: Span, path: Vec<String>, shown: Vec<String>, use_line: Option<usize>) {
        let at = self.at(span);
        self.facts.named.push(Named { at, path, shown, use_line });
    }

    /// Records a function from its `fn` token to its closing brace, then reads its body.
    fn function(&mut self, sig: &syn::Signature, body: &syn::Block) {
        let bare = sig.ident.to_string();
        let name = match (self.impl_types.last(), self.functions.is_empty()) {
            (Some(ty), true) => format!("{ty}::{bare}"),
            _ => bare.clone(),
        };
        let start = sig.fn_token.span.start().line;
        let end = body.brace_token.span.close().start().line;
        let at = self.at(sig.fn_token.span);
        self.facts.functions.push(Function { at, name, lines: end - start + 1 });
        self.functions.push(bare);
        self.visit_signature(sig);
        self.visit_block(body);
        self.functions.pop();
    }

    fn call(&mut self, callee: String) {
        if let Some(caller) = self.functions.first() {
            self.facts.calls.push((caller.clone(), callee));
        }
    }

    /// Paths in the tokens of a macro that does not parse as expressions (`matches!`,
    /// `macro_rules!`): every `a::b…` run of two names or more, `$crate` read as `crate`.
    fn macro_tokens(&mut self, tokens: TokenStream) {
        let mut flat = Vec::new();
        flatten(tokens, &mut flat);
        let mut i = 0;
        while i < flat.len() {
            let Flat::Name(first, span) = &flat[i] else {
                i += 1;
                continue;
            };
            let (span, mut path) = (*span, vec![first.clone()]);
            let mut j = i + 1;
            while let (Some(Flat::PathSep), Some(Flat::Name(next, _))) =
                (flat.get(j), flat.get(j + 1))
            {
                path.push(next.clone());
                j += 2;
            }
            if path.len() >= 2 {
                self.name(span, path.clone(), path, None);
            }
            i = j;
        }
    }
}

/// A token of a macro, as [`Collector::macro_tokens`] needs it.
enum Flat {
    Name(String, Span),
    PathSep,
    Other,
}

fn flatten(tokens: TokenStream, out: &mut Vec<Flat>) {
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Group(group) => {
                out.push(Flat::Other);
                flatten(group.stream(), out);
                out.push(Flat::Other);
            }
            TokenTree::Ident(ident) => out.push(Flat::Name(ident.to_string(), ident.span())),
            TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Joint => {
                if matches!(tokens.peek(), Some(TokenTree::Punct(q)) if q.as_char() == ':') {
                    tokens.next();
                    out.push(Flat::PathSep);
                } else {
                    out.push(Flat::Other);
                }
            }
            TokenTree::Punct(p) if p.as_char() == '$' => {
                if let Some(TokenTree::Ident(ident)) = tokens.peek()
                    && ident == "crate"
                {
                    out.push(Flat::Name("crate".into(), ident.span()));
                    tokens.next();
                } else {
                    out.push(Flat::Other);
                }
            }
            _ => out.push(Flat::Other),
        }
    }
}

/// Whether `#[cfg(test)]`, `#[cfg(all(test, …))]` or `#[test]` marks an item.
fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        if attr.path().is_ident("test") {
            return true;
        }
        let syn::Meta::List(list) = &attr.meta else { return false };
        if !list.path.is_ident("cfg") {
            return false;
        }
        let tokens: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
        match tokens.as_slice() {
            [TokenTree::Ident(test)] => test == "test",
            [TokenTree::Ident(all), TokenTree::Group(args)] if all == "all" => {
                let args: Vec<TokenTree> = args.stream().into_iter().collect();
                args.iter().enumerate().any(|(i, t)| {
                    matches!(t, TokenTree::Ident(test) if test == "test")
                        && !matches!(args.get(i + 1), Some(TokenTree::Group(_)))
                })
            }
            _ => false,
        }
    })
}

/// The leaves of a `use` tree: (path, as written, span of the leaf).
fn use_leaves(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Vec<String>, Span)>,
) {
    let with = |prefix: &[String], last: String| [prefix, &[last]].concat();
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_leaves(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) if n.ident == "self" => {
            out.push((prefix.clone(), with(prefix, "self".into()), n.ident.span()));
        }
        syn::UseTree::Name(n) => {
            let path = with(prefix, n.ident.to_string());
            out.push((path.clone(), path, n.ident.span()));
        }
        syn::UseTree::Rename(r) => {
            let shown = with(prefix, format!("{} as {}", r.ident, r.rename));
            out.push((with(prefix, r.ident.to_string()), shown, r.ident.span()));
        }
        syn::UseTree::Glob(g) => {
            out.push((prefix.clone(), with(prefix, "*".into()), g.star_token.spans[0]));
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|item| use_leaves(item, prefix, out)),
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if is_test(&m.attrs) || m.content.is_none() {
            return;
        }
        let inner = [self.modules.last().unwrap().as_slice(), &[m.ident.to_string()]].concat();
        self.modules.push(inner);
        visit::visit_item_mod(self, m);
        self.modules.pop();
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if is_test(&u.attrs) {
            return;
        }
        let mut leaves = Vec::new();
        use_leaves(&u.tree, &mut Vec::new(), &mut leaves);
        let line = u.use_token.span.start().line;
        for (path, shown, span) in leaves {
            self.name(span, path, shown, Some(line));
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.segments.len() >= 2 {
            let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            self.name(path.segments[0].ident.span(), segments.clone(), segments, None);
        }
        visit::visit_path(self, path);
    }

    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        match mac.parse_body_with(parser) {
            Ok(exprs) => exprs.iter().for_each(|e| self.visit_expr(e)),
            Err(_) => self.macro_tokens(mac.tokens.clone()),
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_test(&f.attrs) {
            self.function(&f.sig, &f.block);
        }
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_test(&f.attrs) {
            self.function(&f.sig, &f.block);
        }
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        match &f.default {
            Some(body) if !is_test(&f.attrs) => self.function(&f.sig, body),
            _ => visit::visit_trait_item_fn(self, f),
        }
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        if is_test(&i.attrs) {
            return;
        }
        let ty = match &*i.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        self.impl_types.push(ty.unwrap_or_else(|| "_".into()));
        visit::visit_item_impl(self, i);
        self.impl_types.pop();
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(p) = &*call.func
            && let Some(last) = p.path.segments.last()
        {
            self.call(last.ident.to_string());
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let name = call.method.to_string();
        let at = self.at(call.method.span());
        self.facts.methods.push((at, name.clone()));
        self.call(name);
        visit::visit_expr_method_call(self, call);
    }
}

// ───────────────────────────────────── Imports ─────────────────────────────────────

/// What a path names: something of this crate (its path under `crate::`), or of another crate
/// or a local name (the path as written).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Internal(Vec<String>),
    External(Vec<String>),
}

/// Resolves `path`, written in `module`, as Rust does for `crate::`, `self::`, `super::`, a
/// child module's name, and `pccc::` in `main.rs`.
fn resolve(path: &[String], module: &[String], map: &CrateMap) -> Target {
    let Some(first) = path.first() else { return Target::External(Vec::new()) };
    match first.as_str() {
        "crate" | "pccc" => Target::Internal(path[1..].to_vec()),
        "self" => Target::Internal([module, &path[1..]].concat()),
        "super" => {
            let up = path.iter().take_while(|s| *s == "super").count();
            let base = &module[..module.len().saturating_sub(up)];
            Target::Internal([base, &path[up..]].concat())
        }
        _ if map.files.contains_key(&[module, &path[..1]].concat()) => {
            Target::Internal([module, path].concat())
        }
        _ => Target::External(path.to_vec()),
    }
}

fn full_path(target: &Target) -> String {
    match target {
        Target::Internal(path) => {
            ["crate".to_string()].iter().chain(path).cloned().collect::<Vec<_>>().join("::")
        }
        Target::External(path) => path.join("::"),
    }
}

/// Imports that keep the rules, between units of one layer and between files of one unit: the
/// graphs the circle rules look at. An import that breaks another rule is reported for that one.
#[derive(Default)]
struct Edges {
    units: BTreeMap<(String, String), Vec<Named>>,
    files: BTreeMap<(String, String), Vec<Named>>,
}

/// Reports each import that breaks a rule about imports, and returns the others' graphs.
fn judge_imports(facts: &[Facts], map: &CrateMap, found: &mut Vec<Violation>) -> Edges {
    let mut edges = Edges::default();
    for named in facts.iter().flat_map(|f| &f.named) {
        let Some(from) = place(&named.at.module) else { continue };
        match resolve(&named.path, &named.at.module, map) {
            Target::External(path) => {
                if let Some(why) = view_crate(&from, &path) {
                    found.push(Violation::import(Rule::ModelSide, named, why));
                }
                if let Some(why) = confined_crate(&named.at.module, &path) {
                    found.push(Violation::import(Rule::Confined, named, why));
                }
            }
            Target::Internal(path) => {
                let module = map.module_of(&path);
                let Some(to) = place(module) else { continue };
                if let Some((rule, why)) = broken_rule(&from, &to) {
                    found.push(Violation::import(rule, named, why));
                } else if from.unit != to.unit && from.layer == to.layer {
                    edges.units.entry((from.unit, to.unit)).or_default().push(named.clone());
                } else if from.unit == to.unit && !module.starts_with(&named.at.module) {
                    let files = (named.at.module.join("::"), module.join("::"));
                    let same_file = map.files[&named.at.module] == map.files[module];
                    if !same_file {
                        edges.files.entry(files).or_default().push(named.clone());
                    }
                }
            }
        }
    }
    edges
}

/// The model side using a crate of [`VIEW_CRATES`].
fn view_crate(from: &Place, path: &[String]) -> Option<String> {
    let krate = path.first().filter(|c| VIEW_CRATES.contains(&c.as_str()))?;
    (from.layer <= MODEL_SIDE && path.len() >= 2).then(|| {
        format!(
            "`{}` is on the model side (layer {}) and uses `{krate}`: templates belong to the \
             view side (`view`, `render`); give the view side values to render instead",
            from.unit, from.layer
        )
    })
}

/// A crate of [`CONFINED`] named outside the modules it is kept behind (or their files).
fn confined_crate(module: &[String], path: &[String]) -> Option<String> {
    let krate = path.first().filter(|_| path.len() >= 2)?;
    let (_, allowed) = CONFINED.iter().find(|(name, _)| name == krate)?;
    let inside = |allowed: &&str| {
        let allowed: Vec<&str> = allowed.split("::").collect();
        module.len() >= allowed.len() && module.iter().zip(&allowed).all(|(m, a)| m == a)
    };
    (!allowed.iter().any(inside)).then(|| {
        format!(
            "`{}` uses `{krate}`, which is kept behind `{}`: call what that module offers, or \
             add what is missing there",
            module.join("::"),
            allowed.join("`, `")
        )
    })
}

/// The rule an import from `from` into `to` breaks, the most particular one, and why.
fn broken_rule(from: &Place, to: &Place) -> Option<(Rule, String)> {
    let (f, t) = (&from.unit, &to.unit);
    let layer = |p: &Place| format!("layer {}, {}", p.layer, LAYERS[p.layer].0);
    if f == t {
        return None;
    }
    if f == CONFIG && to.layer > 0 {
        let why = format!(
            "`config` imports `{t}` ({}): a kind's or feature's settings are a plain serde \
             struct in `config` (or a generic table the kind reads), so `config` does not \
             depend on the code that uses them",
            layer(to)
        );
        return Some((Rule::Config, why));
    }
    if let (Some(a), Some(b)) = (&from.kind, &to.kind)
        && a != b
    {
        let why = format!(
            "kind `{a}` imports kind `{b}` (`{t}`): kinds do not know each other; move what \
             both need into a shared module that takes values (a leaf helper, or `view` for \
             view code)"
        );
        return Some((Rule::KindToKind, why));
    }
    if from.layer <= MODEL_SIDE && to.layer > MODEL_SIDE {
        let why = format!(
            "`{f}` is on the model side ({}) and imports `{t}` ({}): the model holds values; \
             the view side (the kind's `views`, `view`, `search`) turns them into pages, \
             outputs and search documents{}",
            layer(from),
            layer(to),
            hint(from, to)
        );
        return Some((Rule::ModelSide, why));
    }
    (to.layer > from.layer).then(|| {
        let why = format!(
            "`{f}` ({}) imports `{t}` ({}), a higher layer: move what it needs down to layer \
             {} or lower, or this code up{}",
            layer(from),
            layer(to),
            from.layer,
            hint(from, to)
        );
        (Rule::Layers, why)
    })
}

/// Where the thing most often needed from `to` belongs.
fn hint(from: &Place, to: &Place) -> String {
    match (to.unit.as_str(), &from.kind) {
        (unit, Some(kind)) if unit.ends_with("::views") && to.kind.as_ref() == Some(kind) => {
            format!(" (the model side of `{kind}` must not need its views)")
        }
        ("render", _) => " (`Output`, `Templates` and the page context are to live in `view`, \
                          layer 3)"
            .into(),
        ("kinds", _) => " (the registry only lists the kinds: move what kinds share, such as \
                         `at_key`, into a lower module, and take a kind's own types instead of \
                         `PageKind` or `ContentType`)"
            .into(),
        _ => String::new(),
    }
}

// ───────────────────────────────────── Circles ─────────────────────────────────────

/// Each import on a circle of `edges`, with the circle it closes.
fn cycles(edges: &BTreeMap<(String, String), Vec<Named>>, rule: Rule) -> Vec<Violation> {
    let mut found = Vec::new();
    for ((from, to), imports) in edges {
        let Some(back) = shortest_path(edges, to, from) else { continue };
        let circle = [from.as_str()].into_iter().chain(back.iter().map(String::as_str));
        let circle = circle.collect::<Vec<_>>().join(" → ");
        let why = match rule {
            Rule::Cycle => format!(
                "`{from}` → `{to}` closes a circle among modules of one layer ({circle}): move \
                 what one needs from the other into it, or into a new module below both"
            ),
            _ => format!(
                "`{from}` → `{to}` closes a circle among the files of one module ({circle}): \
                 move what both use into their parent module or a new file both import"
            ),
        };
        found.extend(imports.iter().map(|named| Violation::import(rule, named, why.clone())));
    }
    found
}

/// The nodes from `start` to `goal` (both included) along `edges`, fewest first.
fn shortest_path(
    edges: &BTreeMap<(String, String), Vec<Named>>,
    start: &str,
    goal: &str,
) -> Option<Vec<String>> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        if node == goal {
            let mut path = vec![goal.to_string()];
            let mut at = goal;
            while at != start {
                at = came_from[at];
                path.push(at.to_string());
            }
            path.reverse();
            return Some(path);
        }
        for (a, b) in edges.keys() {
            if a == node && b != start && !came_from.contains_key(b.as_str()) {
                came_from.insert(b, a);
                queue.push_back(b);
            }
        }
    }
    None
}

// ───────────────────────────────────── The disk ─────────────────────────────────────

/// Each read of the disk where parsing happens.
fn disk(facts: &[Facts], map: &CrateMap) -> Vec<Violation> {
    let config_parse = config_parse_reach(facts);
    let mut found = Vec::new();
    for f in facts {
        for named in &f.named {
            let path = expand(named, &f.aliases, map);
            if touches_disk(&path) && parses(&named.at, &config_parse) {
                let what = What::Code(format!("`{}`", named.shown.join("::")));
                found.push(Violation::disk(&named.at, what, &config_parse));
            }
        }
        for (at, method) in &f.methods {
            if DISK_METHODS.contains(&method.as_str()) && parses(at, &config_parse) {
                found.push(Violation::disk(
                    at,
                    What::Code(format!("`.{method}()`")),
                    &config_parse,
                ));
            }
        }
    }
    found
}

/// The full path `named` stands for, `use` names followed.
fn expand(named: &Named, aliases: &BTreeMap<String, String>, map: &CrateMap) -> String {
    let first = named.path.first().map(String::as_str).unwrap_or_default();
    match aliases.get(first) {
        Some(full) if named.use_line.is_none() => [full.as_str()]
            .into_iter()
            .chain(named.path[1..].iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("::"),
        _ => full_path(&resolve(&named.path, &named.at.module, map)),
    }
}

fn touches_disk(path: &str) -> bool {
    let segments: Vec<&str> = path.split("::").collect();
    DISK_PATHS.iter().any(|disk| {
        let prefix: Vec<&str> = disk.split("::").collect();
        segments.starts_with(&prefix)
            && (*disk != "crate::fs" || segments.get(2).is_some_and(|f| !PURE_FS.contains(f)))
    })
}

/// Whether the code at `at` is parsing, where the disk rule holds: the model side but the load
/// stage, and `config::parse` with what it calls.
fn parses(at: &At, config_parse: &BTreeMap<String, Vec<String>>) -> bool {
    let Some(place) = place(&at.module) else { return false };
    if place.layer > MODEL_SIDE || LOAD_STAGE.contains(&place.unit.as_str()) {
        return false;
    }
    if place.unit != CONFIG || at.module.get(1).is_some_and(|m| m == CONFIG_PARSE) {
        return true;
    }
    at.function.as_ref().is_some_and(|f| config_parse.contains_key(f))
}

/// The functions of `config` that `config::parse` calls, directly or not, each with the chain
/// of calls that reaches it.
fn config_parse_reach(facts: &[Facts]) -> BTreeMap<String, Vec<String>> {
    let in_config = |at: &At| at.module.first().is_some_and(|m| m == CONFIG);
    let config: Vec<&Facts> =
        facts.iter().filter(|f| f.functions.iter().any(|g| in_config(&g.at))).collect();
    let defined: BTreeSet<&str> = config
        .iter()
        .flat_map(|f| &f.functions)
        .map(|g| g.name.rsplit("::").next().unwrap())
        .collect();
    let calls: Vec<&(String, String)> = config.iter().flat_map(|f| &f.calls).collect();
    let mut reach = BTreeMap::new();
    if !defined.contains(CONFIG_PARSE) {
        return reach;
    }
    reach.insert(CONFIG_PARSE.to_string(), vec![CONFIG_PARSE.to_string()]);
    let mut queue = VecDeque::from([CONFIG_PARSE.to_string()]);
    while let Some(caller) = queue.pop_front() {
        for (_, callee) in calls.iter().filter(|(c, _)| *c == caller) {
            if defined.contains(callee.as_str()) && !reach.contains_key(callee) {
                let chain = [reach[&caller].clone(), vec![callee.clone()]].concat();
                reach.insert(callee.clone(), chain);
                queue.push_back(callee.clone());
            }
        }
    }
    reach
}

// ──────────────────────────────────── Functions ────────────────────────────────────

fn long_functions(facts: &[Facts]) -> Vec<Violation> {
    let functions = facts.iter().flat_map(|f| &f.functions);
    functions
        .filter(|f| f.lines > MAX_FN_LINES)
        .map(|f| Violation {
            rule: Rule::LongFunction,
            file: f.at.file.clone(),
            line: f.at.line,
            what: What::Subject(format!("`fn {}`", f.name)),
            why: format!(
                "is {} lines, over {MAX_FN_LINES}: split it into named steps, each a function \
                 that returns a finished value",
                f.lines
            ),
        })
        .collect()
}

// ───────────────────────────────────── The report ─────────────────────────────────────

/// One broken rule at one place.
#[derive(Debug)]
struct Violation {
    rule: Rule,
    file: String,
    line: usize,
    what: What,
    /// The rule broken, and what to do instead.
    why: String,
}

#[derive(Debug)]
enum What {
    /// A leaf of a `use`, as written.
    Use(Vec<String>),
    /// Anything else, quoted: `what — why`.
    Code(String),
    /// The subject of the sentence `why` ends: `what why`.
    Subject(String),
}

impl Violation {
    fn import(rule: Rule, named: &Named, why: String) -> Violation {
        let (line, what) = match named.use_line {
            Some(line) => (line, What::Use(named.shown.clone())),
            None => (named.at.line, What::Code(format!("`{}`", named.shown.join("::")))),
        };
        Violation { rule, file: named.at.file.clone(), line, what, why }
    }

    fn disk(at: &At, what: What, config_parse: &BTreeMap<String, Vec<String>>) -> Violation {
        let function = at.function.as_deref().unwrap_or_default();
        let why = match config_parse.get(function) {
            Some(chain) if chain.len() > 1 => format!(
                "`config::parse` calls `{function}` ({}), which touches the disk: read what \
                 it needs in `config::load` or the load stage and hand it to `parse` as a value",
                chain.join(" → ")
            ),
            _ => format!(
                "`{}` parses and touches the disk: read the file (or image header) in the load \
                 stage (`load`) and hand its bytes or size on as a value",
                at.module.join("::")
            ),
        };
        Violation { rule: Rule::Disk, file: at.file.clone(), line: at.line, what, why }
    }
}

/// The report: a heading per broken rule, then `file:line: what — why` per place, the leaves of
/// one `use` that break a rule the same way on one line.
fn report(found: Vec<Violation>) -> String {
    let mut lines: BTreeMap<Rule, BTreeSet<(String, usize, String)>> = BTreeMap::new();
    let mut uses: BTreeMap<(Rule, String, usize, String), Vec<Vec<String>>> = BTreeMap::new();
    for v in found {
        match v.what {
            What::Use(shown) => {
                uses.entry((v.rule, v.file, v.line, v.why)).or_default().push(shown)
            }
            What::Code(what) => {
                let text = format!("{what} — {}", v.why);
                lines.entry(v.rule).or_default().insert((v.file, v.line, text));
            }
            What::Subject(what) => {
                let text = format!("{what} {}", v.why);
                lines.entry(v.rule).or_default().insert((v.file, v.line, text));
            }
        }
    }
    for ((rule, file, line, why), leaves) in uses {
        let text = format!("`use {}` — {why}", join_leaves(leaves));
        lines.entry(rule).or_default().insert((file, line, text));
    }
    if lines.is_empty() {
        return String::new();
    }
    let count: usize = lines.values().map(BTreeSet::len).sum();
    let mut out = format!(
        "src/ breaks the architecture rules in {count} places (the rules and the table of \
         layers are at the top of tests/integration/architecture.rs):\n"
    );
    for (rule, places) in lines {
        let _ = writeln!(out, "\n{}:", rule.heading());
        for (file, line, text) in places {
            let _ = writeln!(out, "  {file}:{line}: {text}");
        }
    }
    out
}

/// Leaves of one `use` written back as one: `crate::render::{Output, Templates}`.
fn join_leaves(mut leaves: Vec<Vec<String>>) -> String {
    leaves.sort();
    leaves.dedup();
    if let [leaf] = leaves.as_slice() {
        let end = leaf.len() - usize::from(leaf.len() > 1 && leaf.last().unwrap() == "self");
        return leaf[..end].join("::");
    }
    let shortest = leaves.iter().map(Vec::len).min().unwrap_or(0);
    let common = (0..shortest.saturating_sub(1))
        .take_while(|&i| leaves.iter().all(|l| l[i] == leaves[0][i]))
        .count();
    let rests: Vec<String> = leaves.iter().map(|l| l[common..].join("::")).collect();
    format!("{}::{{{}}}", leaves[0][..common].join("::"), rests.join(", "))
}

// ──────────────────────────────── The checker's tests ────────────────────────────────

mod checker {
    use super::*;

    /// A made-up crate: `lib.rs` declares nothing the checker needs; each other file is given.
    fn crate_of(files: &[(&str, &str)]) -> Vec<(String, String)> {
        let lib = ("src/lib.rs".to_string(), String::new());
        std::iter::once(lib)
            .chain(files.iter().map(|(p, t)| (p.to_string(), t.to_string())))
            .collect()
    }

    /// A crate that keeps every rule: a leaf, a kind's model side and views, the model, render,
    /// the writer.
    const GOOD: &[(&str, &str)] = &[
        ("src/text.rs", "pub fn nfc(s: &str) -> String { s.into() }\n"),
        ("src/config.rs", "use crate::text::nfc;\npub fn parse(s: &str) -> String { nfc(s) }\n"),
        (
            "src/load.rs",
            "pub fn read(p: &std::path::Path) -> Vec<u8> { std::fs::read(p).unwrap() }\n",
        ),
        ("src/kinds/mod.rs", "pub mod drill;\npub use drill::views::View;\n"),
        ("src/kinds/drill/mod.rs", "pub mod views;\nmod ics;\npub struct Drill;\n"),
        ("src/kinds/drill/ics.rs", "use super::Drill;\npub fn ics(_: &Drill) {}\n"),
        (
            "src/kinds/drill/views.rs",
            "use super::Drill;\nuse crate::model::Site;\npub struct View(Drill, Site);\n",
        ),
        ("src/model/mod.rs", "use crate::kinds::drill::Drill;\npub struct Site(pub Vec<Drill>);\n"),
        ("src/render/mod.rs", "use crate::kinds::View;\npub struct Output(pub View);\n"),
        (
            "src/output.rs",
            "use crate::render::Output;\npub fn write(_: Output) { let _ = std::fs::write(\"a\", \"b\"); }\n",
        ),
    ];

    #[test]
    fn a_crate_that_keeps_the_rules_passes() {
        assert_eq!(check(&crate_of(GOOD)), "");
    }

    #[test]
    fn a_forbidden_import_is_named_with_its_rule_and_fix() {
        let mut files = GOOD.to_vec();
        files.push(("src/model/links.rs", "use crate::render::Output;\n"));
        files.push((
            "src/model/mod.rs",
            "mod links;\nfn f() -> crate::render::Output { todo!() }\n",
        ));
        files.remove(GOOD.iter().position(|(p, _)| *p == "src/model/mod.rs").unwrap());
        let report = check(&crate_of(&files));
        let why = "is on the model side (layer 2, the model) and imports `render` (layer 4, \
                   render): the model holds values; the view side (the kind's `views`, `view`, \
                   `search`) turns them into pages, outputs and search documents (`Output`, \
                   `Templates` and the page context are to live in `view`, layer 3)";
        assert!(
            report.contains(&format!(
                "  src/model/links.rs:1: `use crate::render::Output` — `model` {why}\n"
            )),
            "{report}"
        );
        assert!(
            report.contains(&format!(
                "  src/model/mod.rs:2: `crate::render::Output` — `model` {why}\n"
            )),
            "{report}"
        );
        assert!(report.contains("in 2 places"), "{report}");
    }

    #[test]
    fn a_crate_kept_behind_a_module_is_named_nowhere_else() {
        let mut files = GOOD.to_vec();
        files.push((
            "src/stored.rs",
            "pub fn f() -> Vec<u8> { postcard::to_allocvec(&1).unwrap() }\n",
        ));
        files.push(("src/model/bodies.rs", "use postcard::to_allocvec;\n"));
        files.push(("src/model/mod.rs", "mod bodies;\n"));
        files.remove(GOOD.iter().position(|(p, _)| *p == "src/model/mod.rs").unwrap());
        let report = check(&crate_of(&files));
        assert!(
            report.contains(
                "  src/model/bodies.rs:1: `use postcard::to_allocvec` — `model::bodies` uses \
                 `postcard`, which is kept behind `stored`: call what that module offers, or add \
                 what is missing there\n"
            ),
            "{report}"
        );
        assert!(!report.contains("src/stored.rs"), "{report}");
    }

    #[test]
    fn a_function_over_80_lines_is_named_with_its_length() {
        let body =
            |lines: usize| format!("fn f() {{\n{}}}\n", "    let _ = 1;\n".repeat(lines - 2));
        let long = format!("pub struct S;\nimpl S {{\n{}}}\n", body(81).replace("fn f", "fn long"));
        let short = body(80);
        let files = [("src/text.rs", short.as_str()), ("src/slug.rs", long.as_str())];
        let report = check(&crate_of(&files));
        assert_eq!(
            report.lines().filter(|l| l.starts_with("  ")).collect::<Vec<_>>(),
            [
                "  src/slug.rs:3: `fn S::long` is 81 lines, over 80: split it into named steps, each \
              a function that returns a finished value"
            ],
            "{report}"
        );
    }

    #[test]
    fn test_code_is_left_out() {
        let tests = format!(
            "#[cfg(test)]\nmod tests {{\n    use crate::render::Output;\n    fn f() {{\n{}    }}\n}}\n",
            "        let _ = 1;\n".repeat(90)
        );
        let mut files = GOOD.to_vec();
        files.push(("src/slug.rs", &tests));
        assert_eq!(check(&crate_of(&files)), "");
    }

    fn lines_of(files: &[(&str, &str)]) -> Vec<String> {
        let report = check(&crate_of(files));
        report.lines().filter(|l| l.starts_with("  ")).map(|l| l.trim().to_string()).collect()
    }

    #[test]
    fn a_kind_that_imports_another_is_named() {
        let files = [
            ("src/kinds/mod.rs", "pub mod article;\npub mod lesson;\n"),
            ("src/kinds/article.rs", "pub fn check_sources() {}\n"),
            ("src/kinds/lesson/mod.rs", "use super::article::{check_sources, self};\n"),
        ];
        assert_eq!(
            lines_of(&files),
            ["src/kinds/lesson/mod.rs:1: `use super::article::{check_sources, self}` — kind \
              `lesson` imports kind `article` (`kinds::article`): kinds do not know each other; \
              move what both need into a shared module that takes values (a leaf helper, or \
              `view` for view code)"]
        );
    }

    #[test]
    fn config_importing_a_kind_and_the_model_side_using_tera_are_named() {
        let files = [
            ("src/config.rs", "pub struct Config { v: crate::kinds::violations::Settings }\n"),
            ("src/kinds/mod.rs", "pub mod violations;\n"),
            ("src/kinds/violations.rs", "pub struct Settings;\nfn f(_: tera::Context) {}\n"),
        ];
        assert_eq!(
            lines_of(&files),
            [
                "src/config.rs:1: `crate::kinds::violations::Settings` — `config` imports \
                 `kinds::violations` (layer 1, a kind's model side): a kind's or feature's \
                 settings are a plain serde struct in `config` (or a generic table the kind \
                 reads), so `config` does not depend on the code that uses them",
                "src/kinds/violations.rs:2: `tera::Context` — `kinds::violations` is on the model \
                 side (layer 1) and uses `tera`: templates belong to the view side (`view`, \
                 `render`); give the view side values to render instead",
            ]
        );
    }

    #[test]
    fn circles_between_modules_and_between_files_are_named() {
        let files = [
            ("src/diagnostic.rs", "use crate::explain::Explanation;\n"),
            (
                "src/explain.rs",
                "pub struct Explanation;\nfn f() { let _ = crate::diagnostic::X; }\n",
            ),
            ("src/output/mod.rs", "mod a;\nmod b;\n"),
            ("src/output/a.rs", "use super::b::B;\npub struct A;\n"),
            (
                "src/output/b.rs",
                "pub struct B;\nconst _: () = { let _ = format!(\"{}\", super::a::A); };\n",
            ),
        ];
        let lines = lines_of(&files);
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert!(lines[0].starts_with(
            "src/diagnostic.rs:1: `use crate::explain::Explanation` — `diagnostic` → `explain` \
             closes a circle among modules of one layer (diagnostic → explain → diagnostic)"
        ));
        assert!(
            lines[1]
                .starts_with("src/explain.rs:2: `crate::diagnostic::X` — `explain` → `diagnostic`")
        );
        assert!(lines[2].starts_with(
            "src/output/a.rs:1: `use super::b::B` — `output::a` → `output::b` closes a circle \
             among the files of one module (output::a → output::b → output::a)"
        ));
        assert!(
            lines[3].starts_with("src/output/b.rs:2: `super::a::A` — `output::b` → `output::a`")
        );
    }

    #[test]
    fn disk_reads_where_parsing_happens_are_named() {
        let files = [
            ("src/kinds/mod.rs", "pub mod drill;\n"),
            (
                "src/kinds/drill.rs",
                "use std::fs::File;\nfn f(p: &std::path::Path) -> bool {\n    let _ = File::open(p);\n    let _ = imagesize::size(p);\n    p.is_dir()\n}\n",
            ),
            (
                "src/config.rs",
                "pub fn load() { let _ = std::fs::read(\"site.toml\"); }\npub fn parse() { validate() }\nfn validate() { themes() }\nfn themes() { let _ = crate::fs::read(\"themes\"); let _ = crate::fs::normalize(\"x\"); }\n",
            ),
            ("src/fs.rs", "pub fn read(_: &str) {}\npub fn normalize(_: &str) {}\n"),
        ];
        let drill = "`kinds::drill` parses and touches the disk: read the file (or image header) in \
                     the load stage (`load`) and hand its bytes or size on as a value";
        assert_eq!(
            lines_of(&files),
            [
                "src/config.rs:4: `crate::fs::read` — `config::parse` calls `themes` (parse → \
                 validate → themes), which touches the disk: read what it needs in \
                 `config::load` or the load stage and hand it to `parse` as a value"
                    .to_string(),
                format!("src/kinds/drill.rs:1: `std::fs::File` — {drill}"),
                format!("src/kinds/drill.rs:3: `File::open` — {drill}"),
                format!("src/kinds/drill.rs:4: `imagesize::size` — {drill}"),
                format!("src/kinds/drill.rs:5: `.is_dir()` — {drill}"),
            ]
        );
    }

    #[test]
    fn a_module_with_no_layer_is_named() {
        assert_eq!(
            lines_of(&[("src/wiki.rs", "")]),
            ["src/wiki.rs:1: module `wiki` is in no layer: add it to LAYERS at the top of \
              tests/integration/architecture.rs, in the lowest layer that holds every module it \
              imports"]
        );
    }

    #[test]
    fn paths_in_macros_count() {
        let files = [
            (
                "src/model/mod.rs",
                "macro_rules! m { () => { $crate::render::Output }; }\nfn f() { assert!(matches!(crate::search::X, _)); }\n",
            ),
            ("src/render/mod.rs", "pub struct Output;\n"),
            ("src/search/mod.rs", "pub struct X;\n"),
        ];
        let lines = lines_of(&files);
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(lines[0].starts_with(
            "src/model/mod.rs:1: `crate::render::Output` — `model` is on the model side"
        ));
        assert!(
            lines[1].starts_with(
                "src/model/mod.rs:2: `crate::search::X` — `model` is on the model side"
            )
        );
    }
}
