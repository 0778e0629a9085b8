// Post-build step (run by esbuild.config.mjs): install the plugin into vault-template/ and enable it there.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = dirname(fileURLToPath(import.meta.url));
const root = join(pkg, '../..');
const main = join(pkg, 'dist/main.js');
const vault = join(root, 'vault-template');
if (existsSync(main) && existsSync(vault)) {
  const target = join(vault, '.obsidian/plugins/plansight');
  mkdirSync(target, { recursive: true });
  copyFileSync(main, join(target, 'main.js'));
  copyFileSync(join(root, 'manifest.json'), join(target, 'manifest.json'));
  copyFileSync(join(pkg, 'styles.css'), join(target, 'styles.css'));
  const list = join(vault, '.obsidian/community-plugins.json');
  let enabled = [];
  try {
    enabled = existsSync(list) ? JSON.parse(readFileSync(list, 'utf8')) : [];
  } catch (e) {
    throw new Error(`${list}: not valid JSON (${e.message}); not overwriting it`);
  }
  if (!Array.isArray(enabled)) throw new Error(`${list}: expected a JSON array of plugin ids`);
  if (!enabled.includes('plansight')) writeFileSync(list, JSON.stringify([...enabled, 'plansight'], null, 2) + '\n');
}
