import { VIDEO_STATUS_LABELS } from './cloud-branch.ts';
import { HOME_VISIT_STATUS_LABELS } from './home-visits.ts';

type Label = { zh: string; en: string };

/** What each kind of public request is called, for tracking and "my requests" (each capability adds its own). */
export const REQUEST_KIND_LABELS: Record<string, Label> = {
  home_visit: { zh: '上门服务', en: 'Home visit' },
  video_session: { zh: '云网点视频', en: 'Video (cloud branch)' },
};

const STATUS_LABELS: Record<string, Record<string, Label>> = { home_visit: HOME_VISIT_STATUS_LABELS, video_session: VIDEO_STATUS_LABELS };

/** A request's status in words, in the reader's language. */
export const describeRequestStatus = (kind: string, status: string, lang: 'zh' | 'en'): string =>
  STATUS_LABELS[kind]?.[status]?.[lang] ?? status;
