import type {
  AdjustmentView,
  AssignmentInput,
  FallbackInput,
  Items,
  StaffChange,
  StaffImportAnswer,
  StaffInput,
  StaffingBoard,
  StaffingCoverage,
  StaffingPlanInput,
  StaffingPlanView,
  StaffPostInput,
  StaffPostView,
  StaffView,
} from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listStaff = (on: string) => api<Items<StaffView>>(`/api/v1/staff?on=${on}`);
export const addStaff = (body: StaffInput) => api<StaffView>('/api/v1/staff', { method: 'POST', body });
export const changeStaff = (id: string, body: StaffChange) => api<StaffView>(`/api/v1/staff/${id}`, { method: 'PUT', body });
export const removeStaff = (id: string, reason: string) => api<void>(`/api/v1/staff/${id}/removal`, { method: 'POST', body: { reason } });
export const importStaff = (file: File, partial: boolean) =>
  api<StaffImportAnswer>(`/api/v1/staff/import?partial=${partial}`, { method: 'POST', file });
export const staffExportUrl = (on: string) => `/api/v1/staff/export?format=xlsx&on=${on}`;
export const listOwnPosts = () => api<Items<StaffPostView>>('/api/v1/staff-posts');
export const addOwnPost = (body: StaffPostInput) => api<StaffPostView>('/api/v1/staff-posts', { method: 'POST', body });

export const readBoard = (on: string) => api<StaffingBoard>(`/api/v1/staffing?on=${on}`);
export const acceptSubstitute = (body: AssignmentInput) => api<StaffingBoard>('/api/v1/staffing/substitutes', { method: 'POST', body });
export const applyFallback = (body: FallbackInput) => api<AdjustmentView>('/api/v1/staffing/fallbacks', { method: 'POST', body });
export const listPlans = (branchId: string) => api<Items<StaffingPlanView>>(`/api/v1/staffing-plans?branchId=${branchId}`);
export const draftPlan = (body: StaffingPlanInput) => api<StaffingPlanView>('/api/v1/staffing-plans', { method: 'POST', body });
export const approvePlan = (id: string) => api<StaffingPlanView>(`/api/v1/staffing-plans/${id}/approval`, { method: 'POST' });
export const readCoverage = (on: string) => api<StaffingCoverage>(`/api/v1/staffing/coverage?on=${on}`);
