// Runs a command in this process and reports its wall time and peak memory on stderr as JSON.
// Usage: node support/measure.ts <module> <export> [args...]
const [modulePath, exportName, ...args] = process.argv.slice(2);
const mod = await import(modulePath as string);
const t0 = performance.now();
const code = await mod[exportName as string](args);
const ms = performance.now() - t0;
process.stderr.write(`${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, code })}\n`);
