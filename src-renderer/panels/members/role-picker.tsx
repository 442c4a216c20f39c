import { ROLES, type Role } from '../../../src-shared/api/permissions.ts';

/** What each role may do, in words (the picker's tooltips and the Members panel's legend). */
export const ROLE_WORDS: Readonly<Record<Role, string>> = {
  owner: 'everything, members, tokens and secrets included',
  editor: 'changes and runs workflows',
  operator: 'runs, cancels, resumes and activates workflows',
  approver: 'decides approvals',
  viewer: 'reads workflows, runs and logs',
};

/** Capitalised role names for people: "Owner", "Viewer". */
export function roleLabel(role: Role): string {
  return `${role.slice(0, 1).toUpperCase()}${role.slice(1)}`;
}

/** A select of the five roles. */
export function RolePicker({
  value,
  onChange,
  disabled,
  label,
  testId,
}: {
  value: Role;
  onChange: (role: Role) => void;
  disabled?: boolean;
  label: string;
  testId: string;
}) {
  return (
    <select
      aria-label={label}
      data-testid={testId}
      value={value}
      disabled={disabled}
      title={ROLE_WORDS[value]}
      onChange={(event) => onChange(event.currentTarget.value as Role)}
    >
      {ROLES.map((role) => (
        <option key={role} value={role} title={ROLE_WORDS[role]}>
          {roleLabel(role)}
        </option>
      ))}
    </select>
  );
}
