// Start-up and generation benchmark: median wall time of the built CLI over several runs, side by
// side with the floor of any Node CLI (`node -e 0`). Run with `npm run bench` after `npm run build`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const out = mkdtempSync(join(tmpdir(), 'starter-bench-'));
const cli = ['bin/starter-console.js'];
const wizard = [...cli, 'setup', 'wizard', '--non-interactive', '--answers-file', 'examples/vps.answers.yaml'];

const cases = [
  ['node -e 0 (floor)', ['-e', '0']],
  ['--version', [...cli, '--version']],
  ['presets list', [...cli, 'presets', 'list']],
  ['schema answers', [...cli, 'schema', 'answers']],
  ['vps bundle, --dry-run', [...wizard, '--out', join(out, 'dry'), '--dry-run']],
  ['vps bundle, --no-validate', [...wizard, '--out', join(out, 'novalidate'), '--no-validate', '--force']],
  ['vps bundle, all checks', [...wizard, '--out', join(out, 'full'), '--force']],
  ['validate (all checks)', [...cli, 'validate', join(out, 'full')]],
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(`median of ${runs} runs (ms), node ${process.version}`);
for (const [name, args] of cases) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (run.status !== 0) {
      console.error(`${name}: exit ${run.status}\n${run.stderr}`);
      process.exitCode = 1;
      break;
    }
  }
  console.log(`${name.padEnd(28)} ${median(times).toFixed(1).padStart(8)}  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
}
rmSync(out, { recursive: true, force: true });
