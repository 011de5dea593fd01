import { VIDEO_STATUS_LABELS } from './cloud-branch.ts';
import { COMPLAINT_STATUS_LABELS } from './complaints.ts';
import { HOME_VISIT_STATUS_LABELS } from './home-visits.ts';
import { RECORD_TYPE_LABELS } from './timeline.ts';

type Label = { zh: string; en: string };

/** What each kind of public request is called, for tracking and "my requests": its record type's name. */
export const REQUEST_KIND_LABELS: Record<string, Label> = {
  home_visit: RECORD_TYPE_LABELS.home_visit as Label,
  video_session: RECORD_TYPE_LABELS.video_session as Label,
  complaint: RECORD_TYPE_LABELS.complaint as Label,
};

const STATUS_LABELS: Record<string, Record<string, Label>> = {
  home_visit: HOME_VISIT_STATUS_LABELS,
  video_session: VIDEO_STATUS_LABELS,
  complaint: COMPLAINT_STATUS_LABELS,
};

/** A request's status in words, in the reader's language. */
export const describeRequestStatus = (kind: string, status: string, lang: 'zh' | 'en'): string =>
  STATUS_LABELS[kind]?.[status]?.[lang] ?? status;
