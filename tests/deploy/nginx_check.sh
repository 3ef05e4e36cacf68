#!/usr/bin/env bash
# Serves a fresh build of the ward's site with Debian's nginx and deploy/nginx.conf on a
# loopback port, then checks what nginx sends: status and Content-Type (with charset) of each
# file kind, the 404 page with status 404, `/x` to `/x/`, the aliases as 301 redirects, gzip,
# cache and security headers, framing allowed under /nhung/ only. Then, when the browser suite
# is installed (tests/browser, `npm ci`), Chromium visits every page through nginx and must meet
# no CSP violation and no failed request (tests/browser/nginx.test.js).
#
# Needs nginx (`apt-get install nginx`) and curl; runs as root or not (nginx gets its own pid,
# log and temporary folders under a temporary folder). `PCCC_BIN` picks the binary (default
# target/debug/pccc), `PCCC_NGINX_PORT` the port (default: a free one). Called by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
bin="${PCCC_BIN:-target/debug/pccc}"
nginx="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$nginx" ] || { echo "nginx is not installed: apt-get install nginx" >&2; exit 1; }

work="$(mktemp -d)"
chmod 755 "$work" # nginx's workers run as nobody when started by root
pid_file="$work/nginx.pid"
stop() {
  if [ -s "$pid_file" ]; then kill "$(cat "$pid_file")" 2>/dev/null || true; sleep 0.2; fi
  rm -rf "$work"
}
trap stop EXIT

port="${PCCC_NGINX_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
url="http://127.0.0.1:$port"

# A fresh build of the ward's site, with the address nginx will answer at.
mkdir -p "$work/site"
for part in site.toml content themes static templates; do
  [ -e "$part" ] && cp -r "$part" "$work/site/"
done
"$bin" --root "$work/site" build --as-of 2026-11-28 --base-url "$url" >/dev/null
public="$work/site/public"

cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $pid_file;
error_log $work/error.log warn;
events { worker_connections 64; }
http {
    access_log $work/access.log;
    client_body_temp_path $work/client_body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    server {
        listen 127.0.0.1:$port;
        root $public;
        include $repo/deploy/nginx.conf;
        include $public/_redirects.nginx;
    }
}
EOF
"$nginx" -e "$work/error.log" -p "$work" -c "$work/nginx.conf" -t -q
"$nginx" -e "$work/error.log" -p "$work" -c "$work/nginx.conf"
for _ in $(seq 50); do curl -s -o /dev/null "$url/" && break; sleep 0.1; done

failures=0
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }

# The response headers of a GET of $1 (extra curl arguments after it), lower-case names, no CR.
headers() {
  local path="$1"; shift
  curl -s -o /dev/null -D - "$@" "$url$path" | tr -d '\r' | sed 's/^\([^:]*\):/\L\1:/'
}
# header NAME < headers: its value.
header() { awk -v name="$1" 'index($0, name ": ") == 1 { print substr($0, length(name) + 3); exit }'; }
status() { awk 'NR == 1 { print $2; exit }'; }

# expect PATH STATUS CONTENT-TYPE [CACHE]: status, exact Content-Type, Cache-Control if given,
# and the security headers every response carries.
expect() {
  local path="$1" want_status="$2" want_type="$3" want_cache="${4:-}" h
  h="$(headers "$path")"
  [ "$(status <<<"$h")" = "$want_status" ] || fail "$path: status $(status <<<"$h"), expected $want_status"
  [ "$(header content-type <<<"$h")" = "$want_type" ] ||
    fail "$path: Content-Type '$(header content-type <<<"$h")', expected '$want_type'"
  if [ -n "$want_cache" ] && [ "$(header cache-control <<<"$h")" != "$want_cache" ]; then
    fail "$path: Cache-Control '$(header cache-control <<<"$h")', expected '$want_cache'"
  fi
  [ "$(header x-content-type-options <<<"$h")" = "nosniff" ] || fail "$path: no X-Content-Type-Options"
  [ "$(header referrer-policy <<<"$h")" = "strict-origin-when-cross-origin" ] || fail "$path: no Referrer-Policy"
  [[ "$(header permissions-policy <<<"$h")" == *"camera=()"* ]] || fail "$path: no Permissions-Policy"
  local csp
  csp="$(header content-security-policy <<<"$h")"
  [[ "$csp" == "default-src 'self'; script-src 'self'; style-src 'self'; "* ]] || fail "$path: CSP '$csp'"
  case "$path" in
    /nhung/*)
      [[ "$csp" == *"; frame-ancestors *" ]] || fail "$path: embeds must be framable, CSP '$csp'"
      [ -z "$(header x-frame-options <<<"$h")" ] || fail "$path: X-Frame-Options on an embed" ;;
    *)
      [[ "$csp" == *"; frame-ancestors 'none'" ]] || fail "$path: CSP '$csp'"
      [ "$(header x-frame-options <<<"$h")" = "DENY" ] || fail "$path: no X-Frame-Options DENY" ;;
  esac
  echo "ok   $want_status $path ($want_type${want_cache:+; $want_cache})"
}

# A URL with ?v= as the home page links it.
versioned() { grep -o "$url/$1?v=[0-9a-f]*" "$public/index.html" | head -1 | sed "s|^$url||"; }

no_cache="no-cache"
year="public, max-age=31536000, immutable"
lesson="$(cd "$public/nhung/bai-hoc" && ls | head -1)"
index_version="$(grep -o 'data-search-version="[0-9a-f]*"' "$public/tim-kiem/index.html" | cut -d'"' -f2)"

expect / 200 "text/html; charset=utf-8" "$no_cache"
expect /bai-viet/ 200 "text/html; charset=utf-8" "$no_cache"
expect "/nhung/bai-hoc/$lesson/" 200 "text/html; charset=utf-8" "$no_cache"
expect "$(versioned style.css)" 200 "text/css; charset=utf-8" "$year"
expect /style.css 200 "text/css; charset=utf-8" "$no_cache"
expect "$(versioned site.webmanifest)" 200 "application/manifest+json; charset=utf-8" "$year"
expect "$(versioned favicon.svg)" 200 "image/svg+xml; charset=utf-8" "$year"
expect "$(versioned apple-touch-icon.png)" 200 "image/png" "$year"
expect "/tim-kiem/search.js?v=$(grep -o 'search.js?v=[0-9a-f]*' "$public/tim-kiem/index.html" | cut -d= -f2)" \
  200 "text/javascript; charset=utf-8" "$year"
expect "/tim-kiem/chi-muc/meta.json?v=$index_version" 200 "application/json; charset=utf-8" "$year"
expect /vi-pham/danh-sach.csv 200 "text/csv; charset=utf-8" "$no_cache"
expect /vi-pham/danh-sach.json 200 "application/json; charset=utf-8" "$no_cache"
expect /dien-tap/lich.ics 200 "text/calendar; charset=utf-8" "$no_cache"
expect /sitemap.xml 200 "application/xml; charset=utf-8" "$no_cache"
expect /atom.xml 200 "application/atom+xml; charset=utf-8" "$no_cache"
expect /robots.txt 200 "text/plain; charset=utf-8" "$no_cache"
expect /khong-co-trang-nay/ 404 "text/html; charset=utf-8" "$no_cache"
expect /_redirects.nginx 404 "text/html; charset=utf-8"
expect /_headers 404 "text/html; charset=utf-8"
# The build's own files: its marker and its cache (a second build has it after a first).
"$bin" --root "$work/site" build --as-of 2026-11-28 --base-url "$url" >/dev/null
[ -s "$public/.pccc/cache" ] || fail "the build wrote no cache in $public/.pccc/cache"
expect /.pccc/cache 404 "text/html; charset=utf-8"
expect /.pccc-output 404 "text/html; charset=utf-8"

# A search document's fragment has no precompressed copy: nginx compresses it as it sends it.
fragment="$(cd "$public/tim-kiem/chi-muc/d" && ls -S | grep -m1 '\.json$')"
[ ! -e "$public/tim-kiem/chi-muc/d/$fragment.gz" ] || fail "search fragment $fragment has a .gz copy"
encoding="$(headers "/tim-kiem/chi-muc/d/$fragment" -H 'Accept-Encoding: gzip' | header content-encoding)"
if [ "$encoding" = gzip ]; then echo "ok   search fragment $fragment sent gzip-compressed"
else fail "search fragment $fragment: Content-Encoding '$encoding', expected gzip"; fi

# The site's own 404 page.
body="$(curl -s "$url/khong-co-trang-nay/")"
if grep -q "<title>Không tìm thấy trang" <<<"$body"; then echo "ok   404 page is the site's"; else fail "404: not the site's 404 page"; fi

# expect_redirect PATH LOCATION: a 301 to LOCATION.
expect_redirect() {
  local h
  h="$(headers "$1")"
  [ "$(status <<<"$h")" = 301 ] || fail "$1: status $(status <<<"$h"), expected 301"
  [ "$(header location <<<"$h")" = "$2" ] || fail "$1: Location '$(header location <<<"$h")', expected '$2'"
  echo "ok   301 $1 -> $2"
}
expect_redirect /bai-viet /bai-viet/
grep -q '^location = /114/ ' "$public/_redirects.nginx" || fail "the ward's alias /114/ is not in _redirects.nginx"
expect_redirect /114/ /so-dien-thoai-khan-cap/
expect_redirect /114 /so-dien-thoai-khan-cap/

# gzip: compressed when asked for, with Vary; the .gz pccc wrote is sent as it is.
h="$(headers / -H 'Accept-Encoding: gzip')"
[ "$(header content-encoding <<<"$h")" = gzip ] || fail "/: not gzipped"
[ "$(header vary <<<"$h")" = "Accept-Encoding" ] || fail "/: no Vary: Accept-Encoding"
[ -z "$(header content-encoding <<<"$(headers /)")" ] || fail "/: gzipped though not asked for"
if [ -f "$public/index.html.gz" ]; then
  [ "$(header content-length <<<"$h")" = "$(stat -c %s "$public/index.html.gz")" ] ||
    fail "/: the precompressed index.html.gz was not the one sent"
  echo "ok   gzip_static sends index.html.gz"
fi
for path in "$(versioned style.css)" /vi-pham/danh-sach.csv /dien-tap/lich.ics /vi-pham/danh-sach.json; do
  [ "$(headers "$path" -H 'Accept-Encoding: gzip' | header content-encoding)" = gzip ] || fail "$path: not gzipped"
done
echo "ok   gzip with Vary: Accept-Encoding"

echo
echo "headers of a page (/bai-viet/):"
headers /bai-viet/ -H 'Accept-Encoding: gzip' | sed 's/^/    /'
echo "headers of an asset ($(versioned style.css)):"
headers "$(versioned style.css)" -H 'Accept-Encoding: gzip' | sed 's/^/    /'

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed; nginx's error log:" >&2
  cat "$work/error.log" >&2 || true
  exit 1
fi

# Every page in Chromium through nginx, if the browser suite is installed.
if [ -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && PCCC_NGINX_URL="$url" PCCC_NGINX_ROOT="$public" node --test nginx.test.js)
else
  echo "browser check skipped: run npm ci in tests/browser first"
fi
echo "nginx: every check passed"
