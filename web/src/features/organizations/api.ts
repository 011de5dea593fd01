import type { Organization, OrganizationInput, OrganizationList } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listOrganizations = () => api<OrganizationList>('/api/v1/organizations');
export const createOrganization = (body: OrganizationInput) => api<Organization>('/api/v1/organizations', { method: 'POST', body });
