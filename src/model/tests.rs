//! Assembly from files held in memory: no disk, so each test builds exactly the site it needs.
//! The content types are made for the tests (the model knows types only through
//! [`crate::content_type`]), so the tests do not change when a real kind does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::{Date, date};

use super::*;
use crate::content_type::{DataSetType, Types};
use crate::diagnostic::Diagnostic;
use crate::front_matter::Split;
use crate::load::{Asset, DataFile, Loaded};

/// The day every test builds on.
const TODAY: Date = date(2026, 6, 1);

/// A page type for the tests: it reads nothing but the fields it allows, and records its name.
struct TestType {
    name: &'static str,
    noun: &'static str,
    fields: &'static [&'static str],
}

/// The fields a [`TestType`] reads: which type read them.
#[derive(Debug)]
struct ReadBy(&'static str);

impl PageFields for ReadBy {
    fn check(&self, _: &SourceFile, _: &Split<'_>) -> Vec<Diagnostic> {
        Vec::new()
    }
}

impl PageType for TestType {
    fn name(&self) -> &'static str {
        self.name
    }

    fn noun(&self) -> &'static str {
        self.noun
    }

    fn fields(&self) -> &'static [&'static str] {
        self.fields
    }

    fn skeleton(&self, _: &str, _: Date) -> String {
        String::new()
    }

    fn parse(&self, _: &SourceFile, _: &Split<'_>) -> Result<Arc<dyn PageFields>, Vec<Diagnostic>> {
        Ok(Arc::new(ReadBy(self.name)))
    }
}

static ARTICLES: TestType = TestType { name: "bai_viet", noun: "bài viết", fields: &[] };
static LESSONS: TestType = TestType { name: "bai_hoc", noun: "bài học", fields: &["level"] };
static DRILLS: TestType =
    TestType { name: "dien_tap", noun: "buổi diễn tập", fields: &["start"] };

/// A data-set type that keeps the paths of the files it is given.
struct Probe;

#[derive(Debug)]
struct Given(Vec<String>);

impl DataSetType for Probe {
    fn dir(&self) -> &'static str {
        "vi-pham"
    }

    fn load(
        &self,
        _: &Config,
        files: &[&DataFile],
        _: Date,
        _: &mut Problems,
    ) -> Box<dyn crate::content_type::DataSet> {
        Box::new(Given(files.iter().map(|f| f.content_path.clone()).collect()))
    }
}

/// The types of every test: articles first, the default.
fn types() -> Types {
    Types { pages: vec![&ARTICLES, &LESSONS, &DRILLS], data: vec![&Probe] }
}

fn config(extra: &str) -> Config {
    let toml = format!("title = \"Phường\"\nbase_url = \"https://pccc.vn\"\n{extra}");
    crate::config::parse(Path::new("/site"), Arc::from(toml), &["mac-dinh".to_string()])
        .expect("the test's site.toml is valid")
}

fn markdown(content_path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: PathBuf::from(format!("content/{content_path}")),
        content_path: content_path.to_string(),
        text: Arc::from(text),
    }
}

fn loaded(files: &[(&str, &str)]) -> Loaded {
    Loaded {
        markdown: files.iter().map(|(path, text)| markdown(path, text)).collect(),
        ..Loaded::default()
    }
}

fn options(drafts: bool) -> Options {
    Options { today: TODAY, drafts }
}

/// The site of `files`, built on [`TODAY`] without drafts; panics with the report if it fails.
fn site(files: &[(&str, &str)]) -> Site {
    build(loaded(files), options(false))
}

fn build(loaded: Loaded, options: Options) -> Site {
    match assemble(config(""), loaded, options, &types()) {
        Ok((site, _)) => site,
        Err(problems) => panic!("the site must build:\n{}", problems.render(false)),
    }
}

/// The problems of `files`, each as [`shown`]; panics if the site builds.
fn problems(files: &[(&str, &str)]) -> Vec<String> {
    match assemble(config(""), loaded(files), options(false), &types()) {
        Ok(_) => panic!("the site must not build"),
        Err(problems) => problems.iter().map(shown).collect(),
    }
}

/// A diagnostic on one line: file, line and column, the text marked, message, notes and help.
fn shown(d: &Diagnostic) -> String {
    let mut line = d.path.display().to_string();
    if let (Some((line_no, col)), Some((text, span))) = (d.line_col(), &d.location) {
        line.push_str(&format!(":{line_no}:{col} `{}`", &text[span.clone()]));
    }
    line.push_str(&format!(": {}", d.message));
    for note in &d.notes {
        line.push_str(&format!(" | ghi chú: {note}"));
    }
    if let Some(help) = &d.help {
        line.push_str(&format!(" | gợi ý: {help}"));
    }
    line
}

const HOME: (&str, &str) = ("_index.md", "---\ntitle: Trang chủ\n---\n");

fn paths(site: &Site) -> Vec<&str> {
    site.pages.iter().map(|p| p.path.as_str()).collect()
}

fn titles(site: &Site, list: &[usize]) -> Vec<String> {
    list.iter().map(|&p| site.pages[p].meta.title.clone()).collect()
}

#[test]
fn sections_and_pages_get_their_urls() {
    let site = site(&[
        HOME,
        ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n"),
        ("bai-viet/Thoát nạn.md", "---\ntitle: Thoát nạn\n---\n"),
        ("bai-viet/goi-114/index.md", "---\ntitle: Gọi 114\n---\n"),
        ("bai-viet/cu.md", "---\ntitle: Cũ\nslug: tu-dat\n---\n"),
        ("bai-viet/Nhà ống/_index.md", "---\ntitle: Nhà ống\n---\n"),
        ("bai-viet/Nhà ống/a.md", "---\ntitle: A\n---\n"),
        ("gioi-thieu.md", "---\ntitle: Giới thiệu\n---\n"),
    ]);
    let sections: Vec<(&str, &str, Option<usize>)> =
        site.sections.iter().map(|s| (s.dir.as_str(), s.path.as_str(), s.parent)).collect();
    assert_eq!(
        sections,
        [
            ("", "/", None),
            ("bai-viet", "/bai-viet/", Some(0)),
            ("bai-viet/Nhà ống", "/bai-viet/nha-ong/", Some(1))
        ]
    );
    assert_eq!(site.sections[1].permalink, "https://pccc.vn/bai-viet/");
    assert_eq!(
        paths(&site),
        [
            "/bai-viet/goi-114/",
            "/bai-viet/nha-ong/a/",
            "/bai-viet/thoat-nan/",
            "/bai-viet/tu-dat/",
            "/gioi-thieu/",
        ]
    );
    let page = &site.pages[0];
    assert_eq!((page.slug.as_str(), page.section), ("goi-114", 1));
    assert_eq!(page.permalink, "https://pccc.vn/bai-viet/goi-114/");
    assert_eq!(site.sections[0].subsections, [1]);
    assert_eq!(site.sections[1].subsections, [2]);
    assert_eq!(site.sections[2].subsections, Vec::<usize>::new());
    assert_eq!(titles(&site, &site.sections[0].pages), ["Giới thiệu"]);
    assert_eq!(titles(&site, &site.sections[1].pages), ["Cũ", "Gọi 114", "Thoát nạn"]);
    assert_eq!(titles(&site, &site.sections[2].pages), ["A"]);
}

#[test]
fn sections_order_their_pages_and_subsections() {
    let site = site(&[
        HOME,
        ("b/_index.md", "---\ntitle: Bê\n---\n"),
        ("a/_index.md", "---\ntitle: A\nweight: 2\nsort_by: weight\n---\n"),
        ("c/_index.md", "---\ntitle: Xê\nweight: 1\nsort_by: title\n---\n"),
        ("a/mot.md", "---\ntitle: Một\nweight: 3\n---\n"),
        ("a/hai.md", "---\ntitle: Hai\nweight: 1\n---\n"),
        ("a/ba.md", "---\ntitle: Ba\n---\n"),
        ("b/cu.md", "---\ntitle: Cũ\ndate: 2026-01-01\n---\n"),
        ("b/moi.md", "---\ntitle: Mới\ndate: 2026-05-01\n---\n"),
        ("b/khong-ngay.md", "---\ntitle: Không ngày\n---\n"),
        ("c/uot.md", "---\ntitle: Ướt\n---\n"),
        ("c/an.md", "---\ntitle: Ăn\n---\n"),
        ("c/dong.md", "---\ntitle: Đông\n---\n"),
    ]);
    let dirs =
        |list: &[usize]| list.iter().map(|&s| site.sections[s].dir.clone()).collect::<Vec<_>>();
    // By weight, then title; a section without weight comes last.
    assert_eq!(dirs(&site.home().subsections), ["c", "a", "b"]);
    let pages_of = |dir: &str| {
        let section = site.sections.iter().find(|s| s.dir == dir).unwrap();
        titles(&site, &section.pages)
    };
    assert_eq!(pages_of("a"), ["Hai", "Một", "Ba"]);
    assert_eq!(pages_of("b"), ["Mới", "Cũ", "Không ngày"]);
    // Vietnamese order: ă after a, đ after d, ư after u.
    assert_eq!(pages_of("c"), ["Ăn", "Đông", "Ướt"]);
    assert_eq!(titles(&site, site.dated_pages()), ["Mới", "Cũ"]);
}

#[test]
fn drafts_and_dates_decide_what_is_built() {
    let files = [
        HOME,
        ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n"),
        ("bai-viet/nhap.md", "---\ntitle: Nháp\ndraft: true\n---\n"),
        ("bai-viet/mai.md", "---\ntitle: Mai\npublish_date: 2026-06-02\n---\n"),
        ("bai-viet/hom-nay.md", "---\ntitle: Hôm nay\npublish_date: 2026-06-01\n---\n"),
        ("bai-viet/het-han.md", "---\ntitle: Hết hạn\nexpiry_date: 2026-06-01\n---\n"),
        ("bai-viet/con-han.md", "---\ntitle: Còn hạn\nexpiry_date: 2026-06-02\n---\n"),
        ("luu-tru/_index.md", "---\ntitle: Lưu trữ\ndraft: true\n---\n"),
        ("luu-tru/a.md", "---\ntitle: A\n---\n"),
        ("luu-tru/con/_index.md", "---\ntitle: Con\n---\n"),
        ("luu-tru/con/b.md", "---\ntitle: B\n---\n"),
    ];
    let site = build(loaded(&files), options(false));
    assert_eq!(paths(&site), ["/bai-viet/con-han/", "/bai-viet/hom-nay/"]);
    let built: Vec<(&str, bool)> =
        site.sections.iter().map(|s| (s.dir.as_str(), s.built)).collect();
    assert_eq!(built, [("", true), ("bai-viet", true), ("luu-tru", false), ("luu-tru/con", false)]);
    // A section left out keeps its place but lists nothing.
    assert_eq!(site.sections[2].pages, Vec::<usize>::new());
    assert_eq!(site.sections[2].path, "/luu-tru/");

    let with_drafts = build(loaded(&files), options(true));
    assert_eq!(
        paths(&with_drafts),
        [
            "/bai-viet/con-han/",
            "/bai-viet/hom-nay/",
            "/bai-viet/nhap/",
            "/luu-tru/a/",
            "/luu-tru/con/b/",
        ]
    );
    assert!(with_drafts.sections.iter().all(|s| s.built));
}

#[test]
fn links_to_pages_left_out_are_errors() {
    let body = "[a](@/bai-viet/nhap.md) [b](@/bai-viet/mai.md) [c](@/bai-viet/het-han.md) \
                [d](@/luu-tru/_index.md)";
    let problems = problems(&[
        HOME,
        ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n"),
        ("bai-viet/nhap.md", "---\ntitle: Nháp\ndraft: true\n---\n"),
        ("bai-viet/mai.md", "---\ntitle: Mai\npublish_date: 2026-06-02\n---\n"),
        ("bai-viet/het-han.md", "---\ntitle: Hết hạn\nexpiry_date: 2026-05-31\n---\n"),
        ("luu-tru/_index.md", "---\ntitle: Lưu trữ\ndraft: true\n---\n"),
        ("bai-viet/a.md", &format!("---\ntitle: A\n---\n{body}\n")),
    ]);
    assert_eq!(
        problems,
        [
            "content/bai-viet/a.md:4:1 `[a](@/bai-viet/nhap.md)`: trang `@/bai-viet/nhap.md` là bản \
             nháp (draft: true) nên sẽ không có trên trang web | gợi ý: đăng trang đó (bỏ draft: \
             true) hoặc bỏ liên kết này",
            "content/bai-viet/a.md:4:25 `[b](@/bai-viet/mai.md)`: trang `@/bai-viet/mai.md` chưa đến \
             ngày đăng (02/06/2026) nên sẽ không có trên trang web | gợi ý: đợi đến ngày đăng hoặc \
             bỏ liên kết này",
            "content/bai-viet/a.md:4:48 `[c](@/bai-viet/het-han.md)`: trang `@/bai-viet/het-han.md` đã \
             hết hạn từ 31/05/2026 nên sẽ không có trên trang web | gợi ý: bỏ liên kết này",
            "content/bai-viet/a.md:4:75 `[d](@/luu-tru/_index.md)`: trang `@/luu-tru/_index.md` là bản \
             nháp (draft: true) nên sẽ không có trên trang web | gợi ý: đăng trang đó (bỏ draft: \
             true) hoặc bỏ liên kết này",
        ]
    );
}

#[test]
fn links_between_pages_resolve_and_are_remembered() {
    let site = site(&[
        HOME,
        ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\nXem [A](@/bai-viet/a.md).\n"),
        ("bai-viet/a.md", "---\ntitle: A\n---\n## Khi có cháy\n\nXem [B](b.md#goi-114).\n"),
        ("bai-viet/b.md", "---\ntitle: B\n---\n## Gọi 114\n\n[A](@/bai-viet/a.md#khi-co-chay)\n"),
    ]);
    let a = &site.pages[0];
    assert_eq!(a.links_to, ["bai-viet/b.md"]);
    assert!(
        a.rendered.html.contains("href=\"https://pccc.vn/bai-viet/b/#goi-114\""),
        "{}",
        a.rendered.html
    );
    assert_eq!(site.pages[1].links_to, ["bai-viet/a.md"]);
    assert_eq!(site.sections[1].links_to, ["bai-viet/a.md"]);
}

#[test]
fn broken_links_are_reported_once() {
    let problems = problems(&[
        HOME,
        ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n"),
        (
            "bai-viet/a.md",
            "---\ntitle: A\n---\n[B](@/bai-viet/b.md) [C](@/bai-viet/c.md#muc) [D](@/bai-viet/d.md)\n",
        ),
        // B has errors of its own: links to it are not reported again.
        ("bai-viet/b.md", "---\ntitle: B\nngay: 2026-01-01\n---\n"),
        ("bai-viet/c.md", "---\ntitle: C\n---\n## Mục khác\n"),
    ]);
    assert_eq!(
        problems,
        [
            "content/bai-viet/a.md:4:22 `[C](@/bai-viet/c.md#muc)`: trang `@/bai-viet/c.md` không có \
             mục `#muc` | gợi ý: có phải bạn muốn viết `#muc-khac`?",
            "content/bai-viet/a.md:4:47 `[D](@/bai-viet/d.md)`: không tìm thấy trang \
             `@/bai-viet/d.md` | gợi ý: có phải bạn muốn viết `@/bai-viet/c.md`?",
            "content/bai-viet/b.md:3:1 `ngay`: trường `ngay` không dùng được trong bài viết | gợi ý: \
             có phải bạn muốn viết `date`?",
        ]
    );
}

#[test]
fn subsections_inherit_their_type() {
    let site = site(&[
        HOME,
        ("dien-tap/_index.md", "---\ntitle: Diễn tập\ntype: dien_tap\n---\n"),
        ("dien-tap/2026/_index.md", "---\ntitle: Năm 2026\n---\n"),
        ("dien-tap/2026/tin/_index.md", "---\ntitle: Tin\ntype: bai_viet\n---\n"),
        // Read by the drills' type: `start` is one of its fields.
        ("dien-tap/2026/a.md", "---\ntitle: A\nstart: 2026-05-05T08:00\n---\n"),
        ("dien-tap/2026/tin/b.md", "---\ntitle: B\n---\n"),
        ("bai-hoc/_index.md", "---\ntitle: Bài học\ntype: bai_hoc\n---\n"),
        ("bai-hoc/lop/_index.md", "---\ntitle: Lớp\n---\n"),
        ("bai-hoc/lop/c.md", "---\ntitle: C\nlevel: thcs\n---\n"),
    ]);
    let kinds: Vec<(&str, &str)> =
        site.sections.iter().map(|s| (s.dir.as_str(), s.kind.name())).collect();
    assert_eq!(
        kinds,
        [
            ("", "bai_viet"),
            ("bai-hoc", "bai_hoc"),
            ("bai-hoc/lop", "bai_hoc"),
            ("dien-tap", "dien_tap"),
            ("dien-tap/2026", "dien_tap"),
            ("dien-tap/2026/tin", "bai_viet"),
        ]
    );
    let read_by: Vec<(&str, &str, &str)> = site
        .pages
        .iter()
        .map(|p| (p.meta.title.as_str(), p.kind.name(), p.fields::<ReadBy>().unwrap().0))
        .collect();
    assert_eq!(
        read_by,
        [("C", "bai_hoc", "bai_hoc"), ("A", "dien_tap", "dien_tap"), ("B", "bai_viet", "bai_viet")]
    );
}

#[test]
fn a_page_is_read_by_the_type_of_its_nearest_section() {
    let problems = problems(&[
        HOME,
        ("dien-tap/_index.md", "---\ntitle: Diễn tập\ntype: dien_tap\n---\n"),
        ("dien-tap/tin/_index.md", "---\ntitle: Tin\ntype: bai_viet\n---\n"),
        ("dien-tap/tin/a.md", "---\ntitle: A\nstart: 2026-05-05T08:00\n---\n"),
    ]);
    assert_eq!(
        problems,
        ["content/dien-tap/tin/a.md:3:1 `start`: trường `start` không dùng được trong bài viết | \
          gợi ý: các trường dùng được: title, description, date, updated, draft, publish_date, \
          expiry_date, slug, tags, weight, template, aliases, sample, image, in_search, editors_only, extra"]
    );
}

#[test]
fn an_unknown_section_type_is_shown_at_its_value() {
    let problems = problems(&[
        HOME,
        ("dien-tap/_index.md", "---\ntitle: Diễn tập\ntype: dien_tapp\n---\n"),
        ("dien-tap/a.md", "---\ntitle: A\n---\n"),
    ]);
    assert_eq!(
        problems,
        ["content/dien-tap/_index.md:3:7 `dien_tapp`: giá trị `dien_tapp` không có trong danh \
          sách cho phép (trong `type`) | gợi ý: có phải bạn muốn viết `dien_tap`?"]
    );
}

#[test]
fn missing_indexes_are_named() {
    let problems = problems(&[
        ("bai-viet/a.md", "---\ntitle: A\n---\n"),
        ("bai-viet/b.md", "---\ntitle: B\n---\n"),
        // A section whose index cannot be read: its pages are not reported again.
        ("hong/_index.md", "---\ntitle: [\n---\n"),
        ("hong/c.md", "---\ntitle: C\n---\n"),
    ]);
    assert_eq!(
        problems,
        [
            "content/_index.md: thiếu tệp content/_index.md của trang chủ | gợi ý: tạo tệp \
             content/_index.md, ví dụ:\n---\ntitle: \"Trang chủ\"\n---",
            "content/bai-viet: thư mục content/bai-viet chưa có tệp _index.md nên 2 trang trong \
             đó chưa dựng được | gợi ý: tạo tệp content/bai-viet/_index.md với một dòng title, \
             ví dụ:\n---\ntitle: \"Tên chuyên mục\"\n---",
            "content/hong/_index.md:3:1 `---`: phần tiêu đề sai cú pháp YAML: thiếu giá trị | \
             gợi ý: viết giá trị sau dấu hai chấm, hoặc đặt giá trị trong ngoặc kép",
        ]
    );
}

#[test]
fn two_pages_at_one_url_are_both_marked() {
    let problems = problems(&[
        HOME,
        ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n"),
        ("bai-viet/a.md", "---\ntitle: A\nslug: b\n---\n"),
        ("bai-viet/b/index.md", "---\ntitle: B\n---\n"),
        ("bai-viet/tin.md", "---\ntitle: Tin\nslug: Tin Mới\n---\n"),
        ("bai-viet/trang.md", "---\ntitle: Trang\n---\n"),
        ("bai-viet/!!.md", "---\ntitle: Dấu\n---\n"),
    ]);
    assert_eq!(
        problems,
        [
            "content/bai-viet/!!.md:1:1 `---`: tên tệp `!!` không tạo được đường dẫn | gợi ý: \
             đổi tên tệp cho có chữ hoặc số, hoặc thêm dòng slug: ten-bai-viet",
            "content/bai-viet/a.md:3:1 `slug`: hai trang có cùng đường dẫn `/bai-viet/b/`: \
             content/bai-viet/a.md và content/bai-viet/b/index.md | ghi chú: đường dẫn này \
             trùng với content/bai-viet/b/index.md, dòng 1 | gợi ý: đặt `slug` khác cho một trong hai \
             trang, hoặc đổi tên tệp",
            "content/bai-viet/b/index.md:1:1 `---`: hai trang có cùng đường dẫn \
             `/bai-viet/b/`: content/bai-viet/a.md và content/bai-viet/b/index.md | ghi chú: \
             đường dẫn này đã có ở content/bai-viet/a.md, dòng 3 | gợi ý: đặt `slug` khác cho \
             một trong hai trang, hoặc đổi tên tệp",
            "content/bai-viet/tin.md:3:1 `slug`: `slug` không hợp lệ: `Tin Mới` | gợi ý: slug \
             chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ slug: tin-moi",
            "content/bai-viet/trang.md:1:1 `---`: đường dẫn `trang` dành cho phân trang; hãy \
             đặt slug khác",
        ]
    );
}

#[test]
fn tags_keep_their_most_common_spelling_and_the_written_order() {
    let page = |title: &str, date: &str, tags: &str| {
        format!("---\ntitle: {title}\ndate: {date}\ntags: [{tags}]\n---\n")
    };
    let site = site(&[
        HOME,
        ("a.md", &page("A", "2026-01-01", "Thoát nạn, nhà ống, thoát nạn")),
        ("b.md", &page("B", "2026-03-01", "thoát nạn, Ắc quy, Nhà ống")),
        ("c.md", &page("C", "2026-02-01", "  thoát nạn ,Nhà ống")),
        ("d.md", &page("D", "2026-04-01", "Nhà Ống, an toàn, ắc quy")),
    ]);
    let tags: Vec<(&str, &str, &str)> =
        site.tags.iter().map(|t| (t.name.as_str(), t.slug.as_str(), t.path.as_str())).collect();
    assert_eq!(
        tags,
        [
            ("an toàn", "an-toan", "/chu-de/an-toan/"),
            // As often written one way as the other: the first in Vietnamese order.
            ("ắc quy", "ac-quy", "/chu-de/ac-quy/"),
            ("Nhà ống", "nha-ong", "/chu-de/nha-ong/"),
            ("thoát nạn", "thoat-nan", "/chu-de/thoat-nan/"),
        ]
    );
    assert_eq!(site.tags[3].permalink, "https://pccc.vn/chu-de/thoat-nan/");
    // Newest first; a page carrying a tag twice is listed once.
    assert_eq!(titles(&site, &site.tags[3].pages), ["B", "C", "A"]);
    assert_eq!(titles(&site, &site.tags[2].pages), ["D", "B", "C", "A"]);
    let own = |title: &str| {
        let page = site.pages.iter().find(|p| p.meta.title == title).unwrap();
        page.tags.iter().map(|&t| site.tags[t].name.as_str()).collect::<Vec<_>>()
    };
    assert_eq!(own("A"), ["thoát nạn", "Nhà ống"]);
    assert_eq!(own("B"), ["thoát nạn", "ắc quy", "Nhà ống"]);
    assert_eq!(own("D"), ["Nhà ống", "an toàn", "ắc quy"]);
}

#[test]
fn a_tag_without_letters_is_an_error() {
    let problems = problems(&[HOME, ("a.md", "---\ntitle: A\ntags: [thoát nạn, \"!!\"]\n---\n")]);
    assert_eq!(
        problems,
        ["content/a.md:3:1 `tags`: chủ đề `!!` không tạo được đường dẫn | gợi ý: một chủ đề \
          cần có chữ hoặc chữ số; xoá chủ đề này hoặc viết lại bằng chữ, ví dụ tags: [thoát \
          nạn, nhà ống]"]
    );
}

#[test]
fn aliases_become_redirects() {
    let site = site(&[
        ("_index.md", "---\ntitle: Trang chủ\naliases: [/trang-chu.html]\n---\n"),
        ("bai-viet/_index.md", "---\ntitle: Bài viết\naliases: [/tin-tuc/]\n---\n"),
        ("bai-viet/a.md", "---\ntitle: A\naliases: [\"/tin-tuc/a/\", cu/a.htm]\n---\n"),
        ("nhap/_index.md", "---\ntitle: Nháp\ndraft: true\naliases: [/nhap-cu/]\n---\n"),
    ]);
    let redirects: Vec<(&str, &str)> =
        site.redirects.iter().map(|r| (r.output.as_str(), r.to.as_str())).collect();
    assert_eq!(
        redirects,
        [
            ("cu/a.htm", "https://pccc.vn/bai-viet/a/"),
            ("tin-tuc/a/index.html", "https://pccc.vn/bai-viet/a/"),
            ("tin-tuc/index.html", "https://pccc.vn/bai-viet/"),
            ("trang-chu.html", "https://pccc.vn/"),
        ]
    );
}

#[test]
fn aliases_that_clash_are_errors() {
    let problems = problems(&[
        HOME,
        ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n"),
        ("bai-viet/a.md", "---\ntitle: A\naliases: [/cu/, /bai-viet/b/, /cu/]\n---\n"),
        ("bai-viet/b.md", "---\ntitle: B\naliases: [/cu/, \"../ra-ngoai\"]\n---\n"),
    ]);
    assert_eq!(
        problems,
        [
            "content/bai-viet/a.md:3:1 `aliases`: đường dẫn cũ `/bai-viet/b/` là đường dẫn của \
             trang content/bai-viet/b.md | gợi ý: bỏ đường dẫn cũ này: trang đó đang dùng địa \
             chỉ này",
            "content/bai-viet/a.md:3:1 `aliases`: đường dẫn cũ `/cu/` được viết hai lần trong \
             `aliases` | gợi ý: giữ một lần, xoá lần còn lại",
            "content/bai-viet/b.md:3:1 `aliases`: đường dẫn cũ `../ra-ngoai` không hợp lệ | \
             gợi ý: viết đường dẫn trong trang, ví dụ aliases: [\"/tin-tuc/bai-cu/\"]",
            "content/bai-viet/b.md:3:1 `aliases`: đường dẫn cũ `/cu/` đã là đường dẫn cũ của \
             trang content/bai-viet/a.md | gợi ý: một đường dẫn cũ chỉ dẫn tới một trang: giữ \
             nó ở trang đúng, bỏ ở trang kia",
        ]
    );
}

#[test]
fn files_are_copied_beside_their_pages() {
    let asset = |content_path: &str, size| Asset {
        source: PathBuf::from(format!("/site/content/{content_path}")),
        content_path: content_path.to_string(),
        size,
    };
    let mut files = loaded(&[
        HOME,
        ("Bài viết/_index.md", "---\ntitle: Bài viết\n---\n"),
        ("Bài viết/goi-114/index.md", "---\ntitle: Gọi 114\n---\n![Ảnh](Ảnh%201.JPG)\n"),
        ("Bài viết/nhap/index.md", "---\ntitle: Nháp\ndraft: true\n---\n"),
    ]);
    files.assets = vec![
        asset("Bài viết/goi-114/Ảnh 1.JPG", Some((800, 600))),
        asset("Bài viết/nhap/so-do.png", None),
        asset("Bài viết/Phương án.PDF", None),
        asset("Tài liệu/Mẫu/đơn.docx", None),
    ];
    let site = build(files, options(false));
    let copied: Vec<&str> = site.files.iter().map(|f| f.output.as_str()).collect();
    // A draft bundle's files are left out with it; a folder without a section is slugified.
    assert_eq!(
        copied,
        ["bai-viet/goi-114/anh-1.jpg", "bai-viet/phuong-an.pdf", "tai-lieu/mau/don.docx"]
    );
    assert_eq!(site.files[0].source, Path::new("/site/content/Bài viết/goi-114/Ảnh 1.JPG"));
    let html = &site.pages[0].rendered.html;
    assert!(
        html.contains("src=\"https://pccc.vn/bai-viet/goi-114/anh-1.jpg\"")
            && html.contains("width=\"800\" height=\"600\""),
        "{html}"
    );
}

#[test]
fn a_data_set_gets_exactly_the_files_under_its_folder() {
    let data = |content_path: &str| DataFile {
        source: PathBuf::from(format!("/site/content/{content_path}")),
        path: PathBuf::from(format!("content/{content_path}")),
        content_path: content_path.to_string(),
        extension: content_path.rsplit('.').next().unwrap().to_string(),
        bytes: Ok(Some(Vec::new())),
    };
    let mut files = loaded(&[HOME]);
    files.data = [
        "vi-pham/2026.yaml",
        "vi-pham-cu/a.yaml",
        "vi-pham/to-5/b.csv",
        "khac/vi-pham/c.yaml",
        "vi-pham.yaml",
    ]
    .map(data)
    .to_vec();
    let (site, _) = assemble(config(""), files, options(false), &types()).unwrap();
    let given = site.data.get::<Given>().expect("the probe's set");
    assert_eq!(given.0, ["vi-pham/2026.yaml", "vi-pham/to-5/b.csv"]);
}

#[test]
fn menu_and_alerts_resolve_their_links() {
    let config = config(
        "[[menu]]\nname = \"Bài viết\"\nurl = \"@/bai-viet/_index.md\"\n\
         [[menu]]\nname = \"Bộ Công an\"\nurl = \"https://bocongan.gov.vn\"\n\
         [[alert]]\nmessage = \"Mùa hanh khô\"\nlink = \"/bai-viet/\"\nfrom = 2026-05-01\n\
         [[alert]]\nmessage = \"Tết\"\nfrom = 2026-06-02\n",
    );
    let files = loaded(&[HOME, ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n")]);
    let (site, _) = assemble(config, files, options(false), &types()).unwrap();
    let menu: Vec<(&str, &str, Option<&str>)> =
        site.menu.iter().map(|m| (m.name.as_str(), m.url.as_str(), m.path.as_deref())).collect();
    assert_eq!(
        menu,
        [
            ("Bài viết", "https://pccc.vn/bai-viet/", Some("/bai-viet/")),
            ("Bộ Công an", "https://bocongan.gov.vn", None),
        ]
    );
    let alerts: Vec<(&str, Option<&str>)> =
        site.alerts.iter().map(|a| (a.message.as_str(), a.url.as_deref())).collect();
    assert_eq!(alerts, [("Mùa hanh khô", Some("https://pccc.vn/bai-viet/"))]);
}

/// A site for the body edits of watch mode: B and the section link to a heading of A.
fn linked_site() -> Site {
    site(&[
        HOME,
        ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n[A](@/bai-viet/a.md#khi-co-chay)\n"),
        ("bai-viet/a.md", "---\ntitle: A\n---\n## Khi có cháy\n\nGọi 114.\n"),
        ("bai-viet/b.md", "---\ntitle: B\n---\nXem [A](a.md#khi-co-chay).\n"),
        ("bai-viet/c.md", "---\ntitle: C\n---\nKhông liên kết.\n"),
    ])
}

#[test]
fn a_body_edit_renders_only_that_page() {
    let mut site = linked_site();
    let a = markdown("bai-viet/a.md", "---\ntitle: A\n---\n## Khi có cháy\n\nGọi 114 ngay.\n");
    let edit = site.edit_bodies(vec![a]).expect("a body edit").expect("no error");
    assert_eq!((edit.pages, edit.sections), (vec![0], vec![]));
    assert!(
        site.pages[0].rendered.html.contains("Gọi 114 ngay."),
        "{}",
        site.pages[0].rendered.html
    );
}

#[test]
fn a_heading_edit_rechecks_the_pages_that_link_to_it() {
    let mut site = linked_site();
    // A new heading: the links to A still resolve, and are checked again.
    let a = "---\ntitle: A\n---\n## Khi có cháy\n\nGọi 114.\n\n## Sau khi cháy\n";
    let edit = site.edit_bodies(vec![markdown("bai-viet/a.md", a)]).unwrap().unwrap();
    assert_eq!((edit.pages, edit.sections), (vec![0, 1], vec![1]));
    assert!(site.links.ids("bai-viet/a.md").unwrap().contains("sau-khi-chay"));
}

#[test]
fn a_heading_edit_that_breaks_a_link_leaves_the_site_as_it_was() {
    let mut site = linked_site();
    let a = markdown("bai-viet/a.md", "---\ntitle: A\n---\n## Khi cháy\n\nGọi 114.\n");
    let problems = site.edit_bodies(vec![a]).expect("a body edit").expect_err("broken links");
    let reported: Vec<String> = problems.iter().map(shown).collect();
    assert_eq!(
        reported,
        [
            "content/bai-viet/_index.md:4:1 `[A](@/bai-viet/a.md#khi-co-chay)`: trang \
             `@/bai-viet/a.md` không có mục `#khi-co-chay` | gợi ý: có phải bạn muốn viết \
             `#khi-chay`?",
            "content/bai-viet/b.md:4:5 `[A](a.md#khi-co-chay)`: trang `@/bai-viet/a.md` không có \
             mục `#khi-co-chay` | gợi ý: có phải bạn muốn viết `#khi-chay`?",
        ]
    );
    assert!(site.links.ids("bai-viet/a.md").unwrap().contains("khi-co-chay"));
    assert!(site.pages[0].rendered.html.contains("Khi có cháy"));
    // Saved with the link that follows it, the edit goes through.
    let a = markdown("bai-viet/a.md", "---\ntitle: A\n---\n## Khi cháy\n\nGọi 114.\n");
    let b = markdown("bai-viet/b.md", "---\ntitle: B\n---\nXem [A](a.md#khi-chay).\n");
    let index = markdown("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n");
    assert!(site.edit_bodies(vec![a.clone(), b.clone(), index]).is_none(), "a section: rebuild");
    let problems = site.edit_bodies(vec![a, b]).unwrap().expect_err("the section's link");
    let reported: Vec<String> = problems.iter().map(shown).collect();
    assert_eq!(
        reported,
        ["content/bai-viet/_index.md:4:1 `[A](@/bai-viet/a.md#khi-co-chay)`: trang \
          `@/bai-viet/a.md` không có mục `#khi-co-chay` | gợi ý: có phải bạn muốn viết \
          `#khi-chay`?"]
    );
}

#[test]
fn edits_beyond_bodies_need_a_rebuild() {
    let mut site = linked_site();
    let front = markdown("bai-viet/c.md", "---\ntitle: C mới\n---\nKhông liên kết.\n");
    assert!(site.edit_bodies(vec![front]).is_none());
    let new = markdown("bai-viet/d.md", "---\ntitle: D\n---\n");
    assert!(site.edit_bodies(vec![new]).is_none());
    // The first code block of a site needs the code stylesheet, which only a build writes.
    let code = markdown("bai-viet/c.md", "---\ntitle: C\n---\n```sh\necho 114\n```\n");
    assert!(site.edit_bodies(vec![code]).is_none());
    assert_eq!(&*site.pages[2].rendered.html, "<p>Không liên kết.</p>\n");
}

/// Pages in a section by date, with tags, for front-matter edits of watch mode.
const DATED: [(&str, &str); 5] = [
    HOME,
    ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n"),
    ("bai-viet/a.md", "---\ntitle: A\ndate: 2026-01-01\ntags: [gas]\n---\nA.\n"),
    ("bai-viet/b.md", "---\ntitle: B\ndate: 2026-02-01\ntags: [gas, điện]\n---\nB.\n"),
    ("bai-viet/c.md", "---\ntitle: C\ndate: 2026-03-01\n---\nC.\n"),
];

/// The lists a front-matter edit keeps in order, each by its pages' titles: the section's,
/// the dated pages', and each tag's (named by its slug).
fn orders(site: &Site) -> Vec<(String, Vec<String>)> {
    let mut lists = vec![
        ("bai-viet".to_string(), titles(site, &site.sections[1].pages)),
        ("dated".to_string(), titles(site, site.dated_pages())),
    ];
    lists.extend(site.tags.iter().map(|t| (t.slug.clone(), titles(site, &t.pages))));
    lists
}

#[test]
fn a_front_matter_edit_puts_the_page_where_an_assembly_would() {
    let accepts_all = |_: &dyn crate::content_type::PageType| true;
    let edits = [
        // The oldest becomes the newest, with a tag more.
        ("bai-viet/a.md", "---\ntitle: A\ndate: 2026-04-01\ntags: [gas, điện]\n---\nA.\n"),
        // Another title, the same date as C: titles break the tie.
        ("bai-viet/a.md", "---\ntitle: D\ndate: 2026-03-01\ntags: [gas, điện]\n---\nA.\n"),
        // Only when it was last updated.
        ("bai-viet/c.md", "---\ntitle: C\ndate: 2026-03-01\nupdated: 2026-05-01\n---\nC.\n"),
    ];
    let mut edited = site(&DATED);
    let mut now = DATED.to_vec();
    for (path, text) in edits {
        let edit = edited.edit_pages(vec![markdown(path, text)], &accepts_all);
        let edit = edit.expect("in place").expect("no error");
        for file in &mut now {
            if file.0 == path {
                file.1 = text;
            }
        }
        assert_eq!(orders(&edited), orders(&site(&now)), "{text}");
        let p = edited.pages.iter().position(|p| p.file.content_path == path).unwrap();
        assert_eq!(edit.fronts, [p]);
        // A dated page: the home page lists the newest and tells when they changed.
        assert!(edit.sections.contains(&0), "{:?}", edit.sections);
        assert!(edit.tag_index || edited.pages[p].tags.is_empty());
    }
    // A new slug moves the page elsewhere: the site is assembled again.
    let slug = markdown("bai-viet/c.md", "---\ntitle: C\nslug: c-moi\ndate: 2026-03-01\n---\nC.\n");
    assert!(edited.edit_pages(vec![slug], &accepts_all).is_none());
    // A type the caller does not accept: the same.
    let mut site = site(&DATED);
    let title = markdown("bai-viet/c.md", "---\ntitle: C mới\ndate: 2026-03-01\n---\nC.\n");
    assert!(site.edit_pages(vec![title], &|_| false).is_none());
}

#[test]
fn a_draft_mark_is_taken_in_place_only_where_drafts_are_built() {
    let accepts_all = |_: &dyn crate::content_type::PageType| true;
    let text = "---\ntitle: C\ndate: 2026-03-01\ndraft: true\n---\nC.\n";
    let mut now = DATED.to_vec();
    now[4].1 = text;
    // Watch mode builds drafts: the mark shows a notice on the page and in its summary.
    let mut with_drafts = build(loaded(&DATED), options(true));
    let edit = with_drafts.edit_pages(vec![markdown("bai-viet/c.md", text)], &accepts_all);
    let edit = edit.expect("in place").expect("no error");
    let p = with_drafts.pages.iter().position(|p| p.file.content_path == "bai-viet/c.md").unwrap();
    assert!(with_drafts.pages[p].meta.draft);
    assert_eq!(edit.fronts, [p]);
    assert_eq!(orders(&with_drafts), orders(&build(loaded(&now), options(true))));
    // Without drafts, the page leaves the build: the site is assembled again.
    let mut without = site(&DATED);
    assert!(without.edit_pages(vec![markdown("bai-viet/c.md", text)], &accepts_all).is_none());
}

/// The link index summed up, to compare two sites' (it holds no order of its own).
fn links_sum(site: &Site) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    site.links.sum(&mut h);
    std::hash::Hasher::finish(&h)
}

#[test]
fn pages_added_and_removed_in_place_are_where_an_assembly_puts_them() {
    let accepts_all = |_: &dyn crate::content_type::PageType| true;
    let none_taken = |_: &str| false;
    let mut edited = site(&DATED);
    let mut now = DATED.to_vec();
    let same_as_assembled = |edited: &Site, now: &[(&str, &str)]| {
        let assembled = site(now);
        assert_eq!(paths(edited), paths(&assembled), "pages in the order of their addresses");
        assert_eq!(orders(edited), orders(&assembled));
        assert_eq!(links_sum(edited), links_sum(&assembled));
    };
    // Between the others by address and by date, with a tag of its own.
    let bb = "---\ntitle: BB\ndate: 2026-02-15\ntags: [điện, nước]\n---\nBB.\n";
    let added = vec![markdown("bai-viet/bb.md", bb)];
    let edit = edited.add_remove(added, &[], &accepts_all, &none_taken);
    let edit = edit.expect("in place").expect("no error");
    now.push(("bai-viet/bb.md", bb));
    same_as_assembled(&edited, &now);
    let p = edited.pages.iter().position(|p| p.path == "/bai-viet/bb/").unwrap();
    assert_eq!(edit.fronts, [p]);
    // Its section's listing counts the pages; the home page lists the newest.
    assert_eq!(edit.sections, [0, 1]);
    assert!(edit.tag_index);
    // The oldest removed, and a page added in the same change (a rename).
    let renamed = "---\ntitle: C\ndate: 2026-03-01\n---\nC.\n";
    let removed = ["bai-viet/a.md".to_string(), "bai-viet/c.md".to_string()];
    let added = vec![markdown("bai-viet/c-moi.md", renamed)];
    let edit = edited.add_remove(added, &removed, &accepts_all, &none_taken);
    assert!(edit.expect("in place").is_ok());
    now.retain(|(path, _)| !removed.iter().any(|r| r == path));
    now.push(("bai-viet/c-moi.md", renamed));
    same_as_assembled(&edited, &now);
    // An error leaves the site as it was.
    let broken = markdown("bai-viet/d.md", "---\ntitle: D\n---\n[x](@/bai-viet/khong-co.md)\n");
    let edit = edited.add_remove(vec![broken], &[], &accepts_all, &none_taken);
    assert!(edit.expect("in place").is_err());
    same_as_assembled(&edited, &now);
    // Left to an assembly: an address another page has, an output already served, a page
    // another links to, a type the caller does not accept.
    let twin = markdown("bai-viet/x.md", "---\ntitle: X\nslug: bb\n---\nX.\n");
    assert!(edited.add_remove(vec![twin], &[], &accepts_all, &none_taken).is_none());
    let y = || markdown("bai-viet/y.md", "---\ntitle: Y\n---\nY.\n");
    let served = |path: &str| path == "/bai-viet/y/";
    assert!(edited.add_remove(vec![y()], &[], &accepts_all, &served).is_none());
    assert!(edited.add_remove(vec![y()], &[], &|_| false, &none_taken).is_none());
    let mut linked = site(&[
        HOME,
        ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n"),
        ("bai-viet/a.md", "---\ntitle: A\n---\nXem [B](@/bai-viet/b.md).\n"),
        ("bai-viet/b.md", "---\ntitle: B\n---\nB.\n"),
    ]);
    let gone = ["bai-viet/b.md".to_string()];
    assert!(linked.add_remove(Vec::new(), &gone, &accepts_all, &none_taken).is_none());
}

#[test]
fn changed_places_cover_what_moved_and_what_was_edited() {
    use super::update::changed_places;
    // Page 9 moved from the end to the front: every place between changed.
    assert_eq!(changed_places(&[1, 2, 3, 9], &[9, 1, 2, 3], &[9]), 0..4);
    // Edited where it was: only its place.
    assert_eq!(changed_places(&[1, 2, 3, 9], &[1, 2, 3, 9], &[2]), 1..2);
    // Two neighbours swapped, another edited elsewhere.
    assert_eq!(changed_places(&[1, 2, 3, 4, 5], &[1, 3, 2, 4, 5], &[5]), 1..5);
    // Nothing changed.
    assert!(changed_places(&[1, 2], &[1, 2], &[]).is_empty());
    // A page more: every listing page counts the pages.
    assert_eq!(changed_places(&[1, 2], &[1, 2, 3], &[3]), 0..3);
}

/// The site of `files` assembled with `bodies` ([`Earlier::bodies`]), or its problems.
fn tried_with(files: &[(&str, &str)], bodies: &BodyCache) -> Result<(Site, Problems), Problems> {
    let earlier = Earlier { bodies: Some(bodies), ..Earlier::default() };
    assemble_cached(config(""), loaded(files), options(false), &types(), earlier)
}

/// [`tried_with`], which must succeed.
fn assembled_with(files: &[(&str, &str)], bodies: &BodyCache) -> (Site, Problems) {
    tried_with(files, bodies)
        .unwrap_or_else(|problems| panic!("the site must build:\n{}", problems.render(false)))
}

#[test]
fn bodies_kept_by_a_build_are_taken_by_the_next_while_their_text_and_links_hold() {
    let section = ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n");
    let a =
        ("bai-viet/a.md", "---\ntitle: Thoát nạn\n---\n\nXem [bình chữa cháy](@/bai-viet/b.md).\n");
    let b = ("bai-viet/b.md", "---\ntitle: Bình chữa cháy\n---\n\n## Cách dùng\n\nRút chốt.\n");
    let c =
        ("bai-viet/c.md", "---\ntitle: Lối thoát\n---\n\nLink [hỏng](@/bai-viet/khong-co.md#x).\n");
    let first = BodyCache::default();
    let files = [HOME, section, a, b];
    let (site, _) = assembled_with(&files, &first);
    let saved = first.save("pccc test");
    // Only by the program that wrote them, and only whole.
    assert!(BodyCache::restore(&saved, "pccc another").is_none());
    assert!(BodyCache::restore(&saved[..saved.len() / 2], "pccc test").is_none());
    assert!(BodyCache::restore(b"", "pccc test").is_none());

    // Nothing changed: every body is taken, as it was rendered.
    let kept = BodyCache::restore(&saved, "pccc test").expect("read back");
    let (again, _) = assembled_with(&files, &kept);
    assert_eq!(kept.taken(), 2, "a and b (a section's body is rendered anew)");
    for (old, new) in site.pages.iter().zip(&again.pages) {
        assert_eq!(old.rendered.html, new.rendered.html);
        assert_eq!(old.rendered.sum, new.rendered.sum);
        assert_eq!(old.rendered.summary_text, new.rendered.summary_text);
    }

    // b's text changed, and the title a's link shows did not: a is taken, b rendered again.
    let b2 = ("bai-viet/b.md", "---\ntitle: Bình chữa cháy\n---\n\n## Cách dùng\n\nBóp cò.\n");
    let kept = BodyCache::restore(&saved, "pccc test").unwrap();
    let (site, _) = assembled_with(&[HOME, section, a, b2], &kept);
    assert_eq!(kept.taken(), 1, "a");
    assert!(site.pages.iter().any(|p| p.rendered.html.contains("Bóp cò")));

    // b gone: a's link now gets another answer, so a is rendered again (and fails).
    let kept = BodyCache::restore(&saved, "pccc test").unwrap();
    assert!(tried_with(&[HOME, section, a], &kept).is_err(), "a links to a page that is gone");
    assert_eq!(kept.taken(), 0, "a is rendered again");

    // A body with a problem is not kept: its report needs its file's text.
    let warned = BodyCache::default();
    assert!(tried_with(&[HOME, section, b, c], &warned).is_err(), "c links to no page");
    let kept = BodyCache::restore(&warned.save("pccc test"), "pccc test").unwrap();
    assert!(tried_with(&[HOME, section, b, c], &kept).is_err());
    assert_eq!(kept.taken(), 1, "b, not c");
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "content/bai-viet/a.md taken from the last build is not what it renders")]
fn a_debug_build_checks_each_body_it_takes_against_a_new_render() {
    let files = [
        HOME,
        ("bai-viet/_index.md", "---\ntitle: Bài viết\n---\n"),
        ("bai-viet/a.md", "---\ntitle: A\n---\n\nMột đoạn.\n"),
    ];
    let first = BodyCache::default();
    assembled_with(&files, &first);
    let stale = bodies::tampered(&first.save("pccc test"));
    let kept = BodyCache::restore(&stale, "pccc test").expect("read back");
    assembled_with(&files, &kept);
}
