import assert from 'node:assert/strict';
import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { scratchDir } from '../../testing/fixtures.js';
import { bundledTestDb } from '../../testing/vulndb.js';
import { VulnDatabase } from '../../vulndb/database.js';
import { VulnDbHolder } from './vulndb-holder.js';

const scratch = scratchDir('vulndb-holder');
after(() => scratch.remove());

it('opens the new database when an update renames a new file over the old one', async () => {
  const path = join(scratch.dir, 'seawall.db');
  copyFileSync(await bundledTestDb(), path);
  // The "old" database: the same data without the Debian LTS advisories.
  const old = VulnDatabase.open(path);
  old.removeSource('bundled:DLA-list');
  old.close();

  const holder = new VulnDbHolder(path);
  try {
    const first = holder.current();
    assert.deepEqual(first.advisoriesNamed('DLA-3341-1'), []);
    const replaced = new Promise<void>((resolve) => holder.watch(resolve, 50));
    // What `seawall db update` does: write a new file beside it, then rename it over the path.
    const next = join(scratch.dir, 'seawall.db.new');
    copyFileSync(await bundledTestDb(), next);
    renameSync(next, path);
    // The holder's poll does not keep the process alive (a server has its listener for that); this test must.
    const alive = setInterval(() => {}, 1000);
    await replaced.finally(() => clearInterval(alive));
    assert.notEqual(holder.current(), first);
    assert.equal(holder.current().advisoriesNamed('DLA-3341-1').length, 1);
  } finally {
    holder.close();
  }
});
