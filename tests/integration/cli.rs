//! The command line's conventions: Vietnamese help and usage errors, `--color` with `NO_COLOR`
//! and `TERM=dumb`, `--quiet`, `--verbose`, `-o`, `--base-url` under site.toml's rule, drafts,
//! and `pccc init` (init, then build, then check); CRLF content builds as LF content does.

use std::path::Path;
use std::process::Command;

use crate::support::{Site, assert_contains, assert_lacks, diff};

/// Runs `pccc args` in `dir` with only `PATH` and `env` set.
fn pccc_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pccc"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .output()
        .expect("run pccc");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("utf-8");
    (out.status.success(), text(out.stdout), text(out.stderr))
}

const TOP_HELP: &str = "\
pccc: dựng trang thông tin an toàn phòng cháy, chữa cháy và cứu nạn, cứu hộ của phường.

Cách dùng: pccc [TUỲ_CHỌN] <LỆNH>

Lệnh:
  build  Dựng toàn bộ trang vào thư mục xuất (mặc định public/)
  check  Kiểm tra nội dung và giao diện, không ghi tệp nào
  serve  Xem thử trang trong trình duyệt, có cả bản nháp; tự dựng lại và tải lại khi lưu tệp
  new    Tạo một tệp nội dung mới (bản nháp) trong một chuyên mục
  init   Tạo trang mới cho một phường, xã khác, trong một thư mục chưa có

Tuỳ chọn:
      --root <THƯ_MỤC>  Thư mục của trang (nơi có site.toml). Mặc định: thư mục hiện tại
      --color <KHI>     Tô màu thông báo: auto (mặc định: khi in ra màn hình, trừ khi có biến \
NO_COLOR hoặc TERM=dumb), always (luôn tô) hoặc never (không tô)
  -q, --quiet           Chỉ in lỗi: không in cảnh báo và dòng tóm tắt
  -v, --verbose         In thêm: ngày được coi là hôm nay, địa chỉ gốc, có dựng bản nháp không
  -h, --help            In phần trợ giúp này
  -V, --version         In số phiên bản
";

#[test]
fn help_is_vietnamese_everywhere() {
    let site = Site::fixture("good");
    let run = site.pccc(&["--help"]);
    assert!(run.success);
    assert_eq!(run.stdout, TOP_HELP, "{}", diff(TOP_HELP, &run.stdout));
    // What clap writes by itself, in English, when not told otherwise.
    let english = [
        "Usage",
        "Options",
        "Arguments",
        "Commands",
        "[default",
        "[possible values",
        "[OPTIONS]",
        "<COMMAND>",
        "Print help",
        "Print version",
    ];
    for command in ["build", "check", "serve", "new", "init"] {
        let run = site.pccc(&[command, "--help"]);
        assert!(run.success, "{command}: {}", run.stderr);
        assert_contains(&run.stdout, &format!("Cách dùng: pccc {command} [TUỲ_CHỌN]"));
        assert_contains(&run.stdout, "Tuỳ chọn:");
        for word in english {
            assert_lacks(&run.stdout, word);
        }
    }
    assert_contains(&site.pccc(&["serve", "--help"]).stdout, "Mặc định: 1111");
    assert_contains(&site.pccc(&["init", "--help"]).stdout, "Tham số:\n  <THƯ_MỤC>");
}

#[test]
fn usage_errors_are_vietnamese() {
    let site = Site::fixture("good");
    let see = "xem các lệnh và tuỳ chọn: pccc --help, hoặc pccc <lệnh> --help";
    for (args, expected) in [
        (&["build", "--drats"][..], "lỗi: lệnh này không có tuỳ chọn `--drats`\n  = gợi ý: có phải bạn muốn viết `--drafts`?\n".to_string()),
        (&["build", "thua"][..], format!("lỗi: thừa `thua`: lệnh này không nhận thêm chữ nào\n  = gợi ý: {see}\n")),
        (&["build", "--as-of"][..], format!("lỗi: thiếu giá trị sau `--as-of <NGÀY>`\n  = gợi ý: {see}\n")),
        (&["--color", "bleu", "build"][..], "lỗi: giá trị `bleu` không dùng được cho `--color <KHI>`\n  = gợi ý: các giá trị dùng được: auto, always, never\n".to_string()),
        (&["build", "-q", "-v"][..], format!("lỗi: không dùng `--quiet` cùng lúc với `--verbose`\n  = gợi ý: {see}\n")),
        (&[][..], "lỗi: thiếu lệnh\n  = gợi ý: viết một lệnh, ví dụ: pccc build; các lệnh: xem pccc --help\n".to_string()),
        (&["serve", "--port", "x"][..], "lỗi: giá trị `x` của `--port <CỔNG>` không hợp lệ\n  = gợi ý: viết một số từ 1 đến 65535, ví dụ --port 1111\n".to_string()),
    ] {
        let run = site.pccc(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, expected, "{args:?}");
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn base_url_is_refused_as_site_toml_refuses_it() {
    let site = Site::fixture("good");
    for command in ["build", "check", "serve"] {
        let run = site.pccc(&[command, "--base-url", "pccc.example"]);
        assert_eq!(run.code, Some(2), "{command}");
        assert_eq!(
            run.stderr,
            "lỗi: `--base-url` phải là địa chỉ đầy đủ, nhưng đang là `pccc.example`\n  = gợi ý: \
             ví dụ: --base-url https://phuong.example.gov.vn\n",
            "{command}"
        );
    }
    assert!(!site.exists("public"), "nothing is built with a refused address");
    // The same value in site.toml: the same sentence, about `base_url`.
    site.edit("site.toml", "base_url = \"", "base_url = \"pccc.example\"\n# \"");
    let run = site.pccc(&["check"]);
    assert_contains(
        &run.stderr,
        "lỗi: `base_url` phải là địa chỉ đầy đủ, nhưng đang là `pccc.example`",
    );
    // A full address is taken, its trailing slash dropped.
    let site = Site::fixture("good");
    let run =
        site.pccc(&["build", "--as-of", "2026-11-28", "--base-url", "http://192.168.1.5:8080/"]);
    assert!(run.success, "{}", run.stderr);
    assert_contains(
        &site.read("public/sitemap.xml"),
        "<loc>http://192.168.1.5:8080/bai-viet/goi-114/</loc>",
    );
}

/// Runs `pccc build` over a broken site in a pseudo-terminal (`script`), so that `auto` sees
/// a terminal, and returns what the terminal showed.
fn on_a_terminal(site: &Site, args: &str, env: &[(&str, &str)]) -> String {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_pccc"));
    let (_, stdout, _) = pccc_script(site.root(), &command, env);
    stdout
}

fn pccc_script(dir: &Path, command: &str, env: &[(&str, &str)]) -> (bool, String, String) {
    let out = Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .output()
        .expect("run script (util-linux)");
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    (out.status.success(), text(out.stdout), text(out.stderr))
}

#[test]
fn colour_follows_color_no_color_and_term() {
    let site = Site::fixture("good");
    site.write("content/hong.md", "---\ntitle: \"Hỏng\"\nngay: 2026-01-01\n---\n");
    let escape = "\u{1b}[";
    let xterm = [("TERM", "xterm")];
    // On a terminal, colours by default.
    let shown = on_a_terminal(&site, "build", &xterm);
    assert_contains(&shown, "ngay");
    assert_contains(&shown, escape);
    // NO_COLOR (any value but empty) and TERM=dumb turn them off.
    for env in [&[("TERM", "xterm"), ("NO_COLOR", "1")][..], &[("TERM", "dumb")][..]] {
        let shown = on_a_terminal(&site, "build", env);
        assert_contains(&shown, "ngay");
        assert_lacks(&shown, escape);
    }
    assert_contains(&on_a_terminal(&site, "build", &[("TERM", "xterm"), ("NO_COLOR", "")]), escape);
    // --color wins over both.
    assert_lacks(&on_a_terminal(&site, "--color never build", &xterm), escape);
    let (_, _, stderr) =
        pccc_in(site.root(), &["build", "--color", "always"], &[("NO_COLOR", "1")]);
    assert_contains(&stderr, escape);
    // Not a terminal: no colour.
    let (_, _, stderr) = pccc_in(site.root(), &["build"], &xterm);
    assert_contains(&stderr, "ngay");
    assert_lacks(&stderr, escape);
}

#[test]
fn quiet_prints_only_errors_and_verbose_the_settings() {
    let site = Site::fixture("good");
    // A hidden file that holds Markdown is a warning.
    site.write("content/.an.md", "---\ntitle: \"A\"\n---\n");
    let normal = site.pccc(&["check", "--as-of", "2026-11-28"]);
    assert!(normal.success, "{}", normal.stderr);
    assert_contains(&normal.stderr, "cảnh báo");
    assert_contains(&normal.stdout, "Không có lỗi: ");
    let quiet = site.pccc(&["check", "-q", "--as-of", "2026-11-28"]);
    assert!(quiet.success);
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));
    // Errors are printed whatever -q says.
    site.write("content/hong.md", "---\ntitle: \"Hỏng\"\nngay: 2026-01-01\n---\n");
    let normal = site.pccc(&["check", "--as-of", "2026-11-28"]);
    let quiet = site.pccc(&["check", "--quiet", "--as-of", "2026-11-28"]);
    assert!(!quiet.success);
    assert_contains(&quiet.stderr, "ngay");
    assert_eq!(quiet.stderr, normal.stderr);
    let site = Site::fixture("good");
    let run = site.pccc(&["build", "--verbose", "--as-of", "2026-11-28", "--drafts"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "Hôm nay (theo múi giờ của trang, hoặc --as-of): Thứ Bảy, 28/11/2026\nĐịa chỉ gốc: \
             https://thu.example\nBản nháp: có dựng\nĐã dựng "
        ),
        "{}",
        run.stdout
    );
    // A build over the output says what it took from it: files, and the bodies of the others.
    site.edit("content/bai-viet/goi-114.md", "Gọi 114 miễn phí.", "Gọi 114 miễn phí, 24/24.");
    let run = site.pccc(&["build", "--verbose", "--as-of", "2026-11-28", "--drafts"]);
    assert!(run.success, "{}", run.stderr);
    let counted = |line: &str, end: &str| {
        line.ends_with(end)
            && line.split(' ').next().is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n > 0))
    };
    let lines: Vec<&str> = run.stdout.lines().rev().take(2).collect();
    assert!(
        counted(lines[1], " tệp không đổi được lấy lại từ lần dựng trước, không dựng lại.")
            && counted(
                lines[0],
                " phần thân bài (Markdown) không đổi được lấy lại từ lần dựng trước, không \
                 chuyển lại thành HTML."
            ),
        "{}",
        run.stdout
    );
    let run = site.pccc(&["build", "--quiet", "--as-of", "2026-11-28"]);
    assert!(run.success);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
}

#[test]
fn output_dir_on_the_command_line() {
    let site = Site::fixture("good");
    let run = site.pccc(&["build", "-o", "ban-dung", "--as-of", "2026-11-28"]);
    assert!(run.success, "{}", run.stderr);
    assert!(site.exists("ban-dung/index.html"));
    assert!(site.exists("ban-dung/.pccc-output"));
    assert!(!site.exists("public"));
    // The rules of output_dir hold for -o: never the sources, never outside the site.
    for (dir, message) in [
        (
            "content",
            "thư mục xuất `{root}/content` nằm trong content; việc dựng trang sẽ ghi đè lên nguồn",
        ),
        ("..", "thư mục xuất `{root}/..` nằm ngoài thư mục của trang; hãy chọn một thư mục con"),
    ] {
        let run = site.pccc(&["build", "--output-dir", dir]);
        assert_eq!(run.code, Some(1), "{dir}");
        let root = site.root().display().to_string();
        let message = message.replace("{root}", &root);
        assert_eq!(
            run.stderr,
            format!(
                "lỗi: {message}\n--> --output-dir\n = gợi ý: chọn một thư mục con của thư mục \
                 trang, ví dụ: -o public\n\nKhông dựng được trang: 1 lỗi.\n"
            ),
            "{dir}"
        );
    }
}

/// The drills fixture (which uses the default theme) with a draft page and a published one.
pub fn with_a_draft() -> Site {
    let site = Site::fixture("drills");
    site.write("content/nhap.md", "---\ntitle: \"Bài nháp\"\ndraft: true\n---\n\nChưa đăng.\n");
    site.write("content/da-dang.md", "---\ntitle: \"Bài đã đăng\"\n---\n\nĐã đăng.\n");
    site
}

#[test]
fn drafts_are_built_only_when_asked_and_carry_a_notice() {
    let site = with_a_draft();
    site.build("2026-11-28");
    assert!(!site.exists("public/nhap/index.html"));
    let run = site.pccc(&["build", "--drafts", "--as-of", "2026-11-28"]);
    assert!(run.success, "{}", run.stderr);
    assert_contains(
        &site.read("public/nhap/index.html"),
        "<p class=\"sample-notice draft-notice\" role=\"note\"><strong>Bản nháp.</strong> Trang \
         này chưa đăng: chỉ hiện khi xem thử (pccc serve) hoặc khi dựng với --drafts. Đổi draft: \
         true thành draft: false để đăng.</p>",
    );
    // A published page has no such notice.
    assert_lacks(&site.read("public/da-dang/index.html"), "draft-notice");
}

#[test]
fn crlf_content_builds_as_lf_content() {
    let lf = Site::fixture("good");
    let crlf = Site::fixture("good");
    let text = "---\ntitle: \"Dòng Windows\"\ndate: 2026-03-01\ntags: [điện]\nkey_messages:\n  - \"Không sạc qua đêm\"\n---\n\n## Mục một\n\nĐoạn một,\nnối dòng.\n\n- a\n- b\n\n```\nmã\n```\n";
    lf.write("content/bai-viet/windows.md", text);
    crlf.write("content/bai-viet/windows.md", text.replace('\n', "\r\n"));
    // Notepad saves with a byte-order mark too.
    let bom = Site::fixture("good");
    bom.write("content/bai-viet/windows.md", format!("\u{feff}{}", text.replace('\n', "\r\n")));
    lf.build("2026-11-28");
    let a = lf.snapshot("public");
    for (other, name) in [(&crlf, "CRLF"), (&bom, "CRLF with a BOM")] {
        other.build("2026-11-28");
        let b = other.snapshot("public");
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{name}");
        for (path, bytes) in &a {
            assert!(bytes == &b[path], "{path} differs between LF and {name} sources");
        }
    }
}

#[test]
fn init_then_build_then_check() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, stdout, stderr) = pccc_in(
        dir.path(),
        &["init", "tan-mai", "--ward", "phường Tân Mai", "--province", "Hà Nội"],
        &[],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("Đã tạo trang của phường Tân Mai trong tan-mai ("), "{stdout}");
    assert_contains(&stdout, "python3 tools/make_images.py --ward \"phường Tân Mai\"");
    let site = dir.path().join("tan-mai");
    // Nothing of the ward's name is left, except where the theme's script shows what typing
    // without accents finds, and in the image script's own default.
    for entry in walkdir::WalkDir::new(&site).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(&site).unwrap().to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        if rel != "themes/mac-dinh/static/vi-pham.js" && rel != "tools/make_images.py" {
            assert_lacks(&text, "Khương Đình");
        }
    }
    assert_contains(
        &std::fs::read_to_string(site.join("site.toml")).unwrap(),
        "title = \"An toàn PCCC phường Tân Mai\"",
    );
    let (ok, stdout, stderr) = pccc_in(&site, &["build", "--as-of", "2026-12-05"], &[]);
    assert!(ok, "{stderr}");
    assert!(!stderr.lines().any(|l| l.starts_with("lỗi")), "{stderr}");
    assert_contains(&stdout, "Đã dựng ");
    for page in [
        "index.html",
        "bai-viet/cach-goi-114/index.html",
        "bai-hoc/index.html",
        "dien-tap/index.html",
        "vi-pham/index.html",
        "ke-hoach-pccc/index.html",
    ] {
        assert!(site.join("public").join(page).is_file(), "{page}");
    }
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert_contains(&home, "An toàn phòng cháy, chữa cháy phường Tân Mai");
    let drill =
        std::fs::read_to_string(site.join("public/dien-tap/vi-du-tap-huan-to-lien-gia/index.html"))
            .unwrap();
    assert_contains(&drill, "Dữ liệu minh hoạ.");
    let (ok, stdout, stderr) = pccc_in(&site, &["check", "--as-of", "2026-12-05"], &[]);
    assert!(ok, "{stderr}");
    assert_contains(&stdout, "Không có lỗi: ");
    // What the ward must fill in, as check lists it.
    let listed: Vec<&str> = stderr.lines().filter(|l| l.starts_with("cảnh báo: ")).collect();
    let expected = [
        "cảnh báo: `base_url` còn là địa chỉ tạm `https://pccc.tan-mai.example`: tên miền \
         `pccc.tan-mai.example` không có thật",
        "cảnh báo: chưa có địa chỉ trụ sở của cơ quan quản lý trang",
        "cảnh báo: chưa có giờ làm việc của cơ quan quản lý trang",
        "cảnh báo: chưa có đơn vị chịu trách nhiệm nội dung",
        "cảnh báo: chưa có số điện thoại của “UBND phường Tân Mai”",
        "cảnh báo: chưa có số điện thoại của “Công an phường Tân Mai”",
        "cảnh báo: chưa có số điện thoại của “Đội Cảnh sát PCCC và CNCH phụ trách địa bàn”",
        "cảnh báo: chưa có số điện thoại của “Điện lực phụ trách địa bàn”",
        "cảnh báo: chưa có số điện thoại của “Công ty cấp nước phụ trách địa bàn”",
    ];
    assert_eq!(listed, expected, "{stderr}");
    // With --strict (the publishing step) the same list fails the build.
    let (ok, _, _) = pccc_in(&site, &["build", "--strict", "--as-of", "2026-12-05"], &[]);
    assert!(!ok);
    // A second init into the same folder writes nothing.
    let before = crate::support::snapshot(&site);
    let (ok, _, stderr) = pccc_in(
        dir.path(),
        &["init", "tan-mai", "--ward", "phường Tân Mai", "--province", "Hà Nội"],
        &[],
    );
    assert!(!ok);
    assert_eq!(
        stderr,
        "lỗi: `tan-mai` đã có nội dung; pccc init không ghi đè\n  = gợi ý: chọn một thư mục \
         chưa có, ví dụ: pccc init pccc-phuong-moi --ward …\n"
    );
    assert!(before == crate::support::snapshot(&site));
}

#[test]
fn init_refuses_root_instead_of_ignoring_it() {
    let dir = tempfile::tempdir().unwrap();
    let args =
        ["--root", "noi-khac", "init", "x", "--ward", "phường Tân Mai", "--province", "Hà Nội"];
    let (ok, stdout, stderr) = pccc_in(dir.path(), &args, &[]);
    assert!(!ok);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "lỗi: --root không dùng được với pccc init: trang mới được tạo ở <THƯ_MỤC>, tính từ thư \
         mục hiện tại\n  = gợi ý: bỏ --root và ghi đường dẫn vào <THƯ_MỤC>, ví dụ: pccc init \
         noi-khac/x --ward …\n"
    );
    assert!(!dir.path().join("x").exists() && !dir.path().join("noi-khac").exists());
}

#[test]
fn init_names_every_missing_flag() {
    let dir = tempfile::tempdir().unwrap();
    for (args, message) in [
        (
            &["init", "x"][..],
            "pccc init còn thiếu --ward (tên phường, xã) và --province (tỉnh, thành phố)",
        ),
        (
            &["init", "x", "--ward", "phường Tân Mai"][..],
            "pccc init còn thiếu --province (tỉnh, thành phố)",
        ),
        (
            &["init", "x", "--ward", "Tân Mai", "--province", "Hà Nội"][..],
            "`--ward Tân Mai`: viết cả cấp hành chính ở đầu: phường, xã hoặc đặc khu, ví dụ --ward \"phường Tân Mai\"",
        ),
    ] {
        let (ok, stdout, stderr) = pccc_in(dir.path(), args, &[]);
        assert!(!ok);
        assert_eq!(stdout, "");
        assert_eq!(
            stderr,
            format!(
                "lỗi: {message}\n  = gợi ý: ví dụ: pccc init pccc-tan-mai --ward \"phường Tân Mai\" \
                 --province \"Hà Nội\"\n"
            )
        );
        assert!(!dir.path().join("x").exists());
    }
}
