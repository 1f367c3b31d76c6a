// The vulnerability database the server matches against, kept current: `seawall db update` writes a new file and
// renames it over the old one, so the holder watches the path, opens the new file when it changes, and the server
// then matches every stored package again (rematch.ts). Readers always get a whole database, old or new.

import { statSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { VulnDatabase } from '../../vulndb/database.js';

export class VulnDbHolder {
  private db: VulnDatabase;
  private identity: string;
  private watching = false;

  constructor(private readonly path: string) {
    this.db = VulnDatabase.open(path, { readonly: true });
    this.identity = fileIdentity(statSync(path));
  }

  current(): VulnDatabase {
    return this.db;
  }

  /**
   * Calls `onReplaced` after the file was replaced and the new one opened. Polls (every `intervalMs`): a rename over
   * the path is what an update does, and inotify on the old inode would miss it.
   */
  watch(onReplaced: () => void, intervalMs = 5000): void {
    this.watching = true;
    watchFile(this.path, { interval: intervalMs, persistent: false }, (now) => {
      if (now.nlink === 0 && now.size === 0) return; // removed: keep serving the open database
      const identity = fileIdentity(now);
      if (identity === this.identity) return;
      let next: VulnDatabase;
      try {
        next = VulnDatabase.open(this.path, { readonly: true });
      } catch {
        return; // half-written or damaged: keep the old one, try again at the next change
      }
      const old = this.db;
      this.db = next;
      this.identity = identity;
      old.close();
      onReplaced();
    });
  }

  close(): void {
    if (this.watching) unwatchFile(this.path);
    this.db.close();
  }
}

function fileIdentity(s: Stats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
}
