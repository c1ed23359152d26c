#!/usr/bin/env node
/**
 * o2o-bench: the bench CLI (see `commands/usage.ts`).
 *   o2o-bench city  [--seed N] [--stores N] [--riders N] [--orders N] [--smoke] [--json]
 *   o2o-bench solve <instance> [--format …] [--objective …] [--time-limit-ms N] [--seed N] [--threads N] [--json] [--svg DIR]
 *   o2o-bench vrp   <folder> [same options] [--instances LIST] [--curve NAME] [--out FILE] [--svg DIR]
 *   o2o-bench scale [--jobs N] [--riders N] [--time-limit-ms N] [--seed N] [--smoke] [--json]
 *   o2o-bench roads [file.osm.pbf] [--profile car|scooter|bike|walk] [--pairs N] [--seed N] [--smoke] [--json]
 *   o2o-bench load  [--duration S] [--rate N] [--location-rate N] [--batch N] [--riders N] [--stores N] [--connections N] [--http-workers N] [--backend sqlite|redis] [--instances N] [--json] [--keep-data] [--svg DIR]
 *   o2o-bench failover [--instances N] [--orders N] [--mode kill|pause] [--lease-ttl-ms N] [--json]
 *   o2o-bench mdrp | mdrp-all | rappi … [--policy NAME | --compare] [--svg DIR]
 * `--svg DIR` writes the command's charts (SVG) into DIR.
 * Commands are loaded on demand, so `city` does not load the route solver.
 */
import { BenchArgError } from './args/bench-arg-error.js';
import { ChartInputError } from './charts/chart-input-error.js';
import { USAGE } from './commands/usage.js';
import { InstanceParseError } from './instances/instance-parse-error.js';

type Command = (argv: readonly string[]) => Promise<void>;

const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  city: async () => (await import('./commands/city.command.js')).runCityCommand,
  solve: async () => (await import('./commands/solve.command.js')).runSolveCommand,
  vrp: async () => (await import('./commands/vrp.command.js')).runVrpCommand,
  scale: async () => (await import('./commands/scale.command.js')).runScaleCommand,
  roads: async () => (await import('./commands/roads.command.js')).runRoadsCommand,
  mdrp: async () => (await import('./commands/mdrp.command.js')).runMdrpCommand,
  'mdrp-all': async () => (await import('./commands/mdrp-all.command.js')).runMdrpAllCommand,
  rappi: async () => (await import('./commands/rappi.command.js')).runRappiCommand,
  epoch: async () => (await import('./commands/epoch.command.js')).runEpochCommand,
  load: async () => (await import('./commands/load.command.js')).runLoadCommand,
  failover: async () => (await import('./commands/failover.command.js')).runFailoverCommand,
};

async function main(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) throw new BenchArgError(`unknown command ${JSON.stringify(name)}`);
  await (await load())(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof BenchArgError) {
    console.error(`o2o-bench: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof ChartInputError) {
    console.error(`o2o-bench: no chart written (${error.code}): ${error.message}`);
    process.exitCode = 1;
  } else if (error instanceof InstanceParseError) {
    console.error(`o2o-bench: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
