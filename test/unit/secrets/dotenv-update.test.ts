import { chmod, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../../src/render/dotenv.js';
import { updateDotenv } from '../../../src/secrets/dotenv-update.js';
import { privateMode, readIfExists, writePrivateFile } from '../../../src/secrets/write-private.js';

const EXISTING = [
  '# API settings',
  'DATABASE_URL=postgresql+asyncpg://db/app',
  '',
  '# the provider, set by onboarding',
  'export SECRETS_PROVIDER=vault_dev # was the dev default',
  'MULTI="first line',
  'second line"',
  'GCP_SM_CACHE_TTL_SECONDS=30',
  'UNRELATED=keep me',
  '',
].join('\n');

describe('updateDotenv', () => {
  const updated = updateDotenv(EXISTING, [
    { name: 'SECRETS_PROVIDER', value: 'gcp_sm' },
    { name: 'GCP_SM_CACHE_TTL_SECONDS', value: '60' },
    { name: 'GCP_SM_SIGNING_SECRET_NAME', value: "projects/p/secrets/it's" },
  ]);
  it('replaces values in place, keeping comments, blank lines, order, prefixes and unrelated keys', () => {
    expect(updated).toBe(
      [
        '# API settings',
        'DATABASE_URL=postgresql+asyncpg://db/app',
        '',
        '# the provider, set by onboarding',
        "export SECRETS_PROVIDER='gcp_sm' # was the dev default",
        'MULTI="first line',
        'second line"',
        "GCP_SM_CACHE_TTL_SECONDS='60'",
        'UNRELATED=keep me',
        `GCP_SM_SIGNING_SECRET_NAME="projects/p/secrets/it's"`,
        '',
      ].join('\n'),
    );
  });
  it('gives back the values it wrote when parsed', () => {
    const parsed = parseDotenv(updateDotenv('# c\nSECRETS_PROVIDER=x\n', [{ name: 'SECRETS_PROVIDER', value: 'gcp_sm' }, { name: 'GCP_SM_SIGNING_SECRET_NAME', value: "projects/p/secrets/it's" }]));
    expect(parsed.get('GCP_SM_SIGNING_SECRET_NAME')).toBe("projects/p/secrets/it's");
    expect(parsed.get('SECRETS_PROVIDER')).toBe('gcp_sm');
  });
  it('is idempotent, writes a new file from nothing, adds a final newline, keeps CRLF', () => {
    const updates = [{ name: 'A', value: '1' }];
    expect(updateDotenv(updateDotenv(EXISTING, updates), updates)).toBe(updateDotenv(EXISTING, updates));
    expect(updateDotenv('', updates)).toBe("A='1'\n");
    expect(updateDotenv('B=2', updates)).toBe("B=2\nA='1'\n");
    expect(updateDotenv('# c\r\nA=0\r\nB=2\r\n', [...updates, { name: 'C', value: '3' }])).toBe("# c\r\nA='1'\r\nB=2\r\nC='3'\r\n");
  });
  it('replaces a key that appears twice in both places (the last one is what readers use)', () => {
    expect(updateDotenv('A=0\nA=9\n', [{ name: 'A', value: '1' }])).toBe("A='1'\nA='1'\n");
  });
});

describe('writePrivateFile', () => {
  const dir = mkdtemp(join(tmpdir(), 'write-env-'));
  it('a new file is 0600', async () => {
    const path = join(await dir, 'new.env');
    await writePrivateFile(path, 'A=1\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe('A=1\n');
  });
  it.each([
    [0o644, 0o600],
    [0o640, 0o600],
    [0o600, 0o600],
    [0o400, 0o400],
    [0o200, 0o200],
  ])('an existing %o file becomes %o (never wider)', async (before, after) => {
    const path = join(await dir, `mode-${before.toString(8)}.env`);
    await writeFile(path, 'A=0\n');
    await chmod(path, before);
    await writePrivateFile(path, 'A=1\n');
    expect((await stat(path)).mode & 0o777).toBe(after);
    expect(privateMode(before)).toBe(after);
  });
  it('follows a symbolic link: the link stays, its target is updated', async () => {
    const target = join(await dir, 'real.env');
    const link = join(await dir, 'link.env');
    await writeFile(target, 'A=0\n', { mode: 0o600 });
    await symlink(target, link);
    await writePrivateFile(link, 'A=1\n');
    expect(await readFile(target, 'utf8')).toBe('A=1\n');
    expect(await readIfExists(link)).toBe('A=1\n');
    expect(await readIfExists(join(await dir, 'absent.env'))).toBe('');
  });
  it('refuses a directory', async () => {
    await expect(writePrivateFile(await dir, 'A=1\n')).rejects.toThrow(/not a regular file/);
  });
});
