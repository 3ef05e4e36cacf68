#!/usr/bin/env python3
"""Edit-to-reload latency of `pccc serve`.

Starts `pccc serve` on a site, listens to its reload events like an open browser tab, then
repeatedly edits one page's body and measures:
  - save -> reload event: the time until the server tells open pages to reload;
  - save -> new content:  the time until a GET of the page returns the edited text.
Reports min, median and max over the repetitions.

Sites: the ward's own site (the repository), and a generated site of N article pages
(--pages N) with Vietnamese text, headings, lists, tables, links and tags.

With --kinds, times each kind of edit on the generated sites instead (body, title, date, tags,
draft, new, delete, rename, a template used by one page, a template used by every page, a
violation record): save -> the change visible over HTTP, polling the page as a user would, then
polls the other outputs the edit must change (the section listing, a tag page, the feed) and
times the last of them too ("every output": what watch mode makes right after the reload, the
listing pages further down and the outputs that gather many pages, included). The next save
comes --pause seconds after the last at the earliest (0.7 s: the gathering of 10,000 pages,
search index included, is done by then).
--ward-config puts the generated site under the ward's own site.toml (its tone-mark rule,
search settings, menu and contacts) instead of a minimal one.

Usage: bench/serve_latency.py [--pages 10000] [--runs 30] [--bin target/release/pccc] [--kinds [--ward-config]]
Not a test: no threshold is asserted; read the figures.
"""
import argparse, os, random, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WORDS = ("phòng cháy chữa cháy cứu nạn cứu hộ thoát nạn khói lửa bình chữa cháy đường ngõ ngách "
         "nhà ống chung cư mini tổ dân phố Khương Đình báo cháy điện gas xe điện sạc cầu thang "
         "ban công chuồng cọp lối thoát thứ hai gọi 114 an toàn gia đình trẻ em người già").split()
TAGS = ["thoát nạn", "điện", "gas", "chung cư", "nhà ống", "xe điện", "bình chữa cháy", "114"]

def sentence(rng, n=14):
    s = " ".join(rng.choice(WORDS) for _ in range(n))
    return s[0].upper() + s[1:] + "."

def generate(root, pages, seed=7):
    rng = random.Random(seed)
    os.makedirs(os.path.join(root, "content", "bai-viet"))
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(root, "themes"))
    with open(os.path.join(root, "site.toml"), "w") as f:
        f.write('title = "Trang thử tải"\nbase_url = "https://thu.example"\ntheme = "mac-dinh"\n'
                '[[emergency]]\nnumber = "114"\nlabel = "Cháy, nổ, cứu nạn, cứu hộ"\nprimary = true\n')
    with open(os.path.join(root, "content", "_index.md"), "w") as f:
        f.write('---\ntitle: "Trang chủ"\n---\n\nTrang thử tải.\n')
    with open(os.path.join(root, "content", "bai-viet", "_index.md"), "w") as f:
        f.write('---\ntitle: "Bài viết"\nsort_by: date\npaginate_by: 20\n---\n\nCác bài.\n')
    for i in range(pages):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        tags = ", ".join(rng.sample(TAGS, 2))
        body = [sentence(rng) for _ in range(3)]
        body.append(f"\n## Khi có cháy {i}\n")
        body += [f"{k}. {sentence(rng, 8)}" for k in range(1, 5)]
        body.append("\n| Việc | Ghi chú |\n|---|---|\n| Gọi 114 | " + sentence(rng, 5) + " |\n")
        if i > 0:
            body.append(f"Xem thêm [bài trước](@/bai-viet/bai-{i-1:05}.md#khi-co-chay-{i-1}).\n")
        body += [sentence(rng) for _ in range(6)]
        text = (f'---\ntitle: "Bài số {i}: {sentence(rng, 5)[:-1]}"\ndate: 2025-{month:02}-{day:02}\n'
                f'tags: [{tags}]\n---\n\n' + "\n\n".join(body) + "\n")
        with open(os.path.join(root, "content", "bai-viet", f"bai-{i:05}.md"), "w") as f:
            f.write(text)
    return os.path.join("content", "bai-viet", f"bai-{pages // 2:05}.md")

def add_kinds(root, pages):
    """What --kinds needs beside the articles: the edited page made the newest (so the section's
    first listing page, the home page and the feed show it), a page with a template of its own,
    and violation records (the test fixture's) with the settings they need."""
    mid = os.path.join(root, "content", "bai-viet", f"bai-{pages // 2:05}.md")
    write(mid, replace_line(open(mid, encoding="utf-8").read(), "date:", "date: 2027-06-01"))
    page = os.path.join(root, "content", "bai-viet", "bai-00000.md")
    text = open(page, encoding="utf-8").read()
    open(page, "w", encoding="utf-8").write(text.replace("---\n", '---\ntemplate: "rieng.html"\n', 1))
    os.makedirs(os.path.join(root, "templates"))
    shutil.copy(os.path.join(REPO, "themes", "mac-dinh", "templates", "page.html"),
                os.path.join(root, "templates", "rieng.html"))
    shutil.copytree(os.path.join(REPO, "tests", "fixtures", "violations", "content", "vi-pham"),
                    os.path.join(root, "content", "vi-pham"))
    with open(os.path.join(root, "site.toml"), "a+") as f:
        f.seek(0)
        if "[violations]" not in f.read():
            f.write('[violations]\ngrace_days = 30\ncorrections = "Bộ phận Một cửa, UBND phường Thử"\n')

def ward_config(root):
    """--ward-config: the generated site under the ward's own site.toml and static files (this
    repository's: its tone-mark rule, search settings, menu, contacts), with the sections and
    pages its menu links to (a short page each)."""
    shutil.copy(os.path.join(REPO, "site.toml"), os.path.join(root, "site.toml"))
    shutil.copytree(os.path.join(REPO, "static"), os.path.join(root, "static"))
    for folder, title in (("bai-hoc", "Bài học"), ("dien-tap", "Diễn tập")):
        os.makedirs(os.path.join(root, "content", folder))
        write(os.path.join(root, "content", folder, "_index.md"), f'---\ntitle: "{title}"\n---\n\n{title}.\n')
    for slug, title in (("ke-hoach-pccc", "Kế hoạch PCCC"), ("so-dien-thoai-khan-cap", "Số khẩn cấp")):
        write(os.path.join(root, "content", slug + ".md"), f'---\ntitle: "{title}"\n---\n\nTrang {title.lower()}.\n')

def copy_ward(root):
    for part in ("site.toml", "content", "themes", "static", "templates"):
        src = os.path.join(REPO, part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(root, part))
        elif os.path.isfile(src):
            shutil.copy(src, os.path.join(root, part))
    return os.path.join("content", "bai-viet", "cach-goi-114.md")

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

class Events(threading.Thread):
    """Reads the server-sent events like a browser tab; records when each reload arrives."""
    def __init__(self, url):
        super().__init__(daemon=True)
        self.url, self.arrivals, self.cond = url, [], threading.Condition()
    def run(self):
        with urllib.request.urlopen(self.url) as stream:
            for line in stream:
                if line.startswith(b"event: reload"):
                    with self.cond:
                        self.arrivals.append(time.perf_counter())
                        self.cond.notify_all()
    def wait_after(self, t0, timeout=30):
        with self.cond:
            end = time.time() + timeout
            while not any(a >= t0 for a in self.arrivals):
                if not self.cond.wait(end - time.time()):
                    raise TimeoutError("no reload event")
            return min(a for a in self.arrivals if a >= t0)

def measure(root, page_rel, url_path, binary, runs):
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--as-of", "2026-11-28"], cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 600
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("server did not start:\n" + (server.stdout.read() or ""))
                time.sleep(0.05)
        events = Events(base + "/__pccc/su-kien")
        events.start()
        time.sleep(0.3)
        path = os.path.join(root, page_rel)
        original = open(path, encoding="utf-8").read()
        to_event, to_content = [], []
        for run in range(runs):
            marker = f"Dấu sửa số {run} {time.time_ns()}"
            text = original.rstrip("\n") + f"\n\n{marker}\n"
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            arrived = events.wait_after(t0)
            to_event.append((arrived - t0) * 1000)
            while True:
                html = urllib.request.urlopen(base + url_path).read().decode()
                if marker in html:
                    to_content.append((time.perf_counter() - t0) * 1000)
                    break
            time.sleep(0.15)
        return to_event, to_content
    finally:
        server.terminate()
        server.wait(10)

def wait_for(base, path, check, timeout=60):
    """Polls `path` until `check(status, text)` holds; returns when it did."""
    end = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(base + path) as r:
                status, text = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, ""
        except OSError:
            status, text = 0, ""  # not listening yet
        if check(status, text):
            return time.perf_counter()
        if time.time() > end:
            raise TimeoutError(f"{path} never showed the edit")

def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

def replace_line(text, prefix, line):
    out = [line if l.startswith(prefix) else l for l in text.split("\n")]
    return "\n".join(out)

def kinds_of_edit(root, pages):
    """Each kind of edit as (name, make(run) -> (apply, [(path, check)])): `apply` saves the
    edit; the first check is polled (timed), then the others (the time the last holds)."""
    mid = pages // 2
    rel = lambda i: os.path.join(root, "content", "bai-viet", f"bai-{i:05}.md")
    url = lambda i: f"/bai-viet/bai-{i:05}/"
    has = lambda needle: (lambda status, text: status == 200 and needle in text)
    def body(run):
        marker = f"Dấu sửa thân {run} {time.time_ns()}"
        text = open(rel(mid), encoding="utf-8").read().rstrip("\n") + f"\n\n{marker}\n"
        return (lambda: write(rel(mid), text)), [(url(mid), has(marker))]
    def title(run):
        marker = f"Tiêu đề sửa {run} {time.time_ns()}"
        text = replace_line(open(rel(mid), encoding="utf-8").read(), "title:", f'title: "{marker}"')
        return (lambda: write(rel(mid), text)), [(url(mid), has(marker)), ("/bai-viet/", has(marker)),
                                                  ("/atom.xml", has(marker))]
    def date(run):
        iso = f"2027-{1 + run % 12:02}-{1 + run % 28:02}"
        text = replace_line(open(rel(mid), encoding="utf-8").read(), "date:", f"date: {iso}")
        # The newest page leads the section listing and the feed.
        return (lambda: write(rel(mid), text)), [(url(mid), has(f'datetime="{iso}"')),
                                                  ("/bai-viet/", has(url(mid))), ("/atom.xml", has(url(mid)))]
    def tags(run):
        tag = f"thẻ {run} {time.time_ns() % 100000}"
        text = replace_line(open(rel(mid), encoding="utf-8").read(), "tags:", f"tags: [{tag}]")
        return (lambda: write(rel(mid), text)), [(url(mid), has(tag)), ("/chu-de/", has(tag))]
    def draft(run):
        text = open(rel(mid), encoding="utf-8").read()
        if "\ndraft: true\n" in text:
            text, check = text.replace("\ndraft: true\n", "\n", 1), (lambda s, t: s == 200 and "Bản nháp." not in t)
        else:
            text, check = text.replace("---\n", "---\ndraft: true\n", 1), has("Bản nháp.")
        return (lambda: write(rel(mid), text)), [(url(mid), check)]
    def new(run):
        marker = f"Bài mới {run} {time.time_ns()}"
        path = os.path.join(root, "content", "bai-viet", f"moi-{run}.md")
        text = f'---\ntitle: "{marker}"\ndate: 2027-12-31\ntags: [gas]\n---\n\n{marker}.\n'
        return (lambda: write(path, text)), [(f"/bai-viet/moi-{run}/", has(marker)), ("/bai-viet/", has(marker)),
                                              ("/atom.xml", has(marker))]
    def delete(run):
        path = os.path.join(root, "content", "bai-viet", f"moi-{run}.md")
        gone = f"/bai-viet/moi-{run}/"
        return (lambda: os.remove(path)), [(gone, lambda s, t: s == 404),
                                           ("/bai-viet/", lambda s, t: s == 200 and gone not in t),
                                           ("/atom.xml", lambda s, t: s == 200 and gone not in t)]
    def rename(run):
        # The last page: no other page links to it (each links to the one before).
        last = pages - 1
        a, b = rel(last), os.path.join(root, "content", "bai-viet", f"doi-ten-{last}.md")
        src, dst, new_url = (a, b, f"/bai-viet/doi-ten-{last}/") if run % 2 == 0 else (b, a, url(last))
        return (lambda: os.rename(src, dst)), [(new_url, lambda s, t: s == 200)]
    def template_one(run):
        path = os.path.join(root, "templates", "rieng.html")
        marker = f"mẫu riêng {run} {time.time_ns()}"
        text = re.sub(r"<i hidden>mẫu riêng[^<]*</i>", "", open(path, encoding="utf-8").read())
        at = text.rfind("</")
        text = text[:at] + f"<i hidden>{marker}</i>" + text[at:]
        return (lambda: write(path, text)), [(url(0), has(marker))]
    def template_all(run):
        path = os.path.join(root, "themes", "mac-dinh", "templates", "base.html")
        marker = f"mẫu chung {run} {time.time_ns()}"
        text = re.sub(r"<i hidden>mẫu chung[^<]*</i>", "", open(path, encoding="utf-8").read())
        at = text.rfind("</body>")
        text = text[:at] + f"<i hidden>{marker}</i>" + text[at:]
        return (lambda: write(path, text)), [(url(mid), has(marker)), ("/bai-viet/", has(marker))]
    def record(run):
        path = os.path.join(root, "content", "vi-pham", "vp-a.yaml")
        marker = f"Cơ sở sửa {run} {time.time_ns()}"
        text = re.sub(r'(?m)^  name: ".*"$', f'  name: "{marker}"', open(path, encoding="utf-8").read(), count=1)
        return (lambda: write(path, text)), [("/vi-pham/vp-a/", has(marker)), ("/vi-pham/", has(marker))]
    return [("body", body), ("title", title), ("date", date), ("tags", tags), ("draft", draft),
            ("new page", new), ("delete page", delete), ("rename page", rename),
            ("template of one page", template_one), ("template of every page", template_all),
            ("violation record", record)]

def measure_kinds(root, pages, binary, runs, pause):
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--as-of", "2026-11-28"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = {}
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base, "/", lambda s, t: s == 200, timeout=600)
        for name, make in kinds_of_edit(root, pages):
            times, every = [], []
            for run in range(runs):
                # `new` and `delete` alternate on the same page: delete removes what new made.
                apply, checks = make(run)
                t0 = time.perf_counter()
                apply()
                (path, check), rest = checks[0], checks[1:]
                last = wait_for(base, path, check)
                times.append((last - t0) * 1000)
                for path, check in rest:
                    last = wait_for(base, path, check, timeout=5)
                every.append((last - t0) * 1000)
                # The next save comes when the last one's gathering (the search index and the
                # sitemap, after every output checked) is done, as after an editor's pause.
                time.sleep(max(0.15, pause - (time.perf_counter() - t0)))
            results[name] = (times, every)
        return results
    finally:
        server.terminate()
        server.wait(10)

def summary(name, values, every=None):
    line = f"| {name} | {min(values):.1f} | {statistics.median(values):.1f} | {max(values):.1f} |"
    return line if every is None else f"{line} {statistics.median(every):.1f} |"

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, action="append", help="generated site size (repeatable); default 10000")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--bin", default=os.path.join(REPO, "target", "release", "pccc"))
    parser.add_argument("--no-ward", action="store_true", help="skip the ward's own site")
    parser.add_argument("--kinds", action="store_true", help="time each kind of edit (generated sites)")
    parser.add_argument("--pause", type=float, default=0.7,
                        help="with --kinds: seconds from one save to the next at the least (default 0.7: "
                             "the gathering of 10,000 pages is done by then; less times saves that "
                             "come while it runs)")
    parser.add_argument("--ward-config", action="store_true",
                        help="with --kinds: the generated sites use the ward's own site.toml and static files")
    args = parser.parse_args()
    sizes = args.pages or [10000]
    if args.kinds:
        return main_kinds(args, sizes)
    print(f"pccc: {args.bin}; {args.runs} edits per site; load average {os.getloadavg()[0]:.2f}")
    print("| site | measure | min ms | median ms | max ms |")
    print("|---|---|---|---|---|")
    sites = [] if args.no_ward else [("ward site", None)]
    sites += [(f"{n} generated pages", n) for n in sizes]
    for name, pages in sites:
        root = tempfile.mkdtemp(prefix="pccc-latency-")
        try:
            if pages is None:
                rel, url = copy_ward(root), "/bai-viet/cach-goi-114/"
            else:
                rel = generate(root, pages)
                url = "/bai-viet/" + os.path.basename(rel)[:-3] + "/"
            to_event, to_content = measure(root, rel, url, args.bin, args.runs)
            for label, values in (("save → reload event", to_event), ("save → new content served", to_content)):
                print(summary(f"{name} | {label}", values))
            sys.stdout.flush()
        finally:
            shutil.rmtree(root, ignore_errors=True)

def main_kinds(args, sizes):
    print(f"pccc: {args.bin}; {args.runs} edits of each kind; load average {os.getloadavg()[0]:.2f}")
    print("| site | edit | min ms | median ms | max ms | median ms, every output |")
    print("|---|---|---|---|---|---|")
    for pages in sizes:
        root = tempfile.mkdtemp(prefix="pccc-latency-")
        try:
            generate(root, pages)
            if args.ward_config:
                ward_config(root)
            add_kinds(root, pages)
            for name, (values, every) in measure_kinds(root, pages, args.bin, args.runs, args.pause).items():
                print(summary(f"{pages} pages | {name}", values, every))
            sys.stdout.flush()
        finally:
            shutil.rmtree(root, ignore_errors=True)

if __name__ == "__main__":
    main()
