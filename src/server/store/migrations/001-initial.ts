// The fleet store's first schema: the tables of schema.ts with their keys and the indexes the store's queries use.
// Kysely's schema builder (https://kysely.dev/docs/migrations); partial indexes: https://www.sqlite.org/partialindex.html

import { sql, type ColumnDataType, type Expression, type Kysely, type Migration } from 'kysely';

export type StoreDialect = 'sqlite' | 'postgres';

/** Marks a SQLite file as a Seawall fleet store (the header's application_id), so another SQLite file is told apart. */
export const STORE_APPLICATION_ID = 0x5357_4653; // 'SWFS'

export function initialMigration(dialect: StoreDialect): Migration {
  const pg = dialect === 'postgres';
  // PostgreSQL compares text by the database's locale unless told otherwise; "C" orders by code point like SQLite's
  // BINARY, so both dialects sort digests, names and purls (and ISO times) the same way.
  const text: ColumnDataType | Expression<unknown> = pg ? sql`text collate "C"` : 'text';
  // Tables that are their primary key store it once in SQLite (no rowid b-tree beside it).
  const keyOnly = (): Expression<unknown> => sql.raw(pg ? '' : 'without rowid');

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const createTable = (name: string) => db.schema.createTable(name);
      // Container ids are spent by every upsert in PostgreSQL (a sequence value per attempted insert): at a million
      // runs a day, started and stopped, an int4 would run out within a few years.
      const withId = (name: string, type: 'integer' | 'bigint' = 'integer') =>
        pg
          ? createTable(name).addColumn('id', type, (c) =>
              c.generatedAlwaysAsIdentity().primaryKey(),
            )
          : createTable(name).addColumn('id', 'integer', (c) => c.primaryKey());

      await createTable('hosts')
        .addColumn('name', text, (c) => c.primaryKey())
        .addColumn('labels', text, (c) => c.notNull().defaultTo('{}'))
        .addColumn('first_seen', text, (c) => c.notNull())
        .addColumn('last_seen', text, (c) => c.notNull())
        .addColumn('agent', text)
        .execute();

      await withId('images')
        .addColumn('digest', text, (c) => c.notNull())
        .addColumn('digest_kind', text, (c) => c.notNull())
        .addColumn('name', text)
        .addColumn('registry', text)
        .addColumn('os', text)
        .addColumn('first_seen', text, (c) => c.notNull())
        .addColumn('scanned_at', text)
        .addColumn('package_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('images_digest').unique().on('images').column('digest').execute();

      await withId('packages')
        .addColumn('key', text, (c) => c.notNull())
        .addColumn('purl', text, (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('version', text, (c) => c.notNull())
        .addColumn('type', text, (c) => c.notNull())
        .addColumn('ecosystem', text, (c) => c.notNull())
        .addColumn('release', text, (c) => c.notNull())
        .addColumn('match_name', text, (c) => c.notNull())
        .addColumn('ecosystem_label', text, (c) => c.notNull())
        .addColumn('licenses', text, (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema.createIndex('packages_key').unique().on('packages').column('key').execute();

      await createTable('image_packages')
        .addColumn('image_id', 'integer', (c) => c.notNull())
        .addColumn('package_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('image_packages_pk', ['image_id', 'package_id'])
        .modifyEnd(keyOnly())
        .execute();
      // (package_id, image_id): "which images have these packages" is answered from the index alone.
      await db.schema
        .createIndex('image_packages_package')
        .on('image_packages')
        .columns(['package_id', 'image_id'])
        .execute();
      // A few packages (libc6, zlib1g...) are in nearly every image. With the default sample PostgreSQL knows too
      // few of them, takes "the images with libc6" for a few hundred and probes the running containers of each one
      // by one; sampled finer, it hashes them and reads the running set once. The builder has no SET STATISTICS.
      if (pg)
        await sql`alter table image_packages alter column package_id set statistics 1000`.execute(
          db,
        );

      await createTable('package_vulnerabilities')
        .addColumn('package_id', 'integer', (c) => c.notNull())
        .addColumn('vuln_id', text, (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('fixed_version', text)
        .addColumn('severity', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('package_vulnerabilities_pk', ['package_id', 'vuln_id'])
        .modifyEnd(keyOnly())
        .execute();
      await db.schema
        .createIndex('package_vulnerabilities_vuln')
        .on('package_vulnerabilities')
        .column('vuln_id')
        .execute();

      await createTable('vulnerabilities')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('aliases', text, (c) => c.notNull().defaultTo('[]'))
        .addColumn('severity', text, (c) => c.notNull())
        .addColumn('title', text)
        .addColumn('published', text)
        .execute();

      await createTable('vulnerability_aliases')
        .addColumn('alias', text, (c) => c.notNull())
        .addColumn('vuln_id', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('vulnerability_aliases_pk', ['alias', 'vuln_id'])
        .modifyEnd(keyOnly())
        .execute();
      await db.schema
        .createIndex('vulnerability_aliases_vuln')
        .on('vulnerability_aliases')
        .column('vuln_id')
        .execute();

      await createTable('image_findings')
        .addColumn('image_id', 'integer', (c) => c.notNull())
        .addColumn('rule_id', text, (c) => c.notNull())
        .addColumn('severity', text, (c) => c.notNull())
        .addColumn('title', text, (c) => c.notNull())
        .addColumn('location', text, (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema
        .createIndex('image_findings_image')
        .on('image_findings')
        .column('image_id')
        .execute();

      await withId('containers', 'bigint')
        .addColumn('host', text, (c) => c.notNull())
        .addColumn('runtime', text, (c) => c.notNull())
        .addColumn('container_id', text, (c) => c.notNull())
        .addColumn('name', text)
        .addColumn('image_id', 'integer', (c) => c.notNull())
        .addColumn('labels', text, (c) => c.notNull().defaultTo('{}'))
        .addColumn('started_at', text, (c) => c.notNull())
        .addColumn('stopped_at', text)
        .execute();
      // One row per run: (host, runtime, container_id, started_at) is unique. Ordered with the start time after the
      // host, new runs land at the end of each host's range (container ids are random: first, they would scatter
      // every insert over the whole index), and the index also answers "runs on a host by time".
      await db.schema
        .createIndex('containers_run')
        .unique()
        .on('containers')
        .columns(['host', 'started_at', 'runtime', 'container_id'])
        .execute();
      // The running set: a small slice of a day's million runs. With the host in it, "how many containers run this
      // image, on how many hosts" is answered from the index alone.
      await db.schema
        .createIndex('containers_running')
        .on('containers')
        .columns(['image_id', 'host'])
        .where(sql.ref('stopped_at'), 'is', null)
        .execute();
      // Counting the running set is an index-only scan while its pages are all-visible; runs are inserted and
      // stopped all day, so PostgreSQL's vacuum (which marks pages visible) runs at 2% of changes, not 20%.
      if (pg)
        await sql`alter table containers set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`.execute(
          db,
        );
      await db.schema
        .createIndex('containers_started')
        .on('containers')
        .column('started_at')
        .execute();

      await withId('alerts')
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('vuln_id', text, (c) => c.notNull())
        .addColumn('image_id', 'integer', (c) => c.notNull())
        .addColumn('packages', text, (c) => c.notNull().defaultTo('[]'))
        .addColumn('running_containers', 'integer', (c) => c.notNull())
        .addColumn('delivered_at', text)
        .execute();
      await db.schema.createIndex('alerts_created').on('alerts').column('created_at').execute();
      await db.schema
        .createIndex('alerts_undelivered')
        .on('alerts')
        .column('id')
        .where(sql.ref('delivered_at'), 'is', null)
        .execute();

      await withId('tokens')
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('role', text, (c) => c.notNull())
        .addColumn('hash', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tokens_hash').unique().on('tokens').column('hash').execute();

      await withId('audit_log')
        .addColumn('at', text, (c) => c.notNull())
        .addColumn('token_id', 'integer')
        .addColumn('role', text)
        .addColumn('method', text, (c) => c.notNull())
        .addColumn('path', text, (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('summary', text, (c) => c.notNull())
        .execute();

      await createTable('meta')
        .addColumn('key', text, (c) => c.primaryKey())
        .addColumn('value', text, (c) => c.notNull())
        .execute();

      if (!pg) await sql.raw(`pragma application_id = ${STORE_APPLICATION_ID}`).execute(db);
    },
  };
}
