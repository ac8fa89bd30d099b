/**
 * `npx tsx bench/report.ts bench/results/<run>-10000.json bench/results/<run>-100000.json …`
 *
 * Prints the scaling table of docs/benchmarks.md from result files of `npm run bench`: per
 * scenario and server, p50 / p99 / req/s at each size and the p50 ratio of the largest size to the
 * smallest.
 */
import { readFileSync } from 'node:fs';

interface Result {
  entities: number;
  quietMachine: { load: number };
  /** `rate`: every server was offered the same requests per second (`npm run bench -- --rate`). */
  settings?: { rate?: number | null };
  results: { scenario: string; loadBefore: number; summary: Record<string, { requestsPerSecond: number; p50: number; p99: number }> }[];
}

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: tsx bench/report.ts <result.json>…');
  process.exit(2);
}
const runs = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Result).sort((a, b) => a.entities - b.entities);
const sizes = runs.map((run) => run.entities.toLocaleString('en'));
const fmt = (n: number | undefined, d = 1) => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(d));

const header = `| scenario | server | ${sizes.map((s) => `${s}: p50 / p99 ms, req/s`).join(' | ')} | p50 ${sizes.at(-1)} ÷ ${sizes[0]} |`;
console.log(header);
console.log(`| --- | --- | ${sizes.map(() => '---:').join(' | ')} | ---: |`);
const scenarios = [...new Set(runs.flatMap((run) => run.results.map((r) => r.scenario)))];
const servers = [...new Set(runs.flatMap((run) => run.results.flatMap((r) => Object.keys(r.summary))))];
for (const scenario of scenarios) {
  for (const server of servers) {
    const cells = runs.map((run) => run.results.find((r) => r.scenario === scenario)?.summary[server]);
    if (cells.every((cell) => !cell)) continue;
    const first = cells[0]?.p50;
    const last = cells.at(-1)?.p50;
    console.log(
      `| ${scenario} | ${server} | ${cells.map((c) => (c ? `${fmt(c.p50)} / ${fmt(c.p99)}, ${fmt(c.requestsPerSecond)}` : '–')).join(' | ')} | ${first && last ? `${fmt(last / first, 2)}×` : '–'} |`,
    );
  }
}
console.log(`\nLoad average when measuring started: ${runs.map((run) => `${run.entities.toLocaleString('en')}: ${run.quietMachine.load}`).join(', ')}`);

// Per size: the three (four) servers side by side, the ratios, and issue 16's targets. At a fixed
// offered rate every server answers about that rate, so only the latencies compare.
const TARGET = { peerRatio: 1.3, rawRatio: 0.8, mixRawRatio: 0.9 };
for (const run of runs) {
  const rate = run.settings?.rate ?? undefined;
  console.log(`\n### ${run.entities.toLocaleString('en')} entities (load ${run.quietMachine.load} at start${rate ? `; ${rate} req/s offered to every server: compare latencies, not req/s` : ''})\n`);
  console.log('| scenario | service req/s (p50 / p99) | without hub cache | @neo4j/graphql | raw | service ÷ peer | ÷ raw | without cache ÷ peer | ÷ raw | p99 ≤ peer | targets |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const result of run.results) {
    const m = result.summary;
    const cell = (name: string) => (m[name] ? `${fmt(m[name].requestsPerSecond)} (${fmt(m[name].p50)} / ${fmt(m[name].p99)})` : '–');
    const ratio = (a: string, b: string) => (m[a] && m[b] ? m[a].requestsPerSecond / m[b].requestsPerSecond : undefined);
    const versusPeer = ratio('service', 'neo4j-graphql');
    const versusRaw = ratio('service', 'raw');
    const p99Ok = m.service && m['neo4j-graphql'] ? m.service.p99 <= m['neo4j-graphql'].p99 : undefined;
    const rawTarget = result.scenario === 'mix' ? TARGET.mixRawRatio : TARGET.rawRatio;
    const judged = rate === undefined && versusPeer !== undefined && versusRaw !== undefined;
    const met = judged ? versusPeer >= TARGET.peerRatio && versusRaw >= rawTarget && p99Ok === true : undefined;
    const x = (n: number | undefined) => (n === undefined ? '–' : `${fmt(n, 2)}×`);
    console.log(
      `| ${result.scenario} | ${cell('service')} | ${cell('service-nocache')} | ${cell('neo4j-graphql')} | ${cell('raw')} | ${x(versusPeer)} | ${x(versusRaw)} | ${x(ratio('service-nocache', 'neo4j-graphql'))} | ${x(ratio('service-nocache', 'raw'))} | ${p99Ok === undefined ? '–' : p99Ok ? 'yes' : 'no'} | ${met === undefined ? '–' : met ? 'met' : 'missed'} |`,
    );
  }
}
