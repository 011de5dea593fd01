import type { OrganizationList } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listOrganizations = () => api<OrganizationList>('/api/v1/organizations');
