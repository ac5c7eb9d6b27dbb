// Runs the site's JS search engine (site/static/search.js) in Node over an exported index, for
// the parity test in tests/search.rs: reads {"site": DIR, "queries": [...], "limit": N} as JSON
// on stdin and prints [{query, hits: [ord...], error}] as JSON.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';

const repo = resolve(import.meta.dirname, '..', '..');
const input = JSON.parse(readFileSync(0, 'utf8'));
const ctx = vm.createContext({ TextEncoder, Buffer, Map, Set, Promise, console });
vm.runInContext(readFileSync(join(repo, 'site', 'static', 'search.js'), 'utf8'), ctx);
const engine = new ctx.ConcordSearchEngine((path) => {
  try {
    vm.runInContext(readFileSync(join(input.site, path), 'utf8'), ctx, { filename: path });
    return Promise.resolve();
  } catch (e) {
    return Promise.reject(e);
  }
});
ctx.ConcordSearchLoad = (kind, key, data) => engine.register(kind, key, data);
const out = [];
for (const q of input.queries) {
  const r = await engine.search(q, { limit: input.limit || 10 });
  out.push({ query: q, hits: r.hits.map((h) => h.ord), scores: r.hits.map((h) => h.score), error: r.error });
}
process.stdout.write(JSON.stringify(out));
