// MLA assistant, in the browser and offline. A faithful port of `analyse` and `draft_md` in
// src/derive/mla.rs: both read the same reduced data (mla/data.js, written by the same Rust
// code), and the test suite checks that this file and `concord mla --format json` give the same
// analysis and the same draft for every pair of the fixture corpus. Change both together.
(function (root) {
  'use strict';

  // ------------------------------------------------------------------ analysis (port of Rust)

  function srcEq(a, b) {
    return a.title === b.title && a.url === b.url && a.citation === b.citation && a.date === b.date;
  }

  // one entry per source: the same address cited twice is listed once, as first cited
  function sameSource(x, s) {
    return x.url !== null && s.url !== null ? x.url === s.url : srcEq(x, s);
  }

  function dedup(list) {
    const out = [];
    for (const s of list) if (!out.some((x) => sameSource(x, s))) out.push(s);
    return out;
  }

  function partyStatus(inst, iso3) {
    const rec = inst.parties.find((p) => p.country === iso3) || null;
    let status;
    if (rec && (rec.consent !== null || rec.consent_by !== null)) status = 'party';
    else if (rec) status = 'signatory';
    else if (inst.parties_known && inst.parties_complete) status = 'not_party';
    else status = 'unknown';
    let bindingDate = null;
    let kind = null;
    if (rec && rec.consent !== null) {
      if (rec.entry_into_force !== null) { bindingDate = rec.entry_into_force; kind = 'entry_into_force'; }
      else if (rec.entry_into_force_derived !== null) { bindingDate = rec.entry_into_force_derived; kind = 'entry_into_force_derived'; }
      else { bindingDate = rec.consent; kind = 'consent'; }
    } else if (rec && rec.consent_by !== null && rec.entry_into_force !== null) {
      // Only `consent_by`: the binding date is known if the entry into force for it is.
      bindingDate = rec.entry_into_force; kind = 'entry_into_force';
    }
    return {
      country: iso3,
      status,
      signed: rec ? rec.signed : null,
      consent: rec ? rec.consent : null,
      consent_by: rec ? rec.consent_by : null,
      entry_into_force: rec ? rec.entry_into_force : null,
      list_as_of: inst.parties_as_of,
      list_complete: inst.parties_complete,
      binding_date: bindingDate,
      binding_date_kind: kind,
      binding_date_basis: kind === 'entry_into_force_derived' ? rec.entry_into_force_basis : null,
    };
  }

  // `binds_both_from` rests on a consent date: the treaty took effect then or later.
  function fromIsLowerBound(b) {
    return b.parties.some((p) => p.binding_date_kind === 'consent');
  }

  // Known not to be bound (as `known_not_bound` in the Rust port): a signature alone on an
  // incomplete list proves nothing, so such a basis is "cannot confirm", never excluded.
  function knownNotBound(p) {
    return p.status === 'not_party' || (p.status === 'signatory' && p.list_complete);
  }

  function statusWords(p) {
    switch (p.status) {
      case 'party': return `${p.country} is party`;
      case 'signatory':
        // Only a complete list makes a signature without consent mean "not party".
        if (!p.list_complete) return p.list_as_of !== null
          ? `${p.country} has signed; no consent to be bound is recorded (the parties list as of ${p.list_as_of} is incomplete)`
          : `${p.country} has signed; no consent to be bound is recorded (the parties list is incomplete)`;
        return p.list_as_of !== null
          ? `${p.country} has signed but is not party (no consent in the parties list as of ${p.list_as_of})`
          : `${p.country} has signed but is not party`;
      case 'not_party': return p.list_as_of !== null
        ? `${p.country} is not party (complete parties list as of ${p.list_as_of})`
        : `${p.country} is not party`;
      default: return `${p.country}'s status is unknown (not on the corpus's incomplete party list)`;
    }
  }

  function dateWords(p) {
    if (p.binding_date !== null && p.binding_date_kind === 'entry_into_force') return `${p.country}: in force since ${p.binding_date}`;
    if (p.binding_date !== null && p.binding_date_kind === 'entry_into_force_derived') {
      return `${p.country}: in force since ${p.binding_date} (${p.binding_date_basis !== null ? p.binding_date_basis : 'derived'})`;
    }
    if (p.binding_date !== null) return `${p.country}: consent to be bound ${p.binding_date} (entry into force for it not recorded)`;
    if (p.consent_by !== null) return `${p.country}: bound by ${p.consent_by} at the latest (exact date of consent not recorded)`;
    return `${p.country}: date unknown`;
  }

  // port of legalisation_treaty: is a treaty replacing legalisation in force between a and b?
  function legalisationTreaty(inst, a, b) {
    const pa = partyStatus(inst, a.iso3);
    const pb = partyStatus(inst, b.iso3);
    let objection = null; // the objection
    let by = null; // the objecting State
    for (const [from, to] of [[a, b], [b, a]]) {
      for (const p of inst.parties.filter((x) => x.country === from.iso3)) {
        const o = p.objections.find((x) => x.states.includes(to.iso3));
        if (o && objection === null) { objection = o; by = from; }
      }
      if (objection !== null) break;
    }
    let applies;
    let statement;
    if (objection !== null) {
      applies = 'no';
      statement = `Does not apply between ${a.name} and ${b.name}: objection recorded for ${by.name}: ${objection.summary}`;
    } else if (pa.status === 'party' && pb.status === 'party') {
      applies = 'yes';
      statement = `In force between ${a.name} and ${b.name} (${dateWords(pa)}; ${dateWords(pb)}), and the corpus records no objection between them${inst.parties_complete ? '' : ' (its party list is not marked complete and may miss objections)'}: a public document issued in one of them needs only an apostille from that State, not legalisation.`;
    } else if (knownNotBound(pa) || knownNotBound(pb)) {
      applies = 'no';
      statement = `Not in force between ${a.name} and ${b.name} (${[pa, pb].filter(knownNotBound).map(statusWords).join('; ')}): documents may need legalisation.`;
    } else {
      applies = 'unknown';
      statement = `Unknown whether it is in force between ${a.name} and ${b.name} (${[pa, pb].filter((p) => p.status !== 'party').map(statusWords).join('; ')}).`;
    }
    let sources = [...inst.parties_sources];
    for (const p of inst.parties.filter((x) => x.country === a.iso3 || x.country === b.iso3)) sources.push(...p.sources);
    if (objection !== null) sources.push(...objection.sources);
    return { instrument: inst.id, short_name: inst.short_name, href: inst.href, applies, statement, parties: [pa, pb], sources: dedup(sources) };
  }

  function centralAuthority(requested, instrument, basisName) {
    const p = requested.profile;
    if (!p) {
      return {
        authority: null, designated_under: null, fallback: false,
        explanation: `unknown: the corpus has no MLA profile for ${requested.name}`,
        note: null, sources: [],
      };
    }
    const view = (c, fallback, explanation) => ({
      authority: c.authority,
      designated_under: c.instrument,
      fallback,
      explanation,
      note: c.note,
      sources: c.sources.length === 0 ? p.sources : c.sources,
    });
    if (instrument !== null) {
      const c = p.central_authorities.find((x) => x.instrument === instrument);
      if (c) return view(c, false, `designated under ${basisName}`);
    }
    const g = p.central_authorities.find((x) => x.instrument === null);
    if (g) {
      const explanation = instrument !== null
        ? `no designation under ${basisName} is recorded; the general central authority is shown`
        : 'general central authority';
      return view(g, instrument !== null, explanation);
    }
    const others = p.central_authorities.filter((c) => c.instrument !== null).map((c) => `${c.authority} (under ${c.instrument})`);
    return {
      authority: null, designated_under: null, fallback: false,
      explanation: others.length === 0
        ? `unknown: no central authority of ${requested.name} is recorded`
        : `unknown: no central authority of ${requested.name} is recorded for ${basisName} and no general one; recorded under other instruments: ${others.join('; ')}`,
      note: null, sources: [],
    };
  }

  function seriousOf(provisions) {
    if (provisions.some((p) => p.serious_crime === 'yes')) return 'yes';
    if (provisions.length > 0 && provisions.every((p) => p.serious_crime === 'no')) return 'no';
    return 'unknown';
  }

  // An unconfirmed basis on whose incomplete party list neither State appears (a regional
  // treaty between two States of another region): one line, not a card; same rule as the CLI.
  const neitherListed = (b) => b.parties.length > 0 && b.parties.every((p) => p.status === 'unknown');

  // Port of `treaty_dc_rules`: each multilateral basis's own rule on dual criminality, available
  // bases first, then those the corpus cannot confirm; a rule in the paragraphs that yield to an
  // MLA treaty (UNTOC art. 18(7)) names the bilateral and general MLA treaties among the bases.
  function treatyDcRules(data, bases, unconfirmed) {
    const instrument = (b) => (b.instrument ? data.instruments.find((i) => i.id === b.instrument) || null : null);
    const mlaTreaties = (list) => {
      const out = [];
      for (const b of list.filter((x) => !neitherListed(x))) {
        const i = instrument(b);
        if (!i && b.kind === 'bilateral') out.push([b.short_name, false]);
        else if (i && i.mla_article !== null && i.covers_offences.length === 0) out.push([b.short_name, i.dual_criminality !== null]);
      }
      return out;
    };
    const binding = mlaTreaties(bases);
    const possible = mlaTreaties(unconfirmed);
    const words = (list) => list.map(([name, recorded]) => (recorded ? `${name} (see its rule)` : `${name} (its rule on dual criminality is not recorded in the corpus)`)).join('; ');
    const ruleOf = (b, confirmed) => {
      const i = instrument(b);
      const r = i ? i.dual_criminality : null;
      if (!r) return null;
      const p = r.only_without_mla_treaty;
      const others = (list) => (p !== null ? list.filter((t) => t[0] !== b.short_name) : []);
      const displacing = others(binding);
      const maybe = others(possible);
      let applies;
      if (p === null) applies = 'Applies whenever this instrument is the legal basis.';
      else if (displacing.length === 0 && maybe.length === 0) applies = `Applies where no treaty of mutual legal assistance binds the two States (${p}); the corpus records none among the legal bases.`;
      else {
        applies = `Where a treaty of mutual legal assistance binds the two States, its provisions apply instead unless the States agree to apply these paragraphs (${p}).`;
        if (displacing.length) applies += ` Also a legal basis here: ${words(displacing)}.`;
        if (maybe.length) applies += ` Possibly binding the two States, which the corpus cannot confirm: ${words(maybe)}.`;
      }
      if (!confirmed) applies = `The corpus cannot confirm that this instrument binds the two States (see the possible bases). ${applies}`;
      return {
        basis: b.key, short_name: b.short_name, confirmed, ...r,
        displaced_by: displacing.map((t) => t[0]), possibly_displaced_by: maybe.map((t) => t[0]), applies,
      };
    };
    return [
      ...bases.map((b) => ruleOf(b, true)),
      ...unconfirmed.filter((b) => !neitherListed(b)).map((b) => ruleOf(b, false)),
    ].filter((x) => x !== null);
  }

  const VIENNA_LAUNDERING_CONDITION = 'The property laundered derives from an offence established under Vienna Convention 1988 art. 3(1)(a) (drug trafficking): art. 3(1)(b) covers the laundering of drug-trafficking proceeds only.';
  const UNTOC_CONDITIONS = [
    'The offence is transnational in nature (UNTOC art. 3(2)); for assistance under art. 18(1), there are reasonable grounds to suspect that victims, witnesses, proceeds, instrumentalities or evidence are located in the requested State.',
    'The offence involves an organized criminal group (UNTOC art. 2(a)).',
    "The offence is established in accordance with UNTOC arts. 5, 6, 8 or 23 (or a Protocol both States are party to), or is a serious crime: punishable by a maximum of at least four years' deprivation of liberty (UNTOC art. 2(b)).",
  ];

  const CHECKLIST = [
    ['The identity of the authority making the request.', '(a)'],
    ['The subject matter and nature of the investigation, prosecution or judicial proceeding to which the request relates, and the name and functions of the authority conducting it.', '(b)'],
    ['A summary of the relevant facts, except for requests for the service of judicial documents.', '(c)'],
    ['A description of the assistance sought and details of any particular procedure the requesting State wishes to be followed.', '(d)'],
    ['Where possible, the identity, location and nationality of any person concerned.', '(e)'],
    ['The purpose for which the evidence, information or action is sought.', '(f)'],
  ];

  const SERIOUS_CRIME_MONTHS = 48;

  /** Returns {ok: analysis} or {error: message}, like `analyse` in Rust. */
  function analyse(data, fromIn, toIn, offenceIn) {
    const from = String(fromIn).trim().toUpperCase();
    const to = String(toIn).trim().toUpperCase();
    const offence = String(offenceIn).trim();
    const codes = data.countries.map((c) => c.iso3).join(', ');
    const country = (iso) => data.countries.find((c) => c.iso3 === iso) || null;
    const a = country(from);
    if (!a) return { error: `unknown requesting country \`${from}\`: expected one of: ${codes}` };
    const b = country(to);
    if (!b) return { error: `unknown requested country \`${to}\`: expected one of: ${codes}` };
    const o = data.offences.find((x) => x.id === offence) || null;
    if (!o) return { error: `unknown offence \`${offence}\`: expected one of: ${data.offences.map((x) => x.id).join(', ')}` };
    if (a.iso3 === b.iso3) return { error: `the requesting and requested state are both \`${a.iso3}\`: choose two different countries` };

    const bases = [];
    const unconfirmed = [];
    const excluded = [];
    const notesWarn = [];

    // bilateral treaties, from either profile; entries with the same signature or
    // entry-into-force date are one treaty recorded in both profiles: one basis, not two; so are
    // two undated entries when each profile records only that one treaty with the other State
    const withOther = (holder, other) => (holder.profile ? holder.profile.bilateral_treaties.filter((t) => t.with === other.iso3).length : 0);
    const oneEach = withOther(a, b) === 1 && withOther(b, a) === 1;
    const undated = (x) => x.signed === null && x.in_force === null;
    const listed = [];
    for (const [holder, other] of [[a, b], [b, a]]) {
      const p = holder.profile;
      if (!p) continue;
      p.bilateral_treaties.forEach((t, i) => {
        if (t.with !== other.iso3) return;
        const same = (x) => (x.signed !== null && x.signed === t.signed) || (x.in_force !== null && x.in_force === t.in_force)
          || (oneEach && undated(x) && undated(t));
        const g = listed.find((grp) => grp.some((e) => same(e.t)));
        if (g) g.push({ holder, p, i, t }); else listed.push([{ holder, p, i, t }]);
      });
    }
    for (const group of listed) {
      const { holder, p, i, t } = group[0];
      const firstOf = (k) => { const e = group.find((x) => x.t[k] !== null); return e ? e.t[k] : null; };
      const inForce = firstOf('in_force');
      const signed = firstOf('signed');
      const holders = [];
      for (const e of group) if (!holders.includes(e.holder.name)) holders.push(e.holder.name);
      const coverage = holders.length === 1
        ? `bilateral mutual legal assistance treaty recorded in ${holders[0]}'s MLA profile`
        : `bilateral mutual legal assistance treaty recorded in the MLA profiles of ${holders.join(' and ')}`;
      const sources = [];
      for (const e of group) sources.push(...(e.t.sources.length === 0 ? e.p.sources : e.t.sources));
      const ca = centralAuthority(b, null, t.title);
      let note;
      if (inForce !== null) note = `in force since ${inForce}`;
      else if (signed !== null) note = `signed ${signed}; entry into force not recorded in the corpus`;
      else note = 'signature and entry into force not recorded in the corpus';
      const basis = {
        kind: 'bilateral',
        key: `bilateral:${holder.iso3}:${i}`,
        instrument: null,
        title: t.title,
        short_name: `${a.iso3}–${b.iso3} bilateral treaty`,
        article: null,
        article_label: 'article not recorded in the corpus',
        article_href: null,
        href: p.href,
        coverage,
        status: 'available',
        unconfirmed_reason: null,
        parties: [],
        binds_both_from: inForce,
        binds_both_by: null,
        binds_both_note: note,
        conditions: [],
        caveats: [],
        statutes: [],
        central_authority: ca,
        sources: dedup(sources),
      };
      if (inForce === null) {
        basis.status = 'unconfirmed';
        basis.unconfirmed_reason = 'its entry into force is not recorded in the corpus';
        unconfirmed.push(basis);
      } else {
        bases.push(basis);
      }
    }

    // multilateral instruments
    const group = (inst) => {
      if (inst.mla_article === null) return 0;
      const covers = inst.covers_offences.includes(o.id);
      if (inst.id === 'untoc') return covers ? 1 : 3;
      if (covers) return 1;
      if (inst.covers_offences.length === 0) return 2;
      return 0;
    };
    const multilateralCaveat = (inst) => {
      if (inst.covers_offences.length === 0 && inst.id !== 'untoc') return null;
      const mb = b.profile ? b.profile.multilateral_basis : null;
      if (mb === 'yes') return null;
      if (mb === 'no') return `${b.name}'s MLA profile records that it does not accept the multilateral conventions as a legal basis.`;
      if (mb !== null) return `Whether ${b.name} accepts the multilateral conventions as a legal basis is unknown.`;
      return `Whether ${b.name} accepts the multilateral conventions as a legal basis is unknown (no MLA profile).`;
    };
    for (let g = 1; g <= 3; g++) {
      for (const inst of data.instruments.filter((i) => group(i) === g)) {
        const art = inst.mla_article === null ? '' : inst.mla_article;
        const label = `${inst.short_name} art. ${art}`;
        const pa = partyStatus(inst, a.iso3);
        const pb = partyStatus(inst, b.iso3);
        const blocked = [pa, pb].filter(knownNotBound);
        if (blocked.length > 0) {
          excluded.push({ instrument: inst.id, short_name: inst.short_name, reason: blocked.map(statusWords).join('; ') });
          continue;
        }
        let coverage;
        if (g === 1 && inst.id === 'untoc') coverage = `${o.name} is a Convention offence under UNTOC; art. 18 applies subject to the conditions below`;
        else if (g === 1) coverage = `${inst.short_name} covers ${o.name}`;
        else if (g === 2) coverage = 'general mutual legal assistance treaty, not limited to particular offences';
        else coverage = `${o.name} is not itself a Convention offence: UNTOC art. 18 applies only if the conditions below are met`;
        const conditions = [];
        if (inst.id === 'untoc') {
          conditions.push(...UNTOC_CONDITIONS);
          for (const pr of data.instruments.filter((p) => p.parent === 'untoc' && p.covers_offences.includes(o.id))) {
            const qa = partyStatus(pr, a.iso3);
            const qb = partyStatus(pr, b.iso3);
            conditions.push(`${o.name} is covered by the ${pr.short_name}: its offences are treated as Convention offences between States party to it (${statusWords(qa)}; ${statusWords(qb)}).`);
          }
        }
        // The 1988 Convention criminalises laundering only of drug-trafficking proceeds.
        if (inst.id === 'vienna-1988' && o.id === 'laundering') conditions.push(VIENNA_LAUNDERING_CONDITION);
        const cav = multilateralCaveat(inst);
        const caveats = cav === null ? [] : [cav];
        const ok = pa.status === 'party' && pb.status === 'party';
        const dates = [];
        const noteParts = [dateWords(pa), dateWords(pb)];
        if (pa.binding_date !== null) dates.push(pa.binding_date);
        if (pb.binding_date !== null) dates.push(pb.binding_date);
        if (inst.entry_into_force !== null) {
          dates.push(inst.entry_into_force);
          noteParts.push(`${inst.short_name} in force since ${inst.entry_into_force}`);
        }
        let binds = null;
        // The later date is only known when both states' own dates are.
        const bothDated = pa.binding_date !== null && pb.binding_date !== null;
        if (ok && bothDated && dates.length > 0) binds = dates.reduce((x, y) => (y > x ? y : x));
        // A `consent_by` date is an upper bound: both States were bound by the later bound at the latest.
        let bindsBy = null;
        const upA = pa.binding_date ?? pa.consent_by;
        const upB = pb.binding_date ?? pb.consent_by;
        if (ok && binds === null && upA !== null && upB !== null) {
          bindsBy = [upA, upB, inst.entry_into_force].filter((x) => x !== null).reduce((x, y) => (y > x ? y : x));
        }
        const bindsNote = ok ? `the later of: ${noteParts.join('; ')}` : 'not established: party status unknown';
        let sources = inst.parties_sources.slice();
        for (const p of inst.parties) {
          if (p.country === a.iso3 || p.country === b.iso3) sources.push(...p.sources);
        }
        sources.push(...inst.sources);
        const basis = {
          kind: 'multilateral',
          key: inst.id,
          instrument: inst.id,
          title: inst.title,
          short_name: inst.short_name,
          article: inst.mla_article,
          article_label: label,
          article_href: inst.mla_article_href,
          href: inst.href,
          coverage,
          status: ok ? 'available' : 'unconfirmed',
          unconfirmed_reason: ok ? null : [pa, pb].filter((p) => p.status !== 'party').map(statusWords).join('; '),
          parties: [pa, pb],
          binds_both_from: binds,
          binds_both_by: bindsBy,
          binds_both_note: bindsNote,
          conditions,
          caveats,
          statutes: [],
          central_authority: centralAuthority(b, inst.id, label),
          sources: dedup(sources),
        };
        if (ok) bases.push(basis); else unconfirmed.push(basis);
      }
    }

    const treatyFound = bases.length > 0;

    // domestic law / reciprocity
    const bp = b.profile;
    if (bp && bp.without_treaty === 'yes') {
      bases.push({
        kind: 'domestic_law',
        key: 'domestic_law',
        instrument: null,
        title: `Domestic law of ${b.name} / reciprocity`,
        short_name: 'Domestic law / reciprocity',
        article: null,
        article_label: "no treaty article: the requested State's domestic law",
        article_href: null,
        href: bp.href,
        coverage: `${b.name}'s MLA profile records that it can assist without a treaty`,
        status: 'available',
        unconfirmed_reason: null,
        parties: [],
        binds_both_from: null,
        binds_both_by: null,
        binds_both_note: 'not a treaty: no date',
        conditions: [],
        caveats: [],
        statutes: bp.domestic_law,
        central_authority: centralAuthority(b, null, 'domestic law'),
        sources: bp.sources,
      });
    } else if (bp && bp.without_treaty === 'no') {
      notesWarn.push(`${b.name}'s MLA profile records that it cannot assist without a treaty.`);
    } else if (bp) {
      notesWarn.push(`Whether ${b.name} can assist without a treaty (domestic law, reciprocity) is unknown.`);
    }

    let statement;
    if (treatyFound) {
      const names = bases.filter((x) => x.kind !== 'domestic_law').map((x) => (x.kind === 'bilateral' ? x.title : x.article_label));
      statement = `Treaty basis found in the corpus: ${names.join('; ')}.`;
    } else {
      statement = 'No treaty basis found in the corpus.';
      if (unconfirmed.length > 0) statement += ` Possible bases that the corpus cannot confirm: ${unconfirmed.map((x) => x.short_name).join('; ')}.`;
      if (bases.some((x) => x.kind === 'domestic_law')) statement += ` ${b.name} can assist under its domestic law / reciprocity.`;
    }
    const primary = bases.length > 0 ? bases[0].key : null;

    // requirements
    const ca = bases.length > 0 ? bases[0].central_authority : centralAuthority(b, null, 'domestic law');
    let requirements;
    if (bp) {
      requirements = {
        profile: true,
        as_of: bp.as_of,
        verification: bp.verification,
        href: bp.href,
        central_authority: ca,
        languages: bp.languages,
        languages_note: bp.languages_note,
        channels: bp.channels,
        legalisation: bp.legalisation,
        dual_criminality: bp.dual_criminality,
        dual_criminality_label: bp.dual_criminality_label,
        dual_criminality_note: bp.dual_criminality_note,
        multilateral_basis: bp.multilateral_basis,
        without_treaty: bp.without_treaty,
        notes: bp.notes,
        sources: bp.sources,
      };
    } else {
      requirements = {
        profile: false,
        as_of: null,
        verification: null,
        href: null,
        central_authority: ca,
        languages: [],
        languages_note: null,
        channels: { central_authority: 'unknown', diplomatic: 'unknown', interpol_urgent: 'unknown', note: null },
        legalisation: { required: 'unknown', note: null },
        dual_criminality: 'unknown',
        dual_criminality_label: 'unknown',
        dual_criminality_note: null,
        multilateral_basis: 'unknown',
        without_treaty: 'unknown',
        notes: [],
        sources: [],
      };
    }

    // dual criminality
    const ofOffence = (c) => c.provisions.filter((p) => p.offences.includes(o.id));
    const finding = (c) => c.findings.find((f) => f.offence === o.id) || null;
    const reqProv = ofOffence(b);
    const ownProv = ofOffence(a);
    const reqFinding = finding(b);
    let dcWarning = null;
    if (reqProv.length > 0) dcWarning = null;
    else if (reqFinding) dcWarning = `Dual criminality at risk: research recorded in the corpus found no provision of ${b.name} specifically covering ${o.name} (as of ${reqFinding.as_of}). Check whether a general offence covers the conduct before sending the request.`;
    else {
      const rep = b.repealed.find((r) => r.offences.includes(o.id));
      if (rep) dcWarning = `Dual criminality unknown: the provision of ${b.name} on ${o.name} recorded in the corpus (${rep.label}) was repealed${rep.effective ? ` with effect from ${rep.effective}` : ''} by ${rep.by}; the provision in force is not recorded. Confirm the conduct is an offence there, and its penalty, before relying on it.`;
      else dcWarning = `Dual criminality unknown: the corpus has no provision of ${b.name} covering ${o.name}. Confirm the conduct is an offence there before relying on it.`;
    }
    const dual = {
      position: requirements.dual_criminality,
      position_note: requirements.dual_criminality_note,
      requested_provisions: reqProv,
      requesting_provisions: ownProv,
      requested_finding: reqFinding,
      requesting_finding: finding(a),
      serious_crime: {
        requesting: seriousOf(ownProv),
        requested: seriousOf(reqProv),
        explanation: `Derived from the base penalties in the corpus: "yes" when at least one provision covering the offence has a maximum of at least ${SERIOUS_CRIME_MONTHS} months, life or the death penalty (UNTOC art. 2(b)); "unknown" when no provision or no maximum is recorded.`,
      },
      treaty_rules: treatyDcRules(data, bases, unconfirmed),
      warning: dcWarning,
      sources: requirements.sources,
    };

    // checklist
    const checklist = CHECKLIST.map(([text, letter]) => ({
      text, basis: `UNTOC art. 18(15)${letter}; UNCAC art. 46(15)${letter}`, sources: [],
    }));
    checklist.push({
      text: requirements.languages.length === 0
        ? `The request in a language acceptable to ${b.name} (accepted languages: unknown).`
        : `The request in a language acceptable to ${b.name}: ${requirements.languages.map((l) => `${l.name} (${l.code})`).join(', ')}.`,
      basis: 'UNTOC art. 18(14); UNCAC art. 46(14)',
      sources: requirements.sources,
    });
    for (const r of bp ? bp.extra_requirements : []) {
      checklist.push({ text: r, basis: `${b.name}'s MLA profile`, sources: requirements.sources });
    }

    // warnings
    const warnings = [];
    if (!treatyFound) warnings.push('No treaty basis found in the corpus.');
    if (!bp) warnings.push(`The corpus has no MLA profile for ${b.name}: central authority, languages, channels and dual-criminality position are unknown.`);
    else if (requirements.verification === 'unverified') warnings.push(`${b.name}'s MLA profile is unverified: confirm it against the official sources.`);
    if (dcWarning !== null) warnings.push(dcWarning);
    warnings.push(...notesWarn);
    // Many States assist in death-penalty cases only with assurances (same text as the CLI).
    for (const [c, provisions, role] of [[a, ownProv, 'requesting'], [b, reqProv, 'requested']]) {
      const labels = provisions.filter((p) => p.death_penalty).map((p) => p.label);
      if (labels.length > 0) {
        warnings.push(`In ${c.name} (the ${role} State), ${o.name} can carry the death penalty (${labels.join('; ')}). Check whether the requested State requires assurances that it will not be imposed or carried out.`);
      }
    }

    return {
      ok: {
        requesting: { iso3: a.iso3, name: a.name, href: a.href },
        requested: { iso3: b.iso3, name: b.name, href: b.href },
        offence: { id: o.id, name: o.name },
        corpus_as_of: data.corpus_as_of,
        treaty_basis_found: treatyFound,
        statement,
        legal_bases: bases,
        unconfirmed_bases: unconfirmed,
        excluded,
        primary_basis: primary,
        requirements,
        legalisation_treaties: data.instruments.filter((i) => i.replaces_legalisation).map((i) => legalisationTreaty(i, a, b)),
        dual_criminality: dual,
        checklist,
        warnings,
      },
    };
  }

  // ------------------------------------------------------------------ draft (port of draft_md)

  function srcMd(s) {
    let out = s.title;
    if (s.url !== null) out = `[${s.title}](${s.url})`;
    if (s.citation !== null) out += `, ${s.citation}`;
    if (s.date !== null) out += ` (${s.date})`;
    return out;
  }

  function sourcesMd(list) {
    return list.length === 0 ? 'source: none recorded' : `source: ${list.map(srcMd).join('; ')}`;
  }

  function provisionMd(p) {
    const title = p.title_en !== null ? `${p.title} (${p.title_en})` : p.title;
    let out = `- **${p.label}** — ${title}. Penalty: ${p.penalty}. Serious crime (UNTOC art. 2(b)): ${p.serious_crime}.${p.verification === 'unverified' ? ' *Unverified.*' : ''} As of ${p.as_of}; ${sourcesMd(p.sources)}.\n`;
    for (const x of p.aggravated) out += `  - Aggravated: ${x}\n`;
    if (p.quote !== null) out += `  > “${p.quote.text.trim().replaceAll('\n', ' ')}” (quoted, ${p.quote.language}; ${srcMd(p.quote.source)})\n`;
    return out;
  }

  /** The draft on the legal basis `key` (default: the primary one), like `draft_md_for`. */
  // Port of `dual_criminality_ask`.
  function dualCriminalityAsk(a, basis) {
    const r = a.dual_criminality.treaty_rules.find((x) => x.basis === basis.key && x.confirmed && x.displaced_by.length === 0);
    if (!r) return null;
    const b = a.requested.name;
    if (r.position === 'discretionary') return `Should the conduct not constitute an offence under the law of ${b}, the requesting authority asks that the assistance be provided nonetheless, to the extent ${b} decides, as ${r.article_label} allows.`;
    if (r.position === 'coercive_only') return `Should the conduct not constitute an offence under the law of ${b}, the requesting authority asks that at least the assistance not involving coercive action be provided, as ${r.article_label} provides where consistent with the basic concepts of the legal system of ${b}.`;
    if (r.position === 'not_required') return `Under ${r.article_label}, assistance does not depend on the conduct being an offence under the law of ${b}.`;
    return null;
  }

  function draftMd(a, key) {
    const k = key === undefined ? a.primary_basis : key;
    const r = a.requirements;
    const ph = (x) => `[${x}]`;
    const p = a.legal_bases.find((x) => x.key === k) || null;
    const ca = p ? p.central_authority : r.central_authority;
    let s = '';
    s += '# Request for mutual legal assistance in criminal matters\n\n';
    s += `**From:** ${ph('name and address of the requesting authority')}, ${a.requesting.name}\n\n`;
    const to = ca.authority !== null
      ? ca.authority
      : ph(`central authority of ${a.requested.name} — not recorded in the corpus; confirm`);
    s += `**To:** ${to}, ${a.requested.name}\n\n`;
    s += `**Date:** ${ph('date')}  \n**Reference:** ${ph('case reference')}  \n**Offence:** ${a.offence.name}\n\n`;
    const langs = r.languages.length === 0
      ? ph(`a language accepted by ${a.requested.name} — not recorded in the corpus; confirm`)
      : r.languages.map((l) => l.name).join(' or ');
    const languageRule = p && p.instrument === 'untoc' ? ' (UNTOC art. 18(14))' : p && p.instrument === 'uncac' ? ' (UNCAC art. 46(14))' : '';
    s += `**Language:** this request and its attachments are submitted in ${langs}${languageRule}.\n\n`;

    s += '## 1. Requesting authority\n\n';
    s += `${ph('Name of the authority making the request')} of ${a.requesting.name}, acting in ${ph('investigation / prosecution / judicial proceeding')}. ${ph('Functions of the authority and contact office')}\n\n`;

    s += '## 2. Legal basis\n\n';
    if (p && p.kind === 'domestic_law') {
      const st = p.statutes.length === 0 ? '' : ` (${p.statutes.map((x) => x.title).join('; ')})`;
      s += `${a.treaty_basis_found ? '' : 'No treaty basis was found in the corpus. '}This request is made on the basis of reciprocity and the domestic law of ${a.requested.name}${st}.\n\n`;
    } else if (p) {
      let when = '';
      // A consent date is not the date the treaty took effect (as from_is_lower_bound in Rust).
      if (p.binds_both_from !== null && fromIsLowerBound(p)) when = ` (both had consented by ${p.binds_both_from})`;
      else if (p.binds_both_from !== null) when = `, binding on both States since ${p.binds_both_from}`;
      else if (p.binds_both_by !== null) when = `, binding on both States by ${p.binds_both_by} at the latest`;
      const what = p.kind === 'bilateral' ? p.title : `${p.title}, ${p.article_label}`;
      s += `This request is made under the ${what}, to which ${a.requesting.name} and ${a.requested.name} are parties${when}.\n\n`;
      if (p.conditions.length > 0) {
        s += 'The requesting authority confirms that:\n\n';
        for (const c of p.conditions) s += `- ${ph('confirm')} ${c}\n`;
        s += '\n';
      }
      const others = a.legal_bases.filter((x) => x.key !== p.key).map((x) => (x.kind === 'multilateral' ? x.article_label : x.title));
      if (others.length > 0) s += `Also available in the alternative: ${others.join('; ')}.\n\n`;
    } else {
      s += `No treaty basis was found in the corpus. ${ph(`State the legal basis relied on (reciprocity, or a treaty not in the corpus) and confirm that ${a.requested.name} can assist on it`)}\n\n`;
    }

    s += '## 3. Subject matter and nature of the proceedings\n\n';
    s += `${ph('Investigation, prosecution or judicial proceeding; its stage; the name and functions of the authority conducting it (UNTOC art. 18(15)(b))')}\n\n`;

    s += '## 4. Summary of the facts\n\n';
    s += `${ph('Summary of the relevant facts: what happened, when, where, who is involved, and the link with the requested State (UNTOC art. 18(15)(c))')}\n\n`;

    s += '## 5. Offences and applicable law\n\n';
    s += `Offence under investigation: ${a.offence.name}.\n\n`;
    s += `Law of ${a.requesting.name}:\n\n`;
    if (a.dual_criminality.requesting_provisions.length === 0) {
      s += `- ${ph(`Cite the provision of the law of ${a.requesting.name} that applies and its penalty — none in the corpus`)}\n`;
    } else {
      for (const x of a.dual_criminality.requesting_provisions) s += provisionMd(x);
    }
    s += '\n';
    s += `Corresponding law of ${a.requested.name} (dual criminality):\n\n`;
    if (a.dual_criminality.requested_provisions.length === 0) {
      s += `- ${ph(`No provision of ${a.requested.name} covering this offence is in the corpus; identify the corresponding offence`)}\n`;
    } else {
      for (const x of a.dual_criminality.requested_provisions) s += provisionMd(x);
    }
    s += '\n';

    const ask = p ? dualCriminalityAsk(a, p) : null;
    if (ask) s += `${ask}\n\n`;
    s += '## 6. Assistance requested\n\n';
    for (const x of [
      'Documents and records: [which, held by whom]',
      'Bank and financial records: [institution, account holder, period]',
      'Witness statements: [name, role, questions to be put]',
      'Search and seizure: [premises or objects, what is sought]',
      'Specimens and forensic evidence: [specimens, samples, analyses, chain of custody]',
    ]) s += `- [ ] ${x}\n`;
    s += `\n${ph('Persons concerned: identity, location and nationality, where possible (UNTOC art. 18(15)(e))')}\n\n`;

    s += '## 7. Purpose\n\n';
    s += `${ph('The purpose for which the evidence, information or action is sought (UNTOC art. 18(15)(f))')}\n\n`;

    s += '## 8. Procedures to be followed\n\n';
    s += `${ph('Any particular procedure to follow: certification of documents, presence of officials, oath, chain of custody (UNTOC art. 18(15)(d), 18(17))')}\n\n`;
    for (const t of a.legalisation_treaties.filter((x) => x.applies === 'yes')) {
      s += `Public documents issued in ${a.requesting.name} are certified with an apostille (${t.short_name}, in force between ${a.requesting.name} and ${a.requested.name}).\n\n`;
    }
    if (r.legalisation.required === 'yes') {
      s += `${a.requested.name} requires legalisation of the request or its documents${r.legalisation.note !== null ? `: ${r.legalisation.note}` : ''}.\n\n`;
    }

    s += '## 9. Confidentiality\n\n';
    s += `The requesting authority asks that ${a.requested.name} keep the fact and substance of this request confidential, except to the extent necessary to execute it (UNTOC art. 18(20)). ${ph('Reasons, if any')}\n\n`;

    s += '## 10. Urgency\n\n';
    s += `${ph('Whether the request is urgent, why, and any deadline (trial date, custody time limits)')}\n\n`;
    if (r.channels.interpol_urgent === 'yes') {
      s += `In urgent circumstances ${a.requested.name} accepts transmission through INTERPOL, with the original to follow (UNTOC art. 18(13)).\n\n`;
    } else if (r.channels.interpol_urgent === 'no') {
      s += `${a.requested.name}'s MLA profile records that INTERPOL may not be used to transmit urgent requests.\n\n`;
    }

    const extra = a.checklist.filter((c) => c.basis.endsWith('MLA profile'));
    if (extra.length > 0) {
      s += `## 11. Additional requirements of ${a.requested.name}\n\n`;
      for (const c of extra) s += `- [ ] ${c.text}\n`;
      s += '\n';
    }

    s += '---\n\n';
    s += `${ph('Place, date')} Signature and seal of the requesting authority.\n\n`;
    s += `*Draft prepared with concord from the corpus${a.corpus_as_of !== null ? ` as of ${a.corpus_as_of}` : ''}. Not legal advice: verify every element against the official texts.*\n`;
    return s;
  }

  const api = { analyse, draftMd, current: null, currentBasis: null, currentDraft: null };
  root.ConcordMla = api;

  // ------------------------------------------------------------------ page (browser only)

  if (typeof document === 'undefined') return;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v; else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  const up = '../';
  const link = (href, text) => (href ? el('a', { href: up + href }, text) : text);

  // The recorded caveat on a central authority, as in the Rust report (`ca_note_md`).
  function caNote(ca) {
    return ca.note && ca.note.trim() ? ` (${ca.note.trim()})` : '';
  }

  function sourceList(list) {
    if (!list || list.length === 0) return el('span', { class: 'src muted' }, '[source: none recorded]');
    return el('span', { class: 'src' }, '[',
      list.map((s, i) => [i > 0 ? '; ' : '',
        s.url ? el('a', { href: s.url, rel: 'noopener noreferrer' }, s.title) : s.title,
        s.citation ? `, ${s.citation}` : '', s.date ? ` (${s.date})` : '']), ']');
  }

  // A party list can cite twenty pages: past a few sources the list folds behind its count, so
  // the analysis stays readable; printing opens it (see the beforeprint handler).
  function sourcesBlock(list) {
    if (!list || list.length <= 4) return el('p', {}, 'Sources: ', sourceList(list));
    return el('details', { class: 'mla-sources' }, el('summary', {}, `Sources (${list.length})`), el('p', {}, sourceList(list)));
  }

  // The same folding inside a sentence (a definition list cell): short lists stay inline.
  function sourcesInline(list) {
    if (!list || list.length <= 4) return sourceList(list);
    return el('details', { class: 'mla-sources' }, el('summary', {}, `Sources (${list.length})`), sourceList(list));
  }

  function tri(v) {
    const label = v === 'yes' ? '✓ yes' : v === 'no' ? '✗ no' : '? unknown';
    return el('span', { class: `tri tri-${v === 'yes' || v === 'no' ? v : 'unknown'}` }, label);
  }

  function provisionItem(p) {
    return el('li', {},
      link(p.href, p.label), ' — ', p.title, p.title_en ? ` (${p.title_en})` : '',
      '. Penalty: ', p.penalty, '. Serious crime: ', p.serious_crime, '.',
      p.verification === 'unverified' ? [' ', el('span', { class: 'badge unverified' }, 'unverified')] : '',
      ' As of ', p.as_of, '. ', sourceList(p.sources),
      p.aggravated.length ? el('ul', {}, p.aggravated.map((x) => el('li', {}, 'Aggravated: ', x))) : '',
      p.quote ? el('blockquote', { lang: p.quote.language }, `“${p.quote.text.trim()}” `, sourceList([p.quote.source])) : '');
  }

  const NEITHER_LISTED = 'Neither State is on the party list of these instruments; the lists are not marked complete, so check with the depositary before ruling them out:';

  function basisCard(b, a, primaryKey) {
    const ca = b.central_authority;
    return el('article', { class: 'mla-basis' + (b.key === primaryKey ? ' primary' : '') },
      el('h3', {}, b.title, b.key === primaryKey ? el('span', { class: 'badge' }, ' used in the draft') : ''),
      el('dl', { class: 'facts' },
        b.kind === 'multilateral' ? [el('dt', {}, 'Article'), el('dd', {}, link(b.article_href, b.article_label))] : '',
        el('dt', {}, 'Applies'), el('dd', {}, b.coverage),
        b.unconfirmed_reason ? [el('dt', {}, 'Not confirmed'), el('dd', {}, b.unconfirmed_reason)] : '',
        b.parties.map((p) => [el('dt', {}, p.country), el('dd', {}, p.status.replace('_', ' '),
          p.consent ? `, consent ${p.consent}` : (p.consent_by ? `, bound by ${p.consent_by}` : ''), p.entry_into_force ? `, in force ${p.entry_into_force}` : '')]),
        el('dt', {}, 'Binds both States from'), el('dd', {}, (b.binds_both_from && (fromIsLowerBound(b) ? `${b.binds_both_from} at the earliest` : b.binds_both_from)) || (b.binds_both_by ? `unknown; both bound by ${b.binds_both_by} at the latest` : 'unknown'), ' (', b.binds_both_note, ')'),
        b.statutes.length ? [el('dt', {}, 'Statutes'), el('dd', {}, b.statutes.map((s, i) => [i ? '; ' : '', s.url ? el('a', { href: s.url, rel: 'noopener noreferrer' }, s.title) : s.title, s.citation ? ` (${s.citation})` : '']))] : '',
        el('dt', {}, `Central authority of ${a.requested.name}`),
        el('dd', {}, ca.authority ? el('strong', {}, ca.authority) : 'unknown', ' — ', ca.explanation, caNote(ca), ' ', sourceList(ca.sources))),
      b.conditions.length ? el('fieldset', { class: 'mla-conditions' }, el('legend', {}, 'Conditions to confirm'),
        b.conditions.map((c, i) => { const id = `cond-${b.key.replace(/[^a-z0-9]/gi, '-')}-${i}`; return el('div', {}, el('input', { type: 'checkbox', id }), ' ', el('label', { for: id }, c)); })) : '',
      b.caveats.length ? el('ul', { class: 'mla-caveats' }, b.caveats.map((c) => el('li', {}, c))) : '',
      sourcesBlock(b.sources));
  }

  // The draft as printable HTML: the small Markdown subset the draft uses (headings, lists,
  // quotes, bold, italics, links), built as DOM nodes so edited text can never become markup.
  function inline(text) {
    const out = [];
    const re = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;
    let last = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) out.push(text.slice(last, m.index));
      if (m[1] !== undefined) out.push(el('strong', {}, m[1]));
      else if (m[2] !== undefined) out.push(el('em', {}, m[2]));
      else out.push(el('a', { href: m[4], rel: 'noopener noreferrer' }, m[3]));
      last = re.lastIndex;
    }
    if (last < text.length) out.push(text.slice(last));
    return out;
  }

  function draftHtml(md) {
    const root = document.createDocumentFragment();
    let para = null;
    let list = null;
    const close = () => { para = null; list = null; };
    for (const line of md.split('\n')) {
      let m;
      if (line.trim() === '') { close(); continue; }
      if ((m = /^(#{1,6}) (.*)$/.exec(line))) { close(); root.append(el(`h${Math.min(m[1].length + 1, 6)}`, {}, inline(m[2]))); continue; }
      if (/^---+$/.test(line.trim())) { close(); root.append(el('hr', {})); continue; }
      if ((m = /^ {2,}([->]) ?(.*)$/.exec(line)) && list && list.lastElementChild) {
        const li = list.lastElementChild;
        if (m[1] === '>') li.append(el('blockquote', {}, inline(m[2])));
        else {
          let sub = li.querySelector('ul');
          if (!sub) { sub = el('ul', {}); li.append(sub); }
          sub.append(el('li', {}, inline(m[2])));
        }
        continue;
      }
      if ((m = /^- (\[ \] )?(.*)$/.exec(line))) {
        para = null;
        if (!list) { list = el('ul', {}); root.append(list); }
        list.append(el('li', {}, m[1] ? '☐ ' : '', inline(m[2])));
        continue;
      }
      if ((m = /^> ?(.*)$/.exec(line))) { close(); root.append(el('blockquote', {}, inline(m[1]))); continue; }
      list = null;
      const brk = line.endsWith('  ');
      if (!para) { para = el('p', {}); root.append(para); } else para.append(' ');
      para.append(...inline(brk ? line.trimEnd() : line));
      if (brk) para.append(el('br', {}));
    }
    return root;
  }

  function showPrintable(md) {
    document.getElementById('mla-draft-print').replaceChildren(draftHtml(md));
  }

  function render(a, draft, usedKey) {
    const r = a.requirements;
    const dc = a.dual_criminality;
    const out = document.getElementById('mla-result');
    out.replaceChildren(
      el('h2', { id: 'mla-result-heading' }, `${a.requesting.name} → ${a.requested.name}: ${a.offence.name}`),
      el('p', { class: 'mla-statement' }, el('strong', {}, a.statement)),
      a.warnings.length ? el('div', { class: 'mla-warnings', role: 'note' }, el('h3', {}, 'Warnings'), el('ul', {}, a.warnings.map((w) => el('li', {}, w)))) : '',
      el('section', { 'aria-labelledby': 'mla-bases' }, el('h2', { id: 'mla-bases' }, 'Legal bases'),
        a.legal_bases.length ? a.legal_bases.map((b) => basisCard(b, a, usedKey)) : el('p', {}, 'None found in the corpus.'),
        a.unconfirmed_bases.length ? [el('h3', {}, 'Possible bases the corpus cannot confirm'),
          a.unconfirmed_bases.filter((b) => !neitherListed(b)).map((b) => basisCard(b, a, null)),
          a.unconfirmed_bases.some(neitherListed) ? el('p', { class: 'mla-neither' }, NEITHER_LISTED, ' ',
            a.unconfirmed_bases.filter(neitherListed).map((b, i) => [i ? '; ' : '', link(b.href, b.short_name), ` (${b.title})`]), '.') : ''] : '',
        a.excluded.length ? [el('h3', {}, 'Not available'), el('ul', {}, a.excluded.map((x) => el('li', {}, `${x.short_name}: ${x.reason}`)))] : ''),
      el('section', { 'aria-labelledby': 'mla-req' }, el('h2', { id: 'mla-req' }, `Requirements of ${a.requested.name}`),
        r.profile ? el('p', {}, 'MLA profile as of ', r.as_of, r.verification === 'unverified' ? ' (unverified)' : '', '. ', link(r.href, 'Full profile')) : el('p', {}, 'No MLA profile in the corpus: everything below is unknown.'),
        el('dl', { class: 'facts' },
          el('dt', {}, 'Central authority'), el('dd', {}, r.central_authority.authority ? el('strong', { id: 'mla-authority' }, r.central_authority.authority) : 'unknown', ' — ', r.central_authority.explanation, caNote(r.central_authority), ' ', sourceList(r.central_authority.sources)),
          el('dt', {}, 'Languages'), el('dd', {}, r.languages.length ? r.languages.map((l) => `${l.name} (${l.code})`).join(', ') : 'unknown', r.languages_note ? ` — ${r.languages_note}` : ''),
          el('dt', {}, 'Direct to central authority'), el('dd', {}, tri(r.channels.central_authority)),
          el('dt', {}, 'Diplomatic channel'), el('dd', {}, tri(r.channels.diplomatic)),
          el('dt', {}, 'INTERPOL in urgent cases'), el('dd', {}, tri(r.channels.interpol_urgent), r.channels.note ? ` — ${r.channels.note}` : ''),
          el('dt', {}, 'Legalisation required'), el('dd', {}, tri(r.legalisation.required), r.legalisation.note ? ` — ${r.legalisation.note}` : ''),
          a.legalisation_treaties.map((t) => [el('dt', {}, link(t.href, t.short_name)), el('dd', { class: 'mla-apostille', 'data-applies': t.applies }, t.statement, ' ', sourcesInline(t.sources))]),
          el('dt', {}, 'Dual criminality'), el('dd', {}, r.dual_criminality_label, r.dual_criminality_note ? ` — ${r.dual_criminality_note}` : ''),
          el('dt', {}, 'Multilateral conventions accepted as legal basis'), el('dd', {}, tri(r.multilateral_basis)),
          el('dt', {}, 'Assistance without a treaty'), el('dd', {}, tri(r.without_treaty))),
        sourcesBlock(r.sources)),
      el('section', { 'aria-labelledby': 'mla-dc' }, el('h2', { id: 'mla-dc' }, 'Dual criminality'),
        dc.warning ? el('p', { class: 'mla-warning' }, el('strong', {}, 'Warning: '), dc.warning) : '',
        el('p', {}, `Serious crime (UNTOC art. 2(b)): ${a.requesting.name} `, dc.serious_crime.requesting, `; ${a.requested.name} `, dc.serious_crime.requested, '. ', el('span', { class: 'muted' }, dc.serious_crime.explanation)),
        dc.treaty_rules.length ? [el('h3', {}, 'What the treaties say'), el('ul', { class: 'mla-dc-rules' }, dc.treaty_rules.map((t) => el('li', { 'data-basis': t.basis },
          el('strong', {}, link(t.article_href, t.article_label)), `: ${t.label}. `, t.summary, ' ', el('span', { class: 'muted' }, t.applies),
          t.quote ? el('blockquote', { lang: t.quote.language }, `“${t.quote.text.trim()}” `, sourceList([t.quote.source])) : '')))] : '',
        [[a.requested, dc.requested_provisions, dc.requested_finding], [a.requesting, dc.requesting_provisions, dc.requesting_finding]].map(([c, list, f]) => [
          el('h3', {}, `Provisions of ${c.name}`),
          list.length ? el('ul', { class: 'provisions' }, list.map(provisionItem)) : el('p', {}, 'None in the corpus.'),
          f ? el('p', { class: 'finding' }, el('span', { class: 'badge gap' }, 'no specific provision'), ` Research found no specific provision (as of ${f.as_of}). `, f.summary || '', ' ', sourceList(f.sources)) : '',
        ])),
      el('section', { 'aria-labelledby': 'mla-check' }, el('h2', { id: 'mla-check' }, 'Request contents checklist'),
        el('ul', { class: 'mla-checklist' }, a.checklist.map((c, i) => el('li', {}, el('input', { type: 'checkbox', id: `chk-${i}` }), ' ', el('label', { for: `chk-${i}` }, c.text), ' ', el('span', { class: 'muted' }, `(${c.basis})`))))));
    const ta = document.getElementById('mla-draft');
    ta.value = draft;
    showPrintable(draft);
    document.getElementById('mla-draft-section').hidden = false;
  }

  function params() {
    const out = {};
    for (const part of [location.search.slice(1), location.hash.slice(1)]) {
      for (const [k, v] of new URLSearchParams(part)) out[k] = v;
    }
    return out;
  }

  function init() {
    const data = root.CONCORD_MLA_DATA;
    const form = document.getElementById('mla-form');
    if (!data || !form) return;
    const sel = { from: form.elements.from, to: form.elements.to, offence: form.elements.offence, basis: document.getElementById('mla-basis') };
    const status = document.getElementById('mla-status');
    const p = params();
    for (const k of ['from', 'to', 'offence']) if (p[k]) sel[k].value = k === 'offence' ? p[k] : p[k].toUpperCase();
    let basisWanted = p.basis || null;
    const run = (updateUrl) => {
      const [f, t, o] = [sel.from.value, sel.to.value, sel.offence.value];
      const setUrl = (basis) => {
        if (!updateUrl) return;
        const q = new URLSearchParams();
        if (f) q.set('from', f);
        if (t) q.set('to', t);
        if (o) q.set('offence', o);
        if (basis) q.set('basis', basis);
        const h = '#' + q.toString();
        if (location.hash !== h) history.replaceState(null, '', h);
      };

      if (!f || !t || !o) {
        setUrl(null);
        status.textContent = 'Choose the requesting state, the requested state and the offence.';
        return;
      }
      const res = analyse(data, f, t, o);
      if (res.error) {
        setUrl(null);
        status.textContent = res.error;
        document.getElementById('mla-result').replaceChildren();
        document.getElementById('mla-draft-section').hidden = true;
        api.current = null;
        return;
      }
      const keys = res.ok.legal_bases.map((b) => b.key);
      const bsel = sel.basis;
      const wanted = basisWanted !== null && keys.includes(basisWanted) ? basisWanted : res.ok.primary_basis;
      basisWanted = null;
      bsel.replaceChildren(...res.ok.legal_bases.map((b) => el('option', { value: b.key },
        b.kind === 'multilateral' ? `${b.article_label} — ${b.title}` : b.title)));
      bsel.disabled = keys.length === 0;
      if (keys.length === 0) bsel.append(el('option', { value: '' }, 'no legal basis found in the corpus'));
      bsel.value = wanted === null ? '' : wanted;
      const draft = draftMd(res.ok, wanted === null ? null : wanted);
      api.current = res.ok;
      api.currentBasis = wanted;
      setUrl(wanted !== null && wanted !== res.ok.primary_basis ? wanted : null);
      api.currentDraft = draft;
      status.textContent = `Analysis for ${res.ok.requesting.name} → ${res.ok.requested.name}, ${res.ok.offence.name}, shown below.`;
      render(res.ok, draft, wanted);
    };
    form.addEventListener('change', () => run(true));
    sel.basis.addEventListener('change', () => { basisWanted = sel.basis.value || null; run(true); });
    form.addEventListener('submit', (e) => { e.preventDefault(); run(true); });
    document.getElementById('mla-draft').addEventListener('input', (e) => showPrintable(e.target.value));
    document.getElementById('mla-copy').addEventListener('click', async () => {
      const ta = document.getElementById('mla-draft');
      const msg = document.getElementById('mla-copy-status');
      try {
        await navigator.clipboard.writeText(ta.value);
        msg.textContent = 'Draft copied to the clipboard.';
      } catch (_) {
        ta.select();
        const ok = document.execCommand && document.execCommand('copy');
        msg.textContent = ok ? 'Draft copied to the clipboard.' : 'Select the text and copy it (Ctrl+C).';
      }
    });
    document.getElementById('mla-print').addEventListener('click', () => window.print());
    // folded source lists print in full, and fold back afterwards
    window.addEventListener('beforeprint', () => {
      for (const d of document.querySelectorAll('details.mla-sources')) {
        d.dataset.folded = d.open ? '' : 'yes';
        d.open = true;
      }
    });
    window.addEventListener('afterprint', () => {
      for (const d of document.querySelectorAll('details.mla-sources')) {
        if (d.dataset.folded === 'yes') d.open = false;
      }
    });
    run(false);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})(typeof window !== 'undefined' ? window : globalThis);
