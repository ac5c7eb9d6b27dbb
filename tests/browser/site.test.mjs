// The built site in a real headless Chromium, opened from file:// as a user opens a folder:
// navigation from home through every kind of page, accessibility (axe-core), small screens, print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, fileUrl, launch, openPage, axe } from './lib.mjs';

let site;
let browser;

before(async () => {
  site = buildSite();
  browser = await launch();
});
after(async () => { await browser?.close(); });

test('home → instrument → article → country → provision, all from file://', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(site, 'index.html'));
  assert.match(await page.title(), /concord/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Instruments' }).click();
  await page.getByRole('link', { name: 'CITES', exact: true }).click();
  assert.match(await page.locator('h1').innerText(), /CITES/);
  await page.getByRole('link', { name: /Art\. VIII — / }).click();
  assert.match(await page.locator('h1').innerText(), /Article VIII/);
  // "implemented by" lists national provisions grouped by country: follow one to its country
  const implemented = page.locator('#implemented-by');
  assert.ok(await implemented.locator('h3').count() > 0, 'some country implements CITES VIII');
  await implemented.getByRole('link', { name: 'Peru', exact: true }).click();
  assert.match(await page.locator('h1').innerText(), /Peru/);
  assert.ok(await page.locator('#treaties table tbody tr').count() >= 5, 'treaty status matrix');
  await page.locator('#offence-wildlife\\.trafficking + ul a').first().click();
  const h1 = await page.locator('h1').innerText();
  assert.match(h1, /Código Penal.*, art\. 308 —/);
  const penalty = await page.locator('#penalty').innerText();
  assert.match(penalty, /3 years to 5 years/);
  assert.match(await page.locator('dl.facts').first().innerText(), /Serious crime/);
  assert.deepEqual(page.outsideRequests, [], 'no request leaves the page');
  assert.deepEqual(page.errors, [], 'no script errors');
});

// One page of every template.
const pages = [
  'index.html', 'about.html', 'search.html', 'instruments/index.html', 'instruments/untoc/index.html',
  'instruments/untoc/18.html', 'countries/index.html', 'countries/PER/index.html',
  'countries/PER/cp-308.html', 'networks/index.html', 'networks/sudwen.html',
  'compare/index.html', 'compare/wildlife.trafficking.html', 'compare/sudwen/wildlife.trafficking.html', 'gaps/index.html', 'gaps/sudwen.html',
  'gaps/all.html', 'mla/index.html',
  // long unbroken URLs and file paths in its notes and research log
  'countries/SLV/lcldya-4.html',
];

test('axe-core: no serious or critical violations on any template', async () => {
  const page = await openPage(browser);
  const problems = [];
  for (const p of pages) {
    await page.goto(fileUrl(site, p));
    const v = (await axe(page)).filter((x) => x.impact === 'serious' || x.impact === 'critical');
    for (const x of v) problems.push(`${p}: ${x.id} (${x.impact}) ${x.help} — ${x.nodes.join(', ')}`);
  }
  assert.deepEqual(problems, []);
});

test('usable at 360 px: nothing wider than the screen except scrollable tables', async () => {
  const page = await openPage(browser, { width: 360, height: 740 });
  for (const p of pages) {
    await page.goto(fileUrl(site, p));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${p} overflows a 360 px screen by ${overflow}px`);
  }
});

test('dates in tables stay on one line, on a desktop and on a 360 px screen', async () => {
  // The CITES party table has a wide, mostly empty Declarations column; its date columns once
  // wrapped as "1985-10-" / "30".
  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
    const page = await openPage(browser, viewport);
    for (const p of ['instruments/index.html', 'instruments/cites/index.html', 'countries/KEN/index.html', 'compare/laundering.html']) {
      await page.goto(fileUrl(site, p));
      const split = await page.$$eval('td.date', (tds) => tds.filter((td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1;
      }).map((td) => td.textContent));
      const n = await page.locator('td.date').count();
      assert.ok(n > 0, `${p} has date cells`);
      assert.deepEqual(split, [], `${p} at ${viewport.width} px splits dates`);
    }
    await page.context().close();
  }
});

test('print: no navigation, table headers repeat', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(site, 'instruments/untoc/index.html'));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site-header').evaluate((e) => getComputedStyle(e).display), 'none');
  assert.equal(await page.locator('nav.crumbs').evaluate((e) => getComputedStyle(e).display), 'none');
  assert.equal(await page.locator('table.parties thead').evaluate((e) => getComputedStyle(e).display), 'table-header-group');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000, 'prints to PDF');
});

test('party-list notes fold away on screen and print open; the curators\' log does not print', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(site, 'instruments/untoc/index.html'));
  const note = page.locator('table.parties details.note').first();
  const text = note.locator('p').first();
  const how = page.locator('details.compiled');
  const log = page.locator('details.research-log');
  assert.ok(await log.count() > 0, 'this party list has a research log');
  assert.equal(await text.isVisible(), false, 'a row note starts folded');
  assert.equal(await how.locator('li').first().isVisible(), false, 'so does how the list was compiled');
  await note.locator('summary').click();
  assert.equal(await text.isVisible(), true, 'and opens on a click');
  await note.locator('summary').click();
  // The party table is reachable without scrolling past the compilation notes.
  const [tableTop, howTop] = await Promise.all([
    page.locator('table.parties').evaluate((e) => e.getBoundingClientRect().top),
    how.evaluate((e) => e.getBoundingClientRect().top),
  ]);
  assert.ok(tableTop < howTop, 'table before the notes');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await text.isVisible(), true, 'a printout shows row notes without opening them');
  assert.equal(await how.locator('li').first().isVisible(), true, 'and how the list was compiled');
  assert.equal(await log.first().isVisible(), false, 'but not the research log');
  assert.deepEqual(page.errors, []);
});

test('a wide gap scoreboard: the legend reads in full and the country column stays put when scrolled', async () => {
  const page = await openPage(browser, { width: 1280, height: 900 });
  await page.goto(fileUrl(site, 'gaps/roavis.html'));
  const wrap = page.locator('.table-wrap').first();
  const widths = await wrap.evaluate((w) => ({ client: w.clientWidth, scroll: w.scrollWidth }));
  assert.ok(widths.scroll > widths.client, 'the ROAVIS scoreboard is wider than the screen');
  const legend = await page.locator('p.legend').first().boundingBox();
  assert.ok(legend.x + legend.width <= 1280, 'the legend is not cut off at the right');
  assert.match(await page.locator('p.legend').first().innerText(), /not party/);
  const first = page.locator('table.scoreboard tbody th[scope=row]').first();
  const before = (await first.boundingBox()).x;
  await wrap.evaluate((w) => { w.scrollLeft = w.scrollWidth; });
  const after = (await first.boundingBox()).x;
  assert.ok(Math.abs(after - before) < 2, `country column moved from ${before} to ${after}`);
  assert.deepEqual(page.errors, []);
});
