import { readdirSync } from 'node:fs';

/** `npm run bench -- <name> [args]` runs bench/<name>.ts, whose `main(args)` does the work. */
const names = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (name === undefined || !names.includes(name)) {
  if (name !== undefined) console.error(`unknown benchmark: ${name}`);
  console.error(`usage: npm run bench -- <name> [args]\navailable: ${names.join(', ')}`);
  process.exit(2);
}

const bench = (await import(`./${name}.ts`)) as { main(args: string[]): Promise<void> };
await bench.main(args);
