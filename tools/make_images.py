#!/usr/bin/env python3
"""Draws the theme's icons and the share images (PNG) from text, so they can be remade.

Needs Pillow and the DejaVu fonts (Debian: fonts-dejavu-core). Run from the site's root:
    python3 tools/make_images.py
writes themes/mac-dinh/static/{icon-192,icon-512,apple-touch-icon,chia-se}.png and
static/chia-se.png (the ward's share image, with its name);
    python3 tools/make_images.py --ward "phường Tân Mai"
writes only static/chia-se.png, with that name: the step `pccc init` leaves to a new ward (the
theme's icons say "114" and serve every ward). The binary does not draw it: that would take a
font rasteriser and an embedded font of about 700 KB for one image drawn once per ward.
"""
import argparse
import os

from PIL import Image, ImageDraw, ImageFont

RED, DARK, WHITE = (179, 38, 30), (140, 29, 24), (255, 255, 255)
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

def icon(size, path):
    img = Image.new("RGB", (size, size), RED)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(BOLD, int(size * 0.36))
    draw.text((size / 2, size / 2), "114", font=font, fill=WHITE, anchor="mm")
    img.save(path, optimize=True)

def share(path, title):
    img = Image.new("RGB", (1200, 630), WHITE)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 1200, 200), fill=RED)
    draw.text((60, 100), "Cháy, nổ, cứu nạn, cứu hộ: gọi 114", font=ImageFont.truetype(BOLD, 52), fill=WHITE, anchor="lm")
    y = 300
    for line in title:
        draw.text((60, y), line, font=ImageFont.truetype(BOLD, 64), fill=DARK, anchor="lm")
        y += 90
    draw.text((60, 560), "Kiến thức, kỹ năng phòng cháy, chữa cháy và thoát nạn", font=ImageFont.truetype(REGULAR, 36), fill=(27, 27, 27), anchor="lm")
    img.save(path, optimize=True)

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Vẽ biểu tượng và ảnh chia sẻ của trang.")
    parser.add_argument("--ward", help='tên phường, xã có cả cấp, ví dụ "phường Tân Mai"')
    ward = parser.parse_args().ward
    if ward:
        os.makedirs("static", exist_ok=True)
        share("static/chia-se.png", ["An toàn PCCC", ward])
        raise SystemExit(0)
    theme = "themes/mac-dinh/static/"
    icon(192, theme + "icon-192.png")
    icon(512, theme + "icon-512.png")
    icon(180, theme + "apple-touch-icon.png")
    share(theme + "chia-se.png", ["An toàn phòng cháy,", "chữa cháy"])
    share("static/chia-se.png", ["An toàn PCCC", "phường Khương Đình"])
