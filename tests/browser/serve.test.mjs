// `concord serve` in a real browser: a corpus error appears as an overlay on the open page, and
// fixing it reloads the page with the new content.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, fixtureCorpus, launch, openPage } from './lib.mjs';

let server;
let browser;
after(async () => { server?.kill(); await browser?.close(); });

function startServe(corpus, out) {
  return new Promise((resolve, reject) => {
    const p = spawn(join(repo, 'target', 'debug', 'concord'), ['serve', '--port', '0', '--corpus', corpus, '--out', out],
      { stdio: ['ignore', 'pipe', 'ignore'] });
    let buf = '';
    p.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve({ p, url: m[0] });
    });
    p.on('exit', () => reject(new Error('serve exited')));
    setTimeout(() => reject(new Error('serve did not start')), 20000);
  });
}

test('error overlay while serving, then live reload after the fix', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-serve-'));
  const corpus = join(dir, 'corpus');
  cpSync(fixtureCorpus, corpus, { recursive: true });
  const started = await startServe(corpus, join(dir, 'public'));
  server = started.p;
  browser = await launch();
  const page = await openPage(browser);
  await page.goto(`${started.url}networks/sudwen.html`);
  assert.match(await page.locator('h1').innerText(), /SudWEN/);

  const file = join(corpus, 'networks', 'sudwen.yaml');
  const good = readFileSync(file, 'utf8');
  writeFileSync(file, good + 'bogus: 1\n');
  const overlay = page.locator('#concord-error');
  await overlay.waitFor({ state: 'visible', timeout: 20000 });
  // a rebuild may catch the file between truncation and write: wait for the final report
  await page.waitForFunction(() => document.querySelector('#concord-error')?.textContent.includes('unknown field'), null, { timeout: 20000 });
  assert.match(await overlay.innerText(), /networks\/sudwen\.yaml:\d+:\d+: error: unknown field `bogus`/);
  assert.match(await page.locator('h1').innerText(), /SudWEN/, 'the last good page stays');

  writeFileSync(file, good.replace('short_name: SudWEN', 'short_name: SudWEN-live'));
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('SudWEN-live'), null, { timeout: 20000 });
  assert.equal(await overlay.count(), 0, 'overlay gone after the fix');
});
