// Browser side of the search benchmark (run by scripts/bench-search.sh, not a test):
//   node scripts/bench-search.mjs SITE_DIR [PAGEFIND_URL]
// Prints the browser index size (raw and gzipped, per document), the bytes the first query
// loads, and query latency p50/p95 in headless Chromium from file://. With PAGEFIND_URL (the
// same site, indexed by Pagefind and served on 127.0.0.1), prints Pagefind's figures beside.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileUrl, launch } from '../tests/browser/lib.mjs';

const [site, pagefindUrl] = process.argv.slice(2);
if (!site) {
  console.error('usage: node scripts/bench-search.mjs SITE_DIR [PAGEFIND_URL]');
  process.exit(2);
}

const QUERIES = [
  'wildlife trafficking', 'tráfico de especies', 'trafico de especies', 'money laundering',
  'trata de personas', 'lavado de activos', 'bribery', 'firearms ammunition', 'organized group',
  'protected species', 'fauna silvestre', 'laundering proceeds', 'drugs narcotic', 'timber logging',
  'art. 18 UNTOC', 'Peru', 'Guatemala', 'central authority', 'penalty', 'espèces contrebande',
  'comércio ilegal animais', 'official', 'imprisonment fine', 'offence', 'species trafficking Peru',
];

const gz = (b) => gzipSync(b, { level: 6 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// ---------------------------------------------------------------- sizes
const dir = join(site, 'search');
let raw = 0;
let zipped = 0;
const sizes = {};
for (const f of readdirSync(dir)) {
  const b = readFileSync(join(dir, f));
  sizes[`search/${f}`] = { raw: b.length, gz: gz(b) };
  raw += b.length;
  zipped += sizes[`search/${f}`].gz;
}
const js = readFileSync(join(site, 'static', 'search.js'));
sizes['static/search.js'] = { raw: js.length, gz: gz(js) };
const metaText = readFileSync(join(dir, 'meta.js'), 'utf8');
const docs = Number(/"docs":(\d+)/.exec(metaText)[1]);
console.log(`concord browser index: ${Object.keys(sizes).length - 1} files, ${kb(raw)} raw, ${kb(zipped)} gzipped (files gzipped one by one)`);
console.log(`  per document (${docs} documents): ${(raw / docs).toFixed(0)} bytes raw, ${(zipped / docs).toFixed(0)} bytes gzipped`);
console.log(`  meta.js ${kb(sizes['search/meta.js'].raw)} raw / ${kb(sizes['search/meta.js'].gz)} gz; search.js ${kb(js.length)} raw / ${kb(sizes['static/search.js'].gz)} gz`);

// ---------------------------------------------------------------- browser
const browser = await launch();
const page = await (await browser.newContext()).newPage();

async function fresh() {
  await page.goto(fileUrl(site, 'search.html'));
  await page.waitForFunction(() => window.concordSearch && window.concordSearch.meta);
}

// first query on a fresh page: everything it loads, including search.js and meta.js
const first = [];
for (const q of QUERIES.slice(0, 10)) {
  await fresh();
  const r = await page.evaluate(async (q) => {
    const e = window.concordSearch;
    const t0 = performance.now();
    const res = await e.search(q, { limit: 10, complete: true });
    await e.rows(res.hits.map((h) => h.ord));
    return { ms: performance.now() - t0, files: Object.keys(e.loading) };
  }, q);
  const files = ['static/search.js', ...r.files];
  const bytes = files.reduce((a, f) => a + (sizes[f]?.raw || 0), 0);
  const gbytes = files.reduce((a, f) => a + (sizes[f]?.gz || 0), 0);
  first.push({ q, ms: r.ms, files: files.length, bytes, gbytes });
}
const maxFirst = first.reduce((a, b) => (b.gbytes > a.gbytes ? b : a));
console.log(`first query (fresh page, 10 queries): loads ${kb(pct(first.map((x) => x.bytes), 50))} raw / ${kb(pct(first.map((x) => x.gbytes), 50))} gz (median), at most ${kb(maxFirst.bytes)} raw / ${kb(maxFirst.gbytes)} gz (${JSON.stringify(maxFirst.q)}, ${maxFirst.files} files)`);
console.log(`  first-query latency incl. loading scripts from disk: p50 ${pct(first.map((x) => x.ms), 50).toFixed(1)} ms, max ${Math.max(...first.map((x) => x.ms)).toFixed(1)} ms`);

// warm latency: shards already loaded (as after the first keystrokes), ranking + result rows
await fresh();
const timings = await page.evaluate(async (qs) => {
  const e = window.concordSearch;
  const run = async (q) => {
    const t0 = performance.now();
    const res = await e.search(q, { limit: 10, complete: true });
    await e.rows(res.hits.map((h) => h.ord));
    return performance.now() - t0;
  };
  const cold = [];
  for (const q of qs) cold.push(await run(q));
  const warm = [];
  for (let i = 0; i < 5; i++) for (const q of qs) warm.push(await run(q));
  return { cold, warm };
}, QUERIES);
console.log(`query latency, shards loaded (${timings.warm.length} runs): p50 ${pct(timings.warm, 50).toFixed(2)} ms, p95 ${pct(timings.warm, 95).toFixed(2)} ms`);
console.log(`query latency, first time each query (loads its shards): p50 ${pct(timings.cold, 50).toFixed(2)} ms, p95 ${pct(timings.cold, 95).toFixed(2)} ms`);

// typing: every prefix of a query, as the page does on each keystroke (completion of the last word)
await fresh();
const typing = await page.evaluate(async (qs) => {
  const e = window.concordSearch;
  const out = [];
  for (const q of qs) {
    for (let i = 1; i <= q.length; i++) {
      const t0 = performance.now();
      const res = await e.search(q.slice(0, i), { limit: 21, complete: true });
      await e.rows(res.hits.slice(0, 20).map((h) => h.ord));
      out.push(performance.now() - t0);
    }
  }
  return out;
}, QUERIES.slice(0, 8));
console.log(`as-you-type (every prefix of 8 queries, ${typing.length} keystrokes, cold page): p50 ${pct(typing, 50).toFixed(2)} ms, p95 ${pct(typing, 95).toFixed(2)} ms`);

// ---------------------------------------------------------------- Pagefind
if (pagefindUrl) {
  const pfDir = join(site, 'pagefind');
  let pfRaw = 0;
  let pfFiles = 0;
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else { pfRaw += statSync(p).size; pfFiles += 1; }
    }
  };
  walk(pfDir);
  console.log(`pagefind index: ${pfFiles} files, ${kb(pfRaw)} on disk (its index files are already compressed)`);
  const pfPage = await (await browser.newContext()).newPage();
  let loaded = 0;
  pfPage.on('response', async (r) => {
    if (r.url().includes('/pagefind/')) {
      try { loaded += (await r.body()).length; } catch { /* ignore */ }
    }
  });
  await pfPage.goto(`${pagefindUrl}/search.html`);
  const pf = await pfPage.evaluate(async (qs) => {
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.init();
    const run = async (q) => {
      const t0 = performance.now();
      const r = await pagefind.search(q);
      await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      return performance.now() - t0;
    };
    const firstMs = await run(qs[0]);
    const cold = [];
    for (const q of qs) cold.push(await run(q));
    const warm = [];
    for (let i = 0; i < 5; i++) for (const q of qs) warm.push(await run(q));
    return { firstMs, cold, warm };
  }, QUERIES);
  await new Promise((r) => setTimeout(r, 200));
  console.log(`pagefind first query: ${pf.firstMs.toFixed(1)} ms; bytes loaded for all ${QUERIES.length} queries: ${kb(loaded)}`);
  console.log(`pagefind query latency, warm: p50 ${pct(pf.warm, 50).toFixed(2)} ms, p95 ${pct(pf.warm, 95).toFixed(2)} ms`);
}

await browser.close();
