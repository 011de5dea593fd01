import { type Static, Type } from 'typebox';

/** An API token as its organisation sees it: never the token itself, which is shown once. */
export const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  expiresAt: Type.String({ format: 'date-time' }),
  revoked: Type.Boolean(),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type TokenView = Static<typeof TokenView>;

export const TokenInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 20 }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 366 }),
  },
  { additionalProperties: false },
);
export type TokenInput = Static<typeof TokenInput>;

export const TokenCreated = Type.Object({ id: Type.String(), token: Type.String(), expiresAt: Type.String({ format: 'date-time' }) });
export type TokenCreated = Static<typeof TokenCreated>;

/** The actions the signed-in person may give a token. */
export const GrantableScopes = Type.Object({ scopes: Type.Array(Type.String()) });
export type GrantableScopes = Static<typeof GrantableScopes>;

export const WebhookView = Type.Object({ id: Type.String(), url: Type.String(), createdAt: Type.String({ format: 'date-time' }) });
export type WebhookView = Static<typeof WebhookView>;
/** A new endpoint with its signing secret, shown once. */
export const WebhookCreated = Type.Object({ id: Type.String(), url: Type.String(), secret: Type.String() });
export type WebhookCreated = Static<typeof WebhookCreated>;
export const WebhookPinged = Type.Object({ notificationId: Type.String() });
export type WebhookPinged = Static<typeof WebhookPinged>;
