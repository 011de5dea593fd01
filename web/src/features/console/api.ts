import type { DeskAnswer, FigureAnswer } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const readFigures = () => api<FigureAnswer>('/api/v1/figures');
export const readDesk = () => api<DeskAnswer>('/api/v1/desk');
