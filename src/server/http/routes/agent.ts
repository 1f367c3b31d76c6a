// `POST /v1/agent/report`: a host's agent reports its containers' starts and stops (the ContainerEvent contract of
// src/server/store/types.ts); the answer names the images the server has no SBOM for, which the agent then uploads.

import type { FastifyInstance } from 'fastify';
import { InputError } from '../../../errors.js';
import type { ServerContext } from '../../context.js';
import { recordContainerEvents } from '../../store/containers.js';
import type { ContainerEvent, HostReport } from '../../store/types.js';
import { setAuditSummary } from '../audit.js';
import { defineRoute } from '../auth.js';
import { agentReportBody, errorAnswer, eventBatchAnswer } from '../schemas.js';

/** 5000 events of a few hundred bytes each, with room for labels. */
export const REPORT_BODY_LIMIT = 16 * 1024 * 1024;

interface AgentReport {
  host: { name: string; labels: Record<string, string>; agent?: string };
  events: ContainerEvent[];
}

export function agentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.route<{ Body: AgentReport }>({
    ...defineRoute('POST /v1/agent/report', {
      summary: "Record a host's container starts and stops",
      tags: ['agent'],
      body: agentReportBody,
      response: { 200: eventBatchAnswer, 400: errorAnswer },
    }),
    bodyLimit: REPORT_BODY_LIMIT,
    handler: async (request) => {
      const { host, events } = request.body;
      const seenAt = ctx.now().toISOString();
      const report: HostReport = { name: host.name, labels: host.labels, seenAt };
      if (host.agent !== undefined) report.agent = host.agent;
      const normalized = events.map((e, i) => normalizedEvent(e, `events[${i}]`));
      const result = await recordContainerEvents(ctx.store, normalized, report);
      setAuditSummary(
        request,
        `${events.length} event${events.length === 1 ? '' : 's'} from ${host.name}`,
      );
      return result;
    },
  });
}

/**
 * Times in one spelling (`toISOString`), since the store compares them as text and a run is identified by its start
 * time: `...T10:00:00Z` and `...T12:00:00+02:00` must be the same run.
 */
function normalizedEvent(event: ContainerEvent, where: string): ContainerEvent {
  const out: ContainerEvent = { ...event, startedAt: new Date(event.startedAt).toISOString() };
  if (event.stoppedAt !== undefined) {
    out.stoppedAt = new Date(event.stoppedAt).toISOString();
    if (out.stoppedAt < out.startedAt) throw new InputError(where, 'stoppedAt is before startedAt');
  }
  return out;
}
