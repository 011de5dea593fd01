import { Cascader, Select } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { STREET_OPTIONS } from './streets.ts';

interface Option {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: Option[];
}

// The committees (some 200 KB of names) load when a street is opened, not with the console.
const loadCommittees = () => import('@shouhu/common/committees');

/**
 * District → street → neighbourhood or village committee, from the division data. The value is
 * the committee's twelve-digit code.
 */
export function CommitteePicker({ value, onChange, id }: { value?: string; onChange?: (code: string | undefined) => void; id?: string }) {
  const [options, setOptions] = useState<Option[]>(() =>
    STREET_OPTIONS.map((d) => ({ ...d, children: d.children.map((s) => ({ ...s, isLeaf: false })) })),
  );
  const fill = useCallback(async (streetCode: string) => {
    const { listCommittees } = await loadCommittees();
    const committees = listCommittees(streetCode).map((c) => ({ value: c.code, label: c.name, isLeaf: true }));
    setOptions((all) =>
      all.map((d) => ({ ...d, children: d.children?.map((s) => (s.value === streetCode ? { ...s, children: committees } : s)) })),
    );
  }, []);
  // A value given from outside (a record being edited) shows its path once its street's committees are loaded.
  const street = value?.length === 12 ? value.slice(0, 9) : undefined;
  useEffect(() => {
    if (street) void fill(street);
  }, [street, fill]);
  const path = value && value.length === 12 ? [value.slice(0, 6), value.slice(0, 9), value] : undefined;
  return (
    <Cascader<Option>
      id={id}
      options={options}
      value={path}
      showSearch={false}
      changeOnSelect={false}
      loadData={(selected) => {
        const last = selected.at(-1);
        if (last && String(last.value).length === 9) void fill(String(last.value));
      }}
      onChange={(codes) => onChange?.(codes ? (codes.at(-1) as string | undefined) : undefined)}
      style={{ width: '100%' }}
    />
  );
}

/** The committees of one street, for a form that already asks for the street (a zone, a compound). */
export function CommitteeSelect({
  streetCode,
  value,
  onChange,
  id,
}: {
  streetCode?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    if (!streetCode) setOptions([]);
    else
      void loadCommittees().then(({ listCommittees }) => {
        if (live) setOptions(listCommittees(streetCode).map((c) => ({ value: c.code, label: c.name })));
      });
    return () => {
      live = false;
    };
  }, [streetCode]);
  return (
    <Select
      id={id}
      allowClear
      showSearch
      optionFilterProp="label"
      disabled={!streetCode}
      value={value}
      onChange={(code) => onChange?.(code ?? undefined)}
      options={options}
    />
  );
}
