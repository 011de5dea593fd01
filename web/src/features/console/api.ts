import type { FigureAnswer } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const readFigures = () => api<FigureAnswer>('/api/v1/figures');
