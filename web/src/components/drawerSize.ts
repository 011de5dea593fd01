import { Grid } from 'antd';

/** A form drawer's size: antd's large one, or the whole width on a phone (a large one would overflow it). */
export function useDrawerSize(): 'large' | '100%' {
  return Grid.useBreakpoint().md === false ? '100%' : 'large';
}
