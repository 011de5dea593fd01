import { type Static, type TObject, type TProperties, type TSchema, Type } from 'typebox';

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

/** What is wrong with one row of an imported file: the line, the field, why in English and in Chinese. */
export const RowProblem = Type.Object({ line: Type.Integer(), field: Type.String(), reason: Type.String(), reasonZh: Type.String() });
export type RowProblem = Static<typeof RowProblem>;

/**
 * An import that applied its valid rows (`partial=true`) answers the others as well: their
 * problems, and the rows themselves as CSV with a problem column, to fix and send again.
 */
export const ImportRejects = {
  problems: Type.Array(RowProblem, { description: 'the first 100 problems' }),
  problemCount: Type.Integer({ description: 'how many rows were not taken in all' }),
  rejectedCsv: Type.Union([Type.String(), Type.Null()], { description: 'the rows not imported, CSV (UTF-8), or null when none' }),
};

/** A list answer: `{ items: [...] }`, the shape of every list the API returns. */
export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
export interface Items<T> {
  items: T[];
}

/** Why a published record is changed or withdrawn: kept with it and in the audit trail. */
export const CorrectionReason = Type.String({ minLength: 2, maxLength: 200, description: 'why it is changed or withdrawn' });
/** Withdrawing something published (an adjustment, a channel, a zone), with the reason. */
export const WithdrawalInput = Type.Object({ reason: CorrectionReason }, { additionalProperties: false });
export type WithdrawalInput = Static<typeof WithdrawalInput>;
/** A change of something published: its new content and why it changed. */
export const Correction = <T extends TProperties>(input: TObject<T>) =>
  Type.Object({ ...input.properties, changeReason: CorrectionReason } as T & { changeReason: typeof CorrectionReason }, {
    additionalProperties: false,
  });
