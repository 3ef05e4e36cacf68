//! The output folder is resolved as the file system sees it before anything is written: a
//! symbolic link into the sources, a file, or a folder that pccc did not make is refused, with
//! everything in it left as it was; a link to an empty folder (a web root) is built into.

use std::os::unix::fs::symlink;

use crate::support::{Site, snapshot};

const AS_OF: &str = "2026-11-28";

/// Sets `output_dir` in the good fixture's site.toml, on line 7.
fn output_dir(site: &Site, value: &str) {
    site.edit(
        "site.toml",
        "paginate_by = 2\n",
        &format!("paginate_by = 2\noutput_dir = \"{value}\"\n"),
    );
}

/// Runs `build`, then `check`: both must fail with exactly `expected`, and the site's sources
/// must stay as they were, with nothing new at the top of the site.
#[track_caller]
fn refused(site: &Site, expected: &str) {
    let sources = snapshot(site.root());
    let top = site.top_level();
    for command in ["build", "check"] {
        let run = site.pccc(&[command, "--as-of", AS_OF]);
        assert!(!run.success, "{command} should fail");
        assert_eq!(run.stdout, "");
        if run.stderr != expected {
            eprintln!("--- actual stderr of {command} ---\n{}--- end ---", run.stderr);
        }
        assert_eq!(run.stderr, expected, "{command}");
        assert_eq!(snapshot(site.root()), sources, "{command} must leave every file as it was");
        assert_eq!(site.top_level(), top, "{command} must create nothing");
    }
}

#[test]
fn a_link_to_the_content_folder_is_refused_and_nothing_is_lost() {
    let site = Site::fixture("good");
    symlink("content", site.path("out")).unwrap();
    output_dir(&site, "out");
    refused(
        &site,
        r#"lỗi: thư mục xuất `out` là thư mục content/; mỗi lần dựng, pccc xoá những gì nó không tạo trong thư mục xuất, nên sẽ xoá mất nguồn của trang
 --> site.toml:7:14
  |
7 | output_dir = "out"
  |              ^^^^^
  |
  = gợi ý: chọn một thư mục riêng chỉ để chứa trang đã dựng, ví dụ output_dir = "public"; nếu đó là một liên kết, hãy xoá liên kết (nơi nó trỏ tới vẫn còn nguyên)
  = ghi chú: `out` dẫn tới `content` qua liên kết tượng trưng (symlink)

Không dựng được trang: 1 lỗi.
"#,
    );
    assert!(site.exists("content/bai-viet/thoat-nan.md"));
}

#[test]
fn the_default_public_as_a_link_into_the_theme_is_refused() {
    let site = Site::fixture("good");
    symlink("themes/thu", site.path("public")).unwrap();
    refused(
        &site,
        r#"lỗi: thư mục xuất `public` nằm trong thư mục themes/; mỗi lần dựng, pccc xoá những gì nó không tạo trong thư mục xuất, nên sẽ xoá mất nguồn của trang
--> public
 = gợi ý: chọn một thư mục riêng chỉ để chứa trang đã dựng, ví dụ output_dir = "public"; nếu đó là một liên kết, hãy xoá liên kết (nơi nó trỏ tới vẫn còn nguyên)
 = ghi chú: `public` dẫn tới `themes/thu` qua liên kết tượng trưng (symlink)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_link_that_steps_back_into_the_content_is_refused() {
    let site = Site::fixture("good");
    // `lien-ket/..` is content/, where the link leads, not the site's folder.
    symlink("content/bai-viet", site.path("lien-ket")).unwrap();
    output_dir(&site, "lien-ket/../moi");
    refused(
        &site,
        r#"lỗi: thư mục xuất `lien-ket/../moi` nằm trong thư mục content/; mỗi lần dựng, pccc xoá những gì nó không tạo trong thư mục xuất, nên sẽ xoá mất nguồn của trang
 --> site.toml:7:14
  |
7 | output_dir = "lien-ket/../moi"
  |              ^^^^^^^^^^^^^^^^^
  |
  = gợi ý: chọn một thư mục riêng chỉ để chứa trang đã dựng, ví dụ output_dir = "public"; nếu đó là một liên kết, hãy xoá liên kết (nơi nó trỏ tới vẫn còn nguyên)
  = ghi chú: `lien-ket/../moi` dẫn tới `content/moi` qua liên kết tượng trưng (symlink)

Không dựng được trang: 1 lỗi.
"#,
    );
    assert!(!site.exists("content/moi"));
}

#[test]
fn a_folder_holding_the_linked_content_is_refused() {
    // The content lives elsewhere and is linked in; the output leads to the folder holding it.
    let elsewhere = tempfile::tempdir().unwrap();
    let site = Site::fixture("good");
    let kept = elsewhere.path().join("noi-dung");
    std::fs::rename(site.path("content"), &kept).unwrap();
    symlink(&kept, site.path("content")).unwrap();
    symlink(elsewhere.path(), site.path("public")).unwrap();
    let before = snapshot(elsewhere.path());
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("lỗi: thư mục xuất `public` chứa thư mục content/;"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(elsewhere.path()), before);
}

#[test]
fn an_existing_file_is_not_replaced() {
    let site = Site::fixture("good");
    site.write("README.md", "# Trang của phường\n");
    output_dir(&site, "README.md");
    refused(
        &site,
        r#"lỗi: thư mục xuất `README.md` đang là một tệp; dựng trang sẽ thay mất tệp này
 --> site.toml:7:14
  |
7 | output_dir = "README.md"
  |              ^^^^^^^^^^^
  |
  = gợi ý: chọn tên của một thư mục chưa có hoặc do pccc tạo, ví dụ output_dir = "public"

Không dựng được trang: 1 lỗi.
"#,
    );
    assert_eq!(site.read("README.md"), "# Trang của phường\n");
}

#[test]
fn a_folder_pccc_did_not_make_is_refused_until_moved_aside() {
    let site = Site::fixture("good");
    site.write("public/index.html", "trang cũ");
    site.write("public/anh/logo.png", "png");
    site.write("public/ghi-chu.txt", "của ai đó");
    site.write("public/.htaccess", "x");
    refused(
        &site,
        r#"lỗi: thư mục xuất `public` đã có nội dung mà không do pccc dựng ra (thiếu tệp đánh dấu `.pccc-output`); mỗi lần dựng, pccc xoá mọi thứ trong thư mục xuất mà nó không tạo
--> public
 = gợi ý: nếu đó là bản dựng của pccc phiên bản cũ hoặc không cần nữa, đổi tên hay xoá thư mục (ví dụ: mv public public.cu) rồi dựng lại; nếu đó là thư mục web còn chứa tệp khác, hãy cho pccc dựng vào một thư mục trống riêng
 = ghi chú: trong đó có: .htaccess, anh, ghi-chu.txt và 1 mục khác

Không dựng được trang: 1 lỗi.
"#,
    );
    std::fs::rename(site.path("public"), site.path("public.cu")).unwrap();
    site.build(AS_OF);
    assert!(site.exists("public/index.html"));
    assert_eq!(site.read("public/.pccc-output").lines().count(), 2);
    assert_eq!(site.read("public.cu/ghi-chu.txt"), "của ai đó");
}

#[test]
fn an_empty_folder_is_built_into() {
    let site = Site::fixture("good");
    std::fs::create_dir(site.path("public")).unwrap();
    site.build(AS_OF);
    assert!(site.exists("public/index.html"));
    assert!(site.exists("public/.pccc-output"));
}

#[test]
fn a_link_to_a_web_root_is_built_into_and_kept() {
    let web = tempfile::tempdir().unwrap();
    let root = web.path().join("html");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("index.nginx-debian.html"), "Welcome to nginx!").unwrap();
    let site = Site::fixture("good");
    symlink(&root, site.path("public")).unwrap();

    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("ghi chú: trong đó có: index.nginx-debian.html\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("`public` dẫn tới `{}`", root.display())),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(root.join("index.nginx-debian.html")).unwrap(),
        "Welcome to nginx!"
    );

    // Emptied by the deployer, it is built into; the link stays a link.
    std::fs::remove_file(root.join("index.nginx-debian.html")).unwrap();
    let run = site.build(AS_OF);
    assert!(run.stdout.contains(&format!("vào {} trong", root.display())), "{}", run.stdout);
    assert!(std::fs::symlink_metadata(site.path("public")).unwrap().file_type().is_symlink());
    assert!(root.join("index.html").is_file() && root.join(".pccc-output").is_file());
    let first = snapshot(&root);

    // A rebuild updates it in place; nothing is left beside it or beside the link.
    site.edit("content/bai-viet/thoat-nan.md", "Khi có cháy", "Khi phát hiện cháy");
    site.build(AS_OF);
    assert!(
        std::fs::read_to_string(root.join("bai-viet/thoat-nan/index.html"))
            .unwrap()
            .contains("Khi phát hiện cháy")
    );
    assert_eq!(snapshot(&root).len(), first.len());
    let mut beside: Vec<_> =
        std::fs::read_dir(web.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    beside.sort();
    assert_eq!(
        beside,
        [".html.ban-truoc", "html"],
        "no staging folder left beside the web root, only the previous output kept"
    );
    assert!(site.top_level().iter().all(|n| !n.starts_with('.')), "{:?}", site.top_level());
}

#[test]
fn a_dangling_link_is_refused() {
    let site = Site::fixture("good");
    let gone = site.path("khong-co/html");
    symlink(&gone, site.path("public")).unwrap();
    // Through a link further up, the message names that link.
    output_dir(&site, "public/trang");
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(
        run.stderr.starts_with("lỗi: thư mục xuất `public/trang` đi qua liên kết `public` tới"),
        "{}",
        run.stderr
    );
    site.edit("site.toml", "output_dir = \"public/trang\"\n", "");
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        format!(
            "lỗi: thư mục xuất `public` là liên kết tới `{}`, nhưng nơi đó không tồn tại\n--> public\n = gợi ý: tạo thư mục mà liên kết trỏ tới rồi dựng lại, hoặc xoá liên kết để pccc tự tạo thư mục xuất\n\nKhông dựng được trang: 1 lỗi.\n",
            gone.display()
        )
    );
    assert!(!site.exists("khong-co"));
}

#[test]
fn a_link_in_a_loop_is_refused() {
    let site = Site::fixture("good");
    symlink("public", site.path("public")).unwrap();
    refused(
        &site,
        r#"lỗi: thư mục xuất `public` đi qua liên kết `public` mà hệ thống không lần theo được
--> public
 = gợi ý: xem liên kết trỏ tới đâu (ls -l public): có thể nó trỏ vòng về chính nó; sửa hoặc xoá liên kết rồi dựng lại
 = ghi chú: hệ thống báo: liên kết tượng trưng dẫn vòng về chính nó, mã lỗi hệ thống 40

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn the_output_problem_is_reported_with_the_content_problems() {
    let site = Site::fixture("good");
    symlink("content", site.path("public")).unwrap();
    site.edit("content/bai-viet/thoat-nan.md", "updated: 2026-03-10", "update: 2026-03-10");
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("lỗi: trường `update` không dùng được trong bài viết"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("lỗi: thư mục xuất `public` là thư mục content/"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.ends_with("Không dựng được trang: 2 lỗi.\n"), "{}", run.stderr);
}
