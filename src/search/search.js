// pccc site search: finds "đường" when a resident types "duong".
// Reads the index written by `pccc build` under /tim-kiem/chi-muc/ (format 3) and fetches only
// the chunks that hold the words typed, then one small file per result shown.
(function () {
  'use strict';
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var PAGE = 10;

  // The index's fold, exactly (src/text.rs, fold; tests/fixtures/fold.tsv holds both to it):
  // decomposed, every mark removed, đ/Đ and their look-alikes to d, lower case, ς as σ.
  function fold(s) {
    return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐÐðƉɖ]/g, 'd').toLowerCase().replace(/ς/g, 'σ');
  }

  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/;

  // The tone of a word ending in "oa", "oe" or "uy" on its last vowel ("hòa" -> "hoà"), as
  // the index stores exact forms (see canonical_tone in src/search/index.rs).
  function canonicalTone(word) {
    var letters = [];
    var chars = Array.from(word.normalize('NFD'));
    chars.forEach(function (c) {
      if (/\p{M}/u.test(c) && letters.length) letters[letters.length - 1].marks.push(c);
      else letters.push({ c: c, marks: [] });
    });
    var n = letters.length;
    if (n >= 2) {
      var pair = letters[n - 2].c + letters[n - 1].c;
      var quy = n >= 3 && letters[n - 3].c === 'q';
      if (pair === 'oa' || pair === 'oe' || (pair === 'uy' && !quy)) {
        var i = letters[n - 2].marks.findIndex(function (m) { return TONES.test(m); });
        if (i >= 0 && !letters[n - 1].marks.some(function (m) { return TONES.test(m); })) {
          letters[n - 1].marks.push(letters[n - 2].marks.splice(i, 1)[0]);
        }
      }
    }
    return letters.map(function (l) { return l.c + l.marks.join(''); }).join('').normalize('NFC');
  }

  // The query as concepts, in the order typed: a word, or a synonym group found in it. A
  // concept's alternatives are single items: a word, or a phrase (words joined by a space, an
  // index term of its own, found only where its words stand in that order). A group adds its
  // other phrases as phrases, never as loose words. The last word may still be being typed: it
  // also matches longer words.
  function parse(query, synonyms) {
    var raw = query.normalize('NFC');
    var typed = raw.match(WORD) || [];
    var items = typed.map(function (w) {
      var form = canonicalTone(w.toLowerCase());
      var term = fold(w);
      return { term: term, form: form, accented: term !== form, typed: true, len: 1 };
    });
    var open = items.length > 0 && /[\p{L}\p{N}\p{M}]$/u.test(raw);
    var concepts = [];
    for (var i = 0; i < items.length;) {
      var best = null;
      for (var g = 0; g < synonyms.length; g++) {
        for (var a = 0; a < synonyms[g].length; a++) {
          var alt = synonyms[g][a];
          if (alt.length > (best ? best.len : 0) && alt.every(function (t, j) { return items[i + j] && items[i + j].term === t; })) {
            best = { group: synonyms[g], alt: alt, len: alt.length };
          }
        }
      }
      if (best) {
        var words = items.slice(i, i + best.len);
        var mine = {
          term: best.alt.join(' '),
          form: words.map(function (w) { return w.form; }).join(' '),
          accented: words.some(function (w) { return w.accented; }),
          typed: true,
          len: best.len,
        };
        concepts.push({ prefix: false, alts: best.group.map(function (alt) {
          if (alt === best.alt) return mine;
          return { term: alt.join(' '), form: alt.join(' '), accented: false, typed: false, len: alt.length };
        }) });
        i += best.len;
      } else {
        concepts.push({ prefix: open && i === items.length - 1 && items[i].term.length >= 3, alts: [items[i]] });
        i += 1;
      }
    }
    return concepts;
  }

  // Index of the chunk whose range holds `term`.
  function chunkOf(firsts, term) {
    var lo = 0, hi = firsts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= term) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  // The numbers of a packed string (see pack in src/search/index.rs): base 45, digits from '#'
  // on (the backslash skipped), a number's last digit among the first 45, its others among the
  // next 45.
  function unpack(s) {
    var out = [], x = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i) - 35;
      if (c > 57) c -= 1;
      if (c < 45) { out.push(x * 45 + c); x = 0; } else x = x * 45 + c - 45;
    }
    return out;
  }

  // Scores per document of one typed word (or phrase) against one index entry.
  function scores(entry, item, factor, into) {
    // Weight and form are one number, weight * forms + form (see encode in src/search/index.rs).
    var forms = entry[0], flat = entry[1], n = forms.length;
    var exact = forms.indexOf(item.form);
    var doc = 0;
    for (var k = 0; k < flat.length; k += 2) {
      doc += flat[k];
      var form = flat[k + 1] % n, weight = Math.floor(flat[k + 1] / n);
      // Exact-accent matches first; a query typed with accents weighs other accents less.
      var f = form === exact ? 1 : (item.accented ? 0.2 : 0.9);
      into.set(doc, (into.get(doc) || 0) + weight * f * factor);
    }
    return into;
  }

  // Title masks per document of one index entry (bit p: the title's word p is the term),
  // stored as a position when one bit is set (see encode_titles in src/search/index.rs).
  var TITLE_WORDS = 24;
  function titleMasks(entry, into) {
    var flat = entry[2], doc = 0;
    for (var k = 0; k < flat.length; k += 2) {
      doc += flat[k];
      var v = flat[k + 1], mask = v < TITLE_WORDS ? 1 << v : v - TITLE_WORDS;
      into.set(doc, (into.get(doc) || 0) | mask);
    }
    return into;
  }

  // Where the concepts stand in a title: `marks` holds, per concept, the [mask, length] of each
  // of its alternatives found there. Returns whether the title holds them all as one phrase, in
  // the order typed, and how many neighbours stand in order at most one word apart.
  function titleOrder(marks) {
    var chain = -1, close = 0, prevEnd = 0;
    marks.forEach(function (alts, c) {
      var next = 0, starts = 0, ends = 0;
      alts.forEach(function (ml) {
        starts |= ml[0];
        ends |= ml[0] << (ml[1] - 1);
        next |= (chain === -1 ? ml[0] : (chain << 1) & ml[0]) << (ml[1] - 1);
      });
      if (c > 0 && (((prevEnd << 1) | (prevEnd << 2)) & starts)) close += 1;
      chain = next;
      prevEnd = ends;
    });
    return { phrase: marks.length > 0 && chain > 0, close: close };
  }

  // How many neighbouring concepts stand in `text` in the order typed, at most one word apart.
  function textOrder(text, concepts) {
    var words = fold(text).match(WORD) || [];
    var spans = concepts.map(function (c) {
      var found = [];
      c.alts.forEach(function (item) {
        var seq = item.term.split(' '), last = seq.length - 1;
        for (var p = 0; p + last < words.length; p++) {
          var ok = true;
          for (var j = 0; ok && j <= last; j++) {
            var w = words[p + j];
            ok = w === seq[j] || (c.prefix && j === last && w.indexOf(seq[j]) === 0);
          }
          if (ok) found.push([p, p + last]);
        }
      });
      return found;
    });
    var close = 0;
    for (var i = 1; i < spans.length; i++) {
      var ends = {};
      spans[i - 1].forEach(function (s) { ends[s[1]] = true; });
      if (spans[i].some(function (s) { return ends[s[0] - 1] || ends[s[0] - 2]; })) close += 1;
    }
    return close;
  }

  // Orders results: pages with more of the query's concepts first, then those whose title holds
  // the query as a phrase, then by score.
  function byRank(a, b) {
    return b.matched - a.matched || b.phrase - a.phrase || b.score - a.score || a.doc - b.doc;
  }

  // A search engine over the index at `fetchJson(path, version)` (path relative to the index
  // folder; version, from meta.json, is given for every other file and changes with them).
  function createEngine(fetchJson) {
    var meta = null, chunks = {};
    function load() {
      if (!meta) meta = fetchJson('meta.json');
      return meta;
    }
    function chunk(i) {
      if (!chunks[i]) chunks[i] = load().then(function (m) { return fetchJson('t/' + i + '.json', m.h); });
      return chunks[i];
    }
    // The chunk numbers a word needs (for a prefix, those its range spans, at most three).
    function needed(m, item, prefix) {
      var first = chunkOf(m.c, item.term), list = [first];
      if (prefix) {
        for (var i = first + 1; i < m.c.length && i < first + 3 && m.c[i].indexOf(item.term) === 0; i++) list.push(i);
      }
      return list;
    }
    async function search(query) {
      var m = await load();
      var concepts = parse(query, m.s);
      if (!concepts.length) return { results: [], terms: [] };
      var wanted = {};
      concepts.forEach(function (c) {
        c.alts.forEach(function (item) { needed(m, item, c.prefix).forEach(function (i) { wanted[i] = true; }); });
      });
      var loaded = {};
      await Promise.all(Object.keys(wanted).map(function (i) {
        return chunk(i).then(function (json) { loaded[i] = json; });
      }));
      var matchedTerms = {};
      // Scores and title masks per document of one item.
      function lookup(item, prefix) {
        var perDoc = new Map(), masks = new Map();
        needed(m, item, prefix).forEach(function (i) {
          var json = loaded[i];
          Object.keys(json).forEach(function (term) {
            var exactTerm = term === item.term;
            if (!exactTerm && !(prefix && term.indexOf(item.term) === 0)) return;
            // Postings and title masks are unpacked once (chunks are kept).
            var entry = json[term];
            if (typeof entry[1] === 'string') { entry[1] = unpack(entry[1]); entry[2] = unpack(entry[2] || ''); }
            var one = scores(entry, item, exactTerm ? 1 : 0.4, new Map());
            var df = one.size, idf = Math.log(1 + m.n / df);
            one.forEach(function (s, doc) { perDoc.set(doc, Math.max(perDoc.get(doc) || 0, s * idf)); });
            titleMasks(entry, masks);
            matchedTerms[term] = true;
          });
        });
        return { scores: perDoc, masks: masks };
      }
      // Per concept: the best score of its alternatives per document, and where they stand in
      // titles (only for the few documents whose title holds one).
      var total = new Map(), titles = [];
      concepts.forEach(function (c, ci) {
        var best = new Map(), marks = new Map();
        c.alts.forEach(function (item) {
          // The spellings the resident did not type weigh a little less.
          var weight = item.typed ? 1 : 0.8;
          var found = lookup(item, c.prefix);
          found.scores.forEach(function (s, doc) {
            if (s * weight > (best.get(doc) || 0)) best.set(doc, s * weight);
          });
          found.masks.forEach(function (mask, doc) {
            if (!marks.has(doc)) marks.set(doc, []);
            marks.get(doc).push([mask, item.len]);
          });
        });
        best.forEach(function (s, doc) {
          var t = total.get(doc);
          if (!t) { t = { doc: doc, matched: 0, score: 0, phrase: false }; total.set(doc, t); }
          t.matched += 1;
          t.score += s;
        });
        titles[ci] = marks;
      });
      // A title holding every concept, in order, as one phrase ranks first among pages with
      // every word; neighbours in order close together in the title raise the score.
      var titled = new Set();
      titles.forEach(function (marks) { marks.forEach(function (_, doc) { titled.add(doc); }); });
      titled.forEach(function (doc) {
        var t = total.get(doc);
        if (!t || t.matched !== concepts.length) return;
        var order = titleOrder(titles.map(function (marks) { return marks.get(doc) || []; }));
        // One word in a title is no phrase: it would outrank the weights of the site's types.
        t.phrase = order.phrase && concepts.length > 1;
        t.score *= 1 + 0.5 * order.close;
      });
      var results = Array.from(total.values()).sort(byRank);
      // The first page of results is ordered again by where the words stand in the whole text
      // (in order, close together): its documents are fetched to show them anyway.
      if (concepts.length > 1) {
        var head = results.slice(0, PAGE);
        var frags = await Promise.all(head.map(function (r) { return fragment(r.doc); }));
        head.forEach(function (r, i) {
          var d = frags[i];
          r.score *= 1 + 0.5 * textOrder(d.s + ' · ' + d.x, concepts);
        });
        results = head.sort(byRank).concat(results.slice(PAGE));
      }
      // The words to mark in snippets (a phrase term marks each of its words).
      var words = {};
      Object.keys(matchedTerms).forEach(function (t) { t.split(' ').forEach(function (w) { words[w] = true; }); });
      return { results: results, terms: Object.keys(words), concepts: concepts.length };
    }
    // A document's URL is stored as its path when on the site: the site's address is in meta.json.
    var fragments = {};
    function fragment(doc) {
      if (!fragments[doc]) fragments[doc] = load().then(async function (m) {
        var d = await fetchJson('d/' + doc + '.json', m.h);
        if (d.u[0] === '/') d.u = m.b + d.u;
        return d;
      });
      return fragments[doc];
    }
    return { search: search, fragment: fragment, meta: load };
  }

  // Pieces of `text` around the matched words: [{text, mark}]. With `size`, a window of about
  // `size` characters where the most different matched words stand together (the start of the
  // text when none matches).
  function highlight(text, terms, size) {
    var folded = '', map = [];
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), ch = String.fromCodePoint(cp), f = fold(ch);
      for (var u = 0; u < f.length; u++) map.push(i);
      folded += f;
      i += ch.length;
    }
    map.push(text.length);
    var set = {};
    terms.forEach(function (t) { set[t] = true; });
    var hits = [], re = new RegExp(WORD.source, 'gu'), mt;
    while ((mt = re.exec(folded))) {
      if (set[mt[0]]) hits.push([map[mt.index], map[mt.index + mt[0].length], mt[0]]);
    }
    var start = 0, end = text.length;
    if (size && text.length > size) {
      var from = densest(hits, size);
      start = from ? Math.max(0, from[0] - Math.floor(size / 4)) : 0;
      if (start > 0) { var sp = text.indexOf(' ', start); start = sp >= 0 && sp < from[0] ? sp + 1 : start; }
      end = Math.min(text.length, start + size);
      if (end < text.length) { var back = text.lastIndexOf(' ', end); if (back > start) end = back; }
    }
    var parts = [], at = start;
    if (start > 0) parts.push({ text: '… ', mark: false });
    hits.forEach(function (h) {
      if (h[0] < at || h[1] > end) return;
      if (h[0] > at) parts.push({ text: text.slice(at, h[0]), mark: false });
      parts.push({ text: text.slice(h[0], h[1]), mark: true });
      at = h[1];
    });
    if (at < end) parts.push({ text: text.slice(at, end), mark: false });
    if (end < text.length) parts.push({ text: ' …', mark: false });
    return { parts: parts, hits: hits.length };
  }

  // The hit that starts the window (of about `size` characters) holding the most different
  // matched words, the first such; null without hits.
  function densest(hits, size) {
    var best = null, bestCount = 0, span = Math.floor(size * 3 / 4);
    for (var i = 0; i < hits.length && i < 400; i++) {
      var seen = {}, count = 0;
      for (var j = i; j < hits.length && hits[j][1] - hits[i][0] <= span; j++) {
        if (!seen[hits[j][2]]) { seen[hits[j][2]] = true; count += 1; }
      }
      if (count > bestCount) { best = hits[i]; bestCount = count; }
    }
    return best;
  }

  var api = { fold: fold, canonicalTone: canonicalTone, parse: parse, createEngine: createEngine, highlight: highlight };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
    return;
  }
  window.pcccSearch = api;

  function init() {
    var form = document.querySelector('form[data-search-index]');
    if (!form) return;
    var input = form.querySelector('input[name="q"]');
    var status = document.querySelector('.search-status');
    var list = document.querySelector('.search-results');
    var base = form.getAttribute('data-search-index');
    // meta.json's version is on the page; meta.json gives the other files' (m.h).
    var metaVersion = form.getAttribute('data-search-version');
    var engine = createEngine(function (path, version) {
      version = version || metaVersion;
      var request = version ? fetch(base + path + '?v=' + version) : fetch(base + path, { cache: 'no-cache' });
      return request.then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + path);
        return r.json();
      });
    });
    var timer = null, run = 0, state = null;

    function append(parent, parts) {
      parts.forEach(function (p) {
        if (p.mark) { var m = document.createElement('mark'); m.textContent = p.text; parent.appendChild(m); }
        else parent.appendChild(document.createTextNode(p.text));
      });
    }

    async function show(from) {
      var mine = run, found = state, kinds = (await engine.meta()).k;
      var slice = found.results.slice(from, from + PAGE);
      var frags = await Promise.all(slice.map(function (r) { return engine.fragment(r.doc); }));
      if (mine !== run) return;
      var more = list.querySelector('.search-more');
      if (more) more.remove();
      frags.forEach(function (d) {
        var li = document.createElement('li');
        var kind = document.createElement('span');
        kind.className = 'search-kind';
        kind.textContent = kinds[d.k] || '';
        var h = document.createElement('h2');
        var a = document.createElement('a');
        a.href = d.u;
        append(a, highlight(d.t, found.terms, 0).parts);
        h.appendChild(a);
        var p = document.createElement('p');
        p.className = 'search-snippet';
        var body = highlight(d.x, found.terms, 180);
        append(p, body.hits ? body.parts : highlight(d.s, found.terms, 180).parts);
        li.appendChild(kind);
        li.appendChild(h);
        li.appendChild(p);
        list.appendChild(li);
      });
      if (found.results.length > from + PAGE) {
        var li = document.createElement('li');
        li.className = 'search-more';
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = 'Xem thêm kết quả';
        b.addEventListener('click', function () { show(from + PAGE); });
        li.appendChild(b);
        list.appendChild(li);
      }
    }

    async function go() {
      var q = input.value.trim();
      var mine = ++run;
      var url = new URL(window.location.href);
      if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
      window.history.replaceState(null, '', url);
      if (!q) { list.textContent = ''; status.textContent = ''; return; }
      try {
        var found = await engine.search(q);
        if (mine !== run) return;
        state = found;
        list.textContent = '';
        var n = found.results.length;
        var all = found.results.filter(function (r) { return r.matched === found.concepts; }).length;
        status.textContent = !n
          ? 'Không tìm thấy kết quả nào cho “' + q + '”. Thử gõ ít chữ hơn, hoặc xem các chuyên mục bên dưới.'
          : 'Tìm thấy ' + n + ' kết quả cho “' + q + '”' + (all === n ? '.'
            : all ? '; ' + all + ' kết quả đầu có đủ các từ đã gõ.' : '; không kết quả nào có đủ các từ đã gõ.');
        if (n) await show(0);
      } catch (e) {
        if (mine === run) status.textContent = 'Chưa tải được dữ liệu tìm kiếm. Kiểm tra kết nối mạng rồi thử lại.';
      }
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(go, 200);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      go();
    });
    var q = new URL(window.location.href).searchParams.get('q');
    if (q) { input.value = q; go(); }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
