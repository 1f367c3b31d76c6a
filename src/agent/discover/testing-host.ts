// The fixture host of the discovery tests (test/fixtures/agent/host, described in its README) and a context that
// collects warnings.

import { fixturePath } from '../../testing/fixtures.js';
import { discoveryRoots, type DiscoverContext, type DiscoveryRoots } from './container.js';

export const FIXTURE_HOST = fixturePath('agent', 'host');

export const IDS = {
  dockerWeb: 'f31f384749f9115acf01fcf82f5a966b59dcc0a4cbd7c9740888c0bf32aa2bbb',
  dockerImage: 'sha256:d00d9db8955031cc609b4ecce7ceac843ed503a5f4fa84e72344ea36548494c6',
  dockerMount: '7fa7b75a6afb2633c58518c2d7bf8123ed1727e4b24b0c3447339b75ef1aca27',
  containerdApi: 'a7d5abb6929d08ba68a730155789dfa82ece2a2309b1ff9f524d258dfee29b22',
  podmanDb: 'cc68e1d9877507693f2627038a9947317d784e78728a2cdc290274f23414b7e0',
  podmanLayer: '0baafea0900a40b31fb26a724739a3908a1bcafa97fd91428b4440ac6d725a1e',
  podmanImage: 'sha256:58f9fcf5968f43d728c1b26cd01218dafe7ef9cc24668dcbeded9aee08dc755a',
};

export function fixtureContext(host = FIXTURE_HOST): DiscoverContext & {
  warnings: string[];
  roots: DiscoveryRoots;
} {
  const warnings: string[] = [];
  const roots = discoveryRoots(host);
  return { proc: roots.proc, hostRoot: host, warn: (m) => warnings.push(m), warnings, roots };
}
