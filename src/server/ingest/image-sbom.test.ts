import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { matchInventory } from '../../detect/vulnerabilities/match.js';
import { InputError } from '../../errors.js';
import { inventoryFromCycloneDx } from '../../sbom/cyclonedx-reader.js';
import { renderCycloneDx } from '../../sbom/cyclonedx.js';
import { busterInventory } from '../../testing/buster-inventory.js';
import { forEachStoreDialect } from '../../testing/store-dialects.js';
import { bundledTestDb } from '../../testing/vulndb.js';
import { VulnDatabase } from '../../vulndb/database.js';
import type { ServerContext } from '../context.js';
import { imageDetail } from '../store/images.js';
import { ingestImageSbom } from './image-sbom.js';
import { ingestScanReport } from './scan-report.js';

const DIGEST = `sha256:${'a1'.repeat(32)}`;
const OTHER = `sha256:${'b2'.repeat(32)}`;

let db: VulnDatabase;
let bom: unknown;

before(async () => {
  db = VulnDatabase.open(await bundledTestDb(), { readonly: true });
  // Real Debian 10 packages as `seawall sbom -f cyclonedx` writes them, with a curl the same package twice (two paths).
  const inventory = busterInventory();
  inventory.packages.push({ ...inventory.packages[0]!, location: 'opt/curl/var/lib/dpkg/status' });
  // Debian's python3-requests installs requests 2.21.0: covered by Debian's advisories, not PyPI's (PYSEC-2023-74
  // would match it), as `seawall scan` does by default.
  inventory.packages.push({
    ...inventory.packages.find((p) => p.name === 'requests')!,
    version: '2.21.0',
    purl: 'pkg:pypi/requests@2.21.0',
    location: 'usr/lib/python3/dist-packages/requests-2.21.0.egg-info',
    managedBy: {
      type: 'deb',
      purl: 'pkg:deb/debian/python3-requests@2.21.0-1%2Bdeb10u1?arch=all&distro=debian-10',
    },
  });
  bom = JSON.parse(renderCycloneDx(inventory, { toolVersion: 'test' }));
});
after(() => db.close());

forEachStoreDialect('ingesting an image SBOM', (open) => {
  it('stores the packages once and finds the same vulnerabilities `seawall scan` does', async () => {
    const store = await open();
    const ctx: ServerContext = {
      store,
      vulnDb: () => db,
      registryAllow: [],
      now: () => new Date('2026-11-23T10:00:00Z'),
    };
    try {
      const result = await ingestImageSbom(
        ctx,
        { digest: DIGEST, digestKind: 'image', name: 'registry.example.com/buster-app:1' },
        bom,
      );
      const inventory = inventoryFromCycloneDx(bom);
      const expected = new Set(matchInventory(inventory, db).map((f) => f.id));
      // One row per distinct package: the same jar or wheel found at two paths is one package.
      const distinct = new Set(inventory.packages.map((p) => p.purl)).size;
      assert.ok(distinct < inventory.packages.length);
      assert.equal(result.packages, distinct);
      assert.ok(expected.size > 0, 'the bundled data knows vulnerabilities of the image');
      assert.equal(result.vulnerabilities, expected.size);

      const detail = await imageDetail(store, DIGEST);
      assert.ok(detail);
      assert.equal(detail.os, 'debian 10');
      assert.equal(detail.packageCount, distinct);
      assert.deepEqual(new Set(detail.vulnerabilities.map((v) => v.id)), expected);
      assert.deepEqual(detail.packages.find((p) => p.name === 'openssl')?.licenses, ['OpenSSL']);
      assert.ok(
        expected.has('DLA-3341-1'),
        'curl 7.64.0-4+deb10u2 has the LTS advisory fixed in deb10u5',
      );
      assert.ok(expected.has('PYSEC-2023-74'), 'requests 2.25.1 has PYSEC-2023-74');
      assert.deepEqual(
        detail.vulnerabilities.filter((v) => v.package.purl === 'pkg:pypi/requests@2.21.0'),
        [],
        "the requests Debian installed is left to Debian's advisories",
      );

      // A second image with the same packages adds no package rows and gets the same vulnerabilities.
      const packagesBefore = await store.db
        .selectFrom('packages')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const again = await ingestImageSbom(ctx, { digest: OTHER, digestKind: 'rootfs' }, bom);
      const packagesAfter = await store.db
        .selectFrom('packages')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(packagesAfter.n), Number(packagesBefore.n));
      assert.equal(again.vulnerabilities, expected.size);
    } finally {
      await store.close();
    }
  });

  it('refuses what is not a CycloneDX BOM, storing nothing', async () => {
    const store = await open();
    const ctx: ServerContext = {
      store,
      vulnDb: () => db,
      registryAllow: [],
      now: () => new Date(),
    };
    try {
      await assert.rejects(
        ingestImageSbom(ctx, { digest: DIGEST, digestKind: 'image' }, { bomFormat: 'SPDX' }),
        (err: unknown) => err instanceof InputError && /not a CycloneDX BOM/.test(err.message),
      );
      await assert.rejects(
        ingestScanReport(ctx, { digest: DIGEST, digestKind: 'image' }, { schemaVersion: 1 }),
        InputError,
      );
      assert.equal(await imageDetail(store, DIGEST), undefined);
    } finally {
      await store.close();
    }
  });
});
