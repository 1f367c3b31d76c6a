// The table harness every version module's test shares: rows checked both ways, laws over every version, ladders.
// The laws are those of a consistent comparator as Array.prototype.sort requires (https://tc39.es/ecma262/#sec-array.prototype.sort).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ordering, VersionScheme } from './scheme.js';

export type Relation = '<' | '=' | '>';

/** One row of an ordering table, read left to right: "a < b". */
export type OrderingRow = readonly [a: string, relation: Relation, b: string];

/** A scheme, or a bare comparison such as rpm's rpmvercmp, which has no validity of its own. */
export type OrderingUnderTest = Pick<VersionScheme, 'name' | 'compare'> &
  Partial<Pick<VersionScheme, 'isValid'>>;

export interface OrderingTable {
  rows: readonly OrderingRow[];
  /** Lists each strictly ascending, keyed by what they are: real advisories' versions, a specification's example. */
  ascending?: Readonly<Record<string, readonly string[]>>;
  valid?: readonly string[];
  invalid?: readonly string[];
}

const ORDERING: Readonly<Record<Relation, Ordering>> = { '<': -1, '=': 0, '>': 1 };

/** A version as a test title shows it: quoted where it is empty or holds whitespace. */
export function show(version: string): string {
  return /^\S+$/.test(version) ? version : JSON.stringify(version);
}

/** Asserts compare(a, b) is `expected` and compare(b, a) its opposite (0, not -0, for equal versions). */
export function assertOrder(
  compare: (a: string, b: string) => Ordering,
  a: string,
  b: string,
  expected: Ordering,
): void {
  const relation = expected < 0 ? '<' : expected > 0 ? '>' : '=';
  assert.equal(compare(a, b), expected, `${show(a)} ${relation} ${show(b)}`);
  assert.equal(compare(b, a), 0 - expected, `${show(b)} reversed against ${show(a)}`);
}

/**
 * A suite named "<scheme> version ordering": a test for each row, each ascending list and the validity lists, and
 * one for reflexivity and antisymmetry over every version the table names. `more` adds the module's own tests.
 */
export function describeOrdering(
  scheme: OrderingUnderTest,
  table: OrderingTable,
  more?: () => void,
): void {
  const { rows, ascending = {}, valid = [], invalid = [] } = table;
  describe(`${scheme.name} version ordering`, () => {
    for (const [a, relation, b] of rows) {
      it(`${show(a)} ${relation} ${show(b)}`, () => {
        assertOrder(scheme.compare, a, b, ORDERING[relation]);
      });
    }

    for (const [name, list] of Object.entries(ascending)) {
      it(`orders ${name} strictly, every pair, and sorts it back from every rotation`, () => {
        for (let i = 0; i < list.length; i++) {
          for (let j = i + 1; j < list.length; j++) {
            assert.equal(
              scheme.compare(list[i]!, list[j]!),
              -1,
              `${name}: ${list[i]} < ${list[j]}`,
            );
          }
        }
        // Every rotation of the reversed list, not the reverse alone: each is another order for sort() to start from.
        for (let k = 0; k < list.length; k++) {
          const shuffled = [...list].reverse();
          shuffled.push(...shuffled.splice(0, k));
          assert.deepEqual(shuffled.sort(scheme.compare), list, `${name}, rotated by ${k}`);
        }
      });
    }

    it('is reflexive and antisymmetric over every version of the table', () => {
      const versions = [
        ...rows.flatMap(([a, , b]) => [a, b]),
        ...Object.values(ascending).flat(),
        ...valid,
        ...invalid,
      ];
      for (const a of versions) {
        assert.equal(scheme.compare(a, a), 0, `${show(a)} equals itself`);
        for (const b of versions) {
          const expected = 0 - scheme.compare(b, a);
          assert.equal(scheme.compare(a, b), expected, `${show(a)} vs ${show(b)} is antisymmetric`);
        }
      }
    });

    if (valid.length > 0 || invalid.length > 0) {
      it('accepts each valid version and rejects each invalid one', () => {
        const isValid = scheme.isValid?.bind(scheme);
        assert.ok(isValid, `${scheme.name} has validity lists but no isValid()`);
        for (const version of valid) assert.equal(isValid(version), true, show(version));
        for (const version of invalid) assert.equal(isValid(version), false, show(version));
      });
    }

    more?.();
  });
}
