import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { NautilusError } from '../../core/errors.ts';

/** The dashboard app: `web/` at the repository root (same depth from src/ and dist/). */
export const WEB_DIR = resolve(import.meta.dirname, '../../../web');

/** A lock older than this is abandoned even if its pid is alive again (reused by another process). */
const STALE_LOCK_MS = 120_000;
const LOCK_POLL_MS = 200;

async function mtimeMs(path: string): Promise<number | null> {
  return stat(path).then(
    (info) => info.mtimeMs,
    () => null,
  );
}

async function newestUnder(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await mtimeMs(join(entry.parentPath, entry.name))) ?? 0);
  }
  return newest;
}

/** True when web/dist/index.html exists and is newer than every source of the app. */
export async function webIsBuilt(webDir: string = WEB_DIR): Promise<boolean> {
  const built = await mtimeMs(join(webDir, 'dist', 'index.html'));
  if (built === null) return false;
  const sources = await Promise.all([
    newestUnder(join(webDir, 'src')),
    mtimeMs(join(webDir, 'index.html')),
    mtimeMs(join(webDir, 'vite.config.ts')),
  ]);
  return sources.every((source) => (source ?? 0) <= built);
}

/**
 * Builds web/dist with Vite's JS API when it is missing or stale, and says so through `say`.
 * Several processes may start hosts at once (parallel tests): a lock directory makes one of them
 * build while the others wait, and the build lands in a temporary directory renamed into place.
 * Returns the build time in ms, or null when the app was already built.
 */
export async function ensureWebBuilt(
  say: (text: string) => void,
  webDir: string = WEB_DIR,
): Promise<number | null> {
  if (await webIsBuilt(webDir)) return null;
  const lock = join(webDir, '.build-lock');
  await acquire(lock);
  try {
    if (await webIsBuilt(webDir)) return null;
    const vite = await import('vite').catch((error: unknown) => {
      throw new NautilusError(
        'CONFIG_INVALID',
        `dashboard: web/dist is missing or stale and vite cannot be loaded to build it (${(error as Error).message}); ` +
          'install the dev dependencies (npm ci), run npm run build:web, or set dashboard.enabled=false',
        { cause: error },
      );
    });
    say(`Building the dashboard (web/ -> web/dist) with Vite...\n`);
    const started = performance.now();
    const staging = join(webDir, `dist.tmp-${process.pid}`);
    try {
      await vite.build({
        configFile: join(webDir, 'vite.config.ts'),
        root: webDir,
        logLevel: 'warn',
        build: { outDir: staging, emptyOutDir: true },
      });
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw new NautilusError('INTERNAL', `dashboard: building web/ failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    await rm(join(webDir, 'dist'), { recursive: true, force: true });
    await rename(staging, join(webDir, 'dist'));
    const ms = Math.round(performance.now() - started);
    say(`Dashboard built in ${(ms / 1000).toFixed(1)} s.\n`);
    return ms;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock directory holding its owner's pid: a lock whose owner died is taken over at once. */
async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
    const since = await mtimeMs(lock);
    const abandoned = (owner > 0 && !alive(owner)) || (since !== null && Date.now() - since > STALE_LOCK_MS);
    if (abandoned) await rm(lock, { recursive: true, force: true });
    else await new Promise((done) => setTimeout(done, LOCK_POLL_MS));
  }
}
