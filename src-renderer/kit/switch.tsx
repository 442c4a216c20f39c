import './switch.css';

interface SwitchProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** What it switches, for screen readers ("Activate Daily digest"). */
  label: string;
  /** Shown beside the track ("Active" / "Inactive"); none for a bare switch. */
  text?: string;
  disabled?: boolean;
  /** The change is on its way: the switch waits. */
  busy?: boolean;
  testId?: string;
  title?: string;
}

/** An on/off switch (`role="switch"`): Space or a click flips it. */
export function Switch({ checked, onChange, label, text, disabled = false, busy = false, testId, title }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      className={['switch', checked ? 'on' : 'off', busy ? 'busy' : ''].join(' ').trim()}
      aria-checked={checked}
      aria-label={label}
      aria-busy={busy || undefined}
      disabled={disabled || busy}
      data-testid={testId}
      title={title}
      onClick={(event) => {
        event.stopPropagation();
        onChange(!checked);
      }}
    >
      <span className="switch-track" aria-hidden>
        <span className="switch-thumb" />
      </span>
      {text !== undefined && <span className="switch-text">{text}</span>}
    </button>
  );
}
