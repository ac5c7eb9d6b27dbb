// MLA assistant in headless Chromium from file://, and its agreement with `concord mla`.
// The page's analysis (site/static/mla.js) is a port of src/derive/mla.rs working on the same
// data (mla/data.js); these tests hold the two to the same answer and the same draft.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, cpSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildSite, fixtureCorpus, fileUrl, launch, openPage, axe, repo } from './lib.mjs';

const binary = join(repo, 'target', 'debug', 'concord');
const realCorpus = join(repo, 'corpus');

/** `concord mla` through the real binary: the analysis JSON and the draft part of the Markdown. */
function cli(corpus, from, to, offence, basis) {
  const args = ['mla', '--corpus', corpus, '--from', from, '--to', to, '--offence', offence];
  if (basis) args.push('--basis', basis);
  const json = JSON.parse(execFileSync(binary, [...args, '--format', 'json'], { encoding: 'utf8' }));
  const md = execFileSync(binary, [...args, '--format', 'md'], { encoding: 'utf8' });
  const marker = '\n---\n\n# Request for mutual legal assistance';
  const i = md.indexOf(marker);
  assert.ok(i > 0, 'the Markdown report ends with the draft');
  return { json, draft: md.slice(i + '\n---\n\n'.length) };
}

/** The page's script and data, loaded outside the browser (same files the page loads). */
function loadScript(site) {
  const ctx = { window: {} };
  vm.createContext(ctx);
  vm.runInContext(readFileSync(join(site, 'mla', 'data.js'), 'utf8'), ctx);
  vm.runInContext(readFileSync(join(site, 'static', 'mla.js'), 'utf8'), ctx);
  return { data: ctx.window.CONCORD_MLA_DATA, api: ctx.window.ConcordMla };
}

const plain = (x) => JSON.parse(JSON.stringify(x));

/** The page script's analysis and draft for a pair equal the CLI's; returns both. */
function agree(corpus, data, api, a, b, o) {
  const r = api.analyse(data, a, b, o);
  assert.ok(r.ok, `${a} → ${b} ${o}: ${r.error}`);
  const c = cli(corpus, a, b, o);
  assert.deepStrictEqual(plain(r.ok), c.json, `analysis differs for ${a} → ${b} ${o}`);
  assert.equal(api.draftMd(r.ok), c.draft, `draft differs for ${a} → ${b} ${o}`);
  return { r, c };
}

/** A scratch copy of the fixture corpus, for tests that edit it. */
function fixtureCopy() {
  const corpus = join(mkdtempSync(join(tmpdir(), 'concord-corpus-')), 'corpus');
  cpSync(fixtureCorpus, corpus, { recursive: true });
  return corpus;
}

/** Replaces `from` by `to` in a file of the copy; fails if the fixture no longer has `from`. */
function editFixture(corpus, rel, from, to) {
  const f = join(corpus, ...rel.split('/'));
  const before = readFileSync(f, 'utf8');
  const after = before.replace(from, to);
  assert.notEqual(after, before, `the fixture's ${rel} still has the text this test replaces`);
  writeFileSync(f, after);
  return f;
}

let fixtureSite;
let realSite;
let browser;

before(async () => {
  fixtureSite = buildSite(fixtureCorpus);
  realSite = buildSite();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the page script and the CLI agree on every pair and offence of the fixture corpus', () => {
  const { data, api } = loadScript(fixtureSite);
  let n = 0;
  for (const a of data.countries) {
    for (const b of data.countries) {
      if (a.iso3 === b.iso3) continue;
      for (const o of data.offences) {
        const r = api.analyse(data, a.iso3, b.iso3, o.id);
        assert.ok(r.ok, `${a.iso3} → ${b.iso3} ${o.id}: ${r.error}`);
        const c = cli(fixtureCorpus, a.iso3, b.iso3, o.id);
        assert.deepStrictEqual(plain(r.ok), c.json, `analysis differs for ${a.iso3} → ${b.iso3} ${o.id}`);
        assert.equal(api.draftMd(r.ok), c.draft, `draft differs for ${a.iso3} → ${b.iso3} ${o.id}`);
        // and the draft on every other legal basis
        for (const basis of r.ok.legal_bases.slice(1)) {
          const cb = cli(fixtureCorpus, a.iso3, b.iso3, o.id, basis.key);
          assert.equal(api.draftMd(r.ok, basis.key), cb.draft, `draft on ${basis.key} differs for ${a.iso3} → ${b.iso3} ${o.id}`);
        }
        n++;
      }
    }
  }
  assert.ok(n >= 90, `only ${n} combinations compared`);
});

test('the page script and the CLI agree on pairs of the real corpus', () => {
  const { data, api } = loadScript(realSite);
  const pairs = [
    ['PER', 'ECU', 'wildlife.trafficking'], ['ECU', 'PER', 'corruption.bribery'],
    ['USA', 'MEX', 'drugs.trafficking'], ['COL', 'PER', 'firearms.trafficking'],
    ['VNM', 'THA', 'persons.trafficking'], ['GTM', 'AFG', 'laundering'],
    ['KEN', 'ZAF', 'wildlife.poaching'], ['BRA', 'PER', 'migrants.smuggling'],
    ['MEX', 'GTM', 'forest.illegal-logging'], ['IDN', 'VNM', 'wildlife.trafficking'],
    // both profiles record the 2020 Viet Nam–Lao agreement (signed, not known in force)
    ['VNM', 'LAO', 'wildlife.trafficking'],
    // El Salvador's laundering article was repealed, its successor not recorded; the 1988
    // Convention basis carries its drug-proceeds condition
    ['USA', 'SLV', 'laundering'],
    // UNTOC's rule on dual criminality beside the Inter-American Convention and the Central
    // American treaty's own rule (a basis the corpus cannot confirm for Guatemala)
    ['GTM', 'SLV', 'persons.trafficking'],
  ];
  for (const [f, t, o] of pairs) {
    agree(realCorpus, data, api, f, t, o);
  }
});

test('the page script and the CLI agree when a party is known only to be bound by a date', () => {
  // ECU's UNTOC record: bound by a date, without and then with its entry into force.
  for (const extra of ['', '    entry_into_force: 2009-05-30\n']) {
    const corpus = fixtureCopy();
    editFixture(corpus, 'instruments/untoc/parties.yaml', '    consent: 2002-09-17\n', `    consent_by: 2009-04-30\n${extra}`);
    const site = buildSite(corpus);
    const { data, api } = loadScript(site);
    for (const [a, b, o] of [['PER', 'ECU', 'wildlife.trafficking'], ['ECU', 'PER', 'laundering']]) {
      const { r } = agree(corpus, data, api, a, b, o);
      const untoc = r.ok.legal_bases.find((x) => x.instrument === 'untoc');
      assert.ok(untoc, 'ECU counts as bound, so UNTOC stays a legal basis');
      assert.equal(untoc.binds_both_from, extra ? '2009-05-30' : null);
      // without an exact date, the upper bound still says the Convention binds both now
      assert.equal(untoc.binds_both_by, extra ? null : '2009-04-30');
      const onUntoc = cli(corpus, a, b, o, 'untoc').draft;
      assert.equal(api.draftMd(r.ok, 'untoc'), onUntoc, `draft on untoc differs for ${a} → ${b} ${o}`);
      if (!extra) assert.match(onUntoc, /are parties, binding on both States by 2009-04-30 at the latest\./);
    }
  }
});

test('the page script and the CLI agree on the death-penalty warning', () => {
  // PER's wildlife article gains a variant punishable by death (a fixture, not Peruvian law).
  const corpus = fixtureCopy();
  editFixture(corpus, 'countries/PER/provisions/cp-308.md', '      increase: "1/3"\n', '      increase: "1/3"\n    - condition: Fixture capital variant\n      death_penalty: true\n');
  const site = buildSite(corpus);
  const { data, api } = loadScript(site);
  for (const [a, b, role] of [['ECU', 'PER', 'requested'], ['PER', 'ECU', 'requesting']]) {
    const r = api.analyse(data, a, b, 'wildlife.trafficking');
    assert.ok(r.ok, r.error);
    const c = cli(corpus, a, b, 'wildlife.trafficking');
    assert.deepStrictEqual(plain(r.ok), c.json, `analysis differs for ${a} → ${b}`);
    assert.equal(api.draftMd(r.ok), c.draft, `draft differs for ${a} → ${b}`);
    assert.ok(r.ok.warnings.includes(`In Peru (fixture) (the ${role} State), Wildlife trafficking can carry the death penalty (Código Penal, art. 308). Check whether the requested State requires assurances that it will not be imposed or carried out.`), JSON.stringify(r.ok.warnings));
  }
});

test('a repealed provision with no successor on record: page script and CLI say so, not "no provision"', () => {
  // ECU's wildlife article is marked repealed by a fixture law (not Ecuadorian law).
  const corpus = fixtureCopy();
  editFixture(corpus, 'countries/ECU/provisions/coip-247.md', 'as_of: 2026-01-01\n', 'as_of: 2026-01-01\nrepealed:\n  by: Fixture Repeal Act\n  effective: 2025-10-17\n  sources:\n    - url: https://example.org/repeal\n      title: Fixture repeal\n      accessed: 2026-01-01\n');
  const site = buildSite(corpus);
  const { data, api } = loadScript(site);
  const r = api.analyse(data, 'PER', 'ECU', 'wildlife.trafficking');
  assert.ok(r.ok, r.error);
  const c = cli(corpus, 'PER', 'ECU', 'wildlife.trafficking');
  assert.deepStrictEqual(plain(r.ok), c.json, 'analysis differs');
  assert.equal(api.draftMd(r.ok), c.draft, 'draft differs');
  assert.ok(r.ok.warnings.includes('Dual criminality unknown: the provision of Ecuador (fixture) on Wildlife trafficking recorded in the corpus (COIP, art. 247) was repealed with effect from 2025-10-17 by Fixture Repeal Act; the provision in force is not recorded. Confirm the conduct is an offence there, and its penalty, before relying on it.'), JSON.stringify(r.ok.warnings));
  // the repealed article is not used as the requested State's provision
  assert.ok(!JSON.stringify(r.ok).includes('"id":"ecu-coip-247"'), 'the repealed provision is not matched');
});

test('a bilateral treaty recorded in both profiles is one basis, in the page script as in the CLI', () => {
  // ECU's profile gains the PER treaty under its own title, with the same signature date and no
  // entry into force; PER's entry gives the entry into force.
  const corpus = fixtureCopy();
  const f = join(corpus, 'countries', 'ECU', 'mla.yaml');
  writeFileSync(f, readFileSync(f, 'utf8') + 'bilateral_treaties:\n  - with: PER\n    title: Tratado de asistencia judicial en materia penal con el Perú\n    signed: 1999-01-01\n');
  const site = buildSite(corpus);
  const { data, api } = loadScript(site);
  for (const [a, b] of [['PER', 'ECU'], ['ECU', 'PER']]) {
    const { r } = agree(corpus, data, api, a, b, 'wildlife.trafficking');
    const bilateral = [...r.ok.legal_bases, ...r.ok.unconfirmed_bases].filter((x) => x.kind === 'bilateral');
    assert.equal(bilateral.length, 1, 'one treaty, one basis');
    assert.equal(bilateral[0].binds_both_from, '2000-01-01', 'in force, from the profile that records it');
    assert.match(bilateral[0].coverage, /MLA profiles of .* and /);
  }
});

test("a treaty's rule on dual criminality: page script, CLI and page agree, with and without an MLA treaty", async () => {
  // The fixture UNTOC gains the art. 18(9) rule, which yields to an MLA treaty binding the two
  // States (18(7)); the fixture's ECU–PER bilateral treaty is such a treaty.
  const corpus = fixtureCopy();
  editFixture(corpus, 'instruments/untoc/instrument.yaml', 'sources:\n', 'dual_criminality:\n  position: discretionary\n  article: "18"\n  paragraph: "9"\n  only_without_mla_treaty: "7"\n  summary: Fixture rule on dual criminality.\n  quote:\n    text: Fixture wording of paragraph 9.\n    language: en\n    source:\n      url: https://example.org/fixture\n      title: Fixture source\n      accessed: 2026-01-01\nsources:\n');
  let site = buildSite(corpus);
  let { data, api } = loadScript(site);
  const { r } = agree(corpus, data, api, 'ECU', 'PER', 'wildlife.trafficking');
  assert.deepEqual(plain(r.ok.dual_criminality.treaty_rules.map((t) => t.displaced_by)), [['ECU–PER bilateral treaty']]);
  const page = await openPage(browser);
  await page.goto(`${fileUrl(site, 'mla/index.html')}#from=ECU&to=PER&offence=wildlife.trafficking`);
  await page.waitForFunction(() => document.querySelector('#mla-draft').value.length > 0);
  const item = page.locator('ul.mla-dc-rules li[data-basis="untoc"]');
  assert.match(await item.textContent(), /^UNTOC art\. 18\(9\): at the requested State's discretion\. Fixture rule on dual criminality\. Where a treaty of mutual legal assistance binds the two States, .*Also a legal basis here: ECU–PER bilateral treaty \(its rule on dual criminality is not recorded in the corpus\)\.“Fixture wording of paragraph 9\.”/);
  assert.equal(await item.locator('a').first().getAttribute('href'), '../instruments/untoc/18.html');
  // Without the bilateral treaty the rule is the one that applies.
  editFixture(corpus, 'countries/PER/mla.yaml', /bilateral_treaties:\n(?:  .*\n|    .*\n)+/, '');
  site = buildSite(corpus);
  ({ data, api } = loadScript(site));
  const { r: r2 } = agree(corpus, data, api, 'ECU', 'PER', 'wildlife.trafficking');
  assert.match(r2.ok.dual_criminality.treaty_rules[0].applies, /^Applies where no treaty of mutual legal assistance binds the two States \(UNTOC art\. 18\(7\)\); the corpus records none/);
  // …and the draft on UNTOC asks for assistance even without dual criminality, like the CLI's.
  const onUntoc = cli(corpus, 'ECU', 'PER', 'wildlife.trafficking', 'untoc').draft;
  assert.equal(api.draftMd(r2.ok, 'untoc'), onUntoc, 'draft on untoc differs');
  assert.match(onUntoc, /as UNTOC art\. 18\(9\) allows\./);
  // A general MLA treaty PER has only signed: its rule comes after, marked unconfirmed, and
  // UNTOC's rule names it as possibly binding the two States.
  const src = 'sources:\n  - url: https://example.org/fixture\n    title: Fixture source\n    accessed: 2026-01-01\n';
  const dir = join(corpus, 'instruments', 'rmlat');
  mkdirSync(join(dir, 'articles'), { recursive: true });
  writeFileSync(join(dir, 'instrument.yaml'), `short_name: Regional MLA Treaty\ntitle: Fixture regional MLA treaty\nkind: treaty\nadopted: { date: 1993-10-29 }\nscope: Fixture.\nmla_article: "2"\ndual_criminality:\n  position: required\n  article: "2"\n  summary: Fixture rule requiring dual criminality.\n${src}`);
  writeFileSync(join(dir, 'parties.yaml'), `as_of: 2026-01-01\n${src}parties:\n  - country: ECU\n    consent: 1995-01-01\n    consent_kind: ratification\n  - country: PER\n    signed: 1993-10-29\n`);
  writeFileSync(join(dir, 'articles', '2.md'), `---\ntitle: Scope\nsummary: Fixture summary of the scope article.\n${src}---\n`);
  site = buildSite(corpus);
  ({ data, api } = loadScript(site));
  for (const [a, b] of [['ECU', 'PER'], ['PER', 'ECU']]) {
    const { r: r3 } = agree(corpus, data, api, a, b, 'wildlife.trafficking');
    const rules = r3.ok.dual_criminality.treaty_rules;
    assert.deepEqual(plain(rules.map((t) => [t.basis, t.confirmed])), [['untoc', true], ['rmlat', false]], `${a} → ${b}`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the Apostille Convention between the two States: page script, CLI and page agree', async () => {
  // GTM joins the fixture Apostille list and PER objects to its accession (fixture data).
  const corpus = fixtureCopy();
  const f = editFixture(corpus, 'instruments/hcch-apostille/parties.yaml', '    entry_into_force: 2010-09-30\n',
    '    entry_into_force: 2010-09-30\n    declarations:\n      - kind: objection\n        states: [GTM]\n        summary: Objected to the accession of GTM (fixture).\n');
  writeFileSync(f, readFileSync(f, 'utf8') + '  - country: GTM\n    consent: 2016-01-19\n    consent_kind: accession\n');
  const site = buildSite(corpus);
  const { data, api } = loadScript(site);
  const expected = { 'GTM PER': 'no', 'PER GTM': 'no', 'GTM ECU': 'yes', 'ECU PER': 'yes' };
  for (const [pair, applies] of Object.entries(expected)) {
    const [a, b] = pair.split(' ');
    const { r, c } = agree(corpus, data, api, a, b, 'wildlife.trafficking');
    assert.equal(r.ok.legalisation_treaties[0].applies, applies, `${a} → ${b}`);
    assert.equal(/certified with an apostille/.test(c.draft), applies === 'yes', `draft of ${a} → ${b}`);
  }
  const page = await openPage(browser);
  await page.goto(`${fileUrl(site, 'mla/index.html')}#from=GTM&to=PER&offence=wildlife.trafficking`);
  await page.waitForFunction(() => document.querySelector('#mla-draft').value.length > 0);
  const dd = page.locator('dd.mla-apostille');
  assert.equal(await dd.getAttribute('data-applies'), 'no');
  assert.match(await dd.textContent(), /^Does not apply between Guatemala \(fixture\) and Peru \(fixture\): objection recorded for Peru \(fixture\): Objected to the accession of GTM \(fixture\)\./);
  // the row's label links to the instrument page, which exists
  const href = await page.locator('dt:has(+ dd.mla-apostille) a').getAttribute('href');
  assert.equal(href, '../instruments/hcch-apostille/index.html');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('undated entries of the only treaty between two States are one basis; two undated treaties stay two', () => {
  const corpus = fixtureCopy();
  editFixture(corpus, 'countries/PER/mla.yaml', '    signed: 1999-01-01\n    in_force: 2000-01-01\n', '');
  const ecu = join(corpus, 'countries', 'ECU', 'mla.yaml');
  const ecuText = readFileSync(ecu, 'utf8');
  for (const [extra, count] of [['', 1], ['  - with: PER\n    title: Otro tratado con el Perú\n', 3]]) {
    writeFileSync(ecu, `${ecuText}bilateral_treaties:\n  - with: PER\n    title: Tratado con el Perú\n${extra}`);
    const site = buildSite(corpus);
    const { data, api } = loadScript(site);
    for (const [a, b] of [['PER', 'ECU'], ['ECU', 'PER']]) {
      const { r } = agree(corpus, data, api, a, b, 'wildlife.trafficking');
      const bilateral = [...r.ok.legal_bases, ...r.ok.unconfirmed_bases].filter((x) => x.kind === 'bilateral');
      assert.equal(bilateral.length, count, `${a} → ${b} with ${count === 1 ? 'one treaty in each profile' : 'two treaties in one profile'}`);
      if (count === 1) assert.match(bilateral[0].coverage, /MLA profiles of .* and /);
    }
  }
});

test('an instrument neither State is listed for is named in one line, not shown as a basis card', async () => {
  // Drop ECU from the fixture's (incomplete) UNCAC list: for GTM → ECU neither State is listed.
  const corpus = fixtureCopy();
  editFixture(corpus, 'instruments/uncac/parties.yaml', '  - country: ECU\n    consent: 2005-09-15\n    consent_kind: ratification\n', '');
  const site = buildSite(corpus);
  const { data, api } = loadScript(site);
  agree(corpus, data, api, 'GTM', 'ECU', 'corruption.bribery');
  const page = await openPage(browser);
  for (const [s, listed] of [[fixtureSite, false], [site, true]]) {
    await page.goto(`${fileUrl(s, 'mla/index.html')}#from=GTM&to=ECU&offence=corruption.bribery`);
    await page.waitForFunction(() => document.querySelector('#mla-draft').value.length > 0);
    const cards = await page.locator('article.mla-basis h3').allTextContents();
    assert.equal(cards.some((t) => t.includes('Fixture Convention against Corruption')), !listed, cards.join(' | '));
    const line = page.locator('p.mla-neither');
    assert.equal(await line.count(), listed ? 1 : 0);
    if (listed) {
      assert.equal(await line.textContent(), 'Neither State is on the party list of these instruments; the lists are not marked complete, so check with the depositary before ruling them out: UNCAC (Fixture Convention against Corruption).');
      assert.equal(await line.locator('a').getAttribute('href'), '../instruments/uncac/index.html');
    }
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the page script rejects unknown and identical choices like the CLI', () => {
  const { data, api } = loadScript(fixtureSite);
  assert.match(api.analyse(data, 'PER', 'XXX', 'wildlife.trafficking').error, /unknown requested country `XXX`: expected one of: ECU, GTM, PER/);
  assert.match(api.analyse(data, 'PER', 'PER', 'wildlife.trafficking').error, /both `PER`/);
  assert.match(api.analyse(data, 'PER', 'ECU', 'nope').error, /unknown offence `nope`: expected one of: .*wildlife\.trafficking/);
});

async function pick(page, from, to, offence) {
  await page.selectOption('#mla-from', from);
  await page.selectOption('#mla-to', to);
  await page.selectOption('#mla-offence', offence);
  await page.waitForFunction(() => document.querySelector('#mla-draft').value.length > 0);
}

test('fixture: picking a pair gives a draft naming the central authority and the legal basis', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(fixtureSite, 'mla/index.html'));
  await pick(page, 'ECU', 'PER', 'wildlife.trafficking');
  const draft = await page.inputValue('#mla-draft');
  // PER's profile has no designation for the bilateral treaty: the general authority is used.
  assert.match(draft, /\*\*To:\*\* Fixture Ministry of Justice, Peru \(fixture\)/);
  assert.match(draft, /This request is made under the Fixture bilateral MLA treaty, to which Ecuador \(fixture\) and Peru \(fixture\) are parties, binding on both States since 2000-01-01\./);
  assert.match(await page.textContent('#mla-result'), /Treaty basis found in the corpus: Fixture bilateral MLA treaty; UNTOC art\. 18\./);
  // a designation's recorded caveat is shown with it, as in the CLI report
  assert.match(await page.textContent('#mla-result'), /Fixture Prosecution Office — designated under UNTOC art\. 18 \(Fixture caveat, designation not confirmed\.\)/);
  // the dual-criminality position is said in words, not as the corpus's enum value
  assert.match(await page.textContent('#mla-result'), /Dual criminality\s*required only for coercive measures/);
  // the choice is in the URL: reloading reproduces it
  assert.match(page.url(), /#from=ECU&to=PER&offence=wildlife\.trafficking$/);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#mla-draft').value.length > 0);
  assert.equal(await page.inputValue('#mla-to'), 'PER');
  assert.equal(await page.inputValue('#mla-draft'), draft);
  // the browser result is the CLI's
  const c = cli(fixtureCorpus, 'ECU', 'PER', 'wildlife.trafficking');
  assert.deepStrictEqual(await page.evaluate(() => window.ConcordMla.current), c.json);
  assert.equal(draft, c.draft);
  // choosing another legal basis redrafts with that basis's central authority, as the CLI does
  await page.selectOption('#mla-basis', 'untoc');
  await page.waitForFunction(() => document.querySelector('#mla-draft').value.includes('Fixture Prosecution Office'));
  const onUntoc = await page.inputValue('#mla-draft');
  assert.match(onUntoc, /\*\*To:\*\* Fixture Prosecution Office, Peru \(fixture\)/);
  assert.match(onUntoc, /This request is made under the Fixture Convention against Organized Crime, UNTOC art\. 18/);
  assert.match(onUntoc, /- \[confirm\] The offence involves an organized criminal group/);
  assert.match(page.url(), /&basis=untoc$/);
  assert.equal(onUntoc, cli(fixtureCorpus, 'ECU', 'PER', 'wildlife.trafficking', 'untoc').draft);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#mla-draft').value.length > 0);
  assert.equal(await page.inputValue('#mla-basis'), 'untoc');
  assert.equal(await page.inputValue('#mla-draft'), onUntoc);
  assert.deepEqual(page.outsideRequests, []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('fixture: no treaty basis and a missing provision are stated plainly', async () => {
  const page = await openPage(browser);
  await page.goto(`${fileUrl(fixtureSite, 'mla/index.html')}#from=GTM&to=ECU&offence=drugs.trafficking`);
  await page.waitForFunction(() => document.querySelector('#mla-draft').value.length > 0);
  const text = await page.textContent('#mla-result');
  assert.match(text, /No treaty basis found in the corpus\./);
  assert.match(text, /Dual criminality unknown: the corpus has no provision of Ecuador \(fixture\) covering Drug trafficking/);
  assert.match(await page.inputValue('#mla-draft'), /\[central authority of Ecuador \(fixture\) — not recorded in the corpus; confirm\]/);
  await page.context().close();
});

test('real corpus: on a desktop screen the three choices and the button share one row', async () => {
  // Long option texts ("… — no MLA profile") once sized the selects and pushed each choice onto
  // its own row.
  const page = await openPage(browser, { width: 1280, height: 900 });
  await page.goto(fileUrl(realSite, 'mla/index.html'));
  const tops = await page.$$eval('#mla-form select, #mla-form button', (els) =>
    els.map((e) => Math.round(e.getBoundingClientRect().bottom)));
  assert.equal(tops.length, 4);
  assert.ok(Math.max(...tops) - Math.min(...tops) <= 4, `choices on several rows: ${tops}`);
  await page.context().close();
});

test('real corpus: PER → ECU wildlife trafficking, same answer as the CLI, accessible, copy and print', async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  await page.goto(fileUrl(realSite, 'mla/index.html'));
  await pick(page, 'PER', 'ECU', 'wildlife.trafficking');
  const draft = await page.inputValue('#mla-draft');
  assert.match(draft, /\*\*To:\*\* Fiscalía General del Estado – Dirección de Cooperación y Asuntos Internacionales, Ecuador/);
  assert.match(draft, /This request is made under the Inter-American Convention on Mutual Assistance in Criminal Matters, Inter-American MLA Convention art\. 1/);
  const c = cli(realCorpus, 'PER', 'ECU', 'wildlife.trafficking');
  assert.deepStrictEqual(await page.evaluate(() => window.ConcordMla.current), c.json);
  assert.equal(draft, c.draft);
  await page.click('#mla-copy');
  await page.waitForFunction(() => document.querySelector('#mla-copy-status').textContent.length > 0);
  // a long source list (the UNTOC party list's) is folded behind its count, and opens on demand
  const folded = page.locator('#mla-result details.mla-sources');
  assert.ok(await folded.count() >= 1, 'a basis with many sources folds them');
  const summary = await folded.first().locator('summary').textContent();
  const n = Number(/^Sources \((\d+)\)$/.exec(summary)?.[1]);
  assert.ok(n > 4, summary);
  // the fold hides nothing: it holds every source of the first basis that cites more than four
  const many = c.json.legal_bases.find((b) => b.sources.length > 4);
  assert.ok(many, 'a basis with more than four sources');
  assert.equal(n, many.sources.length);
  assert.equal(await folded.first().locator('a').count(), many.sources.filter((x) => x.url).length);
  assert.equal(await folded.first().evaluate((d) => d.open), false);
  assert.equal(await folded.first().locator('a').first().isVisible(), false);
  await folded.first().locator('summary').click();
  assert.equal(await folded.first().locator('a').first().isVisible(), true);
  await folded.first().locator('summary').click();
  // so does the apostille row's list, which sits inside a sentence of the requirements
  const apostille = c.json.legalisation_treaties.find((t) => t.instrument === 'hcch-apostille');
  assert.ok(apostille.sources.length > 4, 'the real Apostille party list cites more than four sources');
  const apoFold = page.locator('dd.mla-apostille details.mla-sources');
  assert.equal(await apoFold.locator('summary').textContent(), `Sources (${apostille.sources.length})`);
  assert.equal(await apoFold.evaluate((d) => d.open), false);
  assert.match(await page.locator('dd.mla-apostille').textContent(), /^(Applies|Does not apply|Unknown|In force)/);
  // a common date resting on a consent date (Inter-American Convention: no entry into force
  // recorded for PER or ECU) is shown as a lower bound, as in the CLI report
  const iac = c.json.legal_bases.find((b) => b.key === 'iacmacm');
  assert.ok(iac && iac.parties.some((p) => p.binding_date_kind === 'consent'), 'the IACMACM basis rests on consent dates');
  const binds = await page.locator('#mla-result dt', { hasText: 'Binds both States from' }).evaluateAll((dts) => dts.map((dt) => dt.nextElementSibling.textContent));
  assert.ok(binds.some((t) => t.startsWith(`${iac.binds_both_from} at the earliest (`)), binds.join('\n'));
  // printing opens every folded list, and folds it back afterwards
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await folded.evaluateAll((ds) => ds.every((d) => d.open)), true);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await folded.evaluateAll((ds) => ds.every((d) => !d.open)), true);
  // print: the draft is what prints
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#mla-draft-print'), true);
  assert.equal(await page.isVisible('#mla-form'), false);
  const printed = await page.textContent('#mla-draft-print');
  assert.match(printed, /Request for mutual legal assistance in criminal matters/);
  assert.match(printed, /To: Fiscalía General del Estado – Dirección de Cooperación y Asuntos Internacionales, Ecuador/);
  assert.ok(!printed.includes('**'), 'printed draft is rendered, not raw Markdown');
  assert.equal(await page.locator('#mla-draft-print h3').count() >= 10, true);
  // an edit to the draft is what prints
  await page.emulateMedia({ media: 'screen' });
  await page.fill('#mla-draft', `${draft}\nEdited <b>line</b>.`);
  assert.match(await page.textContent('#mla-draft-print'), /Edited <b>line<\/b>\./);
  assert.equal(await page.locator('#mla-draft-print b').count(), 0);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(page.outsideRequests, []);
  assert.deepEqual(page.errors, []);
  // (axe itself tries to read the stylesheet, which file:// refuses: checked after the errors)
  const violations = await axe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await page.context().close();
});

test('a country page links to its MLA section and to the assistant with it as requested state', async () => {
  const page = await openPage(browser);
  await page.goto(fileUrl(realSite, 'countries/ECU/index.html'));
  assert.equal(await page.locator('#mla').count(), 1);
  assert.ok(await page.locator('a[href="#mla"]').count() >= 1);
  assert.match(await page.getAttribute('header nav a:has-text("MLA assistant")', 'href'), /^\.\.\/\.\.\/mla\/index\.html$/);
  await page.click('.mla-assistant-link a');
  await page.waitForURL(/mla\/index\.html\?to=ECU/);
  assert.equal(await page.inputValue('#mla-to'), 'ECU');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('real corpus: on a 360 px screen the analysis and draft fit the screen', async () => {
  const page = await openPage(browser, { width: 360, height: 740 });
  await page.goto(`${fileUrl(realSite, 'mla/index.html')}#from=PER&to=ECU&offence=wildlife.trafficking`);
  await page.waitForFunction(() => document.querySelector('#mla-draft').value.length > 0);
  const wide = await page.evaluate(() => [...document.querySelectorAll('#mla-result *, #mla-draft-section *, select')]
    .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1)
    .map((e) => `${e.tagName}#${e.id} ${Math.round(e.getBoundingClientRect().right)}px`));
  assert.deepEqual(wide, [], 'elements wider than the screen');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page overflows by ${overflow}px`);
  await page.context().close();
});
