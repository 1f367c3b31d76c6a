import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addRemoteFindings } from './add-remote.js';
import { fixtureInventory, inventoryWith } from './config-fixture.js';
import { checkContext } from './context.js';

const run = (inv: Parameters<typeof checkContext>[0]) => addRemoteFindings(checkContext(inv));
const steps = (...createdBy: string[]) =>
  inventoryWith({ history: createdBy.map((c) => ({ createdBy: c, emptyLayer: false })) });

describe('SW-IMG-008 ADD of a remote URL', () => {
  it('fires on BuildKit `ADD https://...` and not on the ADD pinned by --checksum', () => {
    const findings = run(fixtureInventory('buildkit-app.json'));
    assert.deepEqual(
      findings.map((f) => [f.id, f.title, f.location, f.evidence]),
      [
        [
          'SW-IMG-008',
          'ADD fetches a remote URL (https://github.com/krallin/tini/releases/download/v0.19.0/tini, history[3].created_by)',
          { jsonPath: 'history[3].created_by', layer: 3 },
          'ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini',
        ],
      ],
    );
    assert.deepEqual(findings[0]!.frameworks, { 'cis-docker': ['4.9'], dockle: ['CIS-DI-0009'] });
  });

  it('reads the JSON form, flags and http, and masks credentials in the URL', () => {
    const findings = run(
      steps(
        'ADD ["http://example.com/a.tgz", "/opt/"] # buildkit',
        'ADD --chown=app:app https://deploy:hunter22@example.com/b.tgz?token=abcdef123456 /opt/ # buildkit',
      ),
    );
    assert.deepEqual(
      findings.map((f) => f.evidence),
      [
        'ADD http://example.com/a.tgz /opt/',
        'ADD --chown=app:app https://deploy:hu****22@example.com/b.tgz?token=ab********56 /opt/',
      ],
    );
    assert.ok(!JSON.stringify(findings).includes('hunter22'));
  });

  it('passes local ADD and COPY, classic `ADD file:<hash> in` (the URL is not recorded) and a URL as destination', () => {
    assert.deepEqual(run(fixtureInventory('classic-app.json')), []);
    assert.deepEqual(run(fixtureInventory('hardened.json')), []);
    assert.deepEqual(
      run(
        steps(
          'ADD app.tar.gz /srv/ # buildkit',
          'COPY https-proxy.conf /etc/ # buildkit',
          'ADD conf /https://x/',
        ),
      ),
      [],
    );
  });
});
