/**
 * `npm run nlp:start | nlp:stop | nlp:status`: the bundled Stanford CoreNLP server as a background
 * service (NLP_LOCAL_* settings), started detached so closing this terminal does not stop it.
 */
import { Command } from 'commander';
import { JavaServiceError } from '../src/embedded/javaProcess.js';
import { runningCoreNlpPid, startLocalCoreNlp, stopLocalCoreNlp } from '../src/embedded/localCoreNlp.js';
import { fail, loadCliConfig as config } from './cli.js';

const program = new Command('nlp').description('Run the bundled Stanford CoreNLP server (NLP_LOCAL_* settings)');

program
  .command('start')
  .description('start the local CoreNLP server in the background (does nothing if it already runs)')
  .action(async () => {
    const { localNlp } = config();
    try {
      const server = await startLocalCoreNlp({ ...localNlp, detached: true });
      console.log(`${server.startedHere ? 'CoreNLP ready' : 'CoreNLP is already running'} on ${server.url} (pid ${server.pid}); stop it with npm run nlp:stop`);
    } catch (error) {
      if (error instanceof JavaServiceError) fail(error.message);
      throw error;
    }
  });

program
  .command('stop')
  .description('stop the local CoreNLP server (does nothing if it is not running)')
  .action(async () => {
    const { localNlp } = config();
    const pid = runningCoreNlpPid(localNlp.stateFile);
    if (await stopLocalCoreNlp(localNlp.stateFile)) console.log(`CoreNLP stopped (pid ${pid})`);
    else console.log('CoreNLP is not running');
  });

program
  .command('status')
  .description('tell whether the local CoreNLP server runs')
  .action(() => {
    const { localNlp } = config();
    const pid = runningCoreNlpPid(localNlp.stateFile);
    console.log(pid ? `running (pid ${pid}) on http://127.0.0.1:${localNlp.port}` : 'stopped');
  });

await program.parseAsync();
