//! `pccc init <thư mục>`: a new site for another ward, written from what the binary carries.
//!
//! Everything comes from this repository at compile time, so an init site builds with the
//! installed binary alone: the default theme (every file of `themes/mac-dinh`), the generic
//! articles and lessons of the ward's own site (`content/bai-viet`, `content/bai-hoc`, the
//! emergency page and the editors' guide, through `include_str!`, so a correction made to the
//! ward's copy reaches the next `init`), and the templates in `src/init/` for what is the
//! ward's own: `site.toml` with its placeholders ("CHƯA CÓ", an `.example` address), the home
//! page, a plan page to fill, a drill section and a violations folder with one sample each.
//!
//! The ward's name replaces "phường Khương Đình"; the few sentences that state a fact about
//! Khương Đình itself are rewritten to hold for any ward ([`GENERALISED`]); the two sources
//! that cite Khương Đình's own plan are dropped. The unit tests check that every rewrite still
//! finds its sentence and that no "Khương Đình" is left.
//!
//! The share image with the ward's name is not drawn here: `tools/make_images.py` draws it
//! (Pillow and the DejaVu fonts), and `init` says so. The theme's generic image (no ward name)
//! serves until then.

use std::path::Path;

use jiff::civil::Date;

use crate::diagnostic::Problems;

/// The ward a new site is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ward {
    /// As written mid-sentence: "phường Tân Mai", "xã Sóc Sơn", "đặc khu Phú Quốc".
    pub full: String,
    /// Without its level: "Tân Mai".
    pub name: String,
    /// The province or centrally-run city: "Hà Nội".
    pub province: String,
}

/// The levels a commune-level unit has since 1 July 2025.
const LEVELS: [&str; 3] = ["phường", "xã", "đặc khu"];

impl Ward {
    /// Reads `--ward` and `--province`; the message says what to write instead.
    pub fn new(ward: &str, province: &str) -> Result<Ward, String> {
        let ward = crate::text::nfc(ward.trim()).into_owned();
        let province = crate::text::nfc(province.trim()).into_owned();
        let lower = ward.to_lowercase();
        let level = LEVELS
            .iter()
            .find(|level| lower.strip_prefix(**level).is_some_and(|rest| rest.starts_with(' ')));
        let Some(level) = level else {
            return Err(format!(
                "`--ward {ward}`: viết cả cấp hành chính ở đầu: phường, xã hoặc đặc khu, ví dụ \
                 --ward \"phường {ward}\""
            ));
        };
        let name = ward[level.len()..].trim().to_string();
        if name.is_empty() || province.is_empty() {
            return Err("tên phường, xã và tên tỉnh, thành phố không được để trống".to_string());
        }
        Ok(Ward { full: format!("{level} {name}"), name, province })
    }

    /// "Phường Tân Mai", for the start of a sentence.
    fn capitalised(&self) -> String {
        let mut chars = self.full.chars();
        chars
            .next()
            .map_or(String::new(), |c| c.to_uppercase().collect::<String>() + chars.as_str())
    }
}

/// What `pccc init` writes.
#[derive(Debug)]
pub struct Plan {
    /// Each file, relative to the new site's folder, and its bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

/// The new site's files for `ward`, with `base_url` (or a placeholder on `.example`) and its
/// sample drill a month after `today`. Pure: [`write`] puts them on disk.
pub fn plan(ward: &Ward, base_url: Option<&str>, today: Date) -> Plan {
    let slug = crate::slug::slugify(&ward.name);
    let base_url = base_url.map_or(format!("https://pccc.{slug}.example"), str::to_string);
    let drill_day = today.saturating_add(jiff::Span::new().days(30));
    let fill = |text: &str| {
        text.replace("{{phuong}}", &ward.full)
            .replace("{{Phuong}}", &ward.capitalised())
            .replace("{{tinh}}", &ward.province)
            .replace("{{base_url}}", &base_url)
            .replace("{{ngay_dien_tap}}", &drill_day.to_string())
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (path, text) in OWN {
        files.push((path.to_string(), fill(text).into_bytes()));
    }
    for (path, text) in GENERIC {
        files.push((format!("content/{path}"), localise(path, text, ward).into_bytes()));
    }
    for (path, bytes) in THEME {
        files.push((format!("themes/mac-dinh/{path}"), bytes.to_vec()));
    }
    files.push(("tools/make_images.py".to_string(), MAKE_IMAGES.as_bytes().to_vec()));
    Plan { files }
}

/// Whether `dir` may receive a new site: it must not exist, or be an empty folder, so that
/// nothing of an existing site is ever overwritten. The message says what is wrong.
pub fn check_empty(dir: &Path) -> Result<(), String> {
    let occupied = std::fs::read_dir(dir).map(|mut entries| entries.next().is_some());
    if matches!(occupied, Ok(true)) || (dir.exists() && !dir.is_dir()) {
        return Err(format!("`{}` đã có nội dung; pccc init không ghi đè", dir.display()));
    }
    Ok(())
}

/// Writes `plan` into `dir`, checked by [`check_empty`].
pub fn write(dir: &Path, plan: &Plan) -> Result<(), Problems> {
    for (path, bytes) in &plan.files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::write(&target, bytes)?;
    }
    Ok(())
}

/// `text` of the ward's generic file `path` made the new ward's: the sentences about
/// Khương Đình itself generalised, the sources citing its plan dropped, its name replaced.
fn localise(path: &str, text: &str, ward: &Ward) -> String {
    let mut text = text.replace("\r\n", "\n");
    for (file, from, to) in GENERALISED {
        if *file == path {
            text = text.replace(from, to);
        }
    }
    text.replace("Phường Khương Đình", &ward.capitalised())
        .replace("phường Khương Đình", &ward.full)
}

/// Sentences of the generic files that state a fact about Khương Đình, and what `init` writes
/// instead: something true of any ward, or nothing (a source that is Khương Đình's own plan).
/// A test fails when the ward's copy changes one of them, naming the file.
pub const GENERALISED: &[(&str, &str, &str)] = &[
    (
        "bai-viet/cach-goi-114.md",
        "Ở Khương Đình, nhiều nhà nằm trong ngõ, ngách sâu.",
        "Nhiều nhà nằm trong ngõ, ngách sâu.",
    ),
    (
        "bai-viet/nha-trong-ngo-sau.md",
        "Nhiều nhà ở Khương Đình nằm sâu trong ngõ, ngách nhỏ.",
        "Nhiều nhà nằm sâu trong ngõ, ngách nhỏ.",
    ),
    (
        "bai-viet/thoat-nan-nha-ong.md",
        "Khương Đình có rất nhiều nhà ống:",
        "Nhà ống rất phổ biến ở nước ta:",
    ),
    (
        "bai-hoc/thoat-nan-nha-ong-nha-nhieu-tang.md",
        "Khương Đình có rất nhiều nhà ống và nhà nhiều tầng nhiều căn hộ.",
        "Nhà ống và nhà nhiều tầng nhiều căn hộ rất phổ biến ở nước ta.",
    ),
    (
        "bai-viet/nha-tro-chung-cu-mini.md",
        "  - title: \"Kế hoạch thực hiện Chỉ thị số 02-CT/TW ngày 31/01/2026 (bản chưa ghi số, ngày), mục 4.3 và 4.4\"\n    publisher: \"UBND phường Khương Đình\"\n",
        "",
    ),
    (
        "bai-viet/nha-trong-ngo-sau.md",
        "  - title: \"Kế hoạch thực hiện Chỉ thị số 02-CT/TW ngày 31/01/2026 (bản chưa ghi số, ngày), mục 6.1\"\n    publisher: \"UBND phường Khương Đình\"\n",
        "",
    ),
    ("huong-dan-bien-tap.md", "ngõ 102 phố Khương Đình", "ngõ Minh Hoạ 1"),
];

/// The files that are the new ward's own, from `src/init/`, with `{{…}}` filled in.
const OWN: &[(&str, &str)] = &[
    ("site.toml", include_str!("init/site.toml")),
    ("content/_index.md", include_str!("init/_index.md")),
    ("content/ke-hoach-pccc.md", include_str!("init/ke-hoach-pccc.md")),
    ("content/dien-tap/_index.md", include_str!("init/dien-tap/_index.md")),
    (
        "content/dien-tap/vi-du-tap-huan-to-lien-gia.md",
        include_str!("init/dien-tap/vi-du-tap-huan-to-lien-gia.md"),
    ),
    ("content/vi-pham/vp-minh-hoa-0001.yaml", include_str!("init/vi-pham/vp-minh-hoa-0001.yaml")),
];

/// The ward's content that serves any ward: every article and lesson, the emergency page and
/// the editors' guide. Its home page, plan, drills and violations are Khương Đình's own.
pub const GENERIC: &[(&str, &str)] = &[
    ("bai-viet/_index.md", include_str!("../content/bai-viet/_index.md")),
    (
        "bai-viet/an-toan-karaoke-quan-bar.md",
        include_str!("../content/bai-viet/an-toan-karaoke-quan-bar.md"),
    ),
    (
        "bai-viet/bao-chay-doc-lap-chuong-lien-gia.md",
        include_str!("../content/bai-viet/bao-chay-doc-lap-chuong-lien-gia.md"),
    ),
    ("bai-viet/cach-goi-114.md", include_str!("../content/bai-viet/cach-goi-114.md")),
    (
        "bai-viet/dien-an-toan-trong-nha.md",
        include_str!("../content/bai-viet/dien-an-toan-trong-nha.md"),
    ),
    (
        "bai-viet/ke-hoach-thoat-nan-gia-dinh.md",
        include_str!("../content/bai-viet/ke-hoach-thoat-nan-gia-dinh.md"),
    ),
    (
        "bai-viet/mo-loi-thoat-nan-thu-hai.md",
        include_str!("../content/bai-viet/mo-loi-thoat-nan-thu-hai.md"),
    ),
    (
        "bai-viet/nha-tro-chung-cu-mini.md",
        include_str!("../content/bai-viet/nha-tro-chung-cu-mini.md"),
    ),
    ("bai-viet/nha-trong-ngo-sau.md", include_str!("../content/bai-viet/nha-trong-ngo-sau.md")),
    (
        "bai-viet/phap-luat-pccc-nguoi-dan.md",
        include_str!("../content/bai-viet/phap-luat-pccc-nguoi-dan.md"),
    ),
    ("bai-viet/ro-ri-khi-gas.md", include_str!("../content/bai-viet/ro-ri-khi-gas.md")),
    ("bai-viet/sac-xe-dien-an-toan.md", include_str!("../content/bai-viet/sac-xe-dien-an-toan.md")),
    (
        "bai-viet/su-dung-binh-chua-chay.md",
        include_str!("../content/bai-viet/su-dung-binh-chua-chay.md"),
    ),
    (
        "bai-viet/thoat-nan-chung-cu-nha-cao-tang.md",
        include_str!("../content/bai-viet/thoat-nan-chung-cu-nha-cao-tang.md"),
    ),
    ("bai-viet/thoat-nan-nha-ong.md", include_str!("../content/bai-viet/thoat-nan-nha-ong.md")),
    ("bai-hoc/_index.md", include_str!("../content/bai-hoc/_index.md")),
    (
        "bai-hoc/be-tranh-xa-lua-va-thoat-hiem.md",
        include_str!("../content/bai-hoc/be-tranh-xa-lua-va-thoat-hiem.md"),
    ),
    (
        "bai-hoc/em-thoat-nan-khi-co-chay-o-truong.md",
        include_str!("../content/bai-hoc/em-thoat-nan-khi-co-chay-o-truong.md"),
    ),
    (
        "bai-hoc/su-dung-binh-chua-chay-xach-tay.md",
        include_str!("../content/bai-hoc/su-dung-binh-chua-chay-xach-tay.md"),
    ),
    (
        "bai-hoc/thoat-nan-nha-ong-nha-nhieu-tang.md",
        include_str!("../content/bai-hoc/thoat-nan-nha-ong-nha-nhieu-tang.md"),
    ),
    ("so-dien-thoai-khan-cap.md", include_str!("../content/so-dien-thoai-khan-cap.md")),
    ("huong-dan-bien-tap.md", include_str!("../content/huong-dan-bien-tap.md")),
];

/// Every file of the default theme; a test holds this list to the folder.
pub const THEME: &[(&str, &[u8])] = &[
    (
        "static/apple-touch-icon.png",
        include_bytes!("../themes/mac-dinh/static/apple-touch-icon.png"),
    ),
    ("static/chia-se.png", include_bytes!("../themes/mac-dinh/static/chia-se.png")),
    ("static/favicon.svg", include_bytes!("../themes/mac-dinh/static/favicon.svg")),
    ("static/icon-192.png", include_bytes!("../themes/mac-dinh/static/icon-192.png")),
    ("static/icon-512.png", include_bytes!("../themes/mac-dinh/static/icon-512.png")),
    ("static/nhung.css", include_bytes!("../themes/mac-dinh/static/nhung.css")),
    ("static/nhung.js", include_bytes!("../themes/mac-dinh/static/nhung.js")),
    ("static/nhung/khung.js", include_bytes!("../themes/mac-dinh/static/nhung/khung.js")),
    ("static/sao-chep.js", include_bytes!("../themes/mac-dinh/static/sao-chep.js")),
    ("static/style.css", include_bytes!("../themes/mac-dinh/static/style.css")),
    ("static/vi-pham.js", include_bytes!("../themes/mac-dinh/static/vi-pham.js")),
    ("templates/404.html", include_bytes!("../themes/mac-dinh/templates/404.html")),
    ("templates/bao-cao.html", include_bytes!("../themes/mac-dinh/templates/bao-cao.html")),
    ("templates/base.html", include_bytes!("../themes/mac-dinh/templates/base.html")),
    (
        "templates/chi-tieu-list.html",
        include_bytes!("../themes/mac-dinh/templates/chi-tieu-list.html"),
    ),
    ("templates/chi-tieu.html", include_bytes!("../themes/mac-dinh/templates/chi-tieu.html")),
    ("templates/drill.html", include_bytes!("../themes/mac-dinh/templates/drill.html")),
    ("templates/drills.html", include_bytes!("../themes/mac-dinh/templates/drills.html")),
    ("templates/emergency.html", include_bytes!("../themes/mac-dinh/templates/emergency.html")),
    ("templates/index.html", include_bytes!("../themes/mac-dinh/templates/index.html")),
    (
        "templates/lesson-embed.html",
        include_bytes!("../themes/mac-dinh/templates/lesson-embed.html"),
    ),
    (
        "templates/lesson-nhung.html",
        include_bytes!("../themes/mac-dinh/templates/lesson-nhung.html"),
    ),
    ("templates/lesson.html", include_bytes!("../themes/mac-dinh/templates/lesson.html")),
    (
        "templates/nguon-nuoc-list.html",
        include_bytes!("../themes/mac-dinh/templates/nguon-nuoc-list.html"),
    ),
    (
        "templates/nguon-nuoc-record.html",
        include_bytes!("../themes/mac-dinh/templates/nguon-nuoc-record.html"),
    ),
    ("templates/open-data.html", include_bytes!("../themes/mac-dinh/templates/open-data.html")),
    ("templates/page.html", include_bytes!("../themes/mac-dinh/templates/page.html")),
    (
        "templates/partials/draft-notice.html",
        include_bytes!("../themes/mac-dinh/templates/partials/draft-notice.html"),
    ),
    (
        "templates/partials/drill-list.html",
        include_bytes!("../themes/mac-dinh/templates/partials/drill-list.html"),
    ),
    (
        "templates/partials/key-messages.html",
        include_bytes!("../themes/mac-dinh/templates/partials/key-messages.html"),
    ),
    (
        "templates/partials/lesson-plan.html",
        include_bytes!("../themes/mac-dinh/templates/partials/lesson-plan.html"),
    ),
    (
        "templates/partials/lesson-sources.html",
        include_bytes!("../themes/mac-dinh/templates/partials/lesson-sources.html"),
    ),
    (
        "templates/partials/next-drill.html",
        include_bytes!("../themes/mac-dinh/templates/partials/next-drill.html"),
    ),
    (
        "templates/partials/numbers.html",
        include_bytes!("../themes/mac-dinh/templates/partials/numbers.html"),
    ),
    (
        "templates/partials/page-list.html",
        include_bytes!("../themes/mac-dinh/templates/partials/page-list.html"),
    ),
    (
        "templates/partials/pagination.html",
        include_bytes!("../themes/mac-dinh/templates/partials/pagination.html"),
    ),
    (
        "templates/partials/prev-next.html",
        include_bytes!("../themes/mac-dinh/templates/partials/prev-next.html"),
    ),
    (
        "templates/partials/quiz-question.html",
        include_bytes!("../themes/mac-dinh/templates/partials/quiz-question.html"),
    ),
    (
        "templates/partials/quiz.html",
        include_bytes!("../themes/mac-dinh/templates/partials/quiz.html"),
    ),
    ("templates/place.html", include_bytes!("../themes/mac-dinh/templates/place.html")),
    ("templates/places-atom.xml", include_bytes!("../themes/mac-dinh/templates/places-atom.xml")),
    ("templates/places.html", include_bytes!("../themes/mac-dinh/templates/places.html")),
    ("templates/poster.html", include_bytes!("../themes/mac-dinh/templates/poster.html")),
    ("templates/search.html", include_bytes!("../themes/mac-dinh/templates/search.html")),
    ("templates/section.html", include_bytes!("../themes/mac-dinh/templates/section.html")),
    ("templates/site.webmanifest", include_bytes!("../themes/mac-dinh/templates/site.webmanifest")),
    ("templates/tag.html", include_bytes!("../themes/mac-dinh/templates/tag.html")),
    ("templates/tags.html", include_bytes!("../themes/mac-dinh/templates/tags.html")),
    (
        "templates/tiep-can-list.html",
        include_bytes!("../themes/mac-dinh/templates/tiep-can-list.html"),
    ),
    (
        "templates/tiep-can-record.html",
        include_bytes!("../themes/mac-dinh/templates/tiep-can-record.html"),
    ),
    (
        "templates/to-dan-pho-index.html",
        include_bytes!("../themes/mac-dinh/templates/to-dan-pho-index.html"),
    ),
    ("templates/to-dan-pho.html", include_bytes!("../themes/mac-dinh/templates/to-dan-pho.html")),
    ("templates/vi-pham-atom.xml", include_bytes!("../themes/mac-dinh/templates/vi-pham-atom.xml")),
    (
        "templates/vi-pham-gone.html",
        include_bytes!("../themes/mac-dinh/templates/vi-pham-gone.html"),
    ),
    (
        "templates/vi-pham-list.html",
        include_bytes!("../themes/mac-dinh/templates/vi-pham-list.html"),
    ),
    ("templates/vi-pham-nav.html", include_bytes!("../themes/mac-dinh/templates/vi-pham-nav.html")),
    (
        "templates/vi-pham-record.html",
        include_bytes!("../themes/mac-dinh/templates/vi-pham-record.html"),
    ),
    (
        "templates/vi-pham-removed.html",
        include_bytes!("../themes/mac-dinh/templates/vi-pham-removed.html"),
    ),
    ("theme.toml", include_bytes!("../themes/mac-dinh/theme.toml")),
];

/// The script that draws the icons and the share image with the ward's name.
const MAKE_IMAGES: &str = include_str!("../tools/make_images.py");

#[cfg(test)]
mod tests {
    use super::*;

    fn ward() -> Ward {
        Ward::new("phường Tân Mai", "Hà Nội").unwrap()
    }

    #[test]
    fn a_ward_is_written_with_its_level() {
        let w = Ward::new("  Xã Sóc Sơn ", "Hà Nội").unwrap();
        assert_eq!((w.full.as_str(), w.name.as_str()), ("xã Sóc Sơn", "Sóc Sơn"));
        assert_eq!(
            Ward::new("đặc khu Phú Quốc", "An Giang").unwrap().capitalised(),
            "Đặc khu Phú Quốc"
        );
        assert_eq!(
            Ward::new("Tân Mai", "Hà Nội").unwrap_err(),
            "`--ward Tân Mai`: viết cả cấp hành chính ở đầu: phường, xã hoặc đặc khu, ví dụ \
             --ward \"phường Tân Mai\""
        );
        assert!(Ward::new("phường ", "Hà Nội").is_err());
    }

    #[test]
    fn every_generalised_sentence_is_still_in_the_wards_copy() {
        for (file, from, _) in GENERALISED {
            let (_, text) = GENERIC.iter().find(|(path, _)| path == file).expect(file);
            assert_eq!(
                text.replace("\r\n", "\n").matches(from).count(),
                1,
                "content/{file} no longer says {from:?}: update GENERALISED in src/init.rs"
            );
        }
    }

    #[test]
    fn no_khuong_dinh_is_left_in_an_init_site() {
        let plan = plan(&ward(), None, Date::constant(2026, 12, 5));
        for (path, bytes) in &plan.files {
            let Ok(text) = std::str::from_utf8(bytes) else { continue };
            // The filter script's comment shows what typing without accents finds.
            let allowed =
                path == "themes/mac-dinh/static/vi-pham.js" || path == "tools/make_images.py";
            if !allowed {
                assert!(!text.contains("Khương Đình"), "{path} still names Khương Đình");
            }
        }
        let site = &plan.files.iter().find(|(p, _)| p == "site.toml").unwrap().1;
        let site = std::str::from_utf8(site).unwrap();
        assert!(site.contains("title = \"An toàn PCCC phường Tân Mai\""), "{site}");
        assert!(site.contains("base_url = \"https://pccc.tan-mai.example\""), "{site}");
    }

    #[test]
    fn the_theme_list_is_the_theme_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/mac-dinh");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        on_disk.sort();
        let listed: Vec<String> = THEME.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(listed, on_disk, "list every file of themes/mac-dinh in THEME (src/init.rs)");
    }
}
