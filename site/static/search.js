/* concord offline search.
 *
 * Works from file://: the index is a set of classic scripts (search/meta.js, search/s-*.js,
 * search/d-*.js) exported from the tantivy index by `concord build`; each calls
 * ConcordSearchLoad(kind, key, data). Only the shards a query needs are loaded, by <script>
 * injection. Ranking replays tantivy's BM25 (k1 = 1.2, b = 0.75, f32 arithmetic, tantivy's
 * field-norm table) over the exported terms, postings and field norms; words are mapped to
 * analysed (stemmed) terms through the exported surface-word map, so no stemmer runs here.
 *
 * Query language (the same as `concord search`): words (documents with all of them first, then
 * documents with some), "quoted phrases", -excluded words, and filters kind:, country:,
 * instrument:, offence:. Differences: a phrase is matched here as all of its words (no
 * positions are exported), and while typing, an unknown last word is completed from the
 * vocabulary.
 */
(function (global) {
  'use strict';

  var f = Math.fround;
  var K1 = f(1.2);
  var B = f(0.75);
  var FACETS = ['kind', 'country', 'instrument', 'offence'];
  var KINDS = ['provision', 'article', 'instrument', 'country', 'mla', 'network'];

  // ------------------------------------------------------------------ analysis

  var SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ł': 'l', 'ı': 'i', 'ŀ': 'l', 'ħ': 'h', 'ŧ': 't', 'ĸ': 'q', 'ŋ': 'n', 'ſ': 's' };

  /** Lower-case and fold to ASCII where tantivy's AsciiFoldingFilter would. */
  function fold(w) {
    w = w.toLowerCase();
    var out = '';
    for (var i = 0; i < w.length; i++) out += SPECIAL[w[i]] || w[i];
    return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  }

  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  /** Surface words of a text: tantivy's simple tokenizer, lower-cased and folded. */
  function words(text) {
    var m = text.match(WORD) || [];
    return m.map(fold);
  }

  function shardKey(term, prefix) {
    var p = Array.from(term).slice(0, prefix).join('');
    var bytes = new TextEncoder().encode(p);
    var hex = '';
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return hex;
  }

  // ------------------------------------------------------------------ query parsing

  function QueryError(message) { this.message = message; }

  /** Parses the query text; throws QueryError with a message for the user. */
  function parse(q) {
    var chars = Array.from(q);
    var out = { groups: [], exclude: [], filters: [], open: false };
    var i = 0;
    var isWs = function (c) { return /\s/.test(c); };
    while (i < chars.length) {
      if (isWs(chars[i])) { i++; continue; }
      var negate = false;
      if (chars[i] === '-' && i + 1 < chars.length && !isWs(chars[i + 1])) { negate = true; i++; }
      var g;
      if (chars[i] === '"') {
        var end = chars.indexOf('"', i + 1);
        if (end < 0) throw new QueryError('unclosed quote in ' + chars.slice(i).join('') + ': add a closing " to search for a phrase, or remove the quote');
        var ws = words(chars.slice(i + 1, end).join(''));
        i = end + 1;
        if (ws.length === 0) continue;
        g = ws.length === 1 ? { word: ws[0] } : { phrase: ws };
        (negate ? out.exclude : out.groups).push(g);
        continue;
      }
      var start = i;
      while (i < chars.length && !isWs(chars[i]) && chars[i] !== '"') i++;
      var token = chars.slice(start, i).join('');
      var colon = token.indexOf(':');
      if (colon >= 0) {
        var field = token.slice(0, colon).toLowerCase();
        if (FACETS.indexOf(field) >= 0) {
          if (negate) throw new QueryError('-' + token + ': filters cannot be negated; use ' + token + ' to keep only those results');
          var value = token.slice(colon + 1).toLowerCase();
          if (!value) throw new QueryError('filter ' + field + ': needs a value');
          if (field === 'kind' && KINDS.indexOf(value) < 0) throw new QueryError('unknown kind `' + value + '`: expected one of ' + KINDS.join(', '));
          out.filters.push([field, value]);
          continue;
        }
      }
      var tw = words(token);
      for (var k = 0; k < tw.length; k++) (negate ? out.exclude : out.groups).push({ word: tw[k] });
    }
    // the last word is still being typed when the text does not end with a space
    var last = out.groups[out.groups.length - 1];
    out.open = !!(last && last.word && q.length && !isWs(q[q.length - 1]) && q[q.length - 1] !== '"');
    return out;
  }

  // ------------------------------------------------------------------ engine

  /**
   * The search engine. `loader(path)` loads a classic script of the index (path relative to the
   * site root) and returns a Promise; the scripts call ConcordSearchLoad, which must dispatch to
   * `engine.register`.
   */
  function Engine(loader) {
    this.loader = loader;
    this.meta = null;
    this.shards = {};
    this.docs = {};
    this.loading = {};
    this.bytes = 0;
  }

  Engine.prototype.register = function (kind, key, data) {
    if (kind === 'meta') this.setMeta(data);
    else if (kind === 'shard') this.shards[key] = data;
    else if (kind === 'docs') this.docs[key] = data;
  };

  Engine.prototype.load = function (path) {
    if (!this.loading[path]) this.loading[path] = this.loader(path);
    return this.loading[path];
  };

  Engine.prototype.ready = function () {
    var self = this;
    return this.load('search/meta.js').then(function () {
      if (!self.meta) throw new Error('search index missing (search/meta.js)');
      return self.meta;
    });
  };

  Engine.prototype.setMeta = function (m) {
    var n = m.docs;
    var fn = f(n);
    m.fields.forEach(function (fd) {
      var bin = atobPortable(fd.norms);
      var ids = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) ids[i] = bin.charCodeAt(i);
      fd.ids = ids;
      var avg = f(f(fd.tokens) / fn);
      var cache = new Float32Array(256);
      for (var id = 0; id < 256; id++) {
        cache[id] = f(K1 * f(f(1 - B) + f(f(B * f(m.norm_table[id])) / avg)));
      }
      fd.cache = cache;
      fd.boost = f(fd.boost);
    });
    this.weightOne = f(1 + K1);
    this.meta = m;
  };

  function atobPortable(s) {
    if (typeof atob === 'function') return atob(s);
    return Buffer.from(s, 'base64').toString('binary');
  }

  Engine.prototype.shardPath = function (key) { return 'search/s-' + key + '.js'; };

  /** Loads the shards holding `terms` (those that exist). */
  Engine.prototype.loadShards = function (terms) {
    var self = this;
    var keys = {};
    terms.forEach(function (t) {
      var k = shardKey(t, self.meta.prefix);
      if (self.meta.shards.indexOf(k) >= 0) keys[k] = true;
    });
    return Promise.all(Object.keys(keys).map(function (k) { return self.load(self.shardPath(k)); }));
  };

  /** Analysed forms of a surface word, one per analyzer (en, es, fr, pt, xx). */
  Engine.prototype.forms = function (w) {
    var sh = this.shards[shardKey(w, this.meta.prefix)];
    var s = sh && sh.s[w];
    var out = [];
    for (var a = 0; a < this.meta.analyzers.length; a++) {
      out.push(s && a < s.length && s[a] !== 0 ? s[a] : w);
    }
    return out;
  };

  Engine.prototype.known = function (w) {
    var sh = this.shards[shardKey(w, this.meta.prefix)];
    return !!(sh && Object.prototype.hasOwnProperty.call(sh.s, w));
  };

  function idf(n, N) {
    var x = f(f(f(N - n) + 0.5) / f(f(n) + 0.5));
    return f(Math.log(f(1 + x)));
  }

  /**
   * Scores of one word over all fields: a Float32Array indexed by document (0 = no match; a
   * BM25 score is always > 0). Float32Array stores round to f32, like tantivy's Score.
   */
  Engine.prototype.wordScores = function (w) {
    var m = this.meta;
    var forms = this.forms(w);
    var scores = new Float32Array(m.docs);
    for (var fi = 0; fi < m.fields.length; fi++) {
      var fd = m.fields[fi];
      var term = forms[fd.analyzer];
      var sh = this.shards[shardKey(term, m.prefix)];
      var lists = sh && Object.prototype.hasOwnProperty.call(sh.t, term) ? sh.t[term] : null;
      if (!lists) continue;
      var flat = null;
      for (var j = 0; j < lists.length; j++) if (lists[j][0] === fi) { flat = lists[j][1]; break; }
      if (!flat) continue;
      var weight = f(idf(flat.length / 2, m.docs) * this.weightOne);
      var boost = fd.boost;
      var cache = fd.cache;
      var ids = fd.ids;
      var d = 0;
      for (var p = 0; p < flat.length; p += 2) {
        d += flat[p];
        var tf = flat[p + 1];
        scores[d] += f(f(weight * f(tf / f(tf + cache[ids[d]]))) * boost);
      }
    }
    return scores;
  };

  /** Scores of a group: a word, a phrase (all its words), or a completion of a typed prefix. */
  Engine.prototype.groupScores = function (g) {
    var self = this;
    var n = this.meta.docs;
    if (g.word !== undefined && g.expand) {
      var best = new Float32Array(n);
      g.expand.forEach(function (w) {
        var s = self.wordScores(w);
        for (var d = 0; d < n; d++) if (s[d] > best[d]) best[d] = s[d];
      });
      return best;
    }
    if (g.word !== undefined) return this.wordScores(g.word);
    var acc = null;
    g.phrase.forEach(function (w) {
      var s = self.wordScores(w);
      if (acc === null) { acc = s; return; }
      for (var d = 0; d < n; d++) acc[d] = acc[d] > 0 && s[d] > 0 ? acc[d] + s[d] : 0;
    });
    return acc || new Float32Array(n);
  };

  Engine.prototype.passes = function (d, filters) {
    var m = this.meta;
    var df = m.doc_facets[d];
    for (var i = 0; i < filters.length; i++) {
      var fi = FACETS.indexOf(filters[i][0]);
      var value = filters[i][1];
      var labels = m.facets[filters[i][0]];
      var ok = false;
      var vals = fi === 0 ? [df[0]] : df[fi];
      for (var j = 0; j < vals.length; j++) {
        var l = labels[vals[j]];
        if (l && String(l[0]).toLowerCase() === value) { ok = true; break; }
      }
      if (!ok) return false;
    }
    return true;
  };

  /**
   * Drops single function words ("de", "the") from the required groups when any other group is
   * left; phrases keep theirs. Same rule as `drop_function_words` in the Rust port.
   */
  function dropFunctionWords(p, list) {
    var isFunction = function (g) { return g.word !== undefined && list.indexOf(g.word) >= 0; };
    if (p.groups.some(function (g) { return !isFunction(g); })) {
      p.groups = p.groups.filter(function (g) { return !isFunction(g); });
    }
  }

  function allWords(p) {
    var ws = [];
    p.groups.concat(p.exclude).forEach(function (g) {
      if (g.word !== undefined) ws.push(g.word); else ws.push.apply(ws, g.phrase);
    });
    return ws;
  }

  /**
   * Runs a query. Returns a Promise of { hits: [{ord, score}], parsed, error }.
   * `opts.filters`: extra [facet, value] pairs; `opts.complete`: complete an unknown last word.
   */
  Engine.prototype.search = function (q, opts) {
    var self = this;
    opts = opts || {};
    var limit = opts.limit || 10;
    var p;
    try { p = parse(q); } catch (e) {
      if (e instanceof QueryError) return Promise.resolve({ hits: [], parsed: null, error: e.message });
      throw e;
    }
    (opts.filters || []).forEach(function (fv) { p.filters.push([fv[0], String(fv[1]).toLowerCase()]); });
    return this.ready().then(function () {
      dropFunctionWords(p, self.meta.function_words || []);
      return self.loadShards(allWords(p));
    }).then(function () {
      var terms = [];
      allWords(p).forEach(function (w) { terms.push.apply(terms, self.forms(w)); });
      var last = p.groups[p.groups.length - 1];
      if (opts.complete && p.open && last && last.word !== undefined && !self.known(last.word)) {
        var sh = self.shards[shardKey(last.word, self.meta.prefix)];
        var cands = sh ? Object.keys(sh.s).filter(function (w) { return w.indexOf(last.word) === 0; }) : [];
        cands.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
        if (cands.length) {
          last.expand = cands.slice(0, 12);
          last.expand.forEach(function (w) { terms.push.apply(terms, self.forms(w)); });
        }
      }
      return self.loadShards(terms).then(function () { return p; });
    }).then(function (p) {
      return { hits: self.rank(p, limit), parsed: p, error: null };
    });
  };

  /** The best `limit` documents with score > 0 and keep(d): by score, ties by document order. */
  function topK(scores, limit, keep) {
    var top = [];
    var worst = -1;
    for (var d = 0; d < scores.length; d++) {
      var s = scores[d];
      if (!(s > 0)) continue;
      if (top.length >= limit && s <= worst) continue; // ties keep the earlier document
      if (!keep(d)) continue;
      var h = { ord: d, score: s };
      var i = top.length;
      while (i > 0 && top[i - 1].score < s) i--;
      top.splice(i, 0, h);
      if (top.length > limit) top.pop();
      worst = top.length >= limit ? top[top.length - 1].score : -1;
    }
    return top;
  }

  /** All-words matches first, then some-words matches; each by score, ties by document order. */
  Engine.prototype.rank = function (p, limit) {
    var self = this;
    var n = this.meta.docs;
    if (!p.groups.length && !p.filters.length) return [];
    var excluded = new Uint8Array(n);
    p.exclude.forEach(function (g) {
      var s = self.groupScores(g);
      for (var d = 0; d < n; d++) if (s[d] > 0) excluded[d] = 1;
    });
    var keep = function (d) { return !excluded[d] && self.passes(d, p.filters); };
    if (!p.groups.length) {
      var all = [];
      for (var d = 0; d < n && all.length < limit; d++) if (keep(d)) all.push({ ord: d, score: 0 });
      return all;
    }
    var groups = p.groups.map(function (g) { return self.groupScores(g); });
    var and = new Float32Array(groups[0]);
    for (var gi = 1; gi < groups.length; gi++) {
      var s = groups[gi];
      for (var k = 0; k < n; k++) and[k] = and[k] > 0 && s[k] > 0 ? and[k] + s[k] : 0;
    }
    var hits = topK(and, limit, keep);
    if (hits.length < limit && groups.length > 1) {
      var any = new Float32Array(n);
      groups.forEach(function (s) { for (var d = 0; d < n; d++) any[d] += s[d]; });
      hits.forEach(function (h) { any[h.ord] = 0; });
      hits = hits.concat(topK(any, limit - hits.length, keep));
    }
    return hits;
  };

  /** Display rows [title, location, href, kind, text] of documents, loading their chunks. */
  Engine.prototype.rows = function (ords) {
    var self = this;
    var c = this.meta.chunk;
    var chunks = {};
    ords.forEach(function (d) { chunks[Math.floor(d / c)] = true; });
    return Promise.all(Object.keys(chunks).map(function (k) { return self.load('search/d-' + k + '.js'); }))
      .then(function () {
        return ords.map(function (d) { var ch = self.docs[Math.floor(d / c)]; return ch ? ch[d % c] : null; });
      });
  };

  /** A snippet of `text` around the first word matching the query: [{text, mark}] pieces. */
  Engine.prototype.snippet = function (text, p, maxChars) {
    var self = this;
    var exact = new Set();
    var stems = [];
    (p ? p.groups : []).forEach(function (g) {
      var ws = g.word !== undefined ? (g.expand || [g.word]) : g.phrase;
      ws.forEach(function (w) {
        exact.add(w);
        self.forms(w).forEach(function (t) { if (t.length >= 3) stems.push(t); });
      });
    });
    var marks = [];
    var re = new RegExp(WORD.source, 'gu');
    var m;
    while ((m = re.exec(text)) !== null) {
      var w = fold(m[0]);
      var hit = exact.has(w) || stems.some(function (s) { return w.indexOf(s) === 0; });
      if (hit) marks.push([m.index, m.index + m[0].length]);
    }
    var first = marks.length ? marks[0][0] : 0;
    var start = Math.max(0, first - 60);
    if (start > 0) { var sp = text.slice(start, first).search(/\s/); if (sp >= 0) start += sp + 1; }
    var end = Math.min(text.length, start + maxChars);
    if (end < text.length) { var ls = text.slice(start, end).search(/\s\S*$/); if (ls > 0) end = start + ls; }
    var pieces = [];
    if (start > 0) pieces.push({ text: '… ', mark: false });
    var at = start;
    marks.forEach(function (mk) {
      if (mk[0] < start || mk[1] > end) return;
      if (mk[0] > at) pieces.push({ text: text.slice(at, mk[0]), mark: false });
      pieces.push({ text: text.slice(mk[0], mk[1]), mark: true });
      at = mk[1];
    });
    if (end > at) pieces.push({ text: text.slice(at, end), mark: false });
    if (end < text.length) pieces.push({ text: ' …', mark: false });
    return pieces;
  };

  global.ConcordSearchEngine = Engine;
  global.ConcordSearchParse = parse;
  global.ConcordSearchFold = fold;

  // ------------------------------------------------------------------ page

  if (typeof document === 'undefined') return;

  var script = document.currentScript;
  var root = (script && script.getAttribute('data-root')) || '';

  function scriptLoader(path) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = root + path;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error('could not load ' + path)); };
      document.head.appendChild(s);
    });
  }

  var engine = new Engine(scriptLoader);
  global.ConcordSearchLoad = function (kind, key, data) { engine.register(kind, key, data); };
  global.concordSearch = engine;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function init() {
    var results = document.getElementById('search-results');
    var input = document.getElementById('search-q');
    if (!results || !input) return;
    var status = document.getElementById('search-status');
    var selects = {};
    FACETS.forEach(function (name) { selects[name] = document.getElementById('search-' + name); });
    var PAGE = 20;
    var shown = PAGE;
    var seq = 0;

    function params() {
      var out = {};
      try { new URLSearchParams(location.search).forEach(function (v, k) { out[k] = v; }); } catch (e) { /* ignore */ }
      return out;
    }

    function filters() {
      var out = [];
      FACETS.forEach(function (name) { var s = selects[name]; if (s && s.value) out.push([name, s.value]); });
      return out;
    }

    function updateUrl() {
      try {
        var u = new URLSearchParams();
        if (input.value) u.set('q', input.value);
        filters().forEach(function (fv) { u.set(fv[0], fv[1]); });
        var qs = u.toString();
        history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
      } catch (e) { /* some browsers refuse history on file:// */ }
    }

    function render(res, rows, total) {
      results.textContent = '';
      if (res.error) {
        status.textContent = 'Check the query: ' + res.error;
        return;
      }
      if (!rows.length) {
        status.textContent = input.value.trim() || filters().length ? 'No results.' : '';
        return;
      }
      status.textContent = (total > rows.length ? 'Top ' + rows.length : rows.length) + ' result' + (rows.length === 1 ? '' : 's') + '. Use the down arrow to move through them.';
      var ol = el('ol', { class: 'search-hits' });
      rows.forEach(function (row, i) {
        if (!row) return;
        var li = el('li', { class: 'search-hit' });
        var a = el('a', { href: root + row[2], class: 'search-hit-link', 'data-rank': String(i + 1) }, row[0]);
        li.appendChild(a);
        if (row[6] === 1) {
          li.appendChild(document.createTextNode(' '));
          li.appendChild(el('span', { class: 'badge repealed', title: 'No longer in force: left out of comparisons, gaps and the MLA assistant' }, 'repealed'));
        }
        if (row[5] === 1) {
          li.appendChild(document.createTextNode(' '));
          li.appendChild(el('span', { class: 'badge unverified', title: 'Not yet confirmed against the official text' }, 'unverified'));
        }
        var kindLabel = row[3];
        engine.meta.facets.kind.forEach(function (k) { if (k[0] === row[3]) kindLabel = k[2]; });
        li.appendChild(el('p', { class: 'search-where' }, kindLabel + ' · ' + row[1]));
        var sn = el('p', { class: 'search-snippet' });
        engine.snippet(row[4], res.parsed, 240).forEach(function (piece) {
          sn.appendChild(piece.mark ? el('mark', null, piece.text) : document.createTextNode(piece.text));
        });
        li.appendChild(sn);
        ol.appendChild(li);
      });
      results.appendChild(ol);
      if (total > rows.length) {
        var more = el('button', { type: 'button', class: 'search-more' }, 'Show more results');
        more.addEventListener('click', function () { shown += PAGE; run(false); });
        results.appendChild(more);
      }
    }

    function run(reset) {
      if (reset) shown = PAGE;
      var my = ++seq;
      var q = input.value;
      updateUrl();
      if (!q.trim() && !filters().length) { results.textContent = ''; status.textContent = ''; return; }
      engine.search(q, { filters: filters(), limit: shown + 1, complete: true }).then(function (res) {
        if (my !== seq) return null;
        var hits = res.hits.slice(0, shown);
        return engine.rows(hits.map(function (h) { return h.ord; })).then(function (rows) {
          if (my === seq) render(res, rows, res.hits.length);
        });
      }).catch(function (e) {
        if (my === seq) status.textContent = 'Search is unavailable: ' + e.message;
      });
    }

    function links() { return Array.prototype.slice.call(results.querySelectorAll('a.search-hit-link')); }

    input.addEventListener('input', function () { run(true); });
    input.form && input.form.addEventListener('submit', function (e) { e.preventDefault(); run(true); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        var l = links();
        if (l.length) { e.preventDefault(); l[0].focus(); }
      } else if (e.key === 'Escape') {
        input.value = ''; run(true);
      }
    });
    results.addEventListener('keydown', function (e) {
      var l = links();
      var i = l.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === 'ArrowDown' && i + 1 < l.length) { e.preventDefault(); l[i + 1].focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? l[i - 1] : input).focus(); }
      else if (e.key === 'Escape') { e.preventDefault(); input.focus(); }
      else if (e.key === 'Home') { e.preventDefault(); l[0].focus(); }
      else if (e.key === 'End') { e.preventDefault(); l[l.length - 1].focus(); }
    });

    engine.ready().then(function (m) {
      FACETS.forEach(function (name) {
        var s = selects[name];
        if (!s) return;
        m.facets[name].forEach(function (pair) {
          var o = el('option', { value: String(pair[0]).toLowerCase() }, pair[1] + (name === 'country' ? ' (' + pair[0] + ')' : ''));
          s.appendChild(o);
        });
        s.addEventListener('change', function () { run(true); });
      });
      var ps = params();
      FACETS.forEach(function (name) { if (ps[name] && selects[name]) selects[name].value = ps[name].toLowerCase(); });
      if (ps.q) input.value = ps.q;
      var header = document.getElementById('header-q');
      if (header && ps.q) header.value = ps.q;
      if (input.value || filters().length) run(true);
    }).catch(function (e) { if (status) status.textContent = 'Search is unavailable: ' + e.message; });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})(typeof window !== 'undefined' ? window : globalThis);
