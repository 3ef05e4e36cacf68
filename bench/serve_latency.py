#!/usr/bin/env python3
"""Edit-to-reload latency of `pccc serve`.

Starts `pccc serve` on a site, listens to its reload events like an open browser tab, then
repeatedly edits one page's body and measures:
  - save -> reload event: the time until the server tells open pages to reload;
  - save -> new content:  the time until a GET of the page returns the edited text.
Reports min, median and max over the repetitions.

Sites: the ward's own site (the repository), and a generated site of N article pages
(--pages N) with Vietnamese text, headings, lists, tables, links and tags.

Usage: bench/serve_latency.py [--pages 10000] [--runs 30] [--bin target/release/pccc]
Not a test: no threshold is asserted; read the figures.
"""
import argparse, os, random, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.request

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

def summary(name, values):
    return f"| {name} | {min(values):.1f} | {statistics.median(values):.1f} | {max(values):.1f} |"

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, action="append", help="generated site size (repeatable); default 10000")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--bin", default=os.path.join(REPO, "target", "release", "pccc"))
    parser.add_argument("--no-ward", action="store_true", help="skip the ward's own site")
    args = parser.parse_args()
    sizes = args.pages or [10000]
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

if __name__ == "__main__":
    main()
