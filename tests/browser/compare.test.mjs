// Comparison pages in a real browser from file://: the table sorts by maximum prison (with
// aria-sort), and the CSV download holds the same rows and figures as the table on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, fileUrl, fixtureCorpus, launch, openPage } from './lib.mjs';

let site;
let browser;
before(async () => { site = buildSite(fixtureCorpus); browser = await launch(); });
after(async () => { await browser?.close(); });

// Minimal RFC 4180 parser (quoted fields with commas, quotes and newlines).
function parseCsv(text) {
  const rows = []; let row = []; let f = ''; let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { f += '"'; i++; } else if (c === '"') q = false; else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; } else if (c === '\n') { row.push(f); rows.push(row); row = []; f = ''; } else if (c !== '\r') f += c;
  }
  if (f || row.length) { row.push(f); rows.push(row); }
  return rows;
}

const maxColumn = 4; // Country, Provision, Variant, Min, Max …

async function maxValues(page) {
  return page.$$eval('table.compare tbody tr', (rows, i) => rows.map((r) => parseFloat(r.cells[i].getAttribute('data-value'))), maxColumn);
}

test('sorting by maximum prison reorders the rows and sets aria-sort', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(site, 'compare/wildlife.trafficking.html'));
  const before = await maxValues(page);
  assert.ok(before.length >= 3, 'several penalties to sort');
  const header = page.locator('table.compare thead th').nth(maxColumn);
  await header.getByRole('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  const desc = await maxValues(page);
  assert.deepEqual(desc, [...before].sort((a, b) => b - a));
  assert.notDeepEqual(desc, before, 'the fixture is not already in that order');
  await header.getByRole('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await maxValues(page), [...before].sort((a, b) => a - b));
  // keyboard: the sort control is a real button
  await header.getByRole('button').focus();
  await page.keyboard.press('Enter');
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  assert.deepEqual(page.errors, []);
});

test('the CSV download matches the table on the page', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(site, 'compare/wildlife.trafficking.html'));
  const table = await page.$$eval('table.compare tbody tr', (rows) => rows.map((r) => ({
    provision: r.cells[1].querySelector('a').getAttribute('href'),
    min: r.cells[3].textContent.trim(),
    max: r.cells[4].textContent.trim(),
    serious: r.cells[5].textContent.trim(),
    fine: r.cells[6].querySelector('.fine-written').textContent.trim(),
    fineNote: r.cells[6].querySelector('.fine-note')?.textContent.trim() ?? '',
  })));
  const csv = parseCsv(readFileSync(join(site, 'data', 'compare', 'wildlife.trafficking.csv'), 'utf8'));
  const head = csv[0];
  const col = (name) => head.indexOf(name);
  const rows = csv.slice(1).filter((r) => r[col('coverage')] === 'provision');
  assert.equal(rows.length, table.length, 'one CSV row per table row');
  assert.ok(rows.some((r) => r[col('fine_note')] !== ''), 'the fixture has a fine with a note');
  rows.forEach((r, i) => {
    const t = table[i];
    assert.ok(t.provision.endsWith(`${r[col('provision')].split('-').slice(1).join('-')}.html`), `row ${i} provision`);
    assert.equal(t.min, r[col('prison_min_months')] || '—', `row ${i} min`);
    assert.ok(t.max.includes(r[col('prison_max_months')] || (r[col('prison_life')] === 'yes' ? 'life' : (r[col('death_penalty')] === 'yes' ? 'death penalty' : '—'))), `row ${i} max`);
    assert.equal(t.max.includes('death penalty'), r[col('death_penalty')] === 'yes', `row ${i} death penalty`);
    assert.ok(t.serious.includes(r[col('serious_crime')]), `row ${i} serious crime`);
    assert.equal(t.fine, r[col('fine_as_written')] || 'none recorded', `row ${i} fine`);
    assert.equal(t.fineNote, r[col('fine_note')], `row ${i} fine note, shown with the figure`);
  });
});

test('"only verified records" hides the unverified rows and brings them back', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(site, 'compare/wildlife.trafficking.html'));
  const box = page.getByLabel('Show only records confirmed against the official text');
  assert.ok(await box.isVisible(), 'the control is shown once the script runs');
  const visible = () => page.$$eval('table.compare tbody tr', (rows) => rows
    .filter((r) => !r.hidden)
    .map((r) => ({ href: r.cells[1].querySelector('a').getAttribute('href'), badge: !!r.querySelector('.badge.unverified') })));
  const all = await visible();
  const unverified = all.filter((r) => r.badge);
  assert.ok(unverified.length > 0 && unverified.length < all.length, 'the fixture mixes both kinds');
  assert.ok(unverified.some((r) => r.href.includes('ECU/coip-247')), 'Ecuador\'s record is unverified');
  await box.check();
  const shown = await visible();
  assert.deepEqual(shown, all.filter((r) => !r.badge), 'exactly the verified rows remain');
  assert.equal(await page.locator('#verified-count').innerText(), `${shown.length} of ${all.length} rows shown`);
  // sorting keeps the filter
  await page.locator('table.compare thead th').nth(maxColumn).getByRole('button').click();
  assert.equal((await visible()).filter((r) => r.badge).length, 0);
  await box.uncheck();
  assert.equal((await visible()).length, all.length);
  assert.equal(await page.locator('#verified-count').innerText(), '');
  assert.deepEqual(page.errors, []);
});

// The chart's row labels are cut on the server by an estimate of their width; this checks the
// estimate against real font metrics on every comparison page of the real corpus.
test('every chart label on the real corpus fits inside its chart', async () => {
  const real = buildSite();
  const page = await openPage(browser);
  const pages = readdirSync(join(real, 'compare')).filter((f) => f.endsWith('.html') && f !== 'index.html');
  assert.ok(pages.length >= 10, 'the real corpus compares many offences');
  let labels = 0;
  for (const f of pages) {
    await page.goto(fileUrl(real, `compare/${f}`));
    const boxes = await page.$$eval('svg.chart text.lbl', (ts) => ts.map((t) => ({ text: t.textContent, x: t.getBBox().x })));
    labels += boxes.length;
    for (const b of boxes) assert.ok(b.x >= 0, `${f}: "${b.text}" starts ${b.x.toFixed(1)} px left of the chart`);
  }
  assert.ok(labels > 100, `labels checked: ${labels}`);
  assert.deepEqual(page.errors, []);
});

test('on a 360 px screen the chart stays legible and scrolls inside its frame', async () => {
  const page = await openPage(browser, { width: 360, height: 740 });
  await page.goto(fileUrl(site, 'compare/wildlife.trafficking.html'));
  const m = await page.evaluate(() => {
    const svg = document.querySelector('svg.chart');
    const wrap = svg.closest('.chart-wrap');
    const label = svg.querySelector('text.lbl').getBoundingClientRect();
    return { svg: svg.getBoundingClientRect().width, wrap: wrap.clientWidth, scroll: wrap.scrollWidth, labelHeight: label.height, page: document.documentElement.scrollWidth };
  });
  assert.ok(m.svg >= 500, `chart drawn ${m.svg}px wide`);
  assert.ok(m.labelHeight >= 9, `label text ${m.labelHeight}px high`);
  assert.ok(m.scroll > m.wrap, 'the chart scrolls inside its frame');
  assert.ok(m.page <= 361, `the page itself is ${m.page}px wide`);
});
