//! Every message an editor can see is Vietnamese, and points at a line where the file has one.
//!
//! Many bad inputs (front matter, Markdown, `site.toml`, templates, drills, lessons, violation
//! records and sheets) are built in memory through the library; every problem reported must
//! be free of the libraries' English (message, label, help and notes) and, for a text file
//! that exists, carry a line and column. A failure names the case, the file and the line of
//! the offending message.

use pccc::diagnostic::Diagnostic;
use pccc::pipeline::{BuildOptions, generate};

use crate::support::Site;

/// Words of the libraries' English messages that are not Vietnamese words.
const ENGLISH: [&str; 44] = [
    "expected",
    "expecting",
    "invalid",
    "not",
    "found",
    "the",
    "is",
    "are",
    "was",
    "at",
    "of",
    "while",
    "parsing",
    "parse",
    "error",
    "unknown",
    "missing",
    "failed",
    "cannot",
    "could",
    "allowed",
    "limit",
    "exceeded",
    "defined",
    "available",
    "but",
    "got",
    "must",
    "should",
    "and",
    "with",
    "would",
    "only",
    "this",
    "that",
    "line",
    "column",
    "position",
    "variant",
    "unexpected",
    "such",
    "undefined",
    "directory",
    "file",
];

/// The text of `part` with what may rightly be in any language taken out: names and values in
/// quotes or back-quotes (field names, what the editor wrote) and template tags.
fn prose(part: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<&str> = None;
    let mut rest = part;
    while !rest.is_empty() {
        if let Some(close) = closing {
            match rest.find(close) {
                Some(i) => {
                    rest = &rest[i + close.len()..];
                    closing = None;
                }
                None => break,
            }
            continue;
        }
        let opens =
            [("`", "`"), ("\"", "\""), ("“", "”"), ("{{", "}}"), ("{%", "%}"), ("{#", "#}")];
        let next = opens.iter().filter_map(|(o, c)| rest.find(o).map(|i| (i, *o, *c))).min();
        match next {
            Some((i, open, close)) => {
                out.push_str(&rest[..i]);
                out.push(' ');
                rest = &rest[i + open.len()..];
                closing = Some(close);
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

/// The English words in `part`, outside quotes.
fn english_words(part: &str) -> Vec<String> {
    prose(part)
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.contains('_') && w.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// Where a diagnostic points, as `file:line:col` (or the file alone).
fn place(d: &Diagnostic) -> String {
    match d.line_col() {
        Some((line, column)) => format!("{}:{line}:{column}", d.path.display()),
        None => d.path.display().to_string(),
    }
}

/// Text files an editor opens: a problem in one of them has a line to show.
fn has_lines(site: &Site, d: &Diagnostic) -> bool {
    let text = ["md", "yaml", "yml", "csv", "toml", "html", "xml", "txt"];
    let ext = d.path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    ext.is_some_and(|e| text.contains(&e.as_str()))
        && site.path(&d.path.to_string_lossy()).is_file()
}

/// Every fault of one case's report.
fn faults(case: &str, site: &Site, problems: &[Diagnostic]) -> Vec<String> {
    let mut faults = Vec::new();
    for d in problems {
        let mut parts: Vec<(&str, &str)> = vec![("message", &d.message)];
        parts.extend(d.label.as_deref().map(|l| ("label", l)));
        parts.extend(d.help.as_deref().map(|h| ("help", h)));
        // tera's own words, kept as technical detail for a sentence `explain` does not know,
        // count too: every case here must be explained.
        parts.extend(d.notes.iter().map(|n| ("note", n.as_str())));
        for (what, text) in parts {
            let words = english_words(text);
            if !words.is_empty() {
                faults
                    .push(format!("{case}: {}: English {words:?} in the {what}: {text}", place(d)));
            }
        }
        if d.location.is_none() && has_lines(site, d) {
            faults.push(format!("{case}: {}: no line for: {}", place(d), d.message));
        }
    }
    faults
}

/// Builds `site` in memory and returns its errors and warnings.
fn problems(site: &Site) -> Vec<Diagnostic> {
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        as_of: Some("2026-11-28".parse().unwrap()),
        ..BuildOptions::default()
    };
    match generate(&options) {
        Ok(generated) => generated.warnings.into_iter().collect(),
        Err(problems) => problems.into_iter().collect(),
    }
}

type Mistake = fn(&Site);

const ARTICLE: &str = "content/bai-viet/goi-114.md";
const SHORT: &str = "date: 2026-02-05T08:30";

/// Bad input: (name, fixture, mistake).
const CASES: &[(&str, &str, Mistake)] = &[
    ("unclosed list", "good", |s| s.edit(ARTICLE, "114]", "114")),
    ("unknown field", "good", |s| s.edit(ARTICLE, SHORT, "ngay: 2026-02-05")),
    ("draft: có", "good", |s| s.edit(ARTICLE, SHORT, "draft: có")),
    ("day first", "good", |s| s.edit(ARTICLE, SHORT, "date: 05/02/2026")),
    ("no such day", "good", |s| s.edit(ARTICLE, SHORT, "date: 2026-02-30")),
    ("three mistakes", "good", |s| {
        s.edit(ARTICLE, SHORT, "date: 05/02/2026\nngay: 1\ndraft: có\nweight: nhiều")
    }),
    ("missing title", "good", |s| s.edit(ARTICLE, "title: \"Gọi 114 đúng cách\"\n", "")),
    ("no front matter", "good", |s| s.write("content/bai-viet/x.md", "Chỉ có chữ.\n")),
    ("unclosed front matter", "good", |s| s.write("content/bai-viet/x.md", "---\ntitle: A\n")),
    ("tab", "good", |s| s.edit(ARTICLE, SHORT, "date: 2026-02-05\n\ttags: [a]")),
    ("colon", "good", |s| s.edit(ARTICLE, SHORT, "description: Bước 1: gọi 114")),
    ("unclosed quote", "good", |s| s.edit(ARTICLE, SHORT, "description: \"Chưa đóng")),
    ("text after quote", "good", |s| s.edit(ARTICLE, SHORT, "description: \"Gọi\" ngay")),
    ("control character", "good", |s| s.edit(ARTICLE, SHORT, "description: \"a\u{1}b\"")),
    ("deep nesting", "good", |s| {
        s.edit(ARTICLE, SHORT, &format!("extra: {}{}", "[".repeat(300), "]".repeat(300)))
    }),
    ("repeated aliases", "good", |s| {
        let mut text = String::from("extra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e")] {
            text.push_str(&format!(
                "  {name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 9].join(", ")
            ));
        }
        s.edit(ARTICLE, &format!("{SHORT}\n"), &text)
    }),
    ("undefined alias", "good", |s| s.edit(ARTICLE, SHORT, "description: *ghi-chu")),
    ("at sign", "good", |s| s.edit(ARTICLE, SHORT, "description: @phuong")),
    ("bad escape", "good", |s| s.edit(ARTICLE, SHORT, "description: \"C:\\tai\\lieu\"")),
    ("number for list", "good", |s| s.edit(ARTICLE, "tags: [thoát nạn, 114]", "tags: 114")),
    ("text for number", "good", |s| s.edit(ARTICLE, SHORT, "weight: nhiều")),
    ("negative number", "good", |s| {
        s.write("content/bai-viet/_index.md", "---\ntitle: B\npaginate_by: -3\n---\n")
    }),
    ("list for text", "good", |s| s.edit(ARTICLE, SHORT, "description: [a, b]")),
    ("map for text", "good", |s| s.edit(ARTICLE, SHORT, "description: {a: b}")),
    ("alias with a colon", "good", |s| s.edit(ARTICLE, SHORT, "aliases: [\"/cu/:goi/\"]")),
    ("key written as ? key", "good", |s| s.edit(ARTICLE, SHORT, "? ngay: 2026-02-05")),
    ("back-quote in a record's key", "violations", |s| {
        s.edit("content/vi-pham/vp-a.yaml", "description:", "desc`ription:")
    }),
    ("bad slug", "good", |s| s.edit(ARTICLE, SHORT, "slug: Gọi 114")),
    ("duplicate slug", "good", |s| s.edit(ARTICLE, SHORT, "slug: thoat-nan")),
    ("bad source url", "good", |s| {
        s.edit(ARTICLE, SHORT, "sources:\n  - title: Luật\n    url: www.example.vn")
    }),
    ("unknown source field", "good", |s| {
        s.edit(ARTICLE, SHORT, "sources:\n  - title: Luật\n    nguon: Quốc hội")
    }),
    ("section sort", "good", |s| {
        s.edit("content/bai-viet/_index.md", "sort_by: date", "sort_by: ngay")
    }),
    ("section unknown key", "good", |s| {
        s.edit("content/bai-viet/_index.md", "sort_by: date", "sap_xep: date")
    }),
    ("missing page", "good", |s| s.edit("content/gioi-thieu.md", "thoat-nan.md", "thoat-nan-2.md")),
    ("missing anchor", "good", |s| {
        s.edit("content/bai-viet/thoat-nan.md", "#noi-gi-khi-goi", "#noi-gi")
    }),
    ("link to draft", "good", |s| s.edit("content/gioi-thieu.md", "thoat-nan.md", "nhap.md")),
    ("missing image", "good", |s| {
        s.edit("content/bai-viet/so-tay/index.md", "so-do.svg", "so-do-2.svg")
    }),
    ("image without alt", "good", |s| {
        s.edit("content/bai-viet/so-tay/index.md", "![Sơ đồ lối thoát]", "![]")
    }),
    ("javascript link", "good", |s| {
        s.edit("content/gioi-thieu.md", "@/bai-viet/thoat-nan.md", "javascript:alert(1)")
    }),
    ("unknown language", "good", |s| {
        s.edit("content/bai-viet/so-tay/index.md", "```yaml", "```yamll")
    }),
    ("missing template", "good", |s| s.edit(ARTICLE, SHORT, "template: tin-tuc.html")),
    ("template syntax", "good", |s| {
        s.edit("themes/thu/templates/page.html", "{{ page.title }}", "{{ page.title }")
    }),
    ("template field", "good", |s| {
        s.edit("themes/thu/templates/page.html", "{{ page.title }}", "{{ page.tittle }}")
    }),
    ("template variable", "good", |s| {
        s.edit("themes/thu/templates/page.html", "{{ page.title }}", "{{ pge.title }}")
    }),
    ("template filter", "good", |s| {
        s.edit("themes/thu/templates/page.html", "{{ page.title }}", "{{ page.title | uper }}")
    }),
    ("template function", "good", |s| {
        s.edit("themes/thu/templates/page.html", "{{ page.title }}", "{{ get_url(path='a') }}")
    }),
    ("template unclosed if", "good", |s| {
        s.edit("themes/thu/templates/page.html", "{{ page.title }}", "{% if page.title %}")
    }),
    ("template include", "good", |s| {
        s.edit(
            "themes/thu/templates/page.html",
            "{{ page.title }}",
            "{% include \"khong-co.html\" %}",
        )
    }),
    ("template static", "good", |s| {
        s.edit(
            "themes/thu/templates/page.html",
            "{{ page.title }}",
            "{{ static_url(path='khong-co.css') }}",
        )
    }),
    ("non-UTF-8", "good", |s| s.write("content/bai-viet/cu.md", b"---\ntitle: \"C\xe1c\"\n---\n")),
    ("section without index", "good", |s| s.remove("content/bai-viet/_index.md")),
    ("toml unquoted", "good", |s| {
        s.edit("site.toml", "title = \"Trang thử\"", "title = Trang thử")
    }),
    ("toml unclosed string", "good", |s| {
        s.edit("site.toml", "title = \"Trang thử\"", "title = \"Trang thử")
    }),
    ("toml no equals", "good", |s| s.edit("site.toml", "paginate_by = 2", "paginate_by 2")),
    ("toml duplicate", "good", |s| {
        s.edit("site.toml", "paginate_by = 2", "paginate_by = 2\npaginate_by = 3")
    }),
    ("toml unclosed table", "good", |s| s.edit("site.toml", "[[menu]]", "[[menu]")),
    ("toml wrong type", "good", |s| {
        s.edit("site.toml", "paginate_by = 2", "paginate_by = \"hai\"")
    }),
    ("toml unknown key", "good", |s| s.edit("site.toml", "paginate_by = 2", "languge = \"vi\"")),
    ("toml leading zero", "good", |s| s.edit("site.toml", "number = \"115\"", "number = 0115")),
    ("toml bad timezone", "good", |s| {
        s.edit("site.toml", "paginate_by = 2", "timezone = \"Hà Nội\"")
    }),
    ("toml bad base_url", "good", |s| s.edit("site.toml", "https://thu.example/", "thu.example")),
    ("toml missing theme", "good", |s| {
        s.edit("site.toml", "theme = \"thu\"", "theme = \"khong-co\"")
    }),
    ("toml no such day", "good", |s| {
        s.edit(
            "site.toml",
            "paginate_by = 2",
            "paginate_by = 2\n[[alert]]\nmessage = \"Hanh khô\"\nuntil = 2026-02-30",
        )
    }),
    ("toml day first", "good", |s| {
        s.edit(
            "site.toml",
            "paginate_by = 2",
            "paginate_by = 2\n[[alert]]\nmessage = \"Hanh khô\"\nuntil = \"30/12/2026\"",
        )
    }),
    ("toml menu link", "good", |s| {
        s.edit("site.toml", "@/bai-viet/_index.md", "@/bai-viet/khong-co.md")
    }),
    ("file and bundle same URL", "good", |s| {
        s.write("content/bai-viet/so-tay.md", "---\ntitle: \"Trùng\"\n---\n");
    }),
    ("asset and page asset same URL", "good", |s| {
        s.write(
            "content/bai-viet/so-tay/So Do.svg",
            std::fs::read(s.path("content/bai-viet/so-tay/so-do.svg")).unwrap(),
        );
    }),
    ("page at the search address", "good", |s| {
        s.write("content/tim-kiem.md", "---\ntitle: \"Tìm\"\n---\n")
    }),
    ("section named like tag pages", "good", |s| {
        s.write("content/chu-de/_index.md", "---\ntitle: \"Chủ đề\"\n---\n")
    }),
    ("file name without letters", "good", |s| {
        s.write("content/bai-viet/!!!.md", "---\ntitle: \"Dấu\"\n---\n")
    }),
    ("drill missing start", "drills", |s| {
        s.edit("content/dien-tap/cho.md", "start: 2027-01-10T06:00\n", "")
    }),
    ("drill missing kind and bad draft", "drills", |s| {
        s.edit("content/dien-tap/cho.md", "kind: thuc_tap_phuong_an", "draft: có")
    }),
    ("drill missing location", "drills", |s| {
        s.edit(
            "content/dien-tap/cho.md",
            "location:\n  name: \"Chợ thử\"\n  to_dan_pho: \"Tổ dân phố số 5\"\n",
            "",
        )
    }),
    ("drill unknown kind", "drills", |s| {
        s.edit("content/dien-tap/cho.md", "kind: thuc_tap_phuong_an", "kind: thuc_tap")
    }),
    ("drill bad status", "drills", |s| {
        s.edit("content/dien-tap/cho.md", "status: huy", "status: xong")
    }),
    ("drill start without time", "drills", |s| {
        s.edit("content/dien-tap/cho.md", "start: 2027-01-10T06:00", "start: 2027-01-10")
    }),
    ("drill end before start", "drills", |s| {
        s.edit("content/dien-tap/chung-cu.md", "end: 2026-12-06T10:30", "end: 2026-12-06T07:30")
    }),
    ("drill end and duration", "drills", |s| {
        s.edit(
            "content/dien-tap/chung-cu.md",
            "end: 2026-12-06T10:30",
            "end: 2026-12-06T10:30\nduration_minutes: 30",
        )
    }),
    ("drill geo text", "drills", |s| {
        s.edit("content/dien-tap/chung-cu.md", "lat: 20.99", "lat: bắc")
    }),
    ("drill unknown location field", "drills", |s| {
        s.edit("content/dien-tap/chung-cu.md", "  address:", "  dia_chi:")
    }),
    ("drill bad force", "drills", |s| {
        s.edit(
            "content/dien-tap/chung-cu.md",
            "organiser:",
            "forces:\n  - unit: \"Đội\"\n    type: cong_an\norganiser:",
        )
    }),
    ("drill plan date", "drills", |s| {
        s.edit(
            "content/dien-tap/chung-cu.md",
            "organiser:",
            "plan_ref: {so: \"12\", ngay: 2026-02-30}\norganiser:",
        )
    }),
    ("drill due date", "drills", |s| {
        s.edit(
            "content/dien-tap/chung-cu.md",
            "organiser:",
            "results:\n  follow_up:\n    - {action: \"Sửa\", owner: \"Ban\", due: 30/06/2026}\norganiser:",
        )
    }),
    ("lessons with one embed page", "lessons", |s| {
        s.write("content/bai-hoc/khac/_index.md", "---\ntitle: \"Khác\"\n---\n");
        s.write(
            "content/bai-hoc/khac/be-thoat-hiem.md",
            "---\ntitle: \"Trùng\"\nlevel: thcs\ngrades: \"6\"\nduration_minutes: 45\n---\n",
        );
    }),
    ("lesson bad level", "lessons", |s| {
        s.edit("content/bai-hoc/be-thoat-hiem.md", "level: mam_non", "level: mau_giao")
    }),
    ("lesson bad phase", "lessons", |s| {
        s.edit("content/bai-hoc/be-thoat-hiem.md", "phase: khoi_dong", "phase: mo_dau")
    }),
    ("lesson bad answer", "lessons", |s| {
        s.edit("content/bai-hoc/be-thoat-hiem.md", "answer: B", "answer: E")
    }),
    ("lesson minutes text", "lessons", |s| {
        s.edit(
            "content/bai-hoc/be-thoat-hiem.md",
            "duration_minutes: 30",
            "duration_minutes: ba mươi",
        )
    }),
    ("lesson unknown objective", "lessons", |s| {
        s.edit("content/bai-hoc/be-thoat-hiem.md", "  attitude:", "  thai_do:")
    }),
    ("violation no such day", "violations", |s| {
        s.edit("content/vi-pham/vp-a.yaml", "date: 2026-02-02", "date: 2026-02-31")
    }),
    ("violation day first", "violations", |s| {
        s.edit("content/vi-pham/vp-a.yaml", "deadline: 2026-05-02", "deadline: 02/05/2026")
    }),
    ("violation several mistakes", "violations", |s| {
        s.edit("content/vi-pham/vp-a.yaml", "type: karaoke_vu_truong", "type: karaoke");
        s.edit("content/vi-pham/vp-a.yaml", "description:", "mo_ta:");
        s.edit("content/vi-pham/vp-a.yaml", "since: 2026-02-05", "since: hôm nay");
    }),
    ("violation missing decision", "violations", |s| {
        s.edit("content/vi-pham/vp-a.yaml", "decision:\n  number: \"05\"\n  symbol: QĐ-XPHC\n  date: 2026-02-02\n  issuer: \"Chủ tịch UBND phường Thử\"\n", "")
    }),
    ("violation missing legal basis", "violations", |s| {
        s.edit(
            "content/vi-pham/vp-a.yaml",
            "  legal_basis: \"Kế hoạch số 01/KH-UBND của UBND phường Thử\"\n",
            "",
        )
    }),
    ("violation missing facility", "violations", |s| {
        s.edit("content/vi-pham/vp-a.yaml", "facility:", "co_so:")
    }),
    ("violation duplicate id", "violations", |s| {
        s.edit("content/vi-pham/vp-b.yaml", "id: vp-b", "id: vp-a")
    }),
    ("violation two records", "violations", |s| {
        let text = s.read("content/vi-pham/vp-a.yaml");
        s.write("content/vi-pham/vp-a.yaml", format!("{text}---\n{text}"));
    }),
    ("violation unknown file", "violations", |s| s.write("content/vi-pham/ghi-chu.json", "{}")),
    ("violation broken xlsx", "violations", |s| {
        s.write("content/vi-pham/danh-sach.xlsx", "không phải Excel")
    }),
    ("violation csv missing column", "violations", |s| {
        s.write("content/vi-pham/danh-sach.csv", "Mã hồ sơ,Tên cơ sở\nvp-x,A\n")
    }),
    ("violation csv duplicate column", "violations", |s| {
        let sheet = s.read("sheets/danh-sach.csv").replacen("Tên cơ sở", "Mã hồ sơ", 1);
        s.write(
            "content/vi-pham/danh-sach.csv",
            sheet.replace("vp-a,", "vp-x,").replace("vp-b,", "vp-y,"),
        );
    }),
    ("violation csv bad cells", "violations", |s| {
        let sheet = s
            .read("sheets/danh-sach.csv")
            .replace("02/02/2026", "31/02/2026")
            .replace(",Tổ chức,", ",Công ty,");
        s.write(
            "content/vi-pham/danh-sach.csv",
            sheet.replace("vp-a,", "vp-x,").replace("vp-b,", "vp-y,"),
        );
    }),
];

#[test]
fn no_english_and_a_line_wherever_the_file_has_one() {
    let mut all = Vec::new();
    let mut reported = 0;
    for (name, fixture_name, mistake) in CASES {
        let site = Site::fixture(fixture_name);
        mistake(&site);
        let found = problems(&site);
        assert!(!found.is_empty(), "{name}: the mistake was not reported");
        reported += found.len();
        all.extend(faults(name, &site, &found));
    }
    assert!(all.is_empty(), "{} faults in {reported} messages:\n{}", all.len(), all.join("\n"));
}

#[test]
fn the_detector_finds_english_outside_quotes_only() {
    assert_eq!(english_words("decision.date: parsed date is not valid"), ["is", "not"]);
    assert_eq!(
        english_words("control characters are not allowed at position 9"),
        ["are", "not", "allowed", "at", "position"]
    );
    assert!(
        english_words("trường `the` không có; ví dụ title: \"Found it\", {% if a and b %}")
            .is_empty()
    );
    assert!(english_words("in giá trị bằng {{ … }}; viết key_messages").is_empty());
}

#[test]
fn command_line_mistakes_are_explained_in_vietnamese() {
    let site = Site::fixture("good");
    for (args, expected) in [
        (
            &["buidl"][..],
            "lỗi: không có lệnh `buidl`\n  = gợi ý: có phải bạn muốn viết `pccc build`?\n",
        ),
        (
            &["build", "--as-of", "05/02/2026"][..],
            "lỗi: giá trị `05/02/2026` của `--as-of <NGÀY>` không hợp lệ\n  = gợi ý: `05/02/2026` \
             không phải ngày hợp lệ; viết dạng năm-tháng-ngày, ví dụ 2026-02-05\n",
        ),
        (
            &["new", "bai-viet"][..],
            "lỗi: còn thiếu <TIÊU_ĐỀ>\n  = gợi ý: xem các lệnh và tuỳ chọn: pccc --help, hoặc \
             pccc <lệnh> --help\n",
        ),
    ] {
        let run = site.pccc(args);
        assert!(!run.success, "{args:?}");
        assert_eq!(run.stderr, expected, "{args:?}");
    }
}
