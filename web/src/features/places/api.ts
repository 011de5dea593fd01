import type { CompoundInput, CompoundView, GridInput, GridView, Items } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listCompounds = (committeeCode: string) => api<Items<CompoundView>>(`/api/v1/compounds?committeeCode=${committeeCode}`);
export const registerCompound = (body: CompoundInput) => api<CompoundView>('/api/v1/compounds', { method: 'POST', body });
export const listGrids = () => api<Items<GridView>>('/api/v1/grids');
export const defineGrid = (body: GridInput) => api<GridView>('/api/v1/grids', { method: 'POST', body });
export const changeGrid = (id: string, body: GridInput) => api<GridView>(`/api/v1/grids/${id}`, { method: 'PUT', body });
