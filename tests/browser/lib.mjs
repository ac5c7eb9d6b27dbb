// Shared harness for browser tests: builds the site with the real binary, opens pages from
// file:// in Debian's headless chromium (driven by playwright-core), and runs axe-core.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = resolve(import.meta.dirname, '..', '..');
const binary = join(repo, 'target', 'debug', 'concord');

/** Builds `corpus` (default: the real corpus) into a fresh temporary folder; returns its path. */
export function buildSite(corpus = join(repo, 'corpus')) {
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: run cargo build first (scripts/test.sh does)`);
  }
  const out = join(mkdtempSync(join(tmpdir(), 'concord-site-')), 'public');
  execFileSync(binary, ['build', '--quiet', '--corpus', corpus, '--out', out], { stdio: 'inherit' });
  return out;
}

export const fixtureCorpus = join(repo, 'tests', 'fixtures', 'mini');

export function fileUrl(site, path) {
  return pathToFileURL(join(site, path)).href;
}

/** Launches headless chromium with the flags this machine needs (root, closed network). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page that records every request leaving file:// (there must be none) and every console
 * error or uncaught exception.
 */
export async function openPage(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.outsideRequests = [];
  page.errors = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('file://') && !u.startsWith('data:') && !u.startsWith('about:')) page.outsideRequests.push(u);
  });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  return page;
}

const axeSource = readFileSync(join(repo, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page; returns violations. */
export async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}
