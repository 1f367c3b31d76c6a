// Tiny static x86_64 executables, written byte by byte, that probe a seccomp filter from inside a container: they
// make exactly the syscalls named here and nothing else (ELF layout: https://refspecs.linuxfoundation.org/elf/gabi4+/ch4.eheader.html).

/** Where the one loadable segment sits in memory (the classic non-PIE base). */
const BASE = 0x400000;
const ELF_HEADER_SIZE = 64;
const PROGRAM_HEADER_SIZE = 56;
const CODE_OFFSET = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE;

/**
 * A static ELF64 executable: one read+execute segment holding the headers, `code` and `data`. `code` is called with
 * the address `data` will have, so it can embed it as a 32-bit immediate (the base is below 4 GiB).
 */
export function staticElf(
  code: (dataAddress: number) => Buffer,
  data: Buffer = Buffer.alloc(0),
): Buffer {
  const codeLength = code(0).length;
  const dataAddress = BASE + CODE_OFFSET + codeLength;
  const placed = code(dataAddress);
  if (placed.length !== codeLength) throw new Error('code length depends on the data address');
  const body = Buffer.concat([placed, data]);
  const total = CODE_OFFSET + body.length;
  const header = Buffer.alloc(CODE_OFFSET);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(header, 0); // ELF, 64-bit, little-endian, version 1, SysV
  header.writeUInt16LE(2, 16); // ET_EXEC
  header.writeUInt16LE(0x3e, 18); // EM_X86_64
  header.writeUInt32LE(1, 20);
  header.writeBigUInt64LE(BigInt(BASE + CODE_OFFSET), 24); // entry point: the first byte of code
  header.writeBigUInt64LE(BigInt(ELF_HEADER_SIZE), 32); // program headers right after this header
  header.writeUInt16LE(ELF_HEADER_SIZE, 52);
  header.writeUInt16LE(PROGRAM_HEADER_SIZE, 54);
  header.writeUInt16LE(1, 56);
  const ph = ELF_HEADER_SIZE;
  header.writeUInt32LE(1, ph); // PT_LOAD
  header.writeUInt32LE(5, ph + 4); // PF_R | PF_X
  header.writeBigUInt64LE(0n, ph + 8);
  header.writeBigUInt64LE(BigInt(BASE), ph + 16);
  header.writeBigUInt64LE(BigInt(BASE), ph + 24);
  header.writeBigUInt64LE(BigInt(total), ph + 32);
  header.writeBigUInt64LE(BigInt(total), ph + 40);
  header.writeBigUInt64LE(0x1000n, ph + 48);
  return Buffer.concat([header, body]);
}

function imm32(opcode: number[], value: number): Buffer {
  const b = Buffer.alloc(opcode.length + 4);
  Buffer.from(opcode).copy(b);
  b.writeUInt32LE(value >>> 0, opcode.length);
  return b;
}

const UD2 = Buffer.from([0x0f, 0x0b]);
const SYSCALL = Buffer.from([0x0f, 0x05]);
const INT80 = Buffer.from([0xcd, 0x80]);
/** exit_group(-eax): the status is the errno of the syscall before (0 when it succeeded); ud2 if exit_group fails. */
const EXIT_WITH_ERRNO = Buffer.concat([
  Buffer.from([0x89, 0xc7, 0xf7, 0xdf]), // mov edi, eax; neg edi
  imm32([0xb8], 231), // mov eax, __NR_exit_group (x86_64)
  SYSCALL,
  UD2,
]);

/**
 * Makes no syscall at all: it dies of SIGILL at its first instruction, so a container running it exits with status
 * 132 exactly when the runtime got as far as executing it.
 */
export function sigillProbe(): Buffer {
  return staticElf(() => UD2);
}

/** The ABI a probe's mkdir goes through: the native table, the i386 compat table (int 0x80), or x32. */
export type ProbeAbi = 'x86_64' | 'i386' | 'x32';

/**
 * mkdir(path, 0755) through the given ABI, then exit_group with its errno (0: created; 1: EPERM, the filter's answer;
 * 30: EROFS, the call reached the file system). Syscall numbers: arch/x86/entry/syscalls/syscall_{64,32}.tbl; x32
 * numbers carry bit 30 (__X32_SYSCALL_BIT).
 */
export function mkdirProbe(abi: ProbeAbi, path: string): Buffer {
  const data = Buffer.from(`${path}\0`, 'utf8');
  return staticElf((address) => {
    switch (abi) {
      case 'x86_64':
        return Buffer.concat([
          imm32([0xb8], 83), // mov eax, __NR_mkdir
          imm32([0xbf], address), // mov edi, path
          imm32([0xbe], 0o755), // mov esi, mode
          SYSCALL,
          EXIT_WITH_ERRNO,
        ]);
      case 'x32':
        return Buffer.concat([
          imm32([0xb8], 0x40000000 + 83),
          imm32([0xbf], address),
          imm32([0xbe], 0o755),
          SYSCALL,
          EXIT_WITH_ERRNO,
        ]);
      case 'i386':
        return Buffer.concat([
          imm32([0xb8], 39), // mov eax, __NR_mkdir (i386)
          imm32([0xbb], address), // mov ebx, path
          imm32([0xb9], 0o755), // mov ecx, mode
          INT80,
          EXIT_WITH_ERRNO,
        ]);
    }
  }, data);
}

/** The registers of the x86_64 syscall convention, in argument order: mov r32, imm32 (zero-extended). */
const ARGUMENT_REGISTERS = [[0xbf], [0xbe], [0xba], [0x41, 0xba], [0x41, 0xb8]]; // edi, esi, edx, r10d, r8d

/**
 * One native syscall `nr` with up to five arguments (numbers, or strings placed in the data segment and passed by
 * address), then exit_group with its errno: 1 (EPERM) is a filter's or a missing capability's answer; a call that
 * succeeded exits 0, or 256 minus the descriptor it returned.
 */
export function syscallProbe(nr: number, args: readonly (number | string)[] = []): Buffer {
  if (args.length > ARGUMENT_REGISTERS.length) throw new Error('at most five arguments');
  const strings = args.map((a) =>
    typeof a === 'string' ? Buffer.from(`${a}\0`, 'utf8') : undefined,
  );
  const offsets: number[] = [];
  let length = 0;
  for (const s of strings) {
    offsets.push(length);
    length += s?.length ?? 0;
  }
  const data = Buffer.concat(strings.map((s) => s ?? Buffer.alloc(0)));
  return staticElf(
    (address) =>
      Buffer.concat([
        imm32([0xb8], nr),
        ...args.map((a, i) =>
          imm32(ARGUMENT_REGISTERS[i]!, typeof a === 'string' ? address + offsets[i]! : a),
        ),
        SYSCALL,
        EXIT_WITH_ERRNO,
      ]),
    data,
  );
}
