/**
 * npm run apikey -- --name dashboard --role reader   (roles: reader, editor, metrics)
 * Makes a new random API key and prints it once, with the API_KEYS entry (its SHA-256) to configure.
 */
import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import { API_KEY_ROLES, type ApiKeyRole } from '../src/config.js';
import { hashApiKey } from '../src/server/auth.js';
import { fail } from './cli.js';

const options = new Command('apikey')
  .description('Create an API key; configure only the printed API_KEYS entry, give the key to its holder.')
  .requiredOption('--name <name>', 'who holds the key (letters, digits, . _ -)')
  .addOption(new Option('--role <role>', 'what the key may do (metrics: scrape GET /metrics only)').choices([...API_KEY_ROLES]).default('reader'))
  .parse()
  .opts<{ name: string; role: ApiKeyRole }>();

if (!/^[\w.-]+$/.test(options.name)) {
  fail('--name may contain only letters, digits, ".", "_" and "-"');
}
const key = `ng_${randomBytes(24).toString('base64url')}`;
console.log(`API key (give it to ${options.name}; it is not stored anywhere): ${key}`);
console.log(`API_KEYS entry: ${options.name}:${options.role}:${hashApiKey(key).toString('hex')}`);
