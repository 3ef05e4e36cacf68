//! A page's own picture for share cards (`image:` in front matter): found beside the page like
//! the images of its text, measured, and written into `og:image`; the site's picture otherwise.

use crate::support::{Site, assert_contains};

const AS_OF: &str = "2026-11-28";
const ARTICLE: &str = "content/bai-viet/cach-goi-114.md";

/// The ward's site with `image: <image>` added to one article's front matter.
fn ward_with_image(image: &str) -> Site {
    let site = Site::ward();
    let text = site.read(ARTICLE);
    let text = text.replacen("---\n", &format!("---\nimage: {image}\n"), 1);
    site.write(ARTICLE, text);
    site
}

#[test]
fn a_page_picture_is_its_share_card_and_others_keep_the_site_picture() {
    let site = ward_with_image("anh-chia-se.png");
    let picture = std::fs::read(site.path("static/chia-se.png")).unwrap();
    site.write("content/bai-viet/anh-chia-se.png", picture);
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let page = site.read("public/bai-viet/cach-goi-114/index.html");
    assert_contains(
        &page,
        "<meta property=\"og:image\" content=\"https://pccc.khuongdinh.example/bai-viet/anh-chia-se.png\">\n<meta property=\"og:image:width\" content=\"1200\">\n<meta property=\"og:image:height\" content=\"630\">",
    );
    let other = site.read("public/bai-viet/thoat-nan-nha-ong/index.html");
    assert_contains(
        &other,
        "<meta property=\"og:image\" content=\"https://pccc.khuongdinh.example/chia-se.",
    );
}

#[test]
fn a_missing_share_picture_is_an_error_at_its_field() {
    let site = ward_with_image("khong-co.jpg");
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(!run.success);
    assert_contains(
        &run.stderr,
        "lỗi: không tìm thấy tệp `khong-co.jpg` (tìm ở content/bai-viet/khong-co.jpg)\n --> content/bai-viet/cach-goi-114.md:2:8\n  |\n2 | image: khong-co.jpg\n  |        ^^^^^^^^^^^^\n  |\n  = gợi ý: ví dụ image: anh-chia-se.jpg, ảnh đặt cạnh tệp bài viết, rộng 1200, cao 630 điểm ảnh\n",
    );
}

#[test]
fn a_share_picture_must_be_a_raster_image_of_200_pixels_or_more() {
    let site = ward_with_image("so-do.svg");
    site.write("content/bai-viet/so-do.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(!run.success);
    assert_contains(
        &run.stderr,
        "lỗi: `image` phải là ảnh JPEG, PNG, WebP hoặc GIF để mạng xã hội hiện được, nhưng `so-do.svg` không phải\n",
    );

    let site = ward_with_image("nho.png");
    let icon = std::fs::read(site.path("themes/mac-dinh/static/icon-192.png")).unwrap();
    site.write("content/bai-viet/nho.png", icon);
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "cảnh báo: ảnh chia sẻ `nho.png` chỉ 192×192 điểm ảnh: mạng xã hội cần ít nhất 200×200\n --> content/bai-viet/cach-goi-114.md:2:8\n  |\n2 | image: nho.png\n  |        ^^^^^^^\n  |\n  = gợi ý: dùng ảnh rộng 1200, cao 630 điểm ảnh\n\n"
    );
}
