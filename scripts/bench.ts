/**
 * `npm run bench [filter]`: runs every benchmark (`bench/*.bench.ts`, `services/<name>/bench/*.bench.ts`),
 * prints its figures and writes each benchmark's to `bench/results/<name>.json` (one file per
 * benchmark, so running one leaves the others' latest figures in place).
 * A benchmark module default-exports an async function returning named figures.
 * Durations are measured here, never asserted in tests: these machines are noisy.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type BenchFigures = Record<string, number | string>;

const root = path.resolve(import.meta.dirname, '..');
const filter = process.argv[2];
const folders = [
  path.join(root, 'bench'),
  ...readdirSync(path.join(root, 'services')).map((name) => path.join(root, 'services', name, 'bench')),
];
const files = folders
  .flatMap((folder) => {
    try {
      return readdirSync(folder)
        .filter((file) => file.endsWith('.bench.ts'))
        .map((file) => path.join(folder, file));
    } catch {
      return [];
    }
  })
  .filter((file) => !filter || file.includes(filter));

const machine = { node: process.version, cpus: (await import('node:os')).cpus().length };

/** Linux's CPU ticks: all of them, and those the hypervisor gave to other guests ("steal"). */
function cpuTicks(): { total: number; steal: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { total: fields.slice(0, 8).reduce((sum, n) => sum + n, 0), steal: fields[7] ?? 0 };
  } catch {
    return null; // not Linux
  }
}

mkdirSync(path.join(root, 'bench/results'), { recursive: true });
for (const file of files) {
  const name = path.relative(root, file);
  console.log(`\n▶ ${name}`);
  const bench = (await import(pathToFileURL(file).href)) as { default: () => Promise<BenchFigures> };
  const before = cpuTicks();
  const figures = await bench.default();
  const after = cpuTicks();
  // On a virtual machine other guests may take CPU time mid-run: the figures are then low for that
  // reason, which the result says.
  if (before && after && after.total > before.total)
    figures['CPU time taken by the hypervisor for other guests during the run (steal, %)'] = Number(
      ((100 * (after.steal - before.steal)) / (after.total - before.total)).toFixed(1),
    );
  for (const [figure, value] of Object.entries(figures)) console.log(`  ${figure}: ${value}`);
  const output = path.join(root, 'bench/results', `${path.basename(file, '.bench.ts')}.json`);
  const report = { date: new Date().toISOString(), ...machine, benchmark: name, figures };
  writeFileSync(output, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`  → ${path.relative(root, output)}`);
}
process.exit(0);
