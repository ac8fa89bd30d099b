/**
 * `npm run db:start | db:stop | db:status`: the bundled local Neo4j as a background service,
 * for working on the data (seed, ingest, Cypher shell) without the API running. Started detached,
 * so closing this terminal or pressing Ctrl-C in it does not stop the database.
 */
import { Command } from 'commander';
import { JavaServiceError, runningPid, startLocalNeo4j, stopLocalNeo4j } from '../src/embedded/localNeo4j.js';
import { fail, loadCliConfig as config } from './cli.js';

const program = new Command('db').description('Run the bundled local Neo4j (NEO4J_LOCAL_* settings)');

program
  .command('start')
  .description('start the local Neo4j in the background (does nothing if it already runs)')
  .action(async () => {
    const { localNeo4j, neo4j } = config();
    const uri = `bolt://127.0.0.1:${localNeo4j.port}`;
    const pid = runningPid(localNeo4j.dataDir);
    if (pid) {
      console.log(`Neo4j is already running (pid ${pid}) on ${uri}, data ${localNeo4j.dataDir}`);
      return;
    }
    try {
      const server = await startLocalNeo4j({ ...localNeo4j, user: neo4j.user, password: neo4j.password, detached: true });
      console.log(server.readyLine);
      console.log(`pid ${server.pid}; stop it with npm run db:stop`);
    } catch (error) {
      if (error instanceof JavaServiceError) fail(error.message);
      throw error;
    }
  });

program
  .command('stop')
  .description('stop the local Neo4j (does nothing if it is not running)')
  .action(async () => {
    const { localNeo4j } = config();
    const pid = runningPid(localNeo4j.dataDir);
    if (await stopLocalNeo4j(localNeo4j.dataDir)) console.log(`Neo4j stopped (pid ${pid})`);
    else console.log(`Neo4j is not running (data ${localNeo4j.dataDir})`);
  });

program
  .command('status')
  .description('tell whether the local Neo4j runs')
  .action(() => {
    const { localNeo4j } = config();
    const pid = runningPid(localNeo4j.dataDir);
    console.log(
      pid
        ? `running (pid ${pid}) on bolt://127.0.0.1:${localNeo4j.port}, data ${localNeo4j.dataDir}`
        : `stopped (data ${localNeo4j.dataDir})`,
    );
  });

await program.parseAsync();
