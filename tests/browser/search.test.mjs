// Offline search from file:// in headless Chromium: results as you type, opening a result,
// search.html?q=..., the header search box, filters, keyboard navigation, accessibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildSite, fileUrl, launch, openPage, axe, repo } from './lib.mjs';

let site;
let browser;

before(async () => {
  site = buildSite();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
});

const hrefs = (page) => page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));

function clean(page) {
  assert.deepEqual(page.outsideRequests, [], 'no request may leave file://');
  assert.deepEqual(page.errors, [], 'no console errors');
}

test('typing a query shows results as you type; a result opens its page', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(site, 'search.html'));
  const input = page.locator('#search-q');
  await input.pressSequentially('tráfico de', { delay: 30 });
  // results already while typing, before the query is complete
  await page.waitForSelector('#search-results a');
  // the country narrows fifteen equally relevant wildlife-trafficking provisions to Peru's
  await input.pressSequentially(' especies Perú', { delay: 30 });
  await page.waitForSelector('#search-results a[href="countries/PER/cp-308.html"]');
  const top = (await hrefs(page)).slice(0, 5);
  assert.ok(top.includes('countries/PER/cp-308.html'), `top 5: ${top}`);
  // snippets carry highlighted words
  assert.ok(await page.locator('#search-results mark').count() > 0, 'matched words are marked');
  await Promise.all([
    page.waitForURL(/countries\/PER\/cp-308\.html$/),
    page.click('#search-results a[href="countries/PER/cp-308.html"]'),
  ]);
  assert.match(await page.locator('h1').innerText(), /Tráfico ilegal de especies/);
  clean(page);
});

test('search.html?q=... opens with results, the same top result as concord search', async () => {
  const page = await openPage(browser);
  await page.goto(`${fileUrl(site, 'search.html')}?q=${encodeURIComponent('wildlife trafficking Peru')}`);
  await page.waitForSelector('#search-results a');
  const got = await hrefs(page);
  assert.equal(got[0], 'countries/PER/cp-308.html', `results: ${got.slice(0, 5)}`);
  assert.equal(await page.inputValue('#search-q'), 'wildlife trafficking Peru');
  clean(page);
});

test('the header search box of any page leads to results', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(site, 'countries/PER/index.html'));
  await page.fill('#header-q', 'lavado de activos');
  await Promise.all([page.waitForURL(/search\.html\?q=/), page.press('#header-q', 'Enter')]);
  await page.waitForSelector('#search-results a');
  const got = await hrefs(page);
  assert.ok(got.length > 0);
  // links on the search page resolve from the site root
  assert.ok(got.every((h) => !h.startsWith('/') && !h.includes('://')), `${got}`);
  clean(page);
});

test('keyboard: arrows move through results, Enter opens, Escape returns to the box', async () => {
  const page = await openPage(browser);
  await page.goto(`${fileUrl(site, 'search.html')}?q=${encodeURIComponent('money laundering')}`);
  await page.waitForSelector('#search-results a');
  const links = await hrefs(page);
  assert.ok(links.length >= 3);
  await page.focus('#search-q');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), links[0]);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), links[1]);
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), links[0]);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForURL((u) => u.href.endsWith(links[1])), page.keyboard.press('Enter')]);
  clean(page);
});

test('facet filters narrow the results', async () => {
  const page = await openPage(browser);
  await page.goto(`${fileUrl(site, 'search.html')}?q=trafficking`);
  await page.waitForSelector('#search-results a');
  await page.selectOption('#search-kind', 'provision');
  await page.selectOption('#search-country', 'per');
  await page.waitForFunction(() => {
    const as = [...document.querySelectorAll('#search-results a')];
    return as.length > 0 && as.every((a) => a.getAttribute('href').startsWith('countries/PER/'));
  });
  assert.match(page.url(), /country=per/);
  clean(page);
});

test('each result names its kind in the singular ("Country", not "Countrie")', async () => {
  const page = await openPage(browser);
  await page.goto(`${fileUrl(site, 'search.html')}?q=Kenya`);
  await page.waitForSelector('#search-results a[href="countries/KEN/index.html"]');
  const where = await page.$$eval('#search-results .search-where', (ps) => ps.map((p) => p.textContent.split(' · ')[0]));
  assert.ok(where.includes('Country'), `kinds shown: ${[...new Set(where)]}`);
  const allowed = ['National provision', 'Treaty article', 'Instrument', 'Country', 'MLA profile', 'Network'];
  for (const w of where) assert.ok(allowed.includes(w), `unexpected kind label "${w}"`);
  clean(page);
});

test('results from unverified records carry the badge, as concord search marks them', async () => {
  const page = await openPage(browser);
  await page.goto(`${fileUrl(site, 'search.html')}?q=${encodeURIComponent('wildlife trafficking')}`);
  await page.waitForSelector('#search-results a');
  const shown = await page.$$eval('#search-results li.search-hit', (lis) => lis.map((li) => ({
    href: li.querySelector('a').getAttribute('href'),
    badge: !!li.querySelector('.badge.unverified'),
  })));
  const cli = JSON.parse(execFileSync(join(repo, 'target', 'debug', 'concord'),
    ['search', '--corpus', join(repo, 'corpus'), '--json', '--limit', String(shown.length), 'wildlife', 'trafficking'],
    { encoding: 'utf8' }));
  const unverified = new Map(cli.results.map((r) => [r.path, r.unverified]));
  for (const r of shown) {
    assert.ok(unverified.has(r.href), `${r.href} is also a CLI result`);
    assert.equal(r.badge, unverified.get(r.href), `badge on ${r.href}`);
  }
  assert.ok(shown.some((r) => r.badge) && shown.some((r) => !r.badge), 'the real corpus mixes both');
  clean(page);
});

test('a repealed provision is found and marked repealed, as concord search marks it', async () => {
  const page = await openPage(browser);
  // "armas" brings in-force provisions into the list beside the repealed laundering law (until
  // function words were dropped, "de" alone matched every Salvadoran page)
  await page.goto(`${fileUrl(site, 'search.html')}?q=${encodeURIComponent('lavado de dinero armas country:SLV')}`);
  await page.waitForSelector('#search-results a');
  const shown = await page.$$eval('#search-results li.search-hit', (lis) => lis.map((li) => ({
    href: li.querySelector('a').getAttribute('href'),
    repealed: !!li.querySelector('.badge.repealed'),
  })));
  const cli = JSON.parse(execFileSync(join(repo, 'target', 'debug', 'concord'),
    ['search', '--corpus', join(repo, 'corpus'), '--json', '--limit', String(shown.length), 'lavado', 'de', 'dinero', 'armas', 'country:SLV'],
    { encoding: 'utf8' }));
  const repealed = new Map(cli.results.map((r) => [r.path, r.repealed]));
  for (const r of shown) {
    assert.ok(repealed.has(r.href), `${r.href} is also a CLI result`);
    assert.equal(r.repealed, repealed.get(r.href), `repealed badge on ${r.href}`);
  }
  // El Salvador's 1998 money-laundering law (Decreto 498) was repealed in 2025
  assert.ok(shown.some((r) => r.href.endsWith('SLV/lcldya-4.html') && r.repealed), JSON.stringify(shown));
  assert.ok(shown.some((r) => !r.repealed), 'in-force provisions carry no badge');
  clean(page);
});

test('a query with a syntax error gets a message, not a crash', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(site, 'search.html'));
  await page.fill('#search-q', '"unclosed');
  await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('unclosed quote'));
  clean(page);
});

test('the search page with results passes axe (WCAG 2.1 AA)', async () => {
  const page = await openPage(browser);
  await page.goto(`${fileUrl(site, 'search.html')}?q=${encodeURIComponent('trata de personas')}`);
  await page.waitForSelector('#search-results a');
  const violations = await axe(page);
  assert.deepEqual(violations, []);
});
