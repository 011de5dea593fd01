import { type Static, Type } from 'typebox';

/** Every error answer of the API has this shape; `code` is stable, the messages are for people. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine code, e.g. validation.failed' }),
      message: Type.String({ description: 'English message' }),
      message_zh: Type.String({ description: 'Chinese message' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;

/** One problem with one field of a request, as listed in `details` of validation.failed. */
export type FieldProblem = { field: string; reason: string };
