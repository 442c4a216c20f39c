import { useEffect, type ReactNode } from 'react';

/**
 * A dialog over the window: a dimmed overlay that closes it when clicked, Escape closes it too, and the box itself
 * (`className` styles it) is announced as a modal dialog named `label`.
 */
export function ModalDialog({
  label,
  className,
  testId,
  onClose,
  children,
}: {
  label: string;
  className: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="overlay" onClick={onClose}>
      <div
        className={className}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        data-testid={testId}
        onClick={(event) => event.stopPropagation()}
      >
        {children}
      </div>
    </div>
  );
}
