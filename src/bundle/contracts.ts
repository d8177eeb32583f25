/** `contracts export|check`: write the contract snapshots, or tell which checked-in ones differ from the code. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contractSnapshots } from '../targets/contract-snapshots.js';
import { fsStep, writeFileAtomic } from './fs.js';

export interface SnapshotDrift {
  path: string;
  state: 'missing' | 'differs';
}

export async function exportContracts(root: string): Promise<string[]> {
  const written: string[] = [];
  await fsStep(async () => {
    for (const snapshot of contractSnapshots()) {
      await writeFileAtomic(join(root, snapshot.path), snapshot.content);
      written.push(snapshot.path);
    }
  });
  return written;
}

export async function checkContracts(root: string): Promise<SnapshotDrift[]> {
  const drift: SnapshotDrift[] = [];
  for (const snapshot of contractSnapshots()) {
    let text: string | undefined;
    try {
      text = await readFile(join(root, snapshot.path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined) drift.push({ path: snapshot.path, state: 'missing' });
    else if (text !== snapshot.content) drift.push({ path: snapshot.path, state: 'differs' });
  }
  return drift;
}
