// JUnit output: well-formed XML with the counts right, one case per package, failing exactly when the package has
// unsuppressed findings, and feed text escaped.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderJunit } from './junit.js';
import {
  emptyScanReport,
  sampleFindingsReport,
  sampleScanReport,
} from '../testing/sample-scan-report.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Entity and character references decoded; a bare `&` or `<`, or an unknown entity, is not well-formed. */
function decode(text: string): string {
  assert.ok(!text.includes('<'), `unescaped < in ${JSON.stringify(text)}`);
  return text.replace(/&([^;]*);|&/g, (_match, ref: string | undefined) => {
    if (ref === undefined) assert.fail(`bare & in ${JSON.stringify(text)}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const code =
      /^#(\d+)$/.exec(ref)?.[1] ??
      (/^#x([0-9a-fA-F]+)$/.exec(ref) && String(parseInt(ref.slice(2), 16)));
    assert.ok(code !== null && code !== undefined, `unknown entity &${ref};`);
    return String.fromCodePoint(Number(code));
  });
}

/**
 * A small XML 1.0 well-formedness check for what the renderer writes (declaration, elements, attributes, text; no
 * comments, CDATA or DTD): tags nest and match, attributes are quoted and unique, one root, no forbidden characters.
 */
function parseXml(xml: string): XmlElement {
  assert.ok(!FORBIDDEN.test(xml), 'no characters XML forbids');
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  assert.ok(declaration, 'XML declaration');
  const tag = new RegExp(
    `<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`,
    'y',
  );
  const attribute = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let at = declaration[0].length;
  while (at < xml.length) {
    const next = xml.indexOf('<', at);
    const text = xml.slice(at, next === -1 ? xml.length : next);
    if (stack.length > 0) stack.at(-1)!.text += decode(text);
    else assert.match(text, /^\s*$/, 'only whitespace outside the root');
    if (next === -1) break;
    tag.lastIndex = next;
    const match = tag.exec(xml);
    assert.ok(match, `a well-formed tag at ${xml.slice(next, next + 40)}`);
    const [whole, closing, name, attributeText, selfClosing] = match;
    at = next + whole.length;
    if (closing) {
      assert.equal(attributeText, '');
      assert.equal(stack.pop()?.name, name, `</${name}> closes the open element`);
      continue;
    }
    const element: XmlElement = { name: name!, attributes: {}, children: [], text: '' };
    for (const [, key, double, single] of attributeText!.matchAll(attribute)) {
      assert.ok(!(key! in element.attributes), `attribute ${key} once`);
      element.attributes[key!] = decode(double ?? single!);
    }
    if (stack.length > 0) stack.at(-1)!.children.push(element);
    else {
      assert.equal(root, undefined, 'one root element');
      root = element;
    }
    if (!selfClosing) stack.push(element);
  }
  assert.equal(stack.length, 0, 'every element closed');
  assert.ok(root);
  return root;
}

describe('renderJunit', () => {
  it('is well-formed XML: one suite for the target, one case per package, with the counts right', () => {
    const root = parseXml(renderJunit(sampleScanReport()));
    assert.equal(root.name, 'testsuites');
    assert.equal(root.children.length, 1);
    const suite = root.children[0]!;
    assert.equal(suite.name, 'testsuite');
    assert.equal(suite.attributes.name, 'docker.io/acme/build-agent:1.4');
    const cases = suite.children.filter((c) => c.name === 'testcase');
    const failing = cases.filter((c) => c.children.some((child) => child.name === 'failure'));
    assert.equal(cases.length, sampleScanReport().packages.length);
    for (const element of [root, suite]) {
      assert.equal(element.attributes.tests, String(cases.length));
      assert.equal(element.attributes.failures, String(failing.length));
      assert.equal(element.attributes.errors, '0');
    }
    assert.equal(failing.length, 5);
    assert.deepEqual(
      cases.map((c) => [c.attributes.classname, c.attributes.name]),
      [
        ['Debian:11', 'apt@2.2.4'],
        ['Debian:11', 'base-files@11.1+deb11u8'],
        ['Debian:11', 'libssl1.1@1.1.1n-0+deb11u3'],
        ['Debian:11', 'openssl@1.1.1n-0+deb11u3'],
        ['Debian:11', 'xserver-common@2:1.20.11-1+deb11u5'],
        ['Debian:11', 'xserver-xorg-core@2:1.20.11-1+deb11u5'],
        ['Go', 'github.com/opencontainers/runc@v1.1.11'],
        ['PyPI', 'requests@2.28.1'],
      ],
    );
  });

  it('fails a package with one <failure> naming its advisories and its highest severity', () => {
    const report = sampleScanReport();
    // runc 1.1.11 is also affected by GO-2024-3110 (CVE-2024-45310, fixed in 1.1.14, rated low by GHSA). Put first,
    // it shows the failure's type is the highest severity, not the first finding's.
    report.vulnerabilities.unshift({
      ...report.vulnerabilities[0]!,
      id: 'GO-2024-3110',
      aliases: ['CVE-2024-45310', 'GHSA-jfvp-7x6p-h2pv'],
      severity: 'low',
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:C/C:N/I:L/A:N',
          score: 3.6,
          source: 'ghsa',
        },
      ],
      fixedVersion: '1.1.14',
      title:
        'Can be confused to create empty files/directories on the host in github.com/opencontainers/runc',
    });
    const suite = parseXml(renderJunit(report)).children[0]!;
    const runc = suite.children.find(
      (c) => c.attributes.name === 'github.com/opencontainers/runc@v1.1.11',
    )!;
    const failures = runc.children.filter((c) => c.name === 'failure');
    assert.equal(failures.length, 1);
    assert.deepEqual(failures[0]!.attributes, {
      message: 'GO-2024-3110, GO-2024-2491',
      type: 'high',
    });
    assert.deepEqual(failures[0]!.text.split('\n'), [
      'GO-2024-3110 [low] fixed in 1.1.14: Can be confused to create empty files/directories on the host in github.com/opencontainers/runc',
      'GO-2024-2491 [high] fixed in 1.1.12: Container breakout through process.cwd trickery and leaked fds in github.com/opencontainers/runc',
    ]);
    const apt = suite.children.find((c) => c.attributes.name === 'apt@2.2.4')!;
    assert.deepEqual(apt.children[0]!.attributes, { message: 'CVE-2011-3374', type: 'negligible' });
    assert.match(apt.children[0]!.text, /^CVE-2011-3374 \[negligible\] affected: It was found/);
  });

  it('passes packages without findings and packages whose findings are all suppressed', () => {
    const suite = parseXml(renderJunit(sampleScanReport())).children[0]!;
    const byName = (name: string) => suite.children.find((c) => c.attributes.name === name)!;
    assert.deepEqual(byName('base-files@11.1+deb11u8').children, []);
    const openssl = byName('openssl@1.1.1n-0+deb11u3');
    assert.deepEqual(
      openssl.children.map((c) => c.name),
      ['system-out'],
    );
    assert.equal(
      openssl.children[0]!.text,
      'suppressed DSA-5343-1 (ignore-file .seawallignore.yaml): The agent never runs the openssl CLI; tracked in SEC-142',
    );
  });

  it('escapes what a feed or a target name may hold, and stays well-formed', () => {
    const report = sampleScanReport();
    report.target.name = `registry "a" & <b> 'c'`;
    report.vulnerabilities[0]!.title = 'Breakout via <fd> & "cwd"\u0007 in \'runc\'\ud800';
    report.vulnerabilities[0]!.id = 'GO-2024-2491&<x>';
    const xml = renderJunit(report);
    const suite = parseXml(xml).children[0]!;
    assert.equal(suite.attributes.name, `registry "a" & <b> 'c'`);
    const runc = suite.children.find(
      (c) => c.attributes.name === 'github.com/opencontainers/runc@v1.1.11',
    )!;
    assert.equal(runc.children[0]!.attributes.message, 'GO-2024-2491&<x>');
    assert.match(runc.children[0]!.text, /: Breakout via <fd> & "cwd"\uFFFD in 'runc'\uFFFD$/);
  });

  it('is an empty suite for a report without packages, and byte-identical for the same report', () => {
    const suite = parseXml(renderJunit(emptyScanReport())).children[0]!;
    assert.equal(suite.attributes.tests, '0');
    assert.equal(suite.attributes.failures, '0');
    assert.deepEqual(
      suite.children.map((c) => c.name),
      ['properties'],
    );
    assert.equal(renderJunit(sampleScanReport()), renderJunit(sampleScanReport()));
  });

  it('adds one case per check after the packages, classed by kind, with the counts right', () => {
    const report = sampleFindingsReport();
    const root = parseXml(renderJunit(report));
    const suite = root.children[0]!;
    const cases = suite.children.filter((c) => c.name === 'testcase');
    assert.equal(cases.length, report.packages.length + 4);
    assert.deepEqual(
      cases.slice(report.packages.length).map((c) => [c.attributes.classname, c.attributes.name]),
      [
        ['dockerfile', 'SW-DF-001'],
        ['dockerfile', 'SW-DF-002'],
        ['image', 'SW-IMG-001'],
        ['secret', 'SW-SEC-001'],
      ],
    );
    // Five packages fail on vulnerabilities; three checks fail; SW-DF-002's one finding is suppressed.
    for (const element of [root, suite]) {
      assert.equal(element.attributes.tests, String(cases.length));
      assert.equal(element.attributes.failures, '8');
    }
    assert.equal(
      cases.filter((c) => c.children.some((child) => child.name === 'failure')).length,
      8,
    );
  });

  it('fails a check with its title, its highest severity and one line per place; the package cases do not change', () => {
    const report = sampleFindingsReport();
    report.findings.splice(3, 0, {
      ...report.findings[2]!,
      title: 'FROM alpine:latest uses the latest tag',
      severity: 'high',
      location: { path: 'tools/Dockerfile', line: 1 },
    });
    const suite = parseXml(renderJunit(report)).children[0]!;
    const byName = (name: string) => suite.children.find((c) => c.attributes.name === name)!;
    const latest = byName('SW-DF-001');
    assert.deepEqual(
      latest.children.map((c) => c.name),
      ['failure'],
    );
    assert.deepEqual(latest.children[0]!.attributes, {
      message: 'FROM alpine:latest uses the latest tag',
      type: 'high',
    });
    assert.deepEqual(latest.children[0]!.text.split('\n'), [
      'Dockerfile:2 [medium]: FROM golang:latest uses the latest tag',
      'tools/Dockerfile:1 [high]: FROM alpine:latest uses the latest tag',
    ]);
    assert.equal(
      byName('SW-SEC-001').children[0]!.text,
      'root/.aws/credentials:2 (layer 1) [critical]: AWS access key ID in a file a later layer deleted (the layer still holds it) (aws_access_key_id = AKIA************MPLE)',
    );
    const packageCases = (xml: string) =>
      parseXml(xml).children[0]!.children.filter(
        (c) => c.name === 'testcase' && !c.attributes.name!.startsWith('SW-'),
      );
    assert.deepEqual(
      packageCases(renderJunit(report)),
      packageCases(renderJunit(sampleScanReport())),
    );
  });

  it('passes a check whose findings are all suppressed, naming them in <system-out>', () => {
    const suite = parseXml(renderJunit(sampleFindingsReport())).children[0]!;
    const apt = suite.children.find((c) => c.attributes.name === 'SW-DF-002')!;
    assert.deepEqual(
      apt.children.map((c) => c.name),
      ['system-out'],
    );
    assert.equal(
      apt.children[0]!.text,
      'suppressed SW-DF-002 at Dockerfile:8 (inline Dockerfile): bullseye point releases are the versions we want',
    );
  });

  it('writes the same bytes as before for a report without findings', () => {
    const withScanners = { ...sampleScanReport(), scanners: ['config', 'secret', 'vuln'] };
    assert.equal(renderJunit(withScanners), renderJunit(sampleScanReport()));
  });
});
