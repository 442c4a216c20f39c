import type { ReactNode } from 'react';
import { dockTabId } from '../test-ids.ts';

export interface TabDef<T extends string> {
  id: T;
  label: ReactNode;
}

/** A row of tabs (ARIA tablist); the panel below is the caller's. */
export function Tabs<T extends string>({
  tabs,
  current,
  onChange,
  label,
}: {
  tabs: readonly TabDef<T>[];
  current: T;
  onChange: (id: T) => void;
  label: string;
}) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === current}
          className={tab.id === current ? 'tab current' : 'tab'}
          data-testid={dockTabId(tab.id)}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
