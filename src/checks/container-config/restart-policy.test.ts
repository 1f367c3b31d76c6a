import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bareSpec, findingsOf, hardenedCompose, hardenedDocker, loc } from './test-specs.js';

const composeRestart = (name: string, maxRetries?: number) =>
  hardenedCompose({
    restartPolicy: loc(
      'compose',
      maxRetries === undefined ? { name } : { name, maxRetries },
      '$.services.web.restart',
      16,
    ),
  });

describe('SW-CFG-022 unbounded restart policy', () => {
  it('fires on always, unless-stopped, and on-failure without a bound or above 5', () => {
    const rows = [
      composeRestart('always'),
      composeRestart('unless-stopped'),
      composeRestart('on-failure'),
      composeRestart('on-failure', 10),
    ].map((spec) => findingsOf('SW-CFG-022', spec).map((f) => [f.title, f.evidence, f.patch]));
    const fix = [{ op: 'replace', path: '/services/web/restart', value: 'on-failure:5' }];
    assert.deepEqual(rows, [
      [['Restarts always, without a bound (service web (compose))', 'always', fix]],
      [['Restarts unless-stopped, without a bound (service web (compose))', 'unless-stopped', fix]],
      [['Restarts on failure without a bound (service web (compose))', 'on-failure', fix]],
      [['Restarts on failure up to 10 times (service web (compose))', 'on-failure:10', fix]],
    ]);
    assert.deepEqual(findingsOf('SW-CFG-022', composeRestart('always'))[0]!.frameworks, {
      'cis-docker': ['5.15'],
    });
  });

  it('fires on docker inspect `on-failure` with MaximumRetryCount 0 (unlimited), without a patch', () => {
    const spec = hardenedDocker({
      restartPolicy: loc(
        'docker-inspect',
        { name: 'on-failure', maxRetries: 0 },
        '$[0].HostConfig.RestartPolicy',
        74,
      ),
    });
    assert.deepEqual(
      findingsOf('SW-CFG-022', spec).map((f) => [f.title, f.remediation, f.patch]),
      [
        [
          'Restarts on failure without a bound (container web)',
          'Run the container with --restart=on-failure:5.',
          undefined,
        ],
      ],
    );
  });

  it('passes on-failure up to 5, `no`, no policy, and inputs the control does not apply to', () => {
    assert.deepEqual(
      findingsOf(
        'SW-CFG-022',
        composeRestart('on-failure', 5),
        composeRestart('no'),
        bareSpec('compose'),
        bareSpec('kubernetes', {
          restartPolicy: loc(
            'kubernetes',
            { name: 'Always' },
            '$.spec.template.spec.restartPolicy',
          ),
        }),
      ),
      [],
    );
  });
});
