import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syscallName } from './syscall-names.js';

describe('syscallName', () => {
  it('names x86_64 numbers (unistd_64.h)', () => {
    assert.equal(syscallName(0), 'read');
    assert.equal(syscallName(59), 'execve');
    assert.equal(syscallName(257), 'openat');
    assert.equal(syscallName(435), 'clone3');
    assert.equal(syscallName(450), 'set_mempolicy_home_node');
  });

  it("names a 32-bit task's numbers from the i386 table (key + 2^32)", () => {
    assert.equal(syscallName(2 ** 32 + 11), 'execve');
    assert.equal(syscallName(2 ** 32 + 102), 'socketcall');
  });

  it('names x32 numbers (with __X32_SYSCALL_BIT)', () => {
    assert.equal(syscallName(0x40000000 + 0), 'read');
    assert.equal(syscallName(0x40000000 + 520), 'execve');
  });

  it('keeps a number newer than the table visible', () => {
    assert.equal(syscallName(462), 'unknown-x86_64-462');
    assert.equal(syscallName(2 ** 32 + 9999), 'unknown-i386-9999');
  });
});
