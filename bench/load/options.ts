/** The command line of `npm run load`. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { positiveInt } from '../lib/cliArguments.js';

export type Mode = 'steady' | 'outage';

export interface Options {
  mode: Mode;
  connections: number;
  duration: number;
  warmup: number;
  outageAt: number;
  outageFor: number;
  recoveryWindow: number;
  maxRecovery: number;
  restartAttempts: number;
  timeout: number;
  operations: string;
  logLevel: string;
  neo4jHeap: string;
  neo4jPagecache: string;
  neo4jStartTimeout: number;
  serverEnv: string[];
  out?: string;
  keepTemp: boolean;
}

/** The default mix: one of each kind of read a client makes (see schema/examples). */
const DEFAULT_MIX = [
  'ColonelAndHisLinks', // entity with relationships + evidence
  'SearchSelfDefense', // full-text search
  'JapanCounterparts', // neighbours
  'RegimentNeighbourhood', // subgraph, depth 2
  'ColonelToEnvoy', // paths colonel → envoy
  'GraphOverview', // stats
];

function collectEnv(value: string, previous: string[]): string[] {
  if (!/^[A-Z][A-Z0-9_]*=/.test(value)) throw new InvalidArgumentError('must look like NAME=value');
  return [...previous, value];
}

export function parseOptions(argv: string[]): Options {
  const program = new Command('load')
    .description('Load-test the newsgraph API against its own throw-away Neo4j (loopback only)')
    .addOption(new Option('--mode <mode>', 'steady: fixed concurrency; outage: stop and restart Neo4j mid-run').choices(['steady', 'outage']).default('steady'))
    .option('-c, --connections <n>', 'concurrent HTTP connections', positiveInt, 16)
    .option('-d, --duration <s>', 'measured seconds (outage mode runs longer if recovery needs it)', positiveInt, 60)
    .option('-w, --warmup <s>', 'warm-up seconds before measuring', positiveInt, 10)
    .option('--outage-at <s>', 'outage mode: seconds into the measurement at which Neo4j is stopped', positiveInt, 20)
    .option('--outage-for <s>', 'outage mode: seconds Neo4j stays down before it is restarted', positiveInt, 10)
    .option('--recovery-window <s>', 'outage mode: error-free seconds required after Neo4j is back before the run ends', positiveInt, 20)
    .option('--max-recovery <s>', 'outage mode: give up waiting for that error-free stretch this long after Neo4j is back', positiveInt, 300)
    .option('--restart-attempts <n>', 'outage mode: tries to bring Neo4j back before giving up', positiveInt, 3)
    .option('--timeout <s>', 'per-request timeout: a response slower than this is a hang', positiveInt, 10)
    .option('--operations <names>', `comma-separated operation names from schema/examples, or "all"`, DEFAULT_MIX.join(','))
    .addOption(new Option('--log-level <level>', 'LOG_LEVEL of the server (its log goes to a temporary file)').choices(['fatal', 'error', 'warn', 'info', 'debug']).default('info'))
    .option('--neo4j-heap <size>', 'heap of the throw-away Neo4j', '1g')
    .option('--neo4j-pagecache <size>', 'page cache of the throw-away Neo4j', '256m')
    .option('--neo4j-start-timeout <s>', 'seconds Neo4j gets to start', positiveInt, 300)
    .option('--server-env <KEY=VALUE...>', 'extra environment for the server, e.g. NEO4J_QUERY_TIMEOUT_MS=30000', collectEnv, [])
    .option('--out <file>', 'where the JSON results go (default bench/results/load-<mode>.json)')
    .option('--keep-temp', 'keep the temporary directory (Neo4j data, logs) for inspection', false)
    .showHelpAfterError();
  program.parse(argv);
  const options = program.opts<Options>();
  if (options.mode === 'outage' && options.outageAt >= options.duration) {
    program.error(`--outage-at (${options.outageAt}) must be less than --duration (${options.duration})`);
  }
  return options;
}

/** Seconds the outage sequence may add to a run: the gap, every restart attempt, the recovery wait. */
export function outageAllowanceS(options: Options): number {
  return 30 + options.outageFor + options.neo4jStartTimeout * options.restartAttempts + options.maxRecovery;
}
