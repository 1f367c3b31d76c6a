// `seawall record` as a library function: runs a container under the kernel sensor, attached before the container's
// first instruction, optionally drives it with an exercise command on the host, and writes the behaviour record.

import { spawn } from 'node:child_process';
import { arch, constants } from 'node:os';
import { InputError } from '../../errors.js';
import type { BehaviourSummary, SensorEvent } from '../behaviour.js';
import { runContainer, type RunSpec } from '../containers/run-container.js';
import { killAndWait } from '../containers/stop-container.js';
import { readContainerRecord, stateDirectory } from '../containers/state-store.js';
import {
  checkSensorRequirements,
  mountNamespaceOf,
  startSensor,
  type Sensor,
  type SensorStats,
} from '../sensor/sensor.js';
import { writeRecord } from './record-file.js';
import { summarise } from './summarise.js';

export interface RecordOptions extends Omit<RunSpec, 'detach' | 'rm'> {
  /** The record file to write. */
  out: string;
  /** Stop the container after this many seconds (counted from its start). */
  durationSeconds?: number;
  /**
   * A shell command run on the host once the container has started; the container is stopped when it ends. It gets
   * SEAWALL_CONTAINER_NAME and, on a private network, SEAWALL_CONTAINER_IP in its environment.
   */
  exercise?: string;
  /** Grace period between SIGTERM and SIGKILL when the recording stops the container. Default 5 s. */
  stopTimeoutSeconds?: number;
}

export interface RecordResult {
  summary: BehaviourSummary;
  /** The container's exit code (128+N when a signal N ended it, as when the recording stopped it). */
  exitCode: number | undefined;
  /** The exercise command's exit code, when there was one. */
  exerciseExitCode?: number;
  stoppedByRecorder: boolean;
}

export async function recordContainer(options: RecordOptions): Promise<RecordResult> {
  const missing = checkSensorRequirements();
  if (missing.length > 0) throw new InputError('seawall record', `needs ${missing.join(', ')}`);
  if (options.durationSeconds !== undefined && !(options.durationSeconds > 0))
    throw new InputError('--duration', 'must be a positive number of seconds');
  const stateDir = options.stateDir ?? stateDirectory();
  const events: SensorEvent[] = [];
  let sensor: Sensor | undefined;
  let startedAt = 0;
  let name = options.name;
  let stoppedByRecorder = false;
  let exercise: Exercise | undefined;
  let timer: NodeJS.Timeout | undefined;
  let container: BehaviourSummary['container'] = {
    name: options.name ?? '',
    image: options.target,
    command: options.command ?? [],
  };

  const stop = async (): Promise<void> => {
    if (stoppedByRecorder || !name) return;
    stoppedByRecorder = true;
    await killAndWait(name, options.stopTimeoutSeconds ?? 5).catch(() => false);
  };

  let exitCode: number | undefined;
  let stats: SensorStats | undefined;
  try {
    const result = await runContainer(
      { ...options, stateDir, detach: false, rm: true },
      {
        // The sensor is attached here, while runc holds the container's process before its first instruction, so
        // the record starts with the container's own exec.
        onCreated: async (created) => {
          name = created.id;
          const record = readContainerRecord(stateDir, created.id);
          container = {
            name: created.id,
            image: options.target,
            ...(record?.image.baseDigest ? { imageDigest: record.image.baseDigest } : {}),
            command: record?.command ?? container.command,
          };
          sensor = await startSensor({
            mountNamespace: await mountNamespaceOf(created.pid),
            onEvent: (event) => events.push(event),
          });
          startedAt = Date.now();
          if (options.durationSeconds !== undefined)
            timer = setTimeout(() => void stop(), options.durationSeconds * 1000);
          if (options.exercise !== undefined) {
            exercise = startExercise(options.exercise, created.id, record?.network.address);
            void exercise.done.finally(() => stop());
          }
        },
      },
    );
    exitCode = result.exitCode;
  } finally {
    if (timer) clearTimeout(timer);
    // The container is gone: the sensor stops now, before its namespace's number can be reused, and an exercise
    // still running has nothing left to drive.
    exercise?.kill();
    stats = await sensor?.stop();
  }
  const exerciseExitCode = exercise ? await exercise.done : undefined;
  if (!stats) throw new Error('the container ended before the sensor was attached');
  const summary = summarise(events, stats, {
    container,
    arch: unameMachine(),
    durationSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
  });
  await writeRecord(
    options.out,
    { container, exitCode: exitCode ?? null, exercise: options.exercise ?? null },
    events,
    summary,
  );
  return { summary, exitCode, exerciseExitCode, stoppedByRecorder };
}

interface Exercise {
  /** Its exit code, or 128+N when signal N ended it. */
  done: Promise<number>;
  kill(): void;
}

/** The exercise runs in a shell on the host; its output goes to this process's stderr, apart from the report. */
function startExercise(command: string, name: string, address: string | undefined): Exercise {
  const child = spawn('/bin/sh', ['-c', command], {
    stdio: ['ignore', process.stderr, process.stderr],
    env: {
      ...process.env,
      SEAWALL_CONTAINER_NAME: name,
      ...(address ? { SEAWALL_CONTAINER_IP: address } : {}),
    },
  });
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)),
    );
  });
  return {
    done,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}

/** `uname -m`'s name for this machine, which the seccomp generator maps to its architectures. */
function unameMachine(): string {
  const names: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', ia32: 'i686' };
  return names[arch()] ?? arch();
}
