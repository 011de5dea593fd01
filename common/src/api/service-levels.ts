import { type Static, Type } from 'typebox';
import { BRANCH_SERVICES } from './branches.ts';

/** The two ways of serving customers who cannot come in: at home (C3) and by video (C5). */
export const SERVICE_CHANNELS = ['home_visit', 'video'] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];
export const SERVICE_CHANNEL_LABELS: Record<ServiceChannel, { zh: string; en: string }> = {
  home_visit: { zh: '上门服务', en: 'Home visits' },
  video: { zh: '云网点视频', en: 'Video (cloud branch)' },
};
/** A target that applies to every service of the channel unless one is set for the service. */
export const ALL_SERVICES = 'all';

export const ServiceLevelTarget = Type.Object(
  {
    channel: Type.Enum([...SERVICE_CHANNELS]),
    service: Type.Enum([ALL_SERVICES, ...BRANCH_SERVICES]),
    firstResponseMinutes: Type.Integer({ minimum: 1, maximum: 10_080, description: 'to acceptance (home visit) or to an agent (video)' }),
    completionMinutes: Type.Integer({ minimum: 1, maximum: 43_200, description: 'to the outcome' }),
  },
  { additionalProperties: false },
);
export type ServiceLevelTarget = Static<typeof ServiceLevelTarget>;

/** A request or session that missed its target (or is past it and still open). */
export const ServiceLevelBreach = Type.Object({
  channel: Type.Enum([...SERVICE_CHANNELS]),
  id: Type.String(),
  orgId: Type.String(),
  reference: Type.String(),
  service: Type.String(),
  kind: Type.Enum(['first_response', 'completion']),
  targetMinutes: Type.Integer(),
  tookMinutes: Type.Integer(),
  open: Type.Boolean(),
});
export type ServiceLevelBreach = Static<typeof ServiceLevelBreach>;

export const BaselineInput = Type.Object(
  {
    channel: Type.Enum([...SERVICE_CHANNELS]),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    dailyServed: Type.Optional(Type.Number({ minimum: 0, description: 'customers served a day then; counted from records when left out' })),
  },
  { additionalProperties: false },
);
export type BaselineInput = Static<typeof BaselineInput>;

/** Customers served per day by channel against the baseline: the article's "more than twice the normal". */
export const ThroughputReport = Type.Object({
  days: Type.Array(Type.String()),
  institutions: Type.Array(
    Type.Object({
      orgId: Type.String(),
      name: Type.String(),
      channels: Type.Array(
        Type.Object({
          channel: Type.Enum([...SERVICE_CHANNELS]),
          served: Type.Array(Type.Integer()),
          baseline: Type.Union([Type.Number(), Type.Null()]),
          /** Yesterday's served (the last complete day) over the baseline; null without one. */
          ratio: Type.Union([Type.Number(), Type.Null()]),
        }),
      ),
      breaches: Type.Integer(),
    }),
  ),
});
export type ThroughputReport = Static<typeof ThroughputReport>;
