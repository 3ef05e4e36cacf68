#!/usr/bin/env python3
"""Generates a site of N Vietnamese pages for the search benchmark.

Words come from the ward's own articles (content/bai-viet), so the vocabulary, the tones and
the share of đ are those of real pages. Sentences are random; the seed is fixed, so a run is
repeatable. Usage: gen.py N OUT_DIR
"""
import os
import random
import re
import shutil
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def vocabulary():
    words = []
    folder = os.path.join(REPO, "content", "bai-viet")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md") or name.startswith("_"):
            continue
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        body = text.split("\n---\n", 1)[-1]
        words += re.findall(r"[^\W_]+", body)
    return words


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(8)
    words = vocabulary()
    tags = ["thoát nạn", "bình chữa cháy", "điện", "gas", "chung cư", "nhà ống", "ngõ sâu",
            "xe điện", "pháp luật", "gia đình", "trường học", "chợ", "karaoke", "đường dây",
            "phương án", "diễn tập", "tổ liên gia", "nhà trọ", "kho hàng", "Tết"]
    if os.path.exists(out):
        shutil.rmtree(out)
    content = os.path.join(out, "content", "bai-viet")
    os.makedirs(content)
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(out, "themes"))
    toml = open(os.path.join(REPO, "site.toml"), encoding="utf-8").read()
    toml = toml.replace("paginate_by = 10", "paginate_by = 100")
    open(os.path.join(out, "site.toml"), "w", encoding="utf-8").write(toml)
    open(os.path.join(out, "content", "_index.md"), "w", encoding="utf-8").write(
        '---\ntitle: "Trang thử hiệu năng tìm kiếm"\n---\n\nTrang sinh tự động.\n')
    open(os.path.join(content, "_index.md"), "w", encoding="utf-8").write(
        '---\ntitle: "Bài viết"\nsort_by: title\n---\n')
    # Menu entries of the ward's site point at pages this site lacks.
    toml = re.sub(r'\[\[menu\]\][^\[]*', "", toml)
    open(os.path.join(out, "site.toml"), "w", encoding="utf-8").write(toml)

    def sentence(k):
        s = " ".join(rng.choice(words) for _ in range(k))
        return s[0].upper() + s[1:] + "."

    for i in range(n):
        title = sentence(rng.randint(5, 9)).rstrip(".") + f" (số {i})"
        parts = [f'---\ntitle: "{title}"\ndate: 2026-01-01\n'
                 f'tags: [{", ".join(rng.sample(tags, 2))}]\n---\n']
        for _ in range(rng.randint(3, 5)):
            parts.append("\n## " + sentence(rng.randint(3, 6)).rstrip(".") + "\n")
            for _ in range(rng.randint(2, 3)):
                parts.append("\n" + " ".join(sentence(rng.randint(8, 18)) for _ in range(4)) + "\n")
        open(os.path.join(content, f"trang-{i}.md"), "w", encoding="utf-8").write("".join(parts))


if __name__ == "__main__":
    main()
