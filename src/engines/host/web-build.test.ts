import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webIsBuilt } from './web-build.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function fakeWeb(): Promise<string> {
  const web = await mkdtemp(join(tmpdir(), 'nautilus-web-'));
  dirs.push(web);
  await mkdir(join(web, 'src', 'pages'), { recursive: true });
  await writeFile(join(web, 'index.html'), '');
  await writeFile(join(web, 'vite.config.ts'), '');
  await writeFile(join(web, 'src', 'pages', 'page.tsx'), '');
  return web;
}

async function touch(path: string, secondsAgo: number): Promise<void> {
  const at = new Date(Date.now() - secondsAgo * 1000);
  await utimes(path, at, at);
}

describe('webIsBuilt', () => {
  it('is false without dist/index.html, true when it is newer than every source', async () => {
    const web = await fakeWeb();
    expect(await webIsBuilt(web)).toBe(false);
    await mkdir(join(web, 'dist'));
    await writeFile(join(web, 'dist', 'index.html'), '');
    for (const source of ['index.html', 'vite.config.ts', 'src/pages/page.tsx'])
      await touch(join(web, source), 60);
    expect(await webIsBuilt(web)).toBe(true);
  });

  it('is false when a nested source, index.html or vite.config.ts changed after the build', async () => {
    for (const changed of ['src/pages/page.tsx', 'index.html', 'vite.config.ts']) {
      const web = await fakeWeb();
      await mkdir(join(web, 'dist'));
      await writeFile(join(web, 'dist', 'index.html'), '');
      for (const source of ['index.html', 'vite.config.ts', 'src/pages/page.tsx'])
        await touch(join(web, source), 60);
      await touch(join(web, 'dist', 'index.html'), 30);
      await touch(join(web, changed), 10);
      expect(await webIsBuilt(web), changed).toBe(false);
    }
  });
});
