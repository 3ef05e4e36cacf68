//! Which requests the preview answers. A page on another site must not read the preview: it
//! shows drafts and, on the error page, lines of unpublished sources.
//!
//! Two ways in are closed here; the router (`http`) asks [`Guard::check`] before any handler
//! runs:
//! - **DNS rebinding**: a site whose name is made to point at 127.0.0.1 sends its own name as
//!   `Host`. Only names that always mean this machine are answered: `localhost`,
//!   `*.localhost`, 127.0.0.0/8, `[::1]`, and the `--bind` address (any address when bound to
//!   all of them: an address written as such cannot be rebound to another site).
//! - **Cross-origin requests** to the watch mode's own endpoints (`/__pccc/...`: the event
//!   stream and the error page): refused when `Origin` names another origin or
//!   `Sec-Fetch-Site` says another site. Requests without them (curl, the page itself, a
//!   link typed in the address bar) are answered.
//!
//! Pages of the site stay open to a link followed from another site (a chat, an e-mail).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use axum::http::{HeaderMap, StatusCode, header};

use super::PREFIX;

/// What the server listens on, to know the names that reach it and to say how to open it.
#[derive(Debug, Clone, Copy)]
pub struct Guard {
    address: SocketAddr,
}

/// Why a request is refused: its status and a short text for whoever opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// 421 for a name that is not this machine's, 403 for another site's request.
    pub status: StatusCode,
    /// What happened and how to open the preview, in Vietnamese.
    pub text: String,
}

impl Guard {
    /// A guard for a server listening on `address` (the port actually bound).
    pub fn new(address: SocketAddr) -> Guard {
        Guard { address }
    }

    /// `None` when the request may be answered.
    pub fn check(
        &self,
        path: &str,
        authority: Option<&str>,
        headers: &HeaderMap,
    ) -> Option<Refusal> {
        let hosts: Vec<Option<&str>> =
            headers.get_all(header::HOST).iter().map(|h| h.to_str().ok()).collect();
        // An absolute-form target (`GET http://name/ HTTP/1.1`) names the host too.
        let named = hosts.iter().copied().chain(authority.map(Some));
        let mut any = false;
        for name in named {
            any = true;
            if !name.is_some_and(|n| self.host_allowed(n)) {
                return Some(self.refuse_host());
            }
        }
        if !any {
            return Some(self.refuse_host());
        }
        let own = path == PREFIX || path.starts_with(&format!("{PREFIX}/"));
        if own && cross_origin(headers) {
            return Some(Refusal {
                status: StatusCode::FORBIDDEN,
                text: format!(
                    "pccc serve không cho trang của nơi khác đọc bản xem thử. Hãy mở {} trực tiếp trong trình duyệt.\n",
                    self.advice()
                ),
            });
        }
        None
    }

    /// Whether `host` (a `Host` value: a name or an address, with or without a port) can only
    /// mean this machine.
    pub fn host_allowed(&self, host: &str) -> bool {
        let name = without_port(host.trim());
        let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
        if name == "localhost" || name.ends_with(".localhost") {
            return true;
        }
        let literal = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')).unwrap_or(&name);
        match literal.parse::<IpAddr>() {
            Ok(ip) => {
                let bind = self.address.ip();
                ip.to_canonical().is_loopback() || ip == bind || bind.is_unspecified()
            }
            Err(_) => false,
        }
    }

    fn refuse_host(&self) -> Refusal {
        Refusal {
            status: StatusCode::MISDIRECTED_REQUEST,
            text: format!(
                "pccc serve chỉ trả lời khi trang được mở bằng địa chỉ của chính máy này, để trang web khác không đọc được bản xem thử. Hãy mở {}.\n",
                self.advice()
            ),
        }
    }

    /// Where to open the preview.
    fn advice(&self) -> String {
        let (ip, port) = (self.address.ip(), self.address.port());
        let localhost = format!("http://localhost:{port}/");
        if ip.is_unspecified() {
            format!(
                "{localhost} trên chính máy này, hoặc http://<địa chỉ IP của máy này>:{port}/ từ máy khác"
            )
        } else if ip == Ipv4Addr::LOCALHOST || ip == Ipv6Addr::LOCALHOST {
            format!("http://{}/ hoặc {localhost}", self.address)
        } else {
            format!("http://{}/", self.address)
        }
    }
}

/// `name` of `name:port`, `[::1]` of `[::1]:port`; an address without a port as it is.
fn without_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split_inclusive(']').next().unwrap_or(host);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') && port.chars().all(|c| c.is_ascii_digit()) => {
            name
        }
        _ => host,
    }
}

/// Whether the request comes from a page of another origin: an `Origin` that is not this
/// server's as the request names it, or `Sec-Fetch-Site` saying another site.
fn cross_origin(headers: &HeaderMap) -> bool {
    let fetch_site = headers.get("sec-fetch-site").map(|v| v.to_str().unwrap_or("?"));
    if fetch_site.is_some_and(|site| !matches!(site, "same-origin" | "none")) {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN) else { return false };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (origin.to_str().ok().and_then(|o| o.strip_prefix("http://")), host) {
        (Some(origin), Some(host)) => !origin.eq_ignore_ascii_case(host.trim()),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn guard(bind: &str) -> Guard {
        Guard::new(bind.parse().unwrap())
    }

    #[test]
    fn only_names_of_this_machine_are_answered() {
        let g = guard("127.0.0.1:1111");
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "localhost.:1111",
            "preview.localhost:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:1111",
            "[::ffff:127.0.0.1]:1111",
        ] {
            assert!(g.host_allowed(host), "{host}");
        }
        for host in [
            "",
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "localhostx",
            "evil-localhost",
            "10.0.0.1:1111",
            "0.0.0.0:1111",
            "[::2]:1111",
            "[::1",
            "192.168.1.5",
        ] {
            assert!(!g.host_allowed(host), "{host}");
        }
        let lan = guard("192.168.1.5:1111");
        assert!(lan.host_allowed("192.168.1.5:1111") && lan.host_allowed("localhost"));
        assert!(!lan.host_allowed("192.168.1.6:1111") && !lan.host_allowed("pc.local:1111"));
        let all = guard("0.0.0.0:1111");
        assert!(all.host_allowed("192.168.1.6:1111") && all.host_allowed("[fe80::1]:1111"));
        assert!(!all.host_allowed("pc.local:1111") && !all.host_allowed("evil.example"));
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn other_origins_are_refused_on_the_endpoints_only() {
        let g = guard("127.0.0.1:1111");
        let own = "/__pccc/loi";
        let host = ("host", "127.0.0.1:1111");
        for ok in [
            vec![host],
            vec![host, ("origin", "http://127.0.0.1:1111")],
            vec![host, ("sec-fetch-site", "same-origin")],
            vec![host, ("sec-fetch-site", "none")],
        ] {
            assert_eq!(g.check(own, None, &headers(&ok)), None, "{ok:?}");
        }
        for bad in [
            vec![host, ("origin", "http://evil.example")],
            vec![host, ("origin", "http://127.0.0.1:2222")],
            vec![host, ("origin", "https://127.0.0.1:1111")],
            vec![host, ("origin", "null")],
            vec![host, ("sec-fetch-site", "cross-site")],
            vec![host, ("sec-fetch-site", "same-site")],
        ] {
            let refusal = g.check(own, None, &headers(&bad)).expect("refused");
            assert_eq!(refusal.status, StatusCode::FORBIDDEN, "{bad:?}");
            // A page of the site stays open to a link from elsewhere.
            assert_eq!(g.check("/bai-viet/a/", None, &headers(&bad)), None, "{bad:?}");
        }
        let refusal = g.check("/", None, &headers(&[("host", "evil.example")])).unwrap();
        assert_eq!(refusal.status, StatusCode::MISDIRECTED_REQUEST);
        assert_eq!(
            refusal.text,
            "pccc serve chỉ trả lời khi trang được mở bằng địa chỉ của chính máy này, để trang web khác không đọc được bản xem thử. Hãy mở http://127.0.0.1:1111/ hoặc http://localhost:1111/.\n"
        );
        assert!(g.check("/", None, &headers(&[])).is_some(), "no Host");
        assert!(g.check("/", Some("evil.example"), &headers(&[host])).is_some(), "absolute form");
        assert!(
            g.check("/", None, &headers(&[host, ("host", "evil.example")])).is_some(),
            "two Hosts"
        );
    }
}
