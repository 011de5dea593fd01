import { labelField, type RowProblem } from '@shouhu/common';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../app/query.ts';

/** Saves text as a file the browser downloads. */
function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

/** Sends a CSV or Excel file with `send`; keeps its answer, or its error. */
export function useFileImport<T extends { problems: RowProblem[]; problemCount?: number; rejectedCsv: string | null }>(
  send: (file: File) => Promise<T>,
) {
  const mutation = useMutation({ mutationFn: send });
  const upload = (file: File): Promise<void> =>
    mutation.mutateAsync(file).then(
      () => undefined,
      () => undefined,
    );
  return { upload, answer: mutation.data, error: toApiError(mutation.error) };
}

/**
 * What an import did: how many rows went in, each problem by line in the interface language, and
 * the rows left out as a file to fix and send again. Also shows a refused import's problems.
 */
export function ImportResult({
  imports: { answer, error },
  title,
}: {
  imports: ReturnType<typeof useFileImport>;
  /** What went in, said when there is an answer. */
  title?: string;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  // A refused import carries the same parts in its error's details: the first problems, how many
  // there are in all, and the rows to fix.
  const refused = error?.details as { problems?: RowProblem[]; problemCount?: number; rejectedCsv?: string | null } | undefined;
  const listed = answer?.problems ?? refused?.problems ?? [];
  const problemCount = answer?.problemCount ?? refused?.problemCount ?? listed.length;
  const rejectedCsv = answer?.rejectedCsv ?? refused?.rejectedCsv;
  if (!answer && !error) return null;
  return (
    <Alert
      type={error ? 'error' : listed.length > 0 ? 'warning' : 'success'}
      style={{ marginBottom: 12 }}
      title={error ? error.describe(i18n.language) : title}
      description={
        listed.length > 0 && (
          <>
            <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
              {listed.slice(0, 20).map((p) => (
                <li key={`${p.line}-${p.field}`}>
                  {t('import.line', { line: p.line })} {labelField(p.field, zh ? 'zh' : 'en')}：{zh ? p.reasonZh : p.reason}
                </li>
              ))}
            </ul>
            {problemCount > 20 && <div>{t('import.more', { count: problemCount - 20 })}</div>}
            {rejectedCsv && (
              <Button size="small" onClick={() => download(rejectedCsv, 'rejected-rows.csv')}>
                {t('import.downloadRejected')}
              </Button>
            )}
          </>
        )
      }
    />
  );
}
